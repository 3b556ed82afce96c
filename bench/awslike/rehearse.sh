#!/usr/bin/env bash
# The deployed path rehearsed on this machine (issue 12, docs/aws-behaviour.md §15): a command-line local stage in its
# AWS-like mode, the suite pointed at it as at a deployed stage — a profile of the deployed kind ("kind": "aws": no
# clock, AWS tolerances and deadlines, SDK clients from the default chain) with the standard AWS_ENDPOINT_URL_*
# variables and dummy credentials sending every SDK call to the local stage.
#
# Usage: bench/awslike/rehearse.sh [--run conformance,Smoke,ThrottleRate] [--name NAME] [--param Name=Value]...
#                                  [--simulation-args "-Dturnstile.throttle.duration=PT20S ..."] [-- stage options...]
#   e.g. bench/awslike/rehearse.sh -- --gateway-nodes 8
#        bench/awslike/rehearse.sh --run ThrottleRate --name over-admit -- --fault over-admit
# Needs the build installed first (mvn -B -DskipTests install). Writes target/awslike/<name>/: stage.log, the local
# profile and the deployed-kind one (aws-stage.json), one log per step, summary.txt. Exit code 0 when every step passed.
set -uo pipefail
cd "$(dirname "$0")/../.."
runs="conformance,Smoke,ThrottleRate"
name="rehearsal"
params=()
sim_args=""
while [ $# -gt 0 ]; do
  case "$1" in
    --run) runs="$2"; shift 2 ;;
    --name) name="$2"; shift 2 ;;
    --param) params+=(--param "$2"); shift 2 ;;
    --simulation-args) sim_args="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown argument $1 (stage options go after --)" >&2; exit 2 ;;
  esac
done
stage_args=("$@")
root="$PWD/target/awslike/$name"
data="$root/stage"
rm -rf "$root"
mkdir -p "$data"

java -jar localstage/target/turnstile-localstage.jar --template sam/template.yaml --port 0 --data "$data" \
  --aws-like "${params[@]}" "${stage_args[@]}" > "$root/stage.log" 2>&1 &
stage_pid=$!
trap 'kill "$stage_pid" 2>/dev/null || true; wait "$stage_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  [ -f "$data/stage.json" ] && break
  kill -0 "$stage_pid" 2>/dev/null || { cat "$root/stage.log"; echo "the local stage did not start" >&2; exit 1; }
  sleep 1
done
[ -f "$data/stage.json" ] || { echo "the local stage wrote no stage.json within 180 s" >&2; exit 1; }

# The endpoints a deployed stage's SDK clients resolve through the standard variables (the SDK's own
# service-specific endpoint configuration), and dummy credentials through the default chain.
local_profile="$data/stage.json"
export AWS_ENDPOINT_URL_DYNAMODB="$(jq -r .endpoints.dynamodb "$local_profile")"
export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS="$(jq -r .endpoints.logs "$local_profile")"
export AWS_ENDPOINT_URL_CLOUDWATCH="$(jq -r .endpoints.cloudwatch "$local_profile")"
export AWS_ENDPOINT_URL_API_GATEWAY="$(jq -r .endpoints.apigateway "$local_profile")"
export AWS_ENDPOINT_URL_LAMBDA="$(jq -r .endpoints.lambda "$local_profile")"
# discovery's CloudFormation calls go to the services port too (where the local control plane answers them)
export AWS_ENDPOINT_URL_CLOUDFORMATION="$(jq -r .endpoints.apigateway "$local_profile")"
export AWS_ACCESS_KEY_ID=turnstile AWS_SECRET_ACCESS_KEY=turnstile AWS_REGION="$(jq -r .region "$local_profile")"
unset AWS_PROFILE AWS_SESSION_TOKEN

# The profile a deployed stack's discovery writes: kind aws, no endpoints (the variables above apply), no local facts
# (no admin clock, no pre-warm). Until the local stage serves the control plane discovery reads (CloudFormation
# DescribeStacks, API Gateway GetStage/GetResources/…), the rehearsal selects this file; then the selection below
# becomes SELECT="-Dturnstile.stack=turnstile" and nothing else changes (REHEARSAL_SELECT=-Dturnstile.stack=turnstile
# tries it without editing).
aws_profile="$root/aws-stage.json"
jq '.kind = "aws" | .endpoints = {} | del(.local)' "$local_profile" > "$aws_profile"
SELECT="${REHEARSAL_SELECT:--Dturnstile.stage=$aws_profile}"

status=0
: > "$root/summary.txt"
IFS=',' read -r -a steps <<< "$runs"
for step in "${steps[@]}"; do
  log="$root/$step.log"
  started=$(date +%s)
  if [ "$step" = conformance ]; then
    mvn -B -pl conformance verify "$SELECT" > "$log" 2>&1
  else
    # shellcheck disable=SC2086
    mvn -B -pl simulations gatling:test -Dturnstile.simulation="$step" "$SELECT" $sim_args > "$log" 2>&1
  fi
  rc=$?
  [ $rc -eq 0 ] || status=1
  {
    echo "== $step: exit $rc in $(( $(date +%s) - started )) s"
    grep -E "Tests run:.*Fail|verdict|PASS|FAIL|NOT JUDGED|cross-check|admitted|skipped" "$log" | grep -v "^\[INFO\] Download" | head -40
  } >> "$root/summary.txt"
done
cp conformance/target/turnstile/conformance-summary.md "$root/" 2>/dev/null || true
cat "$root/summary.txt"
exit $status
