#!/usr/bin/env bash
# Stops what scripts/infra/up.sh started (found through its pid files); servers it did not start are left alone.
# Data stays in .infra/ unless --purge is given, which also deletes the data (the Kafka jars are kept).
# Usage: scripts/infra/down.sh [--purge] [postgres] [redis] [kafka]
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

purge=""
args=()
for a in "$@"; do
  case "$a" in
    --purge) purge=1 ;;
    -h | --help)
      sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) args+=("$a") ;;
  esac
done
select_components ${args[@]+"${args[@]}"}
infra_lock

# Kafka first: the apps' consumers see the broker go before their database does.
if wants kafka; then kafka_down; fi
if wants redis; then redis_down; fi
if wants postgres; then pg_down; fi

if [[ -n "$purge" ]]; then
  if wants kafka; then kafka_purge; fi
  if wants redis; then redis_purge; fi
  if wants postgres; then pg_purge; fi
fi
