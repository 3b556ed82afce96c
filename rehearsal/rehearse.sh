#!/usr/bin/env bash
# Rehearse the deployed path (README "Rehearse the deployed path", issue 12): a command-line local stage plays the
# deployed stack; the standard AWS SDK endpoint variables (AWS_ENDPOINT_URL_<SERVICE>) and dummy credentials point
# the suite at it; then the conformance suite and the Smoke and ThrottleRate simulations run with
# -Dturnstile.stack=<stack> - discovery, a profile of kind aws, AWS tolerances and deadlines, no clock control:
# the code path of a nightly run against AWS.
#
# Usage: rehearsal/rehearse.sh [stage option ...]     e.g.  rehearsal/rehearse.sh --aws-like
#   Stage options are passed to the local stage after the rehearsal's own (--param ThrottleRate=20
#   --param ThrottleBurst=40: the plan this machine can offer k x rate for; a later --param wins).
#   REHEARSAL_STEPS    what to run (default: "conformance Smoke ThrottleRate")
#   REHEARSAL_STACK    the stack name (default: turnstile)
#   REHEARSAL_TIMEOUT  seconds each step may take (default: 1200)
# Needs the build installed first (mvn -B -DskipTests install). Exit code 0 when every step passed.
set -euo pipefail
cd "$(dirname "$0")/.."
steps="${REHEARSAL_STEPS:-conformance Smoke ThrottleRate}"
stack="${REHEARSAL_STACK:-turnstile}"
limit="${REHEARSAL_TIMEOUT:-1200}"
root="$PWD/target/rehearsal"
data="$root/stage"
jar=localstage/target/turnstile-localstage.jar
[ -f "$jar" ] && [ -f functions/target/turnstile-functions.jar ] \
  || { echo "rehearse: build first (mvn -B -DskipTests install)" >&2; exit 2; }
rm -rf "$root"
mkdir -p "$data"

# shellcheck source=../localstage/start-stage.sh
. localstage/start-stage.sh
start_stage "$data" "$root/stage.log" --stack-name "$stack" --param ThrottleRate=20 --param ThrottleBurst=40 "$@"

# What a nightly job has on AWS, with the endpoints moved: nothing else of the caller's AWS setup may leak in.
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE
export AWS_EC2_METADATA_DISABLED=true
eval "$(java -jar "$jar" env --data "$data")"
env | grep '^AWS_ENDPOINT_URL_' | sort
echo "rehearse: stack $stack (stage $(sed -n 's/.*"invokeUrl" : "\([^"]*\)".*/\1/p' "$data/stage.json"))"

failed=()
run_step() { # name, command...
  local name="$1"; shift
  local log="$root/$name.log"
  local started=$SECONDS
  echo "rehearse: $name: $*"
  if timeout "$limit" "$@" > "$log" 2>&1; then
    echo "rehearse: $name passed in $((SECONDS - started)) s"
  else
    echo "rehearse: $name FAILED (exit $?) in $((SECONDS - started)) s - log $log" >&2
    tail -40 "$log" >&2
    failed+=("$name")
  fi
}

for step in $steps; do
  case "$step" in
    conformance)
      run_step conformance mvn -B -pl conformance verify -Dturnstile.stack="$stack"
      summary=conformance/target/turnstile/conformance-summary.md
      grep -h 'Tests run:.*Fail' "$root/conformance.log" | tail -1 || true
      if [ -f "$summary" ]; then
        sed -n 's/^Cases: /rehearse: conformance cases: /p' "$summary"
        # what was skipped on this stage and why (the same cases skip against AWS)
        grep '| SKIP |$' "$summary" | sed 's/^/rehearse: skipped /' || true
        grep '| FAIL |$' "$summary" | sed 's/^/rehearse: failed /' || true
      fi ;;
    *)
      run_step "$step" mvn -B -DskipTests package gatling:test -Dturnstile.stack="$stack" \
        -Dturnstile.simulation="$step"
      grep -E '^(Turnstile [A-Za-z]+ (PASS|FAIL|NOT JUDGED)|  (expected|observed|cross-check|FAILED))' \
        "$root/$step.log" || true ;;
  esac
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "rehearse: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "rehearse: PASS ($steps against stack $stack)"
