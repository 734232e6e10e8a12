#!/usr/bin/env bash
# Stops the apps started by `npm start` (SIGTERM: consumers leave their groups, then the processes exit).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true
RUN_DIR="$ROOT/.infra/run"
pids=()
for pidfile in "$RUN_DIR"/*.pid; do
  [ -e "$pidfile" ] || continue
  app="$(basename "$pidfile" .pid)"
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    $quiet || say "stopping $app (pid $pid)"
    kill -TERM "$pid"
    pids+=("$pid")
  fi
  rm -f "$pidfile"
done
# All at once: each app needs a moment to finish its work and leave its consumer groups.
for _ in $(seq 1 150); do
  alive=()
  for pid in ${pids[@]+"${pids[@]}"}; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
  [ ${#alive[@]} -eq 0 ] && break
  sleep 0.1
done
for pid in ${pids[@]+"${pids[@]}"}; do
  if kill -0 "$pid" 2>/dev/null; then say "pid $pid did not stop in 15 s; killing it"; kill -KILL "$pid"; fi
done
$quiet || say "apps stopped"
