#!/usr/bin/env bash
# Stops the apps started by `npm start` (SIGTERM: consumers leave their groups, then the processes exit).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true
RUN_DIR="$ROOT/.infra/run"
for pidfile in "$RUN_DIR"/*.pid; do
  [ -e "$pidfile" ] || continue
  app="$(basename "$pidfile" .pid)"
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    $quiet || say "stopping $app (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { say "$app did not stop in 15 s; killing it"; kill -KILL "$pid"; }
  fi
  rm -f "$pidfile"
done
$quiet || say "apps stopped"
