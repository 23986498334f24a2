# shellcheck shell=bash
# The full roll-up: cairn_bench's full_rollup (order cached) against its
# recursive-CTE roll-up in SQLite over the same organisation, which it checks
# computes the same numbers. Sourced by bench/run.

measure_rollup() {
  local filter=() line cairn sql ratio
  # The smoke keeps to the two benchmarks the table needs.
  [ "$MODE" = smoke ] && filter=(--benchmark_filter='full_rollup$|sqlite_cte_rollup')
  CAIRN_BENCH_PEOPLE=$PEOPLE "$CAIRN_BENCH" "${filter[@]}" \
    --benchmark_repetitions="$ROLLUP_REPETITIONS" --benchmark_report_aggregates_only=true \
    --benchmark_color=false >"$WORK/rollup.txt" 2>&1 ||
    die "cairn_bench failed: $(tail -n 20 "$WORK/rollup.txt")"
  cat "$WORK/rollup.txt" >&2
  # "full roll-up (order cached)    14.70 ms    526.0 ms    36x  <= 50 ms; ..."
  line=$(grep '^full roll-up (order cached)' "$WORK/rollup.txt")
  cairn=$(awk '{ print $5 }' <<<"$line")
  sql=$(awk '{ print $7 }' <<<"$line")
  ratio=$(calc "$sql / $cairn")
  row "full roll-up of $OBJECTIVES objectives, $KEY_RESULTS key results" "$(fmt_ms "$cairn")" \
    "$(fmt_ms "$sql") (SQLite recursive CTE)" "$(fmt_ratio "$ratio")x faster" \
    "<= 50 ms; >= 100x faster" "$cairn <= 50 && $ratio >= 100" \
    ">= ${SMOKE_ROLLUP}x faster" "$ratio >= $SMOKE_ROLLUP"
}
