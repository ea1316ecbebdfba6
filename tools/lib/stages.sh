# Stage lines for tools/setup and tools/build, sourced by both: a first run
# says on stderr what it does and how long each part took; a run with
# nothing to do says nothing. A stage's output goes to its log, which a
# failure names (and shows the end of).
#   stage NAME LOG COMMAND...   runs COMMAND as the stage NAME
_stage_now() { date +%s.%N; }
_stage_elapsed() { awk -v a="$1" -v b="$(_stage_now)" 'BEGIN { printf "%.1f s", b - a }'; }

stage() {
  local name="$1" log="$2"
  shift 2
  local start
  start="$(_stage_now)"
  mkdir -p "$(dirname "$log")"
  echo "wbhost: $name ..." >&2
  if "$@" >"$log" 2>&1; then
    echo "wbhost: $name: done in $(_stage_elapsed "$start")" >&2
  else
    local code=$?
    echo "wbhost: $name failed after $(_stage_elapsed "$start") (exit $code); its log: ${log#"$ROOT/"}" >&2
    # From the first failed command when the log has one (a compiler's
    # first error), else its end.
    local first
    first="$(grep -n -m1 '^FAILED:' "$log" | cut -d: -f1 || true)"
    if [[ -n "$first" ]]; then
      tail -n "+$first" "$log" | head -n 30 | sed 's/^/  | /' >&2
    else
      tail -n 30 "$log" | sed 's/^/  | /' >&2
    fi
    exit 1
  fi
}
