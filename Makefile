# Planify — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

JOBS    ?= $(shell nproc)
RELEASE := build/release
DEBUG   := build/debug
ASAN    := build/asan

.PHONY: help bootstrap build web run test test-fast fuzz bench format tidy clean

help:
	@echo "make run    set up, build and start Planify on http://127.0.0.1:8080 (SQLite in data/)"
	@echo "make test   set up, build and run every test (C++ unit/http/PostgreSQL contract, sanitizers, web vitest + Playwright)"
	@echo "make bench  run the benchmarks and update docs/performance.md"
	@echo "make fuzz   fuzz the server's input handling (libFuzzer + ASan + UBSan), FUZZ_SECONDS=60 per harness"
	@echo "make format / make tidy   clang-format / clang-tidy"

bootstrap:
	@scripts/bootstrap

$(RELEASE)/build.ninja: server/CMakeLists.txt
	cmake -S server -B $(RELEASE) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLANIFY_TESTS=OFF

build: bootstrap $(RELEASE)/build.ninja
	cmake --build $(RELEASE) -j $(JOBS)

# The web app, built into web/dist, which `planify serve` serves.
web: bootstrap
	cd web && npm run build

run: build web
	PLANIFY_WEB_DIR=web/dist $(RELEASE)/planify serve

test: bootstrap
	@scripts/test-all

# Unit and http tests only, no PostgreSQL, no sanitizers: the quick inner loop.
test-fast:
	cmake -S server -B $(DEBUG) -G Ninja -DCMAKE_BUILD_TYPE=Debug
	cmake --build $(DEBUG) -j $(JOBS)
	cd $(DEBUG) && ctest -L 'unit|http' --output-on-failure -j $(JOBS)

# libFuzzer harnesses of server/fuzz, FUZZ_SECONDS (default 60) each; see docs/security.md.
fuzz: bootstrap
	@scripts/fuzz

bench: build web
	@bench/run
	@bench/connections
	@bench/jobs
	@bench/planning
	@bench/equipment
	@bench/documents
	@bench/exports
	@bench/einvoices
	@bench/calendar-feeds
	@bench/backups
	@bench/legacy-import
	@bench/reports
	@bench/search
	@bench/scaleout
	@node bench/web.mjs

format:
	@find server/src server/tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i
	@cd web && npx prettier --write . >/dev/null
	@echo "formatted (C++ and web)"

tidy:
	cmake -S server -B $(DEBUG) -G Ninja -DCMAKE_BUILD_TYPE=Debug
	cmake --build $(DEBUG) -j $(JOBS)
	TIDY_JOBS=$(JOBS) scripts/tidy $(DEBUG)

clean:
	rm -rf build web/dist web/e2e/artifacts
