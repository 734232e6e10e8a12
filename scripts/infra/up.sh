#!/usr/bin/env bash
# Brings up the local infrastructure: PostgreSQL, Redis and a single-node Kafka (KRaft), without Docker.
# Idempotent: whatever already answers on the configured address (ours from an earlier run, a docker compose
# stack, a system service) is used as it is. Usage: scripts/infra/up.sh [postgres] [redis] [kafka]
# Configuration: DATABASE_URL, REDIS_URL, KAFKA_BROKERS, KAFKA_CONTROLLER_PORT (see docs/infrastructure.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$here/lib.sh"
# shellcheck source=SCRIPTDIR/lib-postgres.sh
source "$here/lib-postgres.sh"
# shellcheck source=SCRIPTDIR/lib-redis.sh
source "$here/lib-redis.sh"
# shellcheck source=SCRIPTDIR/lib-kafka.sh
source "$here/lib-kafka.sh"

case "${1:-}" in -h | --help)
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
  ;;
esac
select_components "$@"
t0=$SECONDS
infra_lock
mkdir -p "$LOG_DIR"

# The broker takes longest to boot: launch it first and let it start while PostgreSQL and Redis come up.
if wants kafka; then kafka_start; fi
if wants postgres; then pg_up; fi
if wants redis; then redis_up; fi
if wants kafka; then kafka_wait; fi

log "ready in $((SECONDS - t0))s:"
rc=0
if wants postgres; then pg_status_line >&2 || rc=1; fi
if wants redis; then redis_status_line >&2 || rc=1; fi
if wants kafka; then kafka_status_line >&2 || rc=1; fi
((rc == 0)) || die "a component stopped answering right after start-up (see the lines above and $(rel "$LOG_DIR"))"
