# The two commands of the README: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run lint test test-integration servers index bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch==2.13.0 first: the CPU build on this machine's disk. Installed unpinned, it would pull CUDA (GBs).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# NHS.UK frontend CSS/JS for the web app, from npm (pinned by web/package-lock.json), never committed.
web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium for the end-to-end browser test (CI runs as root on a fresh machine).
/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

setup: $(VENV)/.installed web/node_modules/.installed

index: setup
	$(BIN)/ltp index

run: setup
	$(BIN)/ltp index --no-progress
	$(BIN)/ltp serve --host 127.0.0.1 --port 5000

# PostgreSQL and Redis for the tests that run real servers (tests/servers.py starts them on loopback; nothing is
# left running). Debian's packages; CI runs as root on a fresh machine.
servers:
	@if [ ! -x /usr/lib/postgresql/15/bin/initdb ] || ! command -v redis-server >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server; fi

# The gates (pyproject.toml): ruff (pyflakes, pycodestyle, bugbear, import order, pyupgrade) and mypy on
# assistant/ indexer/ web/. `make test` runs them first; pytest then fails on any warning not named there.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

# Everything but the integration tier (tiers: tests/conftest.py), the built wheel in a fresh venv included.
# Two pytest-xdist workers, one per core, each test file on one worker, in the order of tests/conftest.py FIRST (not
# xdist's biggest-file-first): the dev-set determinism test starts at once and keeps a core or two busy for a minute
# and more while the other worker runs the rest.
test: setup servers /usr/bin/chromium lint
	$(BIN)/python -m pytest -m "not integration" -n 2 --dist loadfile --no-loadscope-reorder

# Real servers on loopback: two `ltp serve --prod` machines sharing Chroma, Redis and PostgreSQL, gunicorn,
# Chroma and llama.cpp (about 5 minutes on 2 cores).
test-integration: setup servers
	$(BIN)/python -m pytest -m integration

# Quality against the LangChain baseline, speed and memory, then the 60 s soak (docs/benchmarks.md).
# bench.structure fetches pinned Debian documentation packages (skipped with a message when unreachable).
bench: setup
	$(BIN)/python -m bench.structure
	$(BIN)/python -m bench.quality
	$(BIN)/python -m bench.speed
	$(BIN)/python -m bench.soak

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache build dist
