# shellcheck shell=bash
# shellcheck disable=SC2094  # pg_ctl's own messages are appended to the server log on purpose
# PostgreSQL part of scripts/infra (sourced after lib.sh): pg_up, pg_down, pg_purge, pg_status_line.

pg_init_vars() {
  parse_database_url
  PG_DIR="$INFRA_DIR/postgres"
  PG_DATA="$PG_DIR/data"
  PG_SOCK_DIR="$PG_DIR/run"
  PG_LOG="$LOG_DIR/postgres.log"
  PG_CONF_NAME="birgemiz-local.conf"
  # A unix socket path is limited to 107 bytes; a deeply nested checkout falls back to a short path in /tmp.
  if ((${#PG_SOCK_DIR} + 20 > 107)); then
    PG_SOCK_DIR="/tmp/birgemiz-pg-$(printf '%s' "$PG_DATA" | md5sum | cut -c1-10)"
  fi
  # PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` system user, otherwise to
  # whoever runs the scripts.
  if [[ "$(id -u)" -eq 0 ]]; then PG_OS_USER=postgres; else PG_OS_USER="$(id -un)"; fi
  PG_BIN=""
}

# Run a command as the cluster's OS user, from / (the caller's working directory may be unreadable to that user).
pg_as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    (cd / && "$@")
  fi
}

# Our cluster's postmaster pid, if it runs.
pg_our_pid() { pid_from_file "$PG_DATA/postmaster.pid" "$PG_DATA"; }
# The port our running cluster listens on (4th line of postmaster.pid).
pg_our_port() { sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null | tr -dc '0-9'; }
# The repo has one cluster: when it runs on another port than DATABASE_URL names, say so instead of guessing.
pg_check_our_port() {
  local running
  running="$(pg_our_port)"
  [[ -z "$running" || "$running" == "$PG_PORT" ]] ||
    die "postgres: this checkout's cluster (pid $1) runs on port $running but DATABASE_URL names port $PG_PORT; run scripts/infra/down.sh postgres first, or use the old DATABASE_URL"
}

# Finds the server binaries (initdb, pg_ctl, postgres) and sets PG_BIN; returns 1 when there are none.
pg_find_bindir() {
  local want="" d cand=()
  [[ -f "$PG_DATA/PG_VERSION" ]] && want="$(cat "$PG_DATA/PG_VERSION")"
  [[ -n "${PG_BINDIR:-}" ]] && cand+=("$PG_BINDIR")
  [[ -n "$want" ]] && cand+=("/usr/lib/postgresql/$want/bin")
  if command -v pg_ctl >/dev/null 2>&1; then cand+=("$(dirname "$(readlink -f "$(command -v pg_ctl)")")"); fi
  while IFS= read -r d; do cand+=("$d"); done < <(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V -r)
  for d in "${cand[@]}"; do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]]; then
      PG_BIN="$d"
      break
    fi
  done
  [[ -n "$PG_BIN" ]] || return 1
  if [[ -n "$want" ]]; then
    local have
    have="$("$PG_BIN/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
    [[ "$have" == "$want" ]] ||
      die "postgres: $(rel "$PG_DATA") is a PostgreSQL $want cluster but the binaries found are $have ($PG_BIN); set PG_BINDIR or run scripts/infra/down.sh --purge"
  fi
}

pg_client() {
  if command -v psql >/dev/null 2>&1; then command -v psql; elif [[ -n "$PG_BIN" && -x "$PG_BIN/psql" ]]; then
    printf '%s' "$PG_BIN/psql"
  else return 1; fi
}

# pg_probe: prints accepting | rejecting (starting or stopping) | none.
pg_probe() {
  local isready=""
  if command -v pg_isready >/dev/null 2>&1; then
    isready="$(command -v pg_isready)"
  elif [[ -n "$PG_BIN" && -x "$PG_BIN/pg_isready" ]]; then isready="$PG_BIN/pg_isready"; fi
  if [[ -n "$isready" ]]; then
    local rc=0
    "$isready" -q -h "$PG_HOST" -p "$PG_PORT" -t 3 >/dev/null 2>&1 || rc=$?
    case "$rc" in
      0) echo accepting ;;
      1) echo rejecting ;;
      *) echo none ;;
    esac
  elif port_open "$PG_HOST" "$PG_PORT"; then echo accepting; else echo none; fi
}
pg_accepting() { [[ "$(pg_probe)" == accepting ]]; }

pg_creds_ok() {
  local psql
  psql="$(pg_client)" || return 1
  PGCONNECT_TIMEOUT=5 "$psql" "$DATABASE_URL" -XAtqc 'select 1' >/dev/null 2>&1
}

# SQL that creates the role and database of DATABASE_URL when missing. With ALTER=1 the role's password and
# attributes are also reset to the URL's (only on our own cluster).
pg_role_db_sql() {
  cat <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'u', :'p')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'u', :'p') WHERE :'alter' = '1' \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'d', :'u', 'UTF8')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'d') \gexec
SQL
}

# PostgreSQL must be able to reach its data directory. A checkout under a `mktemp -d` directory (0700, root) or
# a home directory (0700/0750) blocks the `postgres` user at that ancestor. We grant o+x (search only: others
# can open paths they already know but cannot list the directory) on exactly the ancestors that block it and
# say so. Alternatives were worse: data outside the repo breaks "everything under .infra" and --purge; ACLs
# (setfacl) are not installed everywhere and not supported by every filesystem.
pg_ensure_traversable() {
  [[ "$(id -u)" -eq 0 ]] || return 0 # not root: the cluster runs as the user who owns the checkout
  local d dirs=() target
  for target in "$PG_DIR" "$LOG_DIR"; do
    d="$target"
    while [[ "$d" != "/" && -n "$d" ]]; do
      dirs+=("$d")
      d="$(dirname "$d")"
    done
  done
  while IFS= read -r d; do
    [[ -n "$d" ]] || continue
    if ! runuser -u "$PG_OS_USER" -- test -x "$d" 2>/dev/null; then
      chmod o+x "$d" || die "postgres: cannot grant search permission on $d to the $PG_OS_USER user"
      log "postgres: granted o+x (search, not list) on $d so the $PG_OS_USER user can reach $(rel "$PG_DATA")"
      runuser -u "$PG_OS_USER" -- test -x "$d" 2>/dev/null ||
        die "postgres: the $PG_OS_USER user still cannot enter $d (ACL or mount option?); move the checkout"
    fi
  done < <(printf '%s\n' "${dirs[@]}" | sort -u | awk '{ print length($0) "\t" $0 }' | sort -n | cut -f2-)
}

pg_ensure_installed() {
  if ! pg_find_bindir; then
    apt_install postgresql
    pg_find_bindir || die "postgres: installed the postgresql package but found no initdb/pg_ctl under /usr/lib/postgresql/*/bin"
  fi
  if [[ "$(id -u)" -eq 0 ]] && ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
    log "postgres: creating the system user $PG_OS_USER"
    useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql --shell /usr/sbin/nologin "$PG_OS_USER"
  fi
}

pg_write_conf() {
  local conf="$PG_DATA/$PG_CONF_NAME"
  if ! grep -q "$PG_CONF_NAME" "$PG_DATA/postgresql.conf"; then
    printf "\n# Settings of the Birgemiz local infrastructure scripts (scripts/infra).\ninclude_if_exists = '%s'\n" \
      "$PG_CONF_NAME" >>"$PG_DATA/postgresql.conf"
  fi
  cat >"$conf" <<EOF
# Written by scripts/infra/lib-postgres.sh before every start of the local cluster: edit that script, not this
# file. A development and test cluster of the Birgemiz repository, never a production configuration.
listen_addresses = '$(bind_addr "$PG_HOST")'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK_DIR'
# Only the cluster's OS user (and root) may use the socket: local connections are trusted (pg_hba.conf).
unix_socket_permissions = 0700
# Four apps, their connection pools and parallel test workers.
max_connections = 200
timezone = 'UTC'
log_timezone = 'UTC'
# Durability: fsync and full_page_writes keep their defaults (on), so a crash never corrupts the cluster.
# synchronous_commit = off lets a crash lose the last few hundred milliseconds of commits, never consistency;
# it makes the many small transactions of the test suites faster.
synchronous_commit = off
EOF
  chown "$PG_OS_USER:" "$conf" 2>/dev/null || true
  chmod 0600 "$conf"
}

pg_init_cluster() {
  local loc=C
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then loc=C.UTF-8; fi
  log "postgres: initdb $(rel "$PG_DATA") (PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), UTF8, locale $loc)"
  # --auth-local=trust: the socket directory and socket are private to the cluster's OS user (see the config);
  # TCP connections need the password (scram-sha-256).
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale="$loc" \
    --auth-local=trust --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 ||
    die "postgres: initdb failed" "$PG_LOG"
}

pg_super_psql() {
  pg_as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK_DIR" -p "$PG_PORT" -U postgres -d postgres "$@"
}

pg_ensure_role_db_ours() {
  [[ -n "$PG_PASSWORD" ]] || die "postgres: DATABASE_URL has no password; the local cluster asks for one over TCP"
  pg_role_db_sql | pg_super_psql -v u="$PG_USER" -v p="$PG_PASSWORD" -v d="$PG_DB" -v alter=1 >>"$PG_LOG" 2>&1 ||
    die "postgres: could not create role '$PG_USER' / database '$PG_DB'" "$PG_LOG"
  pg_creds_ok || die "postgres: the local cluster runs but DATABASE_URL ($PG_USER@$PG_HOST:$PG_PORT/$PG_DB) cannot log in" "$PG_LOG"
}

pg_start_ours() {
  mkdir -p "$PG_DIR" "$LOG_DIR"
  pg_ensure_traversable
  mkdir -p "$PG_DATA" "$PG_SOCK_DIR"
  chown "$PG_OS_USER:" "$PG_DATA" "$PG_SOCK_DIR"
  chmod 0700 "$PG_DATA" "$PG_SOCK_DIR"
  touch "$PG_LOG"
  chown "$PG_OS_USER:" "$PG_LOG"
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    pg_init_cluster
  fi
  pg_write_conf
  log "postgres: starting on $PG_HOST:$PG_PORT (data $(rel "$PG_DATA"), log $(rel "$PG_LOG"))"
  # 9>&-: the server must not inherit the lock of scripts/infra (lib.sh, infra_lock).
  pg_as_owner "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_START_TIMEOUT" -s >>"$PG_LOG" 2>&1 9>&- ||
    die "postgres: pg_ctl start failed (port $PG_PORT)" "$PG_LOG"
  wait_until "$PG_START_TIMEOUT" pg_accepting ||
    die "postgres: started but does not accept connections on $PG_HOST:$PG_PORT" "$PG_LOG"
}

pg_up() {
  pg_init_vars
  local pid state
  pid="$(pg_our_pid || true)"
  if [[ -n "$pid" ]]; then
    pg_check_our_port "$pid"
    pg_find_bindir || die "postgres: our cluster runs (pid $pid) but its binaries are gone"
    wait_until "$PG_START_TIMEOUT" pg_accepting ||
      die "postgres: our cluster (pid $pid) does not accept connections on $PG_HOST:$PG_PORT" "$PG_LOG"
    pg_ensure_role_db_ours
    log "postgres: already running (ours, pid $pid) on $PG_HOST:$PG_PORT"
    return 0
  fi
  state="$(pg_probe)"
  if [[ "$state" == rejecting ]]; then
    log "postgres: a server on $PG_HOST:$PG_PORT is starting up; waiting"
    wait_until "$PG_START_TIMEOUT" pg_accepting || die "postgres: the server on $PG_HOST:$PG_PORT never accepted connections"
    state=accepting
  fi
  if [[ "$state" == accepting ]]; then
    pg_use_external
    return 0
  fi
  is_local_host "$PG_HOST" || die "postgres: nothing answers on $PG_HOST:$PG_PORT, and that is not an address of this machine"
  if port_open "$PG_HOST" "$PG_PORT"; then
    die "postgres: $PG_HOST:$PG_PORT is taken by something that is not PostgreSQL"
  fi
  pg_ensure_installed
  # Where services may start at install time, installing the package starts a cluster of its own.
  if [[ "$(pg_probe)" != none ]]; then
    log "postgres: a server answers on $PG_HOST:$PG_PORT now (started by the package install?); using it"
    wait_until "$PG_START_TIMEOUT" pg_accepting || die "postgres: the server on $PG_HOST:$PG_PORT never accepted connections"
    pg_use_external
    return 0
  fi
  pg_start_ours
  pg_ensure_role_db_ours
  log "postgres: up (ours, pid $(pg_our_pid || echo '?')) on $PG_HOST:$PG_PORT, database '$PG_DB' owned by '$PG_USER'"
}

# Something we did not start answers: use it as it is, only making sure DATABASE_URL can log in.
pg_use_external() {
  if ! pg_client >/dev/null; then
    pg_find_bindir || true
    pg_client >/dev/null || apt_install postgresql-client
  fi
  if pg_creds_ok; then
    log "postgres: using the server already running on $PG_HOST:$PG_PORT (external); DATABASE_URL logs in"
    return 0
  fi
  is_local_host "$PG_HOST" ||
    die "postgres: the server on $PG_HOST:$PG_PORT rejects DATABASE_URL ($PG_USER@…/$PG_DB) and is not on this machine"
  log "postgres: the external server on $PG_HOST:$PG_PORT rejects DATABASE_URL; creating role '$PG_USER' and database '$PG_DB' as the superuser over its local socket"
  local psql out rc=0
  psql="$(pg_client)"
  if [[ "$(id -u)" -eq 0 ]] && id -u postgres >/dev/null 2>&1; then
    out="$(pg_role_db_sql | (cd / && runuser -u postgres -- "$psql" -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres \
      -v u="$PG_USER" -v p="$PG_PASSWORD" -v d="$PG_DB" -v alter=0) 2>&1)" || rc=$?
  else
    out="$(pg_role_db_sql | "$psql" -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres \
      -v u="$PG_USER" -v p="$PG_PASSWORD" -v d="$PG_DB" -v alter=0 2>&1)" || rc=$?
  fi
  if ((rc != 0)); then
    die "postgres: the server on $PG_HOST:$PG_PORT is not ours, rejects DATABASE_URL, and the superuser could not be reached over its local socket: $out
  Create the role and database yourself, point DATABASE_URL at another port, or stop that server so these scripts start their own."
  fi
  pg_creds_ok || die "postgres: created what was missing on $PG_HOST:$PG_PORT but DATABASE_URL still cannot log in (role '$PG_USER' exists with another password? pg_hba.conf?)"
  log "postgres: role '$PG_USER' and database '$PG_DB' ready on the external server $PG_HOST:$PG_PORT"
}

pg_down() {
  pg_init_vars
  local pid
  pid="$(pg_our_pid || true)"
  if [[ -z "$pid" ]]; then
    if [[ "$(pg_probe)" != none ]]; then
      log "postgres: the server on $PG_HOST:$PG_PORT was not started by these scripts; leaving it running"
    else
      log "postgres: not running"
    fi
    return 0
  fi
  log "postgres: stopping (pid $pid)"
  if pg_find_bindir; then
    pg_as_owner "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 -s >>"$PG_LOG" 2>&1 || true
  fi
  pid_alive "$pid" && stop_pid "$pid" postgres 30
  log "postgres: stopped (data kept in $(rel "$PG_DATA"))"
}

pg_purge() {
  pg_init_vars
  [[ -z "$(pg_our_pid || true)" ]] || die "postgres: still running; not deleting its data"
  rm -rf "$PG_DIR" "$PG_LOG"
  [[ "$PG_SOCK_DIR" == /tmp/birgemiz-pg-* ]] && rm -rf "$PG_SOCK_DIR"
  log "postgres: deleted $(rel "$PG_DIR")"
}

# One line for status.sh; returns 0 when the server answers.
pg_status_line() {
  pg_init_vars
  pg_find_bindir >/dev/null 2>&1 || true
  local pid state who
  pid="$(pg_our_pid || true)"
  if [[ -n "$pid" && "$(pg_our_port)" != "$PG_PORT" ]]; then
    printf '%-9s %-5s %-22s %s\n' postgres down "$PG_HOST:$PG_PORT" "ours (pid $pid) runs on port $(pg_our_port) instead"
    return 1
  fi
  state="$(pg_probe)"
  if [[ -n "$pid" ]]; then who="ours (pid $pid, data $(rel "$PG_DATA"))"; else who="external"; fi
  case "$state" in
    accepting) printf '%-9s %-5s %-22s %s\n' postgres up "$PG_HOST:$PG_PORT" "$who" ;;
    rejecting) printf '%-9s %-5s %-22s %s\n' postgres down "$PG_HOST:$PG_PORT" "$who, not accepting connections (starting or stopping)" ;;
    *)
      if [[ -n "$pid" ]]; then who="ours (pid $pid) but not answering"; else who="-"; fi
      printf '%-9s %-5s %-22s %s\n' postgres down "$PG_HOST:$PG_PORT" "$who"
      ;;
  esac
  [[ "$state" == accepting ]]
}
