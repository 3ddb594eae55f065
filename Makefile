# recoupe — every target sets up what it needs from scratch (see README).
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
PIP     = $(PY) -m pip

.PHONY: setup system-deps demo test lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

# Debian packages the browser and database tests need (Chromium, PostgreSQL).
system-deps:
	@bash scripts/system-deps.sh

demo: setup
	$(VENV)/bin/recoupe demo -o out/demo-report.html
	$(VENV)/bin/recoupe demo -q -o out/demo-report.md
	$(VENV)/bin/recoupe demo -q -o out/demo-report.json
	@echo "reports written to out/"

test: setup system-deps
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

bench: setup
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
