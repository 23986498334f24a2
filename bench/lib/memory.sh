# shellcheck shell=bash
# The model's memory per key result and per check-in, from cairn_bench's
# output (measure_rollup writes it to $WORK/rollup.txt): the heap the
# organisation takes in memory without its check-ins, shared out over its key
# results, and what each check-in adds. A check-in is set beside its row in
# the store's SQLite file. Sourced by bench/run.

measure_model_memory() {
  local per_key_result per_check_in sqlite bytes rows sqlite_per_row ratio
  # "model memory per key result    1043 B   -   -  (...)"
  per_key_result=$(awk '/^model memory per key result/ { print $6 }' "$WORK/rollup.txt")
  per_check_in=$(awk '/^model memory per check-in/ { print $5 }' "$WORK/rollup.txt")
  if [ -z "$per_key_result" ] || [ -z "$per_check_in" ]; then
    die "cairn_bench printed no model memory: $(tail -n 12 "$WORK/rollup.txt")"
  fi
  # "table-bytes table=check_ins bytes=253886464 rows=4808784"
  sqlite=$("$BASELINE" table-bytes "$WORK/store.db" check_ins) || die "table-bytes failed"
  log "$sqlite"
  bytes=$(field bytes "$sqlite")
  rows=$(field rows "$sqlite")
  sqlite_per_row=$(calc "$bytes / $rows")
  ratio=$(calc "$per_check_in / $sqlite_per_row")
  row "model memory per key result, with its share of the organisation (check-ins aside)" \
    "$per_key_result B" "-" "-" "-" "" \
    "<= $SMOKE_KEY_RESULT_BYTES B" "$per_key_result <= $SMOKE_KEY_RESULT_BYTES"
  row "model memory per check-in" "$per_check_in B" \
    "$(awk -v x="$sqlite_per_row" 'BEGIN { printf "%.0f B", x }') (SQLite's row and index)" \
    "$(fmt_ratio "$ratio")x the row" "-" "" \
    "<= ${SMOKE_CHECK_IN_BYTES}x the row" "$ratio <= $SMOKE_CHECK_IN_BYTES"
}
