# shellcheck shell=bash
# Load runs with wrk (2 threads, $CONNECTIONS connections, 64 unless a caller
# sets it, a Lua script of bench/wrk). Sourced, not run. Results land in the
# associative array RESULT.

declare -gA RESULT

# wrk_once URL SCRIPT SECONDS: one run; its output is kept in wrk.log and its
# wrk-result line (bench/wrk/report.lua) printed. wrk's own 2 s timeout would
# drop the slowest answers of a loaded server from the latencies; 10 s keeps
# them in, and a request that takes longer counts as an error.
wrk_once() {
  local out
  out=$(wrk -t2 -c"${CONNECTIONS:-64}" -d"$3"s --timeout 10s --latency -s "$2" "$1" 2>&1) || die "wrk failed: $out"
  printf '== %s %s\n%s\n' "$1" "$2" "$out" >>"$WORK/wrk.log"
  grep '^wrk-result' <<<"$out" || die "no result from wrk: $out"
  # Requests still queued in the server when wrk stops would slow the next
  # run: wait until a request sent now is answered (any status will do).
  curl -s -o /dev/null --max-time 600 "$1/healthz" || true
}

# measure_http NAME=URL,SCRIPT...: a warm-up run of each target, then
# $REPETITIONS rounds in which every target runs once, in turn, so that the
# machine's slow and fast moments fall on all of them alike. Sets
# RESULT[NAME.rps], RESULT[NAME.p50], RESULT[NAME.p99] (medians), and
# RESULT[NAME.errors] and RESULT[NAME.requests] (sums over the measured runs).
# When BETWEEN_ROUNDS names a function, it runs after each round's targets:
# a baseline that is not an HTTP server takes its turn there.
measure_http() {
  local spec name url script round line
  local -A rps p50 p99 errors requests
  for spec in "$@"; do
    name=${spec%%=*}
    url=${spec#*=}
    url=${url%%,*}
    script=${spec#*,}
    log "warm-up: $name"
    wrk_once "$url" "$script" "$WARMUP_SECONDS" >/dev/null
    errors[$name]=0
    requests[$name]=0
  done
  for ((round = 1; round <= REPETITIONS; ++round)); do
    for spec in "$@"; do
      name=${spec%%=*}
      url=${spec#*=}
      url=${url%%,*}
      script=${spec#*,}
      line=$(wrk_once "$url" "$script" "$RUN_SECONDS")
      log "$name, run $round: $line"
      rps[$name]+=" $(field rps "$line")"
      p50[$name]+=" $(field p50_ms "$line")"
      p99[$name]+=" $(field p99_ms "$line")"
      errors[$name]=$((errors[$name] + $(field errors "$line")))
      requests[$name]=$((requests[$name] + $(field requests "$line")))
    done
    if [ -n "${BETWEEN_ROUNDS:-}" ]; then "$BETWEEN_ROUNDS" "$round"; fi
  done
  for spec in "$@"; do
    name=${spec%%=*}
    # shellcheck disable=SC2086  # the lists are words on purpose
    RESULT[$name.rps]=$(median ${rps[$name]})
    # shellcheck disable=SC2086
    RESULT[$name.p50]=$(median ${p50[$name]})
    # shellcheck disable=SC2086
    RESULT[$name.p99]=$(median ${p99[$name]})
    RESULT[$name.errors]=${errors[$name]}
    RESULT[$name.requests]=${requests[$name]}
  done
}
