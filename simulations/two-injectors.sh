#!/usr/bin/env bash
# Two injector processes against one local stage, then the merge: the multi-injector path of the README, run for
# real on this machine (127.0.0.1 only). Usage: simulations/two-injectors.sh [Simulation] (default ThrottleRate).
# Needs the build installed first (mvn -B -DskipTests install). Exits with the merge's code (0 = merged verdict passed).
set -euo pipefail
cd "$(dirname "$0")/.."
simulation="${1:-ThrottleRate}"
data="$PWD/target/two-injectors/stage"
runs="$PWD/target/turnstile/runs"
rm -rf "$data"
mkdir -p "$data"

java -jar localstage/target/turnstile-localstage.jar --template sam/template.yaml --port 0 --data "$data" \
  --param ThrottleRate=20 --param ThrottleBurst=40 > "$data/../stage.log" 2>&1 &
stage_pid=$!
trap 'kill "$stage_pid" 2>/dev/null || true; wait "$stage_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  [ -f "$data/stage.json" ] && break
  kill -0 "$stage_pid" 2>/dev/null || { cat "$data/../stage.log"; echo "the local stage did not start" >&2; exit 1; }
  sleep 1
done
[ -f "$data/stage.json" ] || { echo "the local stage wrote no stage.json within 120 s" >&2; exit 1; }

# compile once; the two injectors then skip compilation, or both would rebuild target/test-classes at once and
# one could start Gatling while the other had emptied it (seen: ClassNotFoundException ThrottleRateSimulation)
mvn -B -q -pl simulations test-compile
for i in 0 1; do
  mvn -B -q -pl simulations gatling:test -Dmaven.main.skip=true -Dmaven.test.skip=true \
    -Dturnstile.simulation="$simulation" -Dturnstile.stage="$data/stage.json" \
    -Dturnstile.injectors=2 -Dturnstile.injector=$i > "$data/../injector-$i.log" 2>&1 &
  pids[$i]=$!
done
status=0
for i in 0 1; do
  wait "${pids[$i]}" || { status=1; echo "injector $i failed:" >&2; tail -40 "$data/../injector-$i.log" >&2; }
done
[ $status = 0 ] || exit 1
dirs=$(ls -dt "$runs/$simulation-i0-"* | head -1; ls -dt "$runs/$simulation-i1-"* | head -1)
echo "merging:" $dirs
mvn -B -q -pl simulations exec:java@merge -Dexec.args="--stage $data/stage.json $(echo $dirs)"
