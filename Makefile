# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
# torch is pinned to a CPU build: unpinned, pip may pull a multi-GB CUDA build.
# Override with e.g. `make TORCH_SPEC=torch==2.14.1 test`.
TORCH_SPEC ?= torch==2.13.0
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet "$(TORCH_SPEC)"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/readout-tui

lint: $(VENV)/.installed
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest -q

# Figures for docs/performance.md: a few minutes, most of it loading the model cold.
bench: $(VENV)/.installed
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/first_paint.py --sizes 10000
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/session_save.py

clean:
	rm -rf $(VENV) build *.egg-info
