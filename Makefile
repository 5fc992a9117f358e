# The two commands a fresh machine needs (see README.md):
#   make run   - build in release mode, migrate the SQLite database, seed the
#                demo accounts once and serve on http://127.0.0.1:3000
#   make test  - every test: unit, HTTP integration on SQLite and on
#                PostgreSQL, and Playwright in Chromium
# Each installs only the tools that are missing.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION := 132
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)
TOOLS := $(CURDIR)/.tools/node_modules/.bin
# npm's binaryen comes first: Debian's wasm-opt 108 breaks the release wasm.
export PATH := $(TOOLS):$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# cargo-leptos compiles the server with this set; setting it for every cargo
# run lets `cargo test` and `cargo leptos build` share compiled crates.
export LEPTOS_OUTPUT_NAME := beian
# A clean clone gains nothing from incremental compilation, and its caches
# double the size of target/: a CI run once ran out of disk while linking.
ifeq ($(CI),true)
export CARGO_INCREMENTAL := 0
endif
DATABASE_URL ?= sqlite://beian.db?mode=rwc
export DATABASE_URL

.PHONY: run test test-long tools build-tools test-tools unit integration integration-sqlite integration-postgres e2e fuzz bench-smoke

run: build-tools
	cargo leptos build --release --split --precompress
	./target/release/beian seed-demo
	./target/release/beian serve

test: test-tools unit integration e2e fuzz bench-smoke

# The long sizes of the suites in docs/testing.md: hours, not minutes.
test-long: test-tools
	BEIAN_RACE_ROUNDS=1000 BEIAN_CRASH_CYCLES=200 BEIAN_MODEL_CASES=10000 $(MAKE) integration
	$(MAKE) fuzz FUZZ_LIMIT=-runs=1000000

build-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" || cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version "=$(WASM_BINDGEN_VERSION)"
	@[ -x "$(TOOLS)/wasm-opt" ] || npm install --prefix .tools --no-audit --no-fund --no-save binaryen@$(BINARYEN_VERSION)
	@wasm-opt --version | grep -q "version $(BINARYEN_VERSION)" || { echo "wasm-opt on PATH is not binaryen $(BINARYEN_VERSION)"; exit 1; }

test-tools: build-tools
	@[ -x /usr/bin/chromium ] || { apt-get update && apt-get install -y chromium; }
	@[ -x end2end/node_modules/.bin/playwright ] && [ -d end2end/node_modules/@axe-core/playwright ] || (cd end2end && npm ci --no-audit --no-fund)

unit:
	cargo test --features ssr --lib

integration: integration-sqlite integration-postgres

# One test at a time: each starts its own server and database, and with two
# side by side on a 2-core machine a page load in the abandoned-requests test
# stalled past its 30 s timeout (cause not found yet; docs/testing.md).
HTTP_TEST_ARGS := -- --test-threads=1

# Each run's server log is kept in target/test-logs with the passwords,
# session ids and captcha answers the tests used; check_logs.sh then fails
# the run if any of them reached the log (docs/testing.md, suite 8).
TEST_LOGS := $(CURDIR)/target/test-logs

integration-sqlite:
	@mkdir -p $(TEST_LOGS) && rm -f $(TEST_LOGS)/http-sqlite.log*
	BEIAN_TEST_LOG=$(TEST_LOGS)/http-sqlite.log BEIAN_TEST_BACKEND=sqlite cargo test --features ssr --test http $(HTTP_TEST_ARGS)
	tests/check_logs.sh $(TEST_LOGS)/http-sqlite.log

# Uses TEST_DATABASE_URL, else a server answering on 127.0.0.1:5432. Each test
# creates its own database there and drops it. Under CI=true a missing
# PostgreSQL fails the run instead of skipping.
integration-postgres:
	@url="$${TEST_DATABASE_URL:-}"; \
	if [ -z "$$url" ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then url="postgres://postgres@127.0.0.1:5432/test"; fi; \
	if [ -z "$$url" ]; then \
	  if [ "$${CI:-}" = "true" ]; then echo "PostgreSQL is required under CI=true (set TEST_DATABASE_URL)"; exit 1; fi; \
	  echo "SKIPPED: no PostgreSQL (set TEST_DATABASE_URL or start one on 127.0.0.1:5432)"; exit 0; \
	fi; \
	mkdir -p $(TEST_LOGS) && rm -f $(TEST_LOGS)/http-postgres.log*; \
	BEIAN_TEST_LOG=$(TEST_LOGS)/http-postgres.log BEIAN_TEST_BACKEND=postgres TEST_DATABASE_URL="$$url" cargo test --features ssr --test http $(HTTP_TEST_ARGS); \
	tests/check_logs.sh $(TEST_LOGS)/http-postgres.log

# --split: the lazily loaded screens (app::lazy_screens!) need their own
# WASM chunks; without it those pages never hydrate.
e2e: test-tools
	cargo leptos build --split
	end2end/run.sh

# Every cargo-fuzz target over its committed corpus (fuzz/corpus), 60 s each
# (FUZZ_LIMIT=-runs=1000000 in the long run). libFuzzer needs nightly
# flags; RUSTC_BOOTSTRAP=1 lets the machine's stable compiler take them.
FUZZ_TARGETS := validators icp_number csv_import uploads
FUZZ_LIMIT ?= -max_total_time=60
fuzz:
	@cargo fuzz --version 2>/dev/null | grep -q "0.13.2" || cargo install cargo-fuzz --version 0.13.2 --locked
	cd fuzz && for target in $(FUZZ_TARGETS); do \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run -O $$target -- $(FUZZ_LIMIT) -max_len=4096 -print_final_stats=1 2>&1 | tail -n 40 || exit 1; \
	done

# The benchmark harness at 1k sites on a debug build: proves it still runs
# end to end on both databases; its figures mean nothing (docs/benchmarks.md
# has the real run).
bench-smoke: test-tools
	bench/run.sh --smoke
