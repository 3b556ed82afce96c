#!/usr/bin/env bash
# The one-sitting table of bench/README.md, every figure measured in one run on this machine, side by side:
#   1. dynalite alone: PutItem of a writer-shaped item through wrk (the ceiling of any path that writes through it)
#   2. full path peak: wrk -t2 -c16 on a command-line local stage (unthrottled plan, pre-warmed, 20 s warm-up)
#   3. constant 300 req/s for 20 s on the same stage (ConstantRate: latency from each request's scheduled time)
#   4. 429 path: the small plan's key once its bucket is empty, wrk -t2 -c32 (its quota raised, so the answers are
#      the throttle's 429 TooManyRequestsException, not the quota's LimitExceededException after 50 requests)
#   5. nginx static: a 40-byte file from nginx on 127.0.0.1, wrk -t2 -c32
#   6. dynalite alone again (the machine's drift during the sitting)
# Bounded (about 4 minutes), loopback only; every process started here is stopped on exit.
#   bench/sitting.sh [OUT_DIR]     (default /tmp/turnstile-bench/sitting; needs wrk, jq, nginx, node, the AWS CLI)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/turnstile-bench/sitting}
secs=${WRK_SECONDS:-20}
rm -rf "$out"; mkdir -p "$out"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
row() { printf '| %s | %s | %s |\n' "$1" "$2" "$3" | tee -a "$out/table.md"; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1"; }

echo "| what | result | load average (1, 5, 15 min) |" > "$out/table.md"
echo "|---|---|---|" >> "$out/table.md"

# 1. dynalite alone, at the priority the stage gives it (nice 10)
dyn_port=$(free_port)
nice -n 10 node localstage/dynalite/node_modules/dynalite/cli.js --host 127.0.0.1 --port "$dyn_port" \
  --path "$out/dyn-data" --createTableMs 50 > "$out/dynalite.log" 2>&1 &
pids+=($!)
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1
for _ in $(seq 60); do aws dynamodb list-tables --endpoint-url "http://127.0.0.1:$dyn_port" > /dev/null 2>&1 && break; sleep 0.5; done
aws dynamodb create-table --endpoint-url "http://127.0.0.1:$dyn_port" --table-name bench-items \
  --attribute-definitions AttributeName=ID,AttributeType=S --key-schema AttributeName=ID,KeyType=HASH \
  --billing-mode PAY_PER_REQUEST > /dev/null
sleep 1
dynalite_alone() {
  TURNSTILE_TABLE=bench-items wrk -t2 -c16 -d"${secs}s" --latency -s bench/wrk/putitem.lua "http://127.0.0.1:$dyn_port" > "$1"
  row "$2" "$(rps "$1") req/s, p99 $(p99 "$1"), $(grep -o 'non-200: [0-9]*' "$1")" "$(load)"
}
TURNSTILE_TABLE=bench-items wrk -t2 -c16 -d5s -s bench/wrk/putitem.lua "http://127.0.0.1:$dyn_port" > /dev/null
dynalite_alone "$out/dynalite-1.txt" "dynalite alone, PutItem, wrk -t2 -c16 -d${secs}s"

# 2-4. one command-line stage, unthrottled standard plan, writing through its own supervised dynalite
java -jar "${STAGE_JAR:-localstage/target/turnstile-localstage.jar}" --template sam/template.yaml --port 0 --data "$out/stage" \
  --param ThrottleRate=100000 --param ThrottleBurst=50000 --param QuotaLimit=100000000 --param SmallQuotaLimit=1000000000 --prewarm 4 \
  > "$out/stage.log" 2>&1 &
stage=$!; pids=("$stage" "${pids[@]}")
for _ in $(seq 400); do grep -q "local stage ready" "$out/stage.log" && break; kill -0 $stage; sleep 0.5; done
grep -q "local stage ready" "$out/stage.log" || { echo "stage did not start"; tail "$out/stage.log"; exit 1; }
URL=$(jq -r .invokeUrl "$out/stage/stage.json")
export TURNSTILE_API_KEY=$(jq -r '.usagePlans[] | select(.name|endswith("-standard")) | .apiKeys[0].value' "$out/stage/stage.json")
SMALL_KEY=$(jq -r '.usagePlans[] | select(.name|endswith("-small")) | .apiKeys[0].value' "$out/stage/stage.json")
wrk -t2 -c16 -d20s -s bench/wrk/fullpath.lua "$URL" > "$out/fullpath-warm.txt"
wrk -t2 -c16 -d"${secs}s" --latency -s bench/wrk/fullpath.lua "$URL" > "$out/fullpath.txt" &
wrkpid=$!
sleep 2
bench/profile/cpu-split.sh "$stage" $((secs - 4)) > "$out/fullpath-cpu.txt" || true
wait $wrkpid
row "full path peak, wrk -t2 -c16 -d${secs}s (after a 20 s warm-up)" \
  "$(rps "$out/fullpath.txt") req/s, p99 $(p99 "$out/fullpath.txt"), $(grep 'non-200' "$out/fullpath.txt")" "$(load)"
java bench/constant-rate/ConstantRate.java "$URL" "$TURNSTILE_API_KEY" 300 "$secs" > "$out/constant-300.txt" 2>&1 || true
row "full path, constant 300 req/s for ${secs} s" \
  "$(grep -o 'p50 [0-9.]*  p90 [0-9.]*  p99 [0-9.]*' "$out/constant-300.txt") ms; $(grep -o 'achieved send rate [0-9.]* req/s' "$out/constant-300.txt"); $(grep 'errors' "$out/constant-300.txt")" "$(load)"
# fullpath.lua counts the answers by status: once the small plan's burst is spent, every answer is a 429
TURNSTILE_API_KEY=$SMALL_KEY wrk -t2 -c32 -d3s -s bench/wrk/fullpath.lua "$URL" > /dev/null 2>&1 || true
TURNSTILE_API_KEY=$SMALL_KEY wrk -t2 -c32 -d10s --latency -s bench/wrk/fullpath.lua "$URL" > "$out/throttled.txt"
row "429 path (small plan key, bucket empty: 429 TooManyRequestsException), wrk -t2 -c32 -d10s" \
  "$(rps "$out/throttled.txt") req/s, p99 $(p99 "$out/throttled.txt"), $(grep 'non-200' "$out/throttled.txt" | tr '\n' ' ')" "$(load)"
kill "$stage"; wait "$stage" 2>/dev/null || true

# 5. nginx static on 127.0.0.1
ng_port=$(free_port)
mkdir -p "$out/nginx/html"
printf '{"static":"turnstile bench response"}\n' > "$out/nginx/html/static.json"
cat > "$out/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $out/nginx/nginx.pid;
error_log $out/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $out/nginx; proxy_temp_path $out/nginx; fastcgi_temp_path $out/nginx;
  uwsgi_temp_path $out/nginx; scgi_temp_path $out/nginx;
  server { listen 127.0.0.1:$ng_port; root $out/nginx/html; }
}
EOF
nginx -c "$out/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
sleep 1
wrk -t2 -c32 -d10s --latency "http://127.0.0.1:$ng_port/static.json" > "$out/nginx.txt"
row "nginx static (1 worker), wrk -t2 -c32 -d10s" "$(rps "$out/nginx.txt") req/s, p99 $(p99 "$out/nginx.txt")" "$(load)"

# 6. dynalite alone once more
dynalite_alone "$out/dynalite-2.txt" "dynalite alone again, PutItem, wrk -t2 -c16 -d${secs}s"
echo
echo "full path CPU split:"; cat "$out/fullpath-cpu.txt"
echo "table in $out/table.md"
