# shellcheck shell=bash
# The HTTP figures, against the server measure_cold_start left running:
# reading an objective against nginx serving the same bytes, the dashboard and
# the alignment tree, check-ins against raw SQLite inserts, and closing the
# quarter. Sourced by bench/run.

# with_errors VALUE ERRORS: the value, and the failed answers when there were any.
with_errors() {
  case $2 in
    0) echo "$1" ;;
    1) echo "$1 (1 error)" ;;
    *) echo "$1 ($2 errors)" ;;
  esac
}

# latency MS REQUESTS: a latency, unless nothing was answered (wrk then says 0).
latency() { if [ "$2" -eq 0 ]; then echo "no answer in $RUN_SECONDS s"; else fmt_ms "$1"; fi; }

# p99_row FIGURE NAME NGINX TARGET [RATES]: the p99 row of a GET measured as
# RESULT[NAME.*] against nginx's, measured as RESULT[NGINX.*]; with RATES set,
# each cell also says the answers a second it was measured at.
p99_row() {
  local p99=${RESULT[$2.p99]} errors=${RESULT[$2.errors]} requests=${RESULT[$2.requests]}
  local cairn nginx
  cairn=$(latency "$p99" "$requests") nginx="$(fmt_ms "${RESULT[$3.p99]}") (nginx)"
  if [ -n "${5:-}" ]; then
    cairn+=" ($(fmt_rate "${RESULT[$2.rps]}"))"
    nginx="$(fmt_ms "${RESULT[$3.p99]}") (nginx, $(fmt_rate "${RESULT[$3.rps]}"))"
  fi
  row "$1: p99" "$cairn" "$nginx" "$(fmt_ratio "$(calc "$p99 / ${RESULT[$3.p99]}")")x" \
    "<= $4 ms" "$p99 <= $4 && $errors == 0 && $requests > 0" "not checked: absolute" ""
}

# read_rows NAME FIGURE P99_TARGET: a throughput row and a p99 row of a GET
# measured as RESULT[NAME.*], against nginx's static file.
read_rows() {
  local name=$1 figure=$2 rps errors ratio
  rps=${RESULT[$name.rps]} errors=${RESULT[$name.errors]}
  ratio=$(calc "$rps / ${RESULT[nginx.rps]}")
  row "$figure: throughput" "$(with_errors "$(fmt_rate "$rps")" "$errors")" \
    "$(fmt_rate "${RESULT[nginx.rps]}") (nginx, static file)" "$(fmt_ratio "$ratio") of nginx" \
    "${4:-"-"}" "${5:+$ratio >= $5 && $errors == 0}" \
    ">= $6 of nginx" "$ratio >= $6 && $errors == 0"
  p99_row "$figure" "$name" nginx "$3"
}

measure_reads() {
  # nginx serves Cairn's answer as a file at the same path, so the same wrk
  # script sends the same request to both and gets the same bytes back.
  local www="$WORK/www" body="$WORK/www/api/v1/objectives/obj_1"
  mkdir -p "$(dirname "$body")"
  curl -fsS -H "Authorization: Bearer $TOKEN" -o "$body" \
    "$CAIRN_URL/api/v1/objectives/obj_1?as_of=$AS_OF" || die "GET /objectives/obj_1 failed"
  start_nginx "$www" /api/v1/objectives/obj_1
  measure_http "cairn=$CAIRN_URL,$WRK/read_objective.lua" "nginx=$NGINX_URL,$WRK/read_objective.lua"
  read_rows cairn "GET /objectives/{id}, 4 key results ($(stat -c %s "$body") bytes)" 2 \
    ">= 0.5 of nginx" 0.5 "$SMOKE_READ"
  # The same read below saturation: with 64 connections, both servers queue
  # (64 requests in flight at about 50,000 a second wait 1.3 ms on average),
  # so that p99 says more about the two cores than about a reader's wait.
  CONNECTIONS=16 measure_http "cairn16=$CAIRN_URL,$WRK/read_objective.lua" \
    "nginx16=$NGINX_URL,$WRK/read_objective.lua"
  stop_nginx
  p99_row "GET /objectives/{id}, 16 connections" cairn16 nginx16 2 with-rates

  # How big the other two answers are, so the table says what was read.
  local dashboard tree
  dashboard=$(curl -fsS -H "Authorization: Bearer $TOKEN" \
    "$CAIRN_URL/api/v1/dashboard?unit_id=$CAIRN_UNIT&as_of=$AS_OF") || die "GET /dashboard failed"
  tree=$(curl -fsS -H "Authorization: Bearer $TOKEN" \
    "$CAIRN_URL/api/v1/objectives/obj_0/tree?depth=3&as_of=$AS_OF") || die "GET /tree failed"
  DASHBOARD_OBJECTIVES=$(grep -o '"id":"obj_[0-9]*"' <<<"$dashboard" | sort -u | wc -l)
  TREE_OBJECTIVES=$(grep -o '"id":"obj_[0-9]*"' <<<"$tree" | sort -u | wc -l)
  measure_http "dashboard=$CAIRN_URL,$WRK/dashboard.lua" "tree=$CAIRN_URL,$WRK/alignment_tree.lua"
  read_rows dashboard "GET /dashboard of a function ($DASHBOARD_OBJECTIVES objectives)" 20 \
    "" "" "$SMOKE_DASHBOARD"
  read_rows tree "alignment tree of a company objective, depth 3 (~$TREE_OBJECTIVES objectives)" \
    10 "" "" "$SMOKE_TREE"
}

# measure_check_ins: check-ins over HTTP and, in each round after them, raw
# SQLite inserts of check-in rows into a new store on the same disk: one commit
# each, and 64 to a commit (what group commit could do for 64 connections).
# The rounds alternate because this disk's fsync varies several times over
# within minutes when other work shares it. The p99 set beside the check-ins'
# is the one-commit loop's, corrected for its stalls as wrk corrects its own
# latencies (bench/corrected_latency.h): wrk counts a 250 ms wait of the disk
# as every request a steady client would have sent meanwhile, so a plain p99
# of the loop would not count the same stall alike.
SQLITE_SINGLE=() SQLITE_SINGLE_P99=() SQLITE_GROUPED=() SQLITE_GROUPED_P99=()
sqlite_insert_round() {
  local line
  line=$("$BASELINE" insert "$WORK/baseline.db" --group 1 --seconds "$INSERT_SECONDS")
  log "SQLite, one commit each, run $1: $line"
  SQLITE_SINGLE+=("$(field rows_per_second "$line")")
  SQLITE_SINGLE_P99+=("$(field p99_corrected_ms "$line")")
  line=$("$BASELINE" insert "$WORK/baseline.db" --group 64 --seconds "$INSERT_SECONDS")
  log "SQLite, 64 to a commit, run $1: $line"
  SQLITE_GROUPED+=("$(field rows_per_second "$line")")
  SQLITE_GROUPED_P99+=("$(field p99_ms "$line")")
}

measure_check_ins() {
  BETWEEN_ROUNDS=sqlite_insert_round measure_http "check_ins=$CAIRN_URL,$WRK/check_ins.lua"
  local rps=${RESULT[check_ins.rps]} p99=${RESULT[check_ins.p99]} errors=${RESULT[check_ins.errors]}
  local requests=${RESULT[check_ins.requests]}
  local one each grouped ratio
  one=$(median "${SQLITE_SINGLE[@]}")
  each=$(median "${SQLITE_SINGLE_P99[@]}")
  grouped=$(median "${SQLITE_GROUPED[@]}")
  ratio=$(calc "$rps / $one")
  row "check-ins over HTTP, 64 connections: throughput" \
    "$(with_errors "$(fmt_rate "$rps")" "$errors")" "$(fmt_rate "$one") (SQLite, a commit each)" \
    "$(fmt_ratio "$ratio")x SQLite" ">= 20000 /s" "$rps >= 20000 && $errors == 0" \
    ">= $SMOKE_CHECK_INS of SQLite" "$ratio >= $SMOKE_CHECK_INS && $errors == 0"
  ratio=$(calc "$rps / $grouped")
  row "check-ins over HTTP: throughput against group commit" "$(fmt_rate "$rps")" \
    "$(fmt_rate "$grouped") (SQLite, 64 a commit)" "$(fmt_ratio "$ratio")x SQLite" \
    ">= 20000 /s" "$rps >= 20000 && $errors == 0" "not checked: see the row above" ""
  ratio=$(calc "$p99 / $each")
  row "check-ins over HTTP: p99" "$(latency "$p99" "$requests")" \
    "$(fmt_ms "$each") (SQLite commit, p99 as wrk counts)" "$(fmt_ratio "$ratio")x" "<= 20 ms" \
    "$p99 <= 20 && $errors == 0 && $requests > 0" "not checked: absolute" ""
  log "SQLite p99 with 64 to a commit: $(median "${SQLITE_GROUPED_P99[@]}") ms"
}

# measure_close: POST /periods/{id}/close of the active quarter. A quarter
# closes once per store, so each of the $STARTS rounds closes it on its own
# copy of the store as the HTTP figures left it, with a server just started on
# that copy; the row is their median. Stops the server the HTTP figures used.
measure_close() {
  local period=prd_4 copy="$WORK/close.db" i seconds closed rounds=()
  stop_cairn
  for ((i = 1; i <= STARTS; ++i)); do
    rm -f "$copy" "$copy-wal" "$copy-shm"
    cp "$WORK/store.db" "$copy"
    # A stopped server leaves no log behind, but should one remain it holds
    # committed writes; the -shm index SQLite rebuilds from it.
    if [ -f "$WORK/store.db-wal" ]; then cp "$WORK/store.db-wal" "$copy-wal"; fi
    start_cairn "$copy"
    curl -fsS -H "Authorization: Bearer $TOKEN" "$CAIRN_URL/api/v1/periods/$period" |
      grep -q '"name":"Q4 2026"' || die "$period is not the workload's active quarter"
    seconds=$(curl -fsS -X POST -H "Authorization: Bearer $TOKEN" -o "$WORK/close.json" \
      -w '%{time_total}' "$CAIRN_URL/api/v1/periods/$period/close") || die "closing $period failed"
    stop_cairn
    rounds+=("$seconds")
    log "close, run $i: $seconds s"
  done
  rm -f "$copy" "$copy-wal" "$copy-shm"
  closed=$(grep -o '"id":"obj_' "$WORK/close.json" | wc -l)
  seconds=$(median "${rounds[@]}")
  row "close the quarter: score and freeze $closed objectives" "$(fmt_s "$seconds")" \
    "-" "-" "<= 5 s" "$seconds <= 5" "not checked: no baseline" ""
}
