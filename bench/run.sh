#!/usr/bin/env bash
# The benchmark harness (docs/benchmarks.md): builds, generates each data
# set with `beian seed-demo`, starts the server on it and prints one
# Markdown table per measure, every figure beside a baseline measured in
# the same run.
#
#   bench/run.sh            release build; 10k and 1M sites; SQLite and PostgreSQL
#   bench/run.sh --smoke    debug build; 1k sites; a few requests (CI)
#   bench/run.sh [--smoke] search
#                           the data sets and 备案信息查询 latency alone
#
# Settings: BENCH_SITES ("10000 1000000"), BENCH_BACKENDS ("sqlite postgres"),
# BENCH_PG (postgres://postgres@127.0.0.1:5432), BENCH_PORT (3300).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
sites_list="${BENCH_SITES:-10000 1000000}"
requests=300
seconds=10
import_size=4000
if [[ "${1:-}" == "--smoke" ]]; then
  profile=debug
  sites_list="${BENCH_SITES:-1000}"
  requests=20
  seconds=2
  import_size=400
  shift
fi
only_search=""
if [[ "${1:-}" == "search" ]]; then
  only_search=yes
fi
backends="${BENCH_BACKENDS:-sqlite postgres}"
pg="${BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
port="${BENCH_PORT:-3300}"
scratch="$(mktemp -d)"
export LEPTOS_OUTPUT_NAME=beian LEPTOS_SITE_ROOT=target/site RUST_LOG="${RUST_LOG:-warn}"
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

flag=""
[[ "$profile" == release ]] && flag="--release"
# A release site is precompressed (brotli and gzip beside each file), as
# `make run` builds it, so "sent" below is what a browser downloads.
cargo leptos build $flag ${flag:+--precompress} --split >&2
cargo build $flag --features ssr --example bench >&2
beian="./target/$profile/beian"
bench="./target/$profile/examples/bench"

search_rows="$scratch/search.md"
import_rows="$scratch/import.md"
load_rows="$scratch/load.md"
seed_rows="$scratch/seed.md"
first_load="$scratch/first_load.txt"

for backend in $backends; do
  for sites in $sites_list; do
    case "$backend" in
      sqlite) url="sqlite://$scratch/bench-$sites.db?mode=rwc"; label="SQLite";;
      postgres) url="$pg/beian_bench_$sites"; label="PostgreSQL";;
      *) echo "unknown backend $backend" >&2; exit 1;;
    esac
    label="$label $(numfmt --to=si "$sites")"
    "$bench" fresh-db "$url"
    export DATABASE_URL="$url"
    "$beian" migrate > /dev/null
    started=$(date +%s.%N)
    "$beian" seed-demo --subjects $((sites / 10)) --sites-per-subject 10 > /dev/null 2>&1
    awk -v l="$label" -v s="$started" -v e="$(date +%s.%N)" -v n="$sites" \
      'BEGIN { printf "| %s | %.1f s | %.0f sites/s |\n", l, e - s, n / (e - s) }' >> "$seed_rows"

    LEPTOS_SITE_ADDR="127.0.0.1:$port" BEIAN_UPSTREAM_DELAY_SECONDS=0 \
      BEIAN_PUBLIC_LOOKUPS_PER_MINUTE=1000000000 BEIAN_ANONYMOUS_WRITES_PER_MINUTE=1000000000 \
      "$beian" serve &
    server=$!
    for _ in $(seq 1 300); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
      sleep 0.1
    done
    base="http://127.0.0.1:$port"
    "$bench" search --base "$base" --database-url "$url" --label "$label" --requests "$requests" >> "$search_rows"
    if [[ -n "$only_search" ]]; then
      kill "$server"; wait "$server" 2>/dev/null || true; server=""
      [[ "$backend" == postgres ]] && "$bench" fresh-db "$url" --drop
      continue
    fi
    "$bench" import --base "$base" --database-url "$url" --label "$label" --rows "$import_size" >> "$import_rows"
    if [[ ! -s "$first_load" ]]; then
      node bench/first_load.mjs "$base" / /login /query /register > "$first_load"
    fi
    domain=$("$bench" sample-domain "$url")
    "$bench" ssr --base "$base" --path "/query?by=domain&q=$domain" --pid "$server" --seconds "$seconds" \
      | sed "s/^| /| $label: /" >> "$load_rows"
    "$bench" pages --base "$base" --database-url "$url" --seconds "$seconds" \
      | sed "s/^| /| $label: /" >> "$load_rows"
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
    [[ "$backend" == postgres ]] && "$bench" fresh-db "$url" --drop
  done
done

echo
echo "### Data generation (\`beian seed-demo\`, 10 sites per subject)"
echo
echo "| data set | time | rate |"
echo "|---|---|---|"
cat "$seed_rows"
echo
echo "### 备案信息查询 latency through HTTP, signed in as the admin ($requests requests each, one client)"
echo
echo "Each kind cycles through its values (sites spread over the whole table, or cursors"
echo "80–99% deep); every reply is checked to hold records."
echo
echo "| data set | query | values | p50 ms | p99 ms | p50 vs baseline | p99 vs baseline |"
echo "|---|---|---|---|---|---|---|"
cat "$search_rows"
echo
[[ -n "$only_search" ]] && exit 0
echo "### CSV import (批量导入, parts of 200 rows through HTTP)"
echo
echo "| data set | file | imported as drafts | baseline | ratio |"
echo "|---|---|---|---|---|"
cat "$import_rows"
echo
echo "### Page throughput (SSR) and server memory; every baseline is bare axum in its own process"
echo
echo "| measure | beian | baseline | ratio |"
echo "|---|---|---|---|"
cat "$load_rows"
echo
echo "### First-load assets ($profile build, \`--split\`)"
echo
echo "What Chromium fetched to show each page until it hydrated (gzip -9 of each file),"
echo "beside Leptos's floor: a minimal Leptos 0.8 app built the same way (\`bench/floor.sh\`;"
echo "not built by the smoke run). \"sent\" is what the server actually sent Chromium:"
echo "brotli from the release build's precompressed files, raw from a debug build; the"
echo "floor's is its files at brotli's highest quality, as \`--precompress\` writes them."
echo
floor_gz=""
if [[ "$profile" == release ]]; then
  read -r floor_raw floor_gz floor_br < <(bench/floor.sh)
fi
# row LABEL FILE_COUNT RAW_BYTES GZIP_BYTES [SENT_BYTES]
row() {
  awk -v p="$1" -v n="$2" -v r="$3" -v g="$4" -v s="${5:-}" -v f="$floor_gz" 'BEGIN {
    ratio = f == "" ? "–" : sprintf("%.2f ×", g / f)
    sent = s == "" ? "–" : sprintf("%.1f", s / 1024)
    printf "| %s | %d | %.1f | **%.1f** | %s | %s |\n", p, n, r / 1024, g / 1024, ratio, sent }'
}
echo "| page | files | raw KB | gzip KB | vs floor (gzip) | sent KB |"
echo "|---|---|---|---|---|---|"
if [[ -n "$floor_gz" ]]; then
  row "baseline: minimal Leptos app (\`bench/floor\`)" 2 "$floor_raw" "$floor_gz" "$floor_br"
fi
while read -r page sent files; do
  raw=0; gz=0
  for f in $files; do
    f="target/site${f}"
    raw=$((raw + $(stat -c %s "$f"))); gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
  done
  row "$page" "$(wc -w <<< "$files")" "$raw" "$gz" "$sent"
done < "$first_load"
all_raw=0; all_gz=0
for f in target/site/pkg/*.wasm target/site/pkg/*.js; do
  all_raw=$((all_raw + $(stat -c %s "$f"))); all_gz=$((all_gz + $(gzip -9 -c "$f" | wc -c)))
done
row "(every screen, for comparison)" "$(ls target/site/pkg/*.wasm target/site/pkg/*.js | wc -l)" "$all_raw" "$all_gz"
