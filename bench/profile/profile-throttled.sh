#!/usr/bin/env bash
# Where the 429 path's time goes: a command-line local stage, the small plan's key driven past its burst so every
# answer is 429 TooManyRequestsException (route, cached TOKEN authorizer, API key, usage plan, access log, metrics —
# no Lambda invocation), a short wrk warm-up, then a measured wrk run during which JFR records the stage JVM and the
# CPU split is sampled. Bounded (about 40 s), loopback only; every process started here is stopped on exit.
#   bench/profile/profile-throttled.sh [OUT_DIR] [-- more local-stage options]
# Environment: WRK_CONNECTIONS (32), WRK_SECONDS (20), WARM_SECONDS (5), STAGE_JAR (the built local stage),
# WRK_SCRIPT (bench/wrk/throttled.lua; bench/wrk/fullpath.lua counts the answers by status, at a cost in wrk),
# JFR (1; 0 measures without the recorder). Needs wrk, jq and the JDK's jcmd/jfr.
# Output in OUT_DIR (default /tmp/turnstile-bench/profile-429): stage.jfr, wrk.txt, cpu.txt, stage-top.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-/tmp/turnstile-bench/profile-429}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
# the knobs, with their defaults (the header above)
: "${WRK_CONNECTIONS:=32}" "${WRK_SECONDS:=20}" "${WARM_SECONDS:=5}" "${JFR:=1}" "${WRK_SCRIPT:=bench/wrk/throttled.lua}"
: "${STAGE_JAR:=localstage/target/turnstile-localstage.jar}"
conns=$WRK_CONNECTIONS secs=$WRK_SECONDS warm=$WARM_SECONDS jar=$STAGE_JAR jfr=$JFR script=$WRK_SCRIPT
rm -rf "$out"; mkdir -p "$out"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# the small plan's quota (50 a day) would be spent in the warm-up's first milliseconds and every answer after it be
# the quota's 429 LimitExceededException; raised, the answers are the throttle's 429 TooManyRequestsException (and
# the plan's 10 req/s admitted, written through the full path)
java -jar "$jar" --template sam/template.yaml --port 0 --data "$out/stage" --prewarm 1 \
  --param SmallQuotaLimit=1000000000 "$@" > "$out/stage.log" 2>&1 &
stage=$!; pids+=("$stage")
for _ in $(seq 240); do grep -q "local stage ready" "$out/stage.log" && break; kill -0 $stage; sleep 0.5; done
grep -q "local stage ready" "$out/stage.log" || { echo "stage did not start"; tail "$out/stage.log"; exit 1; }
URL=$(jq -r .invokeUrl "$out/stage/stage.json")
export TURNSTILE_API_KEY=$(jq -r '.usagePlans[] | select(.name|endswith("-small")) | .apiKeys[0].value' "$out/stage/stage.json")
echo "stage options: $* | load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# the warm-up spends the small plan's burst, so the measured run sees an empty bucket
wrk -t2 -c"$conns" -d"${warm}s" -s "$script" "$URL" > "$out/warm.txt"
echo "warm-up: $(grep -E 'Requests/sec' "$out/warm.txt")"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$script" "$URL" > "$out/wrk.txt" &
wrkpid=$!
sleep 2
jfr_secs=$((secs - 5))
if [ "$jfr" = 1 ]; then
  jcmd "$stage" JFR.start name=bench settings=profile duration=${jfr_secs}s filename="$out/stage.jfr" > /dev/null
fi
bench/profile/cpu-split.sh "$stage" "$jfr_secs" > "$out/cpu.txt" || true
# wrk counts the answers that were not 2xx; the same request sent while wrk still runs shows which answer they were
answer=$(curl -s -o /dev/null -D - -X POST "$URL/items" -H "x-api-key: $TURNSTILE_API_KEY" -H 'authorizationToken: allow' \
  -H 'Content-Type: application/json' --data '{"bench":true}' | tr -d '\r' | awk 'NR==1 {s=$2} tolower($1)=="x-amzn-errortype:" {t=$2} END {print s, t}')
echo "the same request during the run: $answer"
[ "$answer" = "429 TooManyRequestsException" ] || { echo "the measured answers were not the throttle's 429"; exit 1; }
wait $wrkpid
sleep 2
grep -E "Requests/sec|50%|90%|99%|non-2xx|timeout" "$out/wrk.txt"
cat "$out/cpu.txt"
cleanup
trap - EXIT
sleep 1
if [ -f "$out/stage.jfr" ]; then
  bench/profile/jfr-top.py "$out/stage.jfr" 40 --threads > "$out/stage-top.txt" || true
fi
echo "profile and its top frames in $out"
