#!/usr/bin/env bash
# Checks that the running local infrastructure is usable by the apps, with the apps' own settings:
# PostgreSQL (DATABASE_URL logs in), Redis (PING, maxmemory-policy noeviction, append-only file) and Kafka
# (scripts/infra/kafka-smoke.js with the repo's kafkajs). Prints OK per component; exits 1 on the first failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$here/lib.sh"
# shellcheck source=SCRIPTDIR/lib-redis.sh
source "$here/lib-redis.sh"

parse_database_url
out="$(PGCONNECT_TIMEOUT=5 psql "$DATABASE_URL" -XAtqc "select current_user || ' ' || current_database() || ' ' || current_setting('server_version')")" ||
  die "postgres smoke failed: psql \"\$DATABASE_URL\" could not run a query"
log "postgres smoke: OK ($out on $PG_HOST:$PG_PORT)"

redis_init_vars
[[ "$(redis_ping)" == PONG ]] || die "redis smoke failed: no PONG from $REDIS_HOST:$REDIS_PORT"
if command -v redis-cli >/dev/null 2>&1; then
  policy="$(redis_cli config get maxmemory-policy | sed -n 2p)"
  aof="$(redis_cli config get appendonly | sed -n 2p)"
  [[ "$policy" == noeviction ]] || die "redis smoke failed: maxmemory-policy is '$policy', BullMQ needs noeviction"
  [[ "$aof" == yes ]] || warn "redis: appendonly is '$aof'; queued jobs would not survive a restart"
  log "redis smoke: OK (PONG, maxmemory-policy=$policy, appendonly=$aof on $REDIS_HOST:$REDIS_PORT)"
else
  log "redis smoke: OK (PONG on $REDIS_HOST:$REDIS_PORT; no redis-cli to read the config)"
fi

node "$here/kafka-smoke.js" || die "kafka smoke failed"
