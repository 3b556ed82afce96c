#!/usr/bin/env bash
# One full-path measurement against a fresh command-line local stage: start it (unthrottled plan, extra stage
# arguments from the command line), warm it with a 10 s wrk run, measure a 20 s wrk run with the CPU split of the
# stage's processes, stop it. Bounded: about 60 s, loopback only.
#   bench/fullpath-run.sh [--concurrency-cap 4] [--prewarm 4] [...more local-stage options]
# Environment: WRK_CONNECTIONS (16), WRK_SECONDS (20), DATA (/tmp/turnstile-bench/fullpath).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-/tmp/turnstile-bench/fullpath}
conns=${WRK_CONNECTIONS:-16}
secs=${WRK_SECONDS:-20}
rm -rf "$data"; mkdir -p "$data"
java -jar localstage/target/turnstile-localstage.jar --template sam/template.yaml --port 0 --data "$data/stage" \
  --param ThrottleRate=100000 --param ThrottleBurst=50000 --param QuotaLimit=100000000 "$@" > "$data/stage.log" 2>&1 &
stage=$!
trap 'kill $stage 2>/dev/null; wait $stage 2>/dev/null || true' EXIT
for _ in $(seq 120); do grep -q "local stage ready" "$data/stage.log" && break; kill -0 $stage; sleep 0.5; done
grep -q "local stage ready" "$data/stage.log" || { echo "stage did not start"; tail "$data/stage.log"; exit 1; }
URL=$(jq -r .invokeUrl "$data/stage/stage.json")
export TURNSTILE_API_KEY=$(jq -r '.usagePlans[] | select(.name|endswith("-standard")) | .apiKeys[0].value' "$data/stage/stage.json")
echo "stage options: $* | load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$conns" -d10s -s bench/wrk/fullpath.lua "$URL" > "$data/warm.txt"
echo "warm-up: $(grep -E 'Requests/sec' "$data/warm.txt") $(grep -E 'non-200|timeout' "$data/warm.txt" | tr '\n' ' ')"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/wrk/fullpath.lua "$URL" > "$data/wrk.txt" &
wrkpid=$!
sleep 2
bench/profile/cpu-split.sh $stage $((secs - 4)) > "$data/cpu.txt" || true
wait $wrkpid
grep -E "Requests/sec|50%|90%|99%|non-200|timeout|Non-2xx" "$data/wrk.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$data/wrk.txt")
# CPU per request: the share of a core each process used, divided by the request rate
awk -v rps="$rps" '/ cores/ { printf "%s  = %.2f ms CPU per request\n", $0, $(NF-5) * 1000 / rps; next } { print }' \
  "$data/cpu.txt"
