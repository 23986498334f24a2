# shellcheck shell=bash
# Helpers shared by bench/run's steps: messages, arithmetic, medians and the
# key=value lines the measuring programs print. Sourced, not run.

log() { printf 'bench: %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}

# calc EXPRESSION: floating-point arithmetic (awk), printed with 4 significant
# digits or more; "nan" stays "nan".
calc() { awk "BEGIN { x = $*; printf \"%.6g\", x }"; }

# holds EXPRESSION: true when the awk comparison holds (false for nan).
holds() { awk "BEGIN { exit !($*) }"; }

# median NUMBER...: the median of the numbers given (nan for none).
median() {
  printf '%s\n' "$@" | sort -g | awk '
    { a[NR] = $1 }
    END {
      if (NR == 0) print "nan"
      else if (NR % 2) print a[(NR + 1) / 2]
      else printf "%.6g\n", (a[NR / 2] + a[NR / 2 + 1]) / 2
    }'
}

# field KEY LINE: the value of KEY in a line of key=value pairs.
field() {
  local value
  value=$(sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<" $2")
  [ -n "$value" ] || die "no $1 in: $2"
  printf '%s\n' "$value"
}

# seconds_since START: seconds since START, a value of $EPOCHREALTIME.
seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f", b - a }'; }

# Numbers as the table shows them.
fmt_ms() { awk -v x="$1" 'BEGIN { printf (x < 10 ? "%.2f ms" : "%.1f ms"), x }'; }
fmt_s() { awk -v x="$1" 'BEGIN { printf (x < 10 ? "%.2f s" : "%.1f s"), x }'; }
fmt_rate() { awk -v x="$1" 'BEGIN { printf "%.0f /s", x }'; }
fmt_mib() { awk -v x="$1" 'BEGIN { printf "%.0f MiB", x / 1048576 }'; }
fmt_ratio() { awk -v x="$1" 'BEGIN { printf (x < 0.1 ? "%.2g" : x < 10 ? "%.2f" : "%.0f"), x }'; }
