#!/usr/bin/env bash
# Runs the Playwright suite against the debug build made by `cargo leptos build
# --split` (or, with E2E_PROFILE=release, the one made by `cargo leptos build
# --release --split`):
# fresh SQLite databases with the demo accounts, servers on spare ports,
# then `playwright test`; the servers and databases are removed afterwards.
#
# Four servers: the main one's simulated ministry checks submissions at
# once; the second one's waits 45 s, so an application stays in
# 未提交至部系统 long enough to be revoked, then moves on (revoke.spec.ts
# uses it through SLOW_BASE_URL). Those two leave 短信核验 out, so the
# flows go straight to the reviewers. The third runs it with the ministry's
# 24 hours (SMS_BASE_URL), the fourth with one minute, to see a deadline
# pass (SMS_TIMEOUT_BASE_URL). The fifth runs the 核查 checker every two
# seconds, fetching every site's home page from inspection.spec.ts's own
# page server (INSPECT_BASE_URL, INSPECT_PAGES_PORT). The sixth serves two
# access providers, the demo's and 示例网络有限公司 with its staff account
# staff_y, so a site can move between them (TRANSFER_BASE_URL).
#
# The servers log at info level (every audit event) to
# target/test-logs/e2e.log. The tests note the captcha answers, session ids
# and 备案密码 they saw in e2e.log.secrets; run.sh adds the passwords of the
# specs and the demo data and every session left in the databases, and
# tests/check_logs.sh fails the run if any of them reached the log
# (docs/testing.md, suite 8).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${E2E_PORT:-3100}"
beian="./target/${E2E_PROFILE:-debug}/beian"
slow_port=$((port + 1))
sms_port=$((port + 2))
sms_timeout_port=$((port + 3))
inspect_port=$((port + 4))
inspect_pages_port=$((port + 5))
transfer_port=$((port + 6))
scratch="$(mktemp -d)"
export LEPTOS_SITE_ROOT="target/site"
export RUST_LOG="${RUST_LOG:-info}"
mkdir -p target/test-logs
log="$PWD/target/test-logs/e2e.log"
: > "$log"
: > "$log.secrets"

servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

# start_server PORT DATABASE_FILE UPSTREAM_DELAY_SECONDS SMS_WINDOW_MINUTES
# (0: no 短信核验) [NAME=VALUE…: more settings]
start_server() {
  local url="sqlite://$2?mode=rwc"
  local sms=(BEIAN_SMS_VERIFICATION=false)
  if [ "$4" -gt 0 ]; then sms=(BEIAN_SMS_VERIFICATION=true BEIAN_SMS_WINDOW_MINUTES="$4"); fi
  DATABASE_URL="$url" "$beian" seed-demo > /dev/null
  # Every test's browser comes from 127.0.0.1: the per-client limit on
  # captcha images and registrations would count them all as one visitor.
  env DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$1" BEIAN_UPSTREAM_DELAY_SECONDS="$3" \
    BEIAN_ANONYMOUS_WRITES_PER_MINUTE=100000 "${sms[@]}" "${@:5}" "$beian" serve >> "$log" 2>&1 &
  servers+=($!)
}

start_server "$port" "$scratch/e2e.db" 0 0
start_server "$slow_port" "$scratch/slow.db" 45 0
start_server "$sms_port" "$scratch/sms.db" 0 1440
start_server "$sms_timeout_port" "$scratch/sms-timeout.db" 0 1
start_server "$inspect_port" "$scratch/inspect.db" 0 0 \
  BEIAN_INSPECTION_INTERVAL_SECONDS=2 BEIAN_INSPECTION_CONNECT_TO="127.0.0.1:$inspect_pages_port"
transfer_url="sqlite://$scratch/transfer.db?mode=rwc"
DATABASE_URL="$transfer_url" "$beian" seed-demo > /dev/null
second=$(DATABASE_URL="$transfer_url" "$beian" provider add --name 示例网络有限公司 \
  --ip-blocks 123.56.0.0/16 | sed -n 's/.*#\([0-9]*\).*/\1/p')
DATABASE_URL="$transfer_url" BEIAN_NEW_PASSWORD=StaffY2026 "$beian" user add --username staff_y \
  --role provider_staff --name 孙接入 --provider "$second" > /dev/null
start_server "$transfer_port" "$scratch/transfer.db" 0 0

for p in "$port" "$slow_port" "$sms_port" "$sms_timeout_port" "$inspect_port" "$transfer_port"; do
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/${p}") 2>/dev/null; then break; fi
    sleep 0.1
  done
done

status=0
report="$scratch/playwright.out"
(cd end2end && BASE_URL="http://127.0.0.1:${port}" BEIAN_E2E_DB="$scratch/e2e.db" \
  SLOW_BASE_URL="http://127.0.0.1:${slow_port}" SLOW_E2E_DB="$scratch/slow.db" \
  SMS_BASE_URL="http://127.0.0.1:${sms_port}" SMS_E2E_DB="$scratch/sms.db" \
  SMS_TIMEOUT_BASE_URL="http://127.0.0.1:${sms_timeout_port}" SMS_TIMEOUT_E2E_DB="$scratch/sms-timeout.db" \
  INSPECT_BASE_URL="http://127.0.0.1:${inspect_port}" INSPECT_E2E_DB="$scratch/inspect.db" \
  INSPECT_PAGES_PORT="$inspect_pages_port" \
  TRANSFER_BASE_URL="http://127.0.0.1:${transfer_port}" TRANSFER_E2E_DB="$scratch/transfer.db" \
  E2E_SECRETS="$log.secrets" npx playwright test "$@") 2>&1 | tee "$report" || status=$?
if [ "$status" -ne 0 ]; then
  echo "last lines of the server log ($log):"
  tail -n 30 "$log"
fi

# Passwords written in the specs and the demo data, and the keys of the
# sessions still in the databases (the tests noted the session ids they saw).
grep -ohE '"[A-Za-z][A-Za-z0-9]*20[0-9]{2}[A-Za-z0-9]*"' end2end/tests/*.ts src/server/demo_data.rs \
  | tr -d '"' >> "$log.secrets"
for db in "$scratch/e2e.db" "$scratch/slow.db" "$scratch/sms.db" "$scratch/sms-timeout.db" "$scratch/inspect.db" \
  "$scratch/transfer.db"; do
  python3 -c 'import sqlite3,sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute("select id from session")]' \
    "$db" >> "$log.secrets"
done
tests/check_logs.sh "$log" || status=1
if [ "$status" -ne 0 ]; then
  # Last, so that a CI log's tail names what failed: each failure's first
  # lines, then Playwright's summary.
  echo "Playwright failures:"
  awk '/^  [0-9]+\) /{n=0; on=1} on && n++ < 25' "$report" | head -n 100
  sed -n '/^  [0-9]* failed$/,$p' "$report"
fi
exit "$status"
