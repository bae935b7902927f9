# edureports tasks. `make help` lists them.
UV_VERSION := 0.13.8
UV := .tools/bin/uv
export UV_PYTHON_DOWNLOADS := never

.PHONY: help setup demo test test-slow lint format clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

# --compile-bytecode: every run starts several Python processes (CLI, workers); with the
# packages' bytecode written at install they import in about half the time, even where
# PYTHONDONTWRITEBYTECODE stops Python from caching it on first import.
setup: $(UV)  ## install the locked dependencies into .venv/
	$(UV) sync --locked --compile-bytecode

demo: setup  ## set up, then run the pipeline on the bundled samples into ./data
	.venv/bin/edureports run

test: setup  ## set up, then run the test suite (end-to-end flow tests marked slow: make test-slow)
	.venv/bin/python -m pytest -m "not slow"

test-slow: setup  ## the end-to-end tests that run the Prefect flow (CI runs them too)
	.venv/bin/python -m pytest -m slow

lint: setup  ## ruff, ruff format --check, mypy (strict on transforms/, warehouse/, sources/), lock check
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy
	$(UV) lock --check

format: setup  ## apply ruff's formatting and safe fixes
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:  ## remove the virtual environments and the data folder
	rm -rf .venv .tools data
