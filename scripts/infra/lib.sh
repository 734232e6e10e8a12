# shellcheck shell=bash
# shellcheck disable=SC2034,SC2016  # variables are used by the sourcing scripts; single-quoted bash -c on purpose
# Shared helpers for scripts/infra/*.sh (local PostgreSQL, Redis and Kafka without Docker).
# Sourced, never run. Callers use `set -euo pipefail`.

INFRA_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$INFRA_SCRIPTS_DIR/../.." && pwd -P)"
INFRA_DIR="$REPO_ROOT/.infra"
LOG_DIR="$INFRA_DIR/logs"

# ---- configuration (environment variables with defaults) -------------------------------------------------
DATABASE_URL="${DATABASE_URL:-postgres://birgemiz:birgemiz@127.0.0.1:5432/birgemiz}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
# 3.9.x: see docs/adr/0002-kafka-version.md
KAFKA_VERSION="${KAFKA_VERSION:-3.9.2}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
PG_START_TIMEOUT="${PG_START_TIMEOUT:-60}"
REDIS_START_TIMEOUT="${REDIS_START_TIMEOUT:-30}"
export DATABASE_URL REDIS_URL KAFKA_BROKERS

ALL_COMPONENTS=(postgres redis kafka)

# ---- logging -----------------------------------------------------------------------------------------------
_ts() { date +%H:%M:%S; }
log() { printf '[infra] %s %s\n' "$(_ts)" "$*" >&2; }
warn() { printf '[infra] %s WARNING: %s\n' "$(_ts)" "$*" >&2; }
# die MESSAGE [LOGFILE...]: print the message, then the tail of each existing log file, and exit 1.
die() {
  local msg="$1"
  shift || true
  printf '[infra] %s ERROR: %s\n' "$(_ts)" "$msg" >&2
  local f
  for f in "$@"; do
    if [[ -s "$f" ]]; then
      printf '[infra] ---- last 40 lines of %s ----\n' "$f" >&2
      tail -n 40 "$f" >&2 || true
      printf '[infra] ---- end of %s ----\n' "$f" >&2
    fi
  done
  exit 1
}
# Path relative to the repository, for messages.
rel() { local p="$1"; printf '%s' "${p#"$REPO_ROOT"/}"; }

# ---- parsing of the configured addresses --------------------------------------------------------------------
# Percent-decoding for the user-info part of URLs (a backslash stays a backslash).
urldecode() {
  local s="${1//\\/\\\\}"
  printf '%b' "${s//%/\\x}"
}

# Sets PG_USER PG_PASSWORD PG_HOST PG_PORT PG_DB from DATABASE_URL.
parse_database_url() {
  local re='^postgres(ql)?://(([^:@/]*)(:([^@/]*))?@)?([^:/?#]+)(:([0-9]+))?(/([^?#]*))?'
  [[ "$DATABASE_URL" =~ $re ]] || die "DATABASE_URL is not a postgres://user:password@host:port/db URL: $DATABASE_URL"
  PG_USER="$(urldecode "${BASH_REMATCH[3]}")"
  PG_PASSWORD="$(urldecode "${BASH_REMATCH[5]}")"
  PG_HOST="${BASH_REMATCH[6]}"
  PG_PORT="${BASH_REMATCH[8]:-5432}"
  PG_DB="$(urldecode "${BASH_REMATCH[10]}")"
  [[ -n "$PG_USER" ]] || die "DATABASE_URL names no user: $DATABASE_URL"
  [[ -n "$PG_DB" ]] || PG_DB="$PG_USER"
}

# Sets REDIS_USER REDIS_PASSWORD REDIS_HOST REDIS_PORT from REDIS_URL.
parse_redis_url() {
  local re='^rediss?://(([^:@/]*)(:([^@/]*))?@)?([^:/?#]+)(:([0-9]+))?'
  [[ "$REDIS_URL" =~ $re ]] || die "REDIS_URL is not a redis://[:password@]host:port URL: $REDIS_URL"
  REDIS_USER="$(urldecode "${BASH_REMATCH[2]}")"
  REDIS_PASSWORD="$(urldecode "${BASH_REMATCH[4]}")"
  REDIS_HOST="${BASH_REMATCH[5]}"
  REDIS_PORT="${BASH_REMATCH[7]:-6379}"
}

# Sets KAFKA_HOST KAFKA_PORT from the first entry of KAFKA_BROKERS.
parse_kafka_brokers() {
  local first="${KAFKA_BROKERS%%,*}"
  first="${first//[[:space:]]/}"
  first="${first#*://}"
  [[ "$first" =~ ^([^:]+):([0-9]+)$ ]] || die "KAFKA_BROKERS must be host:port[,host:port...]: $KAFKA_BROKERS"
  KAFKA_HOST="${BASH_REMATCH[1]}"
  KAFKA_PORT="${BASH_REMATCH[2]}"
  [[ "$KAFKA_CONTROLLER_PORT" =~ ^[0-9]+$ ]] || die "KAFKA_CONTROLLER_PORT must be a number: $KAFKA_CONTROLLER_PORT"
}

# Only addresses on this machine can be served by a server these scripts start.
is_local_host() {
  case "$1" in
    localhost | 127.* | ::1 | '[::1]') return 0 ;;
    *) return 1 ;;
  esac
}
# The address a local server binds to for a configured host name.
bind_addr() {
  case "$1" in
    localhost) printf '127.0.0.1' ;;
    *) printf '%s' "$1" ;;
  esac
}

# ---- ports, processes, waiting ------------------------------------------------------------------------------
# shellcheck source=SCRIPTDIR/../port-open.sh
source "$INFRA_SCRIPTS_DIR/../port-open.sh"

# wait_until TIMEOUT_SECONDS COMMAND...: run COMMAND every half second until it succeeds (0) or time runs out (1).
wait_until() {
  local limit="$1"
  shift
  local deadline=$((SECONDS + limit))
  while ((SECONDS < deadline)); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  "$@"
}

# wait_for_port HOST PORT TIMEOUT
wait_for_port() { wait_until "$3" port_open "$1" "$2"; }

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# pid_cmdline_has PID TEXT: the process's command line contains TEXT (guards against reused pids).
pid_cmdline_has() {
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$2"* ]]
}

# pid_from_file FILE TEXT: print the pid in FILE when that process is alive and its command line contains TEXT.
pid_from_file() {
  local file="$1" text="$2" pid
  [[ -f "$file" ]] || return 1
  pid="$(head -n 1 "$file" 2>/dev/null | tr -dc '0-9')"
  pid_alive "$pid" || return 1
  pid_cmdline_has "$pid" "$text" || return 1
  printf '%s' "$pid"
}

# stop_pid PID NAME TIMEOUT: SIGTERM, wait, then SIGKILL.
stop_pid() {
  local pid="$1" name="$2" limit="${3:-30}"
  kill -TERM "$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + limit))
  while pid_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  if pid_alive "$pid"; then
    warn "$name (pid $pid) did not stop within ${limit}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
}

# ---- packages ----------------------------------------------------------------------------------------------
_INFRA_APT_UPDATED=""
# apt_install PACKAGE...: install Debian packages non-interactively (apt-get update at most once per run).
apt_install() {
  (($# > 0)) || return 0
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      die "missing Debian packages: $* — install them with: sudo apt-get install -y $*"
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages ($*) and no apt-get on this machine: install them by hand"
  mkdir -p "$LOG_DIR"
  local aptlog="$LOG_DIR/apt.log"
  if [[ -z "$_INFRA_APT_UPDATED" ]]; then
    log "apt-get update (log: $(rel "$aptlog"))"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >>"$aptlog" 2>&1 ||
      die "apt-get update failed" "$aptlog"
    _INFRA_APT_UPDATED=1
  fi
  log "installing Debian packages: $* (log: $(rel "$aptlog"))"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" >>"$aptlog" 2>&1 ||
    die "apt-get install $* failed" "$aptlog"
}

# ---- serialising concurrent runs ----------------------------------------------------------------------------
# Two up.sh/down.sh runs at once (a test runner and a person, say) would race on pid files and data dirs.
# The lock is fd 9: every server started while holding it is started with 9>&-, or it would keep the lock.
infra_lock() {
  mkdir -p "$INFRA_DIR"
  exec 9>"$INFRA_DIR/.lock"
  if ! flock -n 9; then
    log "another scripts/infra run holds $(rel "$INFRA_DIR")/.lock; waiting for it"
    flock -w 600 9 || die "timed out waiting for $(rel "$INFRA_DIR")/.lock"
  fi
}

# ---- component selection ------------------------------------------------------------------------------------
# select_components ARG...: fills COMPONENTS from the arguments (default: all), rejects unknown names.
select_components() {
  COMPONENTS=()
  local a c ok
  for a in "$@"; do
    ok=""
    for c in "${ALL_COMPONENTS[@]}"; do [[ "$a" == "$c" ]] && ok=1; done
    [[ -n "$ok" ]] || die "unknown component '$a' (expected: ${ALL_COMPONENTS[*]})"
    COMPONENTS+=("$a")
  done
  ((${#COMPONENTS[@]} > 0)) || COMPONENTS=("${ALL_COMPONENTS[@]}")
}
wants() {
  local c
  for c in "${COMPONENTS[@]}"; do [[ "$c" == "$1" ]] && return 0; done
  return 1
}
