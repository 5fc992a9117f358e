#!/usr/bin/env bash
# Where the first-load WASM goes (docs/benchmarks.md): builds our hydrate
# module the way `cargo leptos build --release --split` does, and
# bench/floor, both with v0 symbol names, into target/size-build; then
# bench/wasm_profile.py charges each function of our main module (what
# every page loads before its own chunk) to its crate, beside the floor's
# figure. Sizes are taken before wasm-bindgen and wasm-opt, which keep
# no names; the shipped main module's code is about 60 % of them.
#
# Usage: bench/wasm_profile.sh [TOP]   (TOP largest functions, default 25)
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTFLAGS="--cfg erase_components -Csymbol-mangling-version=v0"
CARGO_TARGET_DIR=target/size-build LEPTOS_SITE_ROOT=target/size-build/site LEPTOS_OUTPUT_NAME=beian \
  cargo leptos build --release --split --frontend-only >&2
cargo build -p leptos-floor --lib --target wasm32-unknown-unknown --profile wasm-release \
  --target-dir target/size-build/floor >&2
python3 bench/wasm_profile.py \
  target/size-build/front/wasm32-unknown-unknown/wasm-release/beian_split.wasm \
  target/size-build/floor/wasm32-unknown-unknown/wasm-release/leptos_floor.wasm "${1:-25}"
