#!/usr/bin/env bash
# CPU used by the local stage's processes over SECONDS (default 20), as cores: the stage JVM, each execution
# environment (by function), dynalite, and wrk if running. Run it while a load runs:
#   bench/profile/cpu-split.sh STAGE_PID [SECONDS] [MORE_PIDS...]   (e.g. a dynalite the stage does not supervise)
set -euo pipefail
stage=$1; secs=${2:-20}; shift $(( $# < 2 ? $# : 2 )); more="$*"
hz=$(getconf CLK_TCK)
# user and system ticks of a process (fields 14 and 15 of /proc/PID/stat; the name field has no spaces here)
ticks() { awk '{print $14" "$15}' "/proc/$1/stat" 2>/dev/null || echo "0 0"; }
label() {
  local args; args=$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null || true)
  case "$args" in
    *turnstile-localstage*|*"--template "*) echo "stage JVM" ;;
    *dynalite*) echo "dynalite" ;;
    *AWSLambda*) echo "env $(tr '\0' '\n' < /proc/$1/environ 2>/dev/null | sed -n 's/^AWS_LAMBDA_FUNCTION_NAME=//p')" ;;
    wrk*) echo "wrk" ;;
    *) echo "$args" | cut -c1-40 ;;
  esac
}
pids="$stage $(pgrep -P "$stage" | tr '\n' ' ') $more $(pgrep -x wrk | tr '\n' ' ')"
declare -A before
for p in $pids; do before[$p]=$(ticks "$p"); done
read -r _ u n s i _ < /proc/stat; idle0=$i; tot0=$((u+n+s+i))
sleep "$secs"
read -r _ u n s i _ < /proc/stat; idle1=$i; tot1=$((u+n+s+i))
for p in $pids; do
  [ -e "/proc/$p" ] || continue
  read -r u1 s1 <<< "$(ticks "$p")"; read -r u0 s0 <<< "${before[$p]}"
  printf '%-40s %5.2f cores (user %4.2f, system %4.2f)\n' "$(label "$p") ($p)" \
    "$(echo "($u1 + $s1 - $u0 - $s0) / $hz / $secs" | bc -l)" "$(echo "($u1 - $u0) / $hz / $secs" | bc -l)" \
    "$(echo "($s1 - $s0) / $hz / $secs" | bc -l)"
done | grep -v ' 0.00 cores' | sort -k1,1
printf 'machine busy: %.0f %%  (load average %s)\n' "$(echo "100 * (1 - ($idle1 - $idle0) / ($tot1 - $tot0))" | bc -l)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
