# shellcheck shell=bash
# The closing table of bench/run: each figure, Cairn's value, the baseline
# from the same run, the ratio, the target and whether it is met. Sourced.
#
# With --smoke the targets give way to the smoke bounds: ratios against the
# same run's baselines that only a gross regression breaks, never absolute
# times (a CI machine's speed is not Cairn's).

ROWS=()
FAILED=0

# row FIGURE CAIRN BASELINE RATIO TARGET TARGET_TEST SMOKE_BOUND SMOKE_TEST
# A test is an awk condition with the numbers written in; an empty one checks
# nothing, and the bound then says why.
row() {
  local text test verdict
  if [ "$MODE" = smoke ]; then
    text=$7 test=$8
  else
    text=$5 test=$6
  fi
  if [ -z "$test" ]; then
    verdict="-"
  elif holds "$test"; then
    verdict=pass
  else
    verdict=FAIL
    FAILED=$((FAILED + 1))
  fi
  ROWS+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"$4"$'\t'"$text"$'\t'"$verdict")
}

# not_measured FIGURE TARGET REASON
not_measured() { ROWS+=("$1"$'\t'"not measured: $3"$'\t'"-"$'\t'"-"$'\t'"$2"$'\t'"-"); }

# A Markdown table, in ASCII so that the columns line up in any terminal.
print_table() {
  local header="figure"$'\t'"Cairn"$'\t'"baseline (same run)"$'\t'"ratio"$'\t'"$1"$'\t'"pass"
  printf '%s\n' "$header" "${ROWS[@]}" | awk -F '\t' '
    { for (i = 1; i <= NF; ++i) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
    END {
      for (r = 1; r <= NR; ++r) {
        line = "|"
        for (i = 1; i <= 6; ++i) line = line sprintf(" %-" w[i] "s |", cell[r, i])
        print line
        if (r == 1) {
          line = "|"
          for (i = 1; i <= 6; ++i) { dash = ""; for (k = 0; k < w[i] + 2; ++k) dash = dash "-"; line = line dash "|" }
          print line
        }
      }
    }'
}
