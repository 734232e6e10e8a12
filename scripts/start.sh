#!/usr/bin/env bash
# Brings up the whole platform on this machine: local infrastructure, migrations, the four apps (in the
# background, logs under .infra/logs/apps) and demo content; prints the gateway URL. `npm run stop` stops the apps.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# notification-worker: the volunteers service's e-mail, newsletter and webhook workers in a process of their own.
APPS=(news volunteers notification-worker search gateway)
RUN_DIR="$ROOT/.infra/run"
LOG_DIR="$ROOT/.infra/logs/apps"
DEV_ENV="$ROOT/.infra/dev.env"
mkdir -p "$RUN_DIR" "$LOG_DIR"

ensure_node_modules
bash scripts/infra/up.sh

# Development secrets: generated once per checkout, kept in the ignored .infra folder, never committed.
# Variables already set in the environment win over them.
if [ ! -f "$DEV_ENV" ]; then
  say "generating development secrets in .infra/dev.env"
  {
    echo "JWT_SECRET=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')"
    echo "BOOTSTRAP_ADMIN_EMAIL=admin@birgemiz.local"
    echo "BOOTSTRAP_ADMIN_PASSWORD=$(node -e 'console.log(require("crypto").randomBytes(12).toString("base64url"))')"
    echo "DEMO_STAFF_PASSWORD=$(node -e 'console.log(require("crypto").randomBytes(12).toString("base64url"))')"
  } > "$DEV_ENV"
  chmod 600 "$DEV_ENV"
fi
while IFS='=' read -r name value; do
  [ -n "$name" ] && [ -z "${!name:-}" ] && export "$name=$value"
done < "$DEV_ENV"
export NODE_ENV="${NODE_ENV:-development}" PORT="${PORT:-3000}"

build
say "applying database migrations…"
node dist/scripts/migrate.js run || fail "migrations failed"

bash scripts/stop.sh --quiet

# E-mail: with SMTP_URL left at its default (smtp://127.0.0.1:1025) and nothing answering there, a development sink
# (scripts/dev-mail.ts) takes every message and writes it to .infra/mail/ as an .eml file.
mail_info="the server in SMTP_URL"
if [ -z "${SMTP_URL:-}" ]; then
  if port_open 127.0.0.1 1025; then
    mail_info="the SMTP server on 127.0.0.1:1025"
  else
    APPS=(mail-sink "${APPS[@]}")
    mail_info=".infra/mail/*.eml (development sink on 127.0.0.1:1025)"
  fi
fi

apps_started=$SECONDS
for app in "${APPS[@]}"; do
  say "starting $app (log: .infra/logs/apps/$app.log)"
  script="dist/apps/$app/src/main.js" flags=() launcher=() app_env=()
  case "$app" in
    # A search rebuild allocates much short-lived data: a larger V8 young generation spends less CPU on collecting it
    # (docs/performance.md, "Search").
    search) flags=(--max-semi-space-size=64) ;;
    mail-sink) script="dist/scripts/dev-mail.js" ;;
    # The workers run in their own process (below); this one only takes requests.
    volunteers) app_env=(NOTIFICATION_WORKERS=false) ;;
    # Background work on the same cores as the apps: SCHED_IDLE (or the lowest nice value), so requests come first and
    # the e-mails follow seconds later (docs/notifications.md).
    notification-worker)
      script="dist/apps/volunteers/src/notification-worker.js"
      if chrt --idle 0 true 2>/dev/null; then launcher=(chrt --idle 0); else launcher=(nice -n 19); fi ;;
  esac
  nohup env ${app_env[@]+"${app_env[@]}"} ${launcher[@]+"${launcher[@]}"} node ${flags[@]+"${flags[@]}"} "$script" >>"$LOG_DIR/$app.log" 2>&1 &
  echo $! > "$RUN_DIR/$app.pid"
done

url="http://127.0.0.1:$PORT"
say "waiting for $url/health/ready (every service answering over Kafka)…"
deadline=$((SECONDS + 120))
until curl -fs -o /dev/null "$url/health/ready"; do
  for app in "${APPS[@]}"; do
    if ! kill -0 "$(cat "$RUN_DIR/$app.pid")" 2>/dev/null; then
      tail -n 20 "$LOG_DIR/$app.log" >&2
      fail "$app exited during start-up (log above)"
    fi
  done
  if [ $SECONDS -ge $deadline ]; then
    curl -s "$url/health/ready" >&2 || true
    fail "the platform did not become ready within 120 s (logs in .infra/logs/apps)"
  fi
  sleep 1
done
say "ready $((SECONDS - apps_started)) s after the apps started (${SECONDS} s in all)"

say "loading demo content…"
GATEWAY_URL="$url" node dist/scripts/seed.js || fail "loading demo content failed"

cat <<INFO

  Birgemiz is up: $url
    API          $url/api/v1
    OpenAPI      $url/docs
    AsyncAPI     $url/docs/asyncapi.json
    Readiness    $url/health/ready
    Admin        $BOOTSTRAP_ADMIN_EMAIL (password in .infra/dev.env)
    Mail         $mail_info
    Logs         .infra/logs/apps/*.log
    Stop         npm run stop   (infrastructure: npm run infra:down)

INFO
