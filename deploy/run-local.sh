#!/usr/bin/env bash
# deploy/kubernetes run on this machine: a command-line local stage (ThrottleRate=20, ThrottleBurst=40), then the
# manifests' Jobs as processes (dev.turnstile.deploy.local.LocalJobs) — N injector pods with JOB_COMPLETION_INDEX
# set, the merge pod waiting for them on the runs "volume" — exactly the container command the cluster runs.
# Usage: deploy/run-local.sh [Simulation (ThrottleRate)] [injectors (2)]. Needs the build installed first
# (mvn -B -DskipTests install). Exits 0 when every Job completed and the merged verdict passed.
set -euo pipefail
cd "$(dirname "$0")/.."
simulation="${1:-ThrottleRate}"
injectors="${2:-2}"
root="$PWD/target/kubernetes-local"
data="$root/stage"
rm -rf "$root"
mkdir -p "$data"

java -jar localstage/target/turnstile-localstage.jar --template sam/template.yaml --port 0 --data "$data" \
  --param ThrottleRate=20 --param ThrottleBurst=40 > "$root/stage.log" 2>&1 &
stage_pid=$!
trap 'kill "$stage_pid" 2>/dev/null || true; wait "$stage_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  [ -f "$data/stage.json" ] && break
  kill -0 "$stage_pid" 2>/dev/null || { cat "$root/stage.log"; echo "the local stage did not start" >&2; exit 1; }
  sleep 1
done
[ -f "$data/stage.json" ] || { echo "the local stage wrote no stage.json within 120 s" >&2; exit 1; }

# the classpath Jib packs into the image (the deploy module's runtime dependencies)
mvn -B -q -pl deploy dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$root/classpath"
# the Secret turnstile-stage is the local stage's data folder (its key stage.json is the profile)
java -cp "$PWD/deploy/target/classes:$(cat "$root/classpath")" dev.turnstile.deploy.local.LocalJobs \
  --manifests deploy/kubernetes --root "$root" --secret turnstile-stage="$data" --injectors "$injectors" \
  --config simulation="$simulation" --config run="$(echo "$simulation" | tr 'A-Z' 'a-z')-local"
