#!/usr/bin/env bash
# Builds bench/floor (a minimal Leptos 0.8 app) the way `cargo leptos build
# --release` builds ours — same profile, `--cfg erase_components`,
# wasm-bindgen and `wasm-opt -Oz` — and prints its WASM + JS size as
# "raw-bytes gzip-bytes brotli-bytes" (brotli at quality 11, as
# `--precompress` writes a site's files): Leptos's own floor, the baseline for the
# first-load figures in docs/benchmarks.md. No `--split`: the floor has nothing to
# split, and wasm-opt cannot optimise a module that keeps split's
# relocations.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/floor
RUSTFLAGS="--cfg erase_components" \
  cargo build -p leptos-floor --lib --target wasm32-unknown-unknown \
  --profile wasm-release --target-dir target/floor-build >&2
rm -rf "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  target/floor-build/wasm32-unknown-unknown/wasm-release/leptos_floor.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  -o "$out/leptos_floor_bg.wasm" "$out/leptos_floor_bg.wasm"
files=("$out/leptos_floor_bg.wasm" "$out/leptos_floor.js")
raw=0; gz=0
for f in "${files[@]}"; do
  raw=$((raw + $(stat -c %s "$f"))); gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
done
br=$(node -e '
  const zlib = require("zlib"), fs = require("fs");
  const quality = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } };
  console.log(process.argv.slice(1)
    .reduce((sum, f) => sum + zlib.brotliCompressSync(fs.readFileSync(f), quality).length, 0));
' "${files[@]}")
echo "$raw $gz $br"
