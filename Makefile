# The two commands of the README: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run test index bench clean

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

test: setup /usr/bin/chromium
	$(BIN)/python -m pytest

# Quality against the LangChain baseline, speed and memory, then the 60 s soak (docs/benchmarks.md).
# bench.structure fetches pinned Debian documentation packages (skipped with a message when unreachable).
bench: setup
	$(BIN)/python -m bench.structure
	$(BIN)/python -m bench.quality
	$(BIN)/python -m bench.speed
	$(BIN)/python -m bench.soak

clean:
	rm -rf $(VENV) var .pytest_cache
