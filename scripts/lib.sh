# Shared helpers of the project's entry scripts (sourced, not run).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=SCRIPTDIR/port-open.sh
source "$ROOT/scripts/port-open.sh"

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# Installs node_modules with `npm ci` when missing or older than package-lock.json.
ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm dependencies (npm ci)…"
    npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed"
  fi
}

build() {
  say "compiling TypeScript (npm run build)…"
  npm run --silent build || fail "the TypeScript build failed"
}
