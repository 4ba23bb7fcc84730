# The two commands of the README:
#   make serve   set up and run the explorer on the seed articles (embedded NetworkX store)
#   make test    set up (Python packages, Debian's chromium) and run the whole test suite, one worker per core
PYTHON ?= python3
VENV   ?= .venv
PIP     = $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: setup setup-test serve test bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

setup: $(VENV)/bin/python
	$(PIP) install -q -e .

setup-test: $(VENV)/bin/python
	$(PIP) install -q -e '.[test]'
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium (browser tests)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

serve: setup
	$(VENV)/bin/geograph serve --host $(HOST) --port $(PORT)

test: setup-test
	$(VENV)/bin/python -m pytest -n auto --dist worksteal

bench: setup-test
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(VENV)/bin/python $$b || exit 1; done

clean:
	rm -rf .geograph build *.egg-info
