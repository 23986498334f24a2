# shellcheck shell=bash
# Starting and stopping the servers bench/run measures: `cairn serve` and
# nginx. Sourced, not run; stop_servers is the EXIT trap's job.

CAIRN_PID=""
CAIRN_DRAIN_PID=""
NGINX_PID=""

# start_cairn DATABASE: starts `cairn serve` (2 threads, any free port) and
# returns once it has answered its first request, GET $PROBE_PATH with $TOKEN.
# Sets CAIRN_URL and CAIRN_START_SECONDS: from the start of the process to that
# first answer. Its stdout comes through a FIFO so that the listening line is
# read the moment it is written, without polling; the access log (stderr) goes
# to serve.log, as it would go to a file or the journal in production.
#
# The server's clock is $AS_OF (CAIRN_FIXED_NOW), after the workload's last
# change, as a production server's clock is after its data. With the machine's
# clock, which lies before the workload's late-2026 check-ins, every write
# would evaluate the organisation as of a moment in its past and rebuild the
# roll-up from its history (about 350 ms a check-in at `enterprise`).
start_cairn() {
  local database=$1 fifo="$WORK/serve.fifo" line fd started=$EPOCHREALTIME
  rm -f "$fifo"
  mkfifo "$fifo"
  CAIRN_FIXED_NOW=$AS_OF "$CAIRN" serve --listen 127.0.0.1:0 --database "$database" --threads 2 \
    >"$fifo" 2>>"$WORK/serve.log" &
  CAIRN_PID=$!
  exec {fd}<"$fifo"
  CAIRN_URL=""
  while read -r -u "$fd" line; do
    if [[ $line == *"is listening on "* ]]; then
      CAIRN_URL=${line#*listening on }
      CAIRN_URL=${CAIRN_URL%% *}
      break
    fi
  done
  # Keep reading its stdout, so the server never blocks writing to it.
  cat <&"$fd" >>"$WORK/serve.out" &
  CAIRN_DRAIN_PID=$!
  exec {fd}<&-
  [ -n "$CAIRN_URL" ] || die "cairn serve did not start: $(tail -n 5 "$WORK/serve.log")"
  curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$CAIRN_URL$PROBE_PATH" ||
    die "cairn serve did not answer GET $PROBE_PATH"
  CAIRN_START_SECONDS=$(seconds_since "$started")
}

stop_cairn() {
  if [ -n "$CAIRN_PID" ]; then
    kill -TERM "$CAIRN_PID" 2>/dev/null || true
    wait "$CAIRN_PID" 2>/dev/null || true
  fi
  if [ -n "$CAIRN_DRAIN_PID" ]; then wait "$CAIRN_DRAIN_PID" 2>/dev/null || true; fi
  CAIRN_PID=""
  CAIRN_DRAIN_PID=""
}

# resident_bytes PID FIELD: VmHWM (peak) or VmRSS (now) of a process, in bytes.
resident_bytes() { awk -v f="$2:" '$1 == f { print $2 * 1024 }' "/proc/$1/status"; }

# start_nginx ROOT PATH: nginx 2 workers, no access log, serving the files under
# ROOT on a free port; returns once GET PATH answers. Sets NGINX_URL. Otherwise
# Debian's stock settings (sendfile, tcp_nopush); keep-alive as nginx ships it.
start_nginx() {
  local root=$1 path=$2 dir="$WORK/nginx" port attempt
  mkdir -p "$dir/temp"
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    cat >"$dir/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  default_type application/json;
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $root;
  }
}
CONF
    nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" &
    NGINX_PID=$!
    NGINX_URL="http://127.0.0.1:$port"
    while kill -0 "$NGINX_PID" 2>/dev/null; do
      if curl -fsS -o /dev/null "$NGINX_URL$path" 2>/dev/null; then return 0; fi
      sleep 0.05
    done
    wait "$NGINX_PID" 2>/dev/null || true  # the port was taken: try another
    NGINX_PID=""
  done
  die "nginx did not start: $(tail -n 5 "$dir/error.log")"
}

stop_nginx() {
  if [ -n "$NGINX_PID" ]; then
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  NGINX_PID=""
}

stop_servers() {
  stop_cairn
  stop_nginx
}
