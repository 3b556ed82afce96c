# Sourced by the scripts that need a command-line local stage (rehearsal/rehearse.sh, deploy/run-local.sh), from the
# repository's root after `mvn -B -DskipTests install`.
# start_stage DATA_DIR LOG_FILE [stage option ...]: starts the stage from sam/template.yaml on a free port in the
# background, stops it when the calling script exits, and returns once it wrote DATA_DIR/stage.json (its readiness
# signal: localstage/README.md), within 120 s; exits the script if the stage dies or never gets ready.
start_stage() {
  local data="$1" log="$2"
  shift 2
  java -jar localstage/target/turnstile-localstage.jar --template sam/template.yaml --port 0 --data "$data" "$@" \
    > "$log" 2>&1 &
  stage_pid=$!
  trap 'kill "$stage_pid" 2>/dev/null || true; wait "$stage_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    [ -f "$data/stage.json" ] && return 0
    kill -0 "$stage_pid" 2>/dev/null || { cat "$log"; echo "the local stage did not start" >&2; exit 1; }
    sleep 1
  done
  echo "the local stage wrote no stage.json within 120 s" >&2
  exit 1
}
