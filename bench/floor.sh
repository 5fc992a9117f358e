#!/usr/bin/env bash
# Builds bench/floor (a minimal Leptos 0.8 app) the way `cargo leptos build
# --release` builds ours — same profile, `--cfg erase_components`,
# wasm-bindgen and `wasm-opt -Oz` — and prints its WASM + JS size as
# "raw-bytes gzip-bytes": Leptos's own floor, the baseline for the
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
raw=0; gz=0
for f in "$out/leptos_floor_bg.wasm" "$out/leptos_floor.js"; do
  raw=$((raw + $(stat -c %s "$f"))); gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
done
echo "$raw $gz"
