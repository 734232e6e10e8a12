# shellcheck shell=bash
# shellcheck disable=SC2016  # single-quoted bash -c scripts on purpose
# Redis part of scripts/infra (sourced after lib.sh): redis_up, redis_down, redis_purge, redis_status_line.

redis_init_vars() {
  parse_redis_url
  REDIS_DIR="$INFRA_DIR/redis"
  REDIS_DATA="$REDIS_DIR/data"
  REDIS_CONF="$REDIS_DIR/redis.conf"
  REDIS_PIDFILE="$REDIS_DIR/redis.pid"
  REDIS_LOG="$LOG_DIR/redis.log"
}

redis_our_pid() { pid_from_file "$REDIS_PIDFILE" redis-server; }
# The port our running server was started with (from the config written at its start).
redis_our_port() { sed -nE 's/^port ([0-9]+).*/\1/p' "$REDIS_CONF" 2>/dev/null | head -n 1; }
redis_check_our_port() {
  local running
  running="$(redis_our_port)"
  [[ -z "$running" || "$running" == "$REDIS_PORT" ]] ||
    die "redis: this checkout's server (pid $1) runs on port $running but REDIS_URL names port $REDIS_PORT; run scripts/infra/down.sh redis first, or use the old REDIS_URL"
}

# redis_cli ARG...: redis-cli against REDIS_URL's address and credentials (at most 3 s).
redis_cli() {
  local args=(-h "$REDIS_HOST" -p "$REDIS_PORT" --no-auth-warning)
  [[ -n "$REDIS_USER" ]] && args+=(--user "$REDIS_USER")
  if [[ -n "$REDIS_PASSWORD" ]]; then
    REDISCLI_AUTH="$REDIS_PASSWORD" timeout 3 redis-cli "${args[@]}" "$@"
  else
    timeout 3 redis-cli "${args[@]}" "$@"
  fi
}

# redis_ping: prints the server's one-line answer to PING (PONG, or an error such as NOAUTH/LOADING), or nothing.
redis_ping() {
  if command -v redis-cli >/dev/null 2>&1; then
    redis_cli ping 2>/dev/null | head -n 1 | tr -d '\r' || true
    return 0
  fi
  # No redis-cli: speak RESP over bash's /dev/tcp.
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 0
    if [[ -n "$4" ]]; then
      if [[ -n "$3" ]]; then printf "AUTH %s %s\r\n" "$3" "$4" >&3; else printf "AUTH %s\r\n" "$4" >&3; fi
      IFS= read -r line <&3
    fi
    printf "PING\r\n" >&3
    IFS= read -r line <&3
    printf "%s\n" "${line#[+-]}" | tr -d "\r"
  ' _ "$REDIS_HOST" "$REDIS_PORT" "$REDIS_USER" "$REDIS_PASSWORD" 2>/dev/null || true
}
redis_ready() { [[ "$(redis_ping)" == PONG ]]; }
redis_answers() { [[ -n "$(redis_ping)" ]]; }

redis_write_conf() {
  mkdir -p "$REDIS_DATA" "$LOG_DIR"
  cat >"$REDIS_CONF" <<EOF
# Written by scripts/infra/lib-redis.sh before every start of the local Redis: edit that script, not this file.
bind $(bind_addr "$REDIS_HOST")
port $REDIS_PORT
protected-mode yes
daemonize yes
pidfile "$REDIS_PIDFILE"
logfile "$REDIS_LOG"
dir "$REDIS_DATA"
# BullMQ keeps its queues here: jobs must survive a restart (append-only file, fsync every second)
# and must never be evicted under memory pressure.
appendonly yes
appendfsync everysec
maxmemory-policy noeviction
EOF
  if [[ -n "$REDIS_PASSWORD" ]]; then
    # The URL carries a password: require it (the default user), so the URL works unchanged.
    printf 'requirepass "%s"\n' "${REDIS_PASSWORD//\"/\\\"}" >>"$REDIS_CONF"
    chmod 0600 "$REDIS_CONF"
  fi
}

redis_up() {
  redis_init_vars
  local pid answer
  pid="$(redis_our_pid || true)"
  if [[ -n "$pid" ]]; then
    redis_check_our_port "$pid"
    wait_until "$REDIS_START_TIMEOUT" redis_ready ||
      die "redis: ours (pid $pid) does not answer PING on $REDIS_HOST:$REDIS_PORT" "$REDIS_LOG"
    log "redis: already running (ours, pid $pid) on $REDIS_HOST:$REDIS_PORT"
    return 0
  fi
  answer="$(redis_ping)"
  if [[ -n "$answer" ]]; then
    if [[ "$answer" == LOADING* ]]; then
      log "redis: the server on $REDIS_HOST:$REDIS_PORT is loading its data; waiting"
      wait_until "$REDIS_START_TIMEOUT" redis_ready || die "redis: the server on $REDIS_HOST:$REDIS_PORT never finished loading"
      answer=PONG
    fi
    [[ "$answer" == PONG ]] ||
      die "redis: the server on $REDIS_HOST:$REDIS_PORT answers PING with '$answer' (check the password in REDIS_URL)"
    log "redis: using the server already running on $REDIS_HOST:$REDIS_PORT (external)"
    redis_check_external_policy
    return 0
  fi
  is_local_host "$REDIS_HOST" || die "redis: nothing answers on $REDIS_HOST:$REDIS_PORT, and that is not an address of this machine"
  port_open "$REDIS_HOST" "$REDIS_PORT" && die "redis: $REDIS_HOST:$REDIS_PORT is taken by something that is not Redis"
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server
    command -v redis-server >/dev/null 2>&1 || die "redis: installed redis-server but the command is not on PATH"
    # Where services may start at install time, the package starts its own server.
    if redis_ready; then
      log "redis: a server answers on $REDIS_HOST:$REDIS_PORT now (started by the package install?); using it"
      redis_check_external_policy
      return 0
    fi
  fi
  redis_write_conf
  log "redis: starting $(redis-server --version | awk '{print $3}' | tr -d 'v=') on $REDIS_HOST:$REDIS_PORT (data $(rel "$REDIS_DATA"), log $(rel "$REDIS_LOG"))"
  rm -f "$REDIS_PIDFILE"
  # 9>&-: the daemon must not inherit the lock of scripts/infra (lib.sh, infra_lock).
  redis-server "$REDIS_CONF" </dev/null >>"$REDIS_LOG" 2>&1 9>&- || die "redis: redis-server failed to start" "$REDIS_LOG"
  wait_until "$REDIS_START_TIMEOUT" redis_ready ||
    die "redis: started but does not answer PING on $REDIS_HOST:$REDIS_PORT within ${REDIS_START_TIMEOUT}s" "$REDIS_LOG"
  log "redis: up (ours, pid $(redis_our_pid || echo '?')) on $REDIS_HOST:$REDIS_PORT"
}

# An external Redis is used as it is, but BullMQ needs noeviction: say so when it is not.
redis_check_external_policy() {
  command -v redis-cli >/dev/null 2>&1 || return 0
  local policy
  policy="$(redis_cli config get maxmemory-policy 2>/dev/null | sed -n 2p || true)"
  if [[ -n "$policy" && "$policy" != noeviction ]]; then
    warn "redis: the external server uses maxmemory-policy=$policy; BullMQ needs noeviction"
  fi
}

redis_down() {
  redis_init_vars
  local pid
  pid="$(redis_our_pid || true)"
  if [[ -z "$pid" ]]; then
    if redis_answers; then
      log "redis: the server on $REDIS_HOST:$REDIS_PORT was not started by these scripts; leaving it running"
    else
      log "redis: not running"
    fi
    return 0
  fi
  log "redis: stopping (pid $pid)"
  # SIGTERM makes Redis flush the append-only file and exit cleanly.
  stop_pid "$pid" redis 30
  rm -f "$REDIS_PIDFILE"
  log "redis: stopped (data kept in $(rel "$REDIS_DATA"))"
}

redis_purge() {
  redis_init_vars
  [[ -z "$(redis_our_pid || true)" ]] || die "redis: still running; not deleting its data"
  rm -rf "$REDIS_DIR" "$REDIS_LOG"
  log "redis: deleted $(rel "$REDIS_DIR")"
}

redis_status_line() {
  redis_init_vars
  local pid answer who
  pid="$(redis_our_pid || true)"
  if [[ -n "$pid" && "$(redis_our_port)" != "$REDIS_PORT" ]]; then
    printf '%-9s %-5s %-22s %s\n' redis down "$REDIS_HOST:$REDIS_PORT" "ours (pid $pid) runs on port $(redis_our_port) instead"
    return 1
  fi
  answer="$(redis_ping)"
  if [[ -n "$pid" ]]; then who="ours (pid $pid, data $(rel "$REDIS_DATA"))"; else who="external"; fi
  if [[ "$answer" == PONG ]]; then
    printf '%-9s %-5s %-22s %s\n' redis up "$REDIS_HOST:$REDIS_PORT" "$who"
    return 0
  fi
  if [[ -n "$answer" ]]; then
    printf '%-9s %-5s %-22s %s\n' redis down "$REDIS_HOST:$REDIS_PORT" "$who, PING answered '$answer'"
  elif [[ -n "$pid" ]]; then
    printf '%-9s %-5s %-22s %s\n' redis down "$REDIS_HOST:$REDIS_PORT" "ours (pid $pid) but not answering"
  else
    printf '%-9s %-5s %-22s %s\n' redis down "$REDIS_HOST:$REDIS_PORT" "-"
  fi
  return 1
}
