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

# shellcheck source=../localstage/start-stage.sh
. localstage/start-stage.sh
start_stage "$data" "$root/stage.log" --param ThrottleRate=20 --param ThrottleBurst=40

# the classpath Jib packs into the image (the deploy module's runtime dependencies)
mvn -B -q -pl deploy dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$root/classpath"
# the Secret turnstile-stage is the local stage's data folder (its key stage.json is the profile)
java -cp "$PWD/deploy/target/classes:$(cat "$root/classpath")" dev.turnstile.deploy.local.LocalJobs \
  --manifests deploy/kubernetes --root "$root" --secret turnstile-stage="$data" --injectors "$injectors" \
  --config simulation="$simulation" --config run="$(echo "$simulation" | tr 'A-Z' 'a-z')-local"
