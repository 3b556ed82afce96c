#!/usr/bin/env bash
# The scaling benchmark's sitting (bench/README.md, "Scaling"): one fresh command-line local stage (standard plan
# 1,000 req/s, burst 2,000), then for each N a synthetic run (N split over 4 injectors) and ScaleSteps on it with
# -Xmx512m — merge, cross-check, judge, capacity report, each timed with its heap and AWS calls — and the load
# average before each row. At 100k also BatchGetItem instead of Scan, and the normal merge command in 512 MB.
# Usage: bench/scale.sh OUT_DIR [N ...] (default 10000 100000 1000000). Needs `mvn -B -DskipTests install` first.
# STEPS_OPTS adds JVM flags to ScaleSteps (e.g. a JFR recording); NORMAL=0 skips the 100k extras.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"; shift
sizes=("$@")
[ $# -gt 0 ] || sizes=(10000 100000 1000000)
rm -rf "$out"; mkdir -p "$out"
mvn -B -q -o -pl bench dependency:build-classpath -Dmdep.outputFile="$out/cp" >/dev/null
CP="$PWD/bench/target/classes:$(cat "$out/cp")"
java -jar localstage/target/turnstile-localstage.jar --template sam/template.yaml --port 0 --data "$out/data" \
  --param ThrottleRate=1000 --param ThrottleBurst=2000 --param QuotaLimit=100000000 > "$out/stage.log" 2>&1 &
stage_pid=$!
trap 'kill "$stage_pid" 2>/dev/null || true; wait "$stage_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do [ -f "$out/data/stage.json" ] && break; sleep 1; done
[ -f "$out/data/stage.json" ] || { echo "no stage.json within 120 s" >&2; exit 1; }
# a synthetic run's metric cross-check fails by design (bench/README.md): compare once instead of polling 10 s
steps=(java -Xmx512m ${STEPS_OPTS:-} -Dturnstile.crosscheck.deadline=PT0S -cp "$CP" dev.turnstile.bench.scale.ScaleSteps
  --stage "$out/data/stage.json")
for n in "${sizes[@]}"; do
  echo "== N=$n  load $(cut -d' ' -f1-3 /proc/loadavg)  $(date -u +%H:%M:%S)"
  java -cp "$CP" dev.turnstile.bench.scale.SyntheticRun --stage "$out/data/stage.json" --requests "$n" \
    --runs "$out/runs-$n" | tail -2 | tee "$out/synthetic-$n.txt"
  dirs=$(tail -1 "$out/synthetic-$n.txt")
  echo "-- steps, load $(cut -d' ' -f1-3 /proc/loadavg)"
  "${steps[@]}" --out "$out/merged-$n" $dirs 2>&1 | grep -E '^STEP|^requests'
  if [ "$n" = 100000 ] && [ "${NORMAL:-1}" = 1 ]; then
    echo "-- steps with BatchGetItem, load $(cut -d' ' -f1-3 /proc/loadavg)"
    "${steps[@]}" --items batch --out "$out/merged-$n-batch" $dirs 2>&1 | grep -E '^STEP|^requests'
    echo "-- the normal merge command, -Xmx512m, load $(cut -d' ' -f1-3 /proc/loadavg)"
    start=$(date +%s.%N)
    java -Xmx512m -Xlog:gc:file="$out/merge-$n-gc.log" -Dturnstile.bench.calls=true -cp "$CP" \
      dev.turnstile.simulations.merge.MergeCommand --stage "$out/data/stage.json" --out "$out/merge-$n" $dirs \
      > "$out/merge-$n.txt" 2>&1 || true
    echo "merge command: $(echo "$(date +%s.%N) - $start" | bc) s, largest heap before a GC:" \
      "$(grep -oE '[0-9]+M->' "$out/merge-$n-gc.log" | cut -dM -f1 | sort -n | tail -1) MB"
    grep -E 'Turnstile|cross-check|FAILED|AWS calls' "$out/merge-$n.txt" | cut -c1-400
  fi
done
echo "== done, load $(cut -d' ' -f1-3 /proc/loadavg)  $(date -u +%H:%M:%S)"
