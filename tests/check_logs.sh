#!/usr/bin/env bash
# Fails if a test run's captured server log holds any secret the tests
# used: the passwords, session ids and captcha answers the HTTP harness
# noted in LOG.secrets while the suite ran (docs/testing.md, suite 8).
# Usage: tests/check_logs.sh LOG
set -euo pipefail
log="$1"
secrets="$log.secrets"
[ -s "$log" ] || { echo "no server log was captured in $log"; exit 1; }
[ -s "$secrets" ] || { echo "no secrets were noted in $secrets"; exit 1; }
sort -u "$secrets" > "$secrets.unique"
if grep -n -F -w -f "$secrets.unique" "$log" > "$log.leaks"; then
  echo "secrets found in $log:"
  head -20 "$log.leaks"
  exit 1
fi
echo "log check: $(wc -l < "$log") log lines hold none of $(wc -l < "$secrets.unique") secrets"
