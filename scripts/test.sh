#!/usr/bin/env bash
# Runs every test tier: unit, integration (real PostgreSQL, Redis, Kafka) and end-to-end (the four apps booted
# and driven through the gateway). Provisions what it needs: npm packages and the local infrastructure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_node_modules
bash scripts/infra/up.sh
say "type-checking (npm run typecheck)…"
npm run --silent typecheck || fail "type errors"
build

results="$ROOT/.infra/test-results"
rm -rf "$results" && mkdir -p "$results"
status=0
say "unit and integration tiers…"
npx jest --selectProjects unit int --maxWorkers=2 --json --outputFile="$results/unit-int.json" || status=1
say "end-to-end tier (the four apps booted once)…"
# The e2e apps use the same Kafka topics and consumer groups as `npm start`: stop those apps first, and hold a lock
# so two e2e runs on one machine never answer each other's requests.
if ls "$ROOT"/.infra/run/*.pid >/dev/null 2>&1; then say "stopping the apps of npm start (they share Kafka topics with the e2e apps)"; bash scripts/stop.sh --quiet; fi
BIRGEMIZ_SKIP_BUILD=1 flock "$ROOT/.infra/e2e.lock" npx jest --selectProjects e2e --runInBand --json --outputFile="$results/e2e.json" || status=1
say "chaos checks (the Kafka broker and the volunteers app killed and restarted under the platform)…"
BIRGEMIZ_SKIP_BUILD=1 flock "$ROOT/.infra/e2e.lock" npx jest --selectProjects chaos --runInBand --json --outputFile="$results/chaos.json" || status=1

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of process.argv.slice(1)) {
    if (!fs.existsSync(f)) { failed += 1; console.error("missing results: " + f); continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0); skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (passed === 0) { console.error("no test ran"); process.exit(1); }
' "$results/unit-int.json" "$results/e2e.json" "$results/chaos.json" || status=1
exit $status
