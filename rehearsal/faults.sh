#!/usr/bin/env bash
# The suite still catches real faults on an AWS-like stage (issue 12, docs/aws-behaviour.md §15.5): for each test-only
# fault, ThrottleRate runs against an --aws-like stage through discovery (rehearsal/rehearse.sh, -Dturnstile.stack)
# and must FAIL naming the cause. Usage: rehearsal/faults.sh [fault...] (all three by default). Needs the build
# installed first (mvn -B -DskipTests install). Exit code 0 when every fault failed the run with its own cause.
set -uo pipefail
cd "$(dirname "$0")/.."
faults=("$@")
[ ${#faults[@]} -gt 0 ] || faults=(over-admit drop-put lose-access-log)
declare -A cause=(
  [over-admit]="ThrottleRate: admitted [0-9]+, expected"
  [drop-put]="2xx without a DynamoDB item"
  [lose-access-log]="missing access-log line"
)
status=0
for fault in "${faults[@]}"; do
  pattern="${cause[$fault]:-}"
  [ -n "$pattern" ] || { echo "unknown fault $fault" >&2; exit 2; }
  REHEARSAL_STEPS=ThrottleRate rehearsal/rehearse.sh --aws-like --fault "$fault" > /dev/null 2>&1
  rc=$?
  log="target/rehearsal/ThrottleRate.log"
  line=$(grep -E -m1 "$pattern" "$log" | sed 's/^\[[A-Z]*\] //')
  if [ $rc -ne 0 ] && [ -n "$line" ]; then
    echo "fault $fault: FAIL as expected — $line"
  else
    echo "fault $fault: NOT CAUGHT (exit $rc, no line matching '$pattern' in $log)"
    status=1
  fi
done
exit $status
