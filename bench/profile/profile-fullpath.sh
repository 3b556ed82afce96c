#!/usr/bin/env bash
# Where the full path's time goes: a command-line local stage writing through its own dynalite (started here under
# the Node profiler), a 10 s wrk warm-up, then a measured wrk run during which JFR records the stage JVM and one
# writer execution environment, and the CPU split of every process is sampled. Bounded (about 70 s), loopback only.
#   bench/profile/profile-fullpath.sh [OUT_DIR] [-- more local-stage options, e.g. --concurrency-cap 4 --prewarm 4]
# Environment: WRK_CONNECTIONS (16), WRK_SECONDS (30), WARM_SECONDS (10), STAGE_JAR (the built local stage),
# JFR (1; 0 measures without the recorders). Needs wrk, jq, the JDK's jcmd/jfr and node.
# Output in OUT_DIR (default /tmp/turnstile-bench/profile): stage.jfr, writer.jfr, dynalite/*.cpuprofile, wrk.txt,
# cpu.txt, and the top frames of each (stage-top.txt, writer-top.txt, dynalite-top.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-/tmp/turnstile-bench/profile}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
conns=${WRK_CONNECTIONS:-16}
secs=${WRK_SECONDS:-30}
warm=${WARM_SECONDS:-10}
jar=${STAGE_JAR:-localstage/target/turnstile-localstage.jar}
jfr=${JFR:-1}
rm -rf "$out"; mkdir -p "$out/dynalite"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# dynalite under the Node profiler; SIGINT/SIGTERM exit through process.exit so the profile is written
dyn_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo "for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(0));" > "$out/exit-on-sigint.js"
nice -n 10 node --cpu-prof --cpu-prof-dir="$out/dynalite" --require "$out/exit-on-sigint.js" \
  localstage/dynalite/node_modules/dynalite/cli.js --host 127.0.0.1 --port "$dyn_port" --path "$out/dyn-data" \
  --createTableMs 50 > "$out/dynalite.log" 2>&1 &
dyn=$!; pids+=("$dyn")

java -jar "$jar" --template sam/template.yaml --port 0 --data "$out/stage" \
  --dynamodb-endpoint "http://127.0.0.1:$dyn_port" \
  --param ThrottleRate=100000 --param ThrottleBurst=50000 --param QuotaLimit=100000000 "$@" > "$out/stage.log" 2>&1 &
stage=$!; pids=("$stage" "${pids[@]}")
for _ in $(seq 240); do grep -q "local stage ready" "$out/stage.log" && break; kill -0 $stage; sleep 0.5; done
grep -q "local stage ready" "$out/stage.log" || { echo "stage did not start"; tail "$out/stage.log"; exit 1; }
URL=$(jq -r .invokeUrl "$out/stage/stage.json")
export TURNSTILE_API_KEY=$(jq -r '.usagePlans[] | select(.name|endswith("-standard")) | .apiKeys[0].value' "$out/stage/stage.json")
echo "stage options: $* | load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$conns" -d"${warm}s" -s bench/wrk/fullpath.lua "$URL" > "$out/warm.txt"
echo "warm-up: $(grep -E 'Requests/sec' "$out/warm.txt") $(grep -E 'non-200|timeout' "$out/warm.txt" | tr '\n' ' ')"

writer=""
for p in $(pgrep -P "$stage"); do
  # grep -z reads the NUL-separated environment itself: no pipe for an early-exiting grep -q to break under pipefail
  if grep -qz '^AWS_LAMBDA_FUNCTION_NAME=.*writer' "/proc/$p/environ" 2>/dev/null; then writer=$p; break; fi
done
wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/wrk/fullpath.lua "$URL" > "$out/wrk.txt" &
wrkpid=$!
sleep 2
jfr_secs=$((secs - 6))
if [ "$jfr" = 1 ]; then
  jcmd "$stage" JFR.start name=bench settings=profile duration=${jfr_secs}s filename="$out/stage.jfr" > /dev/null
  [ -n "$writer" ] && jcmd "$writer" JFR.start name=bench settings=profile duration=${jfr_secs}s filename="$out/writer.jfr" > /dev/null
fi
bench/profile/cpu-split.sh "$stage" "$jfr_secs" "$dyn" > "$out/cpu.txt" || true
wait $wrkpid
sleep 2
grep -E "Requests/sec|50%|90%|99%|non-200|timeout" "$out/wrk.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
# CPU per request: cores / (requests per second), in ms, per process kind
awk -v rps="$rps" '/cores/ { split($0, a, " [(]"); kind=a[1]; sub(/ +[0-9]+$/, "", kind); for (i=1;i<=NF;i++) if ($(i+1)=="cores") { c[kind]+=$i } }
  END { for (k in c) printf "cpu per request  %-22s %6.3f ms\n", k, 1000*c[k]/rps }' "$out/cpu.txt" | sort
cat "$out/cpu.txt"
cleanup
trap - EXIT
sleep 1
[ -f "$out/stage.jfr" ] && { bench/profile/jfr-top.py "$out/stage.jfr" 30 --threads > "$out/stage-top.txt" || true; }
[ -f "$out/writer.jfr" ] && { bench/profile/jfr-top.py "$out/writer.jfr" 30 --threads > "$out/writer-top.txt" || true; }
profs=("$out"/dynalite/*.cpuprofile)
prof=${profs[0]}
[ -f "$prof" ] && { bench/profile/cpuprofile-top.py "$prof" 30 > "$out/dynalite-top.txt" || true; }
echo "profiles and their top frames in $out"
