#!/usr/bin/env bash
# Runs the Playwright suite against the debug build made by `cargo leptos build`:
# a fresh SQLite database with the demo accounts, a server on a spare port,
# then `playwright test`; the server and database are removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${E2E_PORT:-3100}"
db="$(mktemp -d)/e2e.db"
export DATABASE_URL="sqlite://${db}?mode=rwc"
export LEPTOS_SITE_ADDR="127.0.0.1:${port}"
export LEPTOS_SITE_ROOT="target/site"
export RUST_LOG="${RUST_LOG:-warn}"
# The simulated ministry checks submissions at once.
export BEIAN_UPSTREAM_DELAY_SECONDS=0

./target/debug/beian seed-demo > /dev/null
./target/debug/beian serve &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$(dirname "$db")"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then break; fi
  sleep 0.1
done

cd end2end
BASE_URL="http://127.0.0.1:${port}" BEIAN_E2E_DB="$db" npx playwright test "$@"
