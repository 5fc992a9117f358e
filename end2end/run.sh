#!/usr/bin/env bash
# Runs the Playwright suite against the debug build made by `cargo leptos build`
# (or, with E2E_PROFILE=release, the one made by `cargo leptos build --release`):
# fresh SQLite databases with the demo accounts, servers on spare ports,
# then `playwright test`; the servers and databases are removed afterwards.
#
# Two servers: the main one's simulated ministry checks submissions at once;
# the second one's waits 45 s, so an application stays in 未提交至部系统
# long enough to be revoked, then moves on (revoke.spec.ts uses it through
# SLOW_BASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${E2E_PORT:-3100}"
beian="./target/${E2E_PROFILE:-debug}/beian"
slow_port=$((port + 1))
scratch="$(mktemp -d)"
export LEPTOS_SITE_ROOT="target/site"
export RUST_LOG="${RUST_LOG:-warn}"

servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

# start_server PORT DATABASE_FILE UPSTREAM_DELAY_SECONDS
start_server() {
  local url="sqlite://$2?mode=rwc"
  DATABASE_URL="$url" "$beian" seed-demo > /dev/null
  DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$1" BEIAN_UPSTREAM_DELAY_SECONDS="$3" \
    "$beian" serve &
  servers+=($!)
}

start_server "$port" "$scratch/e2e.db" 0
start_server "$slow_port" "$scratch/slow.db" 45

for p in "$port" "$slow_port"; do
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/${p}") 2>/dev/null; then break; fi
    sleep 0.1
  done
done

cd end2end
BASE_URL="http://127.0.0.1:${port}" BEIAN_E2E_DB="$scratch/e2e.db" \
  SLOW_BASE_URL="http://127.0.0.1:${slow_port}" SLOW_E2E_DB="$scratch/slow.db" \
  npx playwright test "$@"
