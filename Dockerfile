# One image definition for the four Birgemiz apps (gateway, news, volunteers, search) and the
# migrate/seed scripts. Stages:
#   build      - full install (dev deps) + `npm run build` (tsc -> dist/, rootDir = repo root)
#   prod-deps  - production-only node_modules (`npm ci --omit=dev`)
#   runtime    - node_modules + dist/, non-root; build arg APP picks the app it runs by default
#   gateway    - runtime + the gateway's HEALTHCHECK (last stage, so the default target)
#
#   docker build --target runtime --build-arg APP=news -t birgemiz/news .
#   docker build -t birgemiz/gateway .
#   docker run --rm birgemiz/news node dist/scripts/migrate.js run
#
# Checked by test/compose/docker-compose.spec.ts.

FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# ---------------------------------------------------------------------------------------------
FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# Fail the image build, not the container start, if an entry point is missing.
RUN npm run build \
 && for entry in dist/apps/gateway/src/main.js dist/apps/news/src/main.js \
                 dist/apps/volunteers/src/main.js dist/apps/search/src/main.js \
                 dist/apps/volunteers/src/notification-worker.js dist/scripts/migrate.js; do \
      test -f "$entry" || { echo "build did not produce $entry" >&2; exit 1; }; \
    done

# ---------------------------------------------------------------------------------------------
FROM base AS prod-deps
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# argon2 ships prebuilt binaries in its npm package: no compiler toolchain needed.
RUN npm ci --omit=dev && npm cache clean --force

# ---------------------------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production
# Files stay owned by root: the app (user node) can read but not modify its own code.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# APP comes after the copies so the four app images share every heavy layer.
ARG APP=gateway
RUN case "$APP" in \
      gateway|news|volunteers|search) ;; \
      *) echo "APP must be one of gateway, news, volunteers, search (got '$APP')" >&2; exit 1 ;; \
    esac
ENV APP=${APP}
USER node
# The shell only expands $APP, then exec hands PID over to node (compose adds `init: true`).
CMD ["sh", "-c", "exec node dist/apps/${APP}/src/main.js"]

# ---------------------------------------------------------------------------------------------
FROM runtime AS gateway
ENV APP=gateway \
    PORT=3000
EXPOSE 3000
# Slim images have no curl: probe /health/live with node itself.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const r=require('node:http').get('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live',{timeout:4000},(res)=>{res.resume();process.exit(res.statusCode>=200&&res.statusCode<300?0:1)});r.on('timeout',()=>r.destroy(new Error('timeout')));r.on('error',()=>process.exit(1))"]
