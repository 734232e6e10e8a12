#!/usr/bin/env bash
# One line per component: up/down, address, who started it (ours = scripts/infra/up.sh, external = anything
# else). Exits 0 only when every selected component answers. Usage: scripts/infra/status.sh [postgres] [redis] [kafka]
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
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
  ;;
esac
select_components "$@"
rc=0
if wants postgres; then pg_status_line || rc=1; fi
if wants redis; then redis_status_line || rc=1; fi
if wants kafka; then kafka_status_line || rc=1; fi
exit "$rc"
