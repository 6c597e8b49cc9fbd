# Survey workbench: `make` lists the targets. Everything runs in ./.venv.

.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help report test lab lint clean

## Show this help
help:
	@echo "Targets (make TARGET):"
	@awk '/^## /{d=substr($$0,4);next} /^[a-zA-Z_-]+:/{if(d!=""){split($$0,a,":");printf "  %-8s %s\n",a[1],d}} {d=""}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[dev]'
	@touch $(STAMP)

## Run every wave of waves.yml and write reports/ (creates .venv on first use)
report: $(STAMP)
	$(BIN)/survey batch
	@echo "Reports: $(CURDIR)/reports/index.html"

## Run the tests, the doctests and the notebooks (nbval smoke test)
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile tests --doctest-modules src/survey
	$(BIN)/python -m pytest -n auto --dist loadfile --nbval-lax --nbval-current-env notebooks/ docs/examples/

## Open the notebooks in JupyterLab
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

## Check the code style with ruff
lint: $(STAMP)
	$(BIN)/ruff check src tests

## Remove generated files (reports/, data/processed/, caches); keeps .venv and data/raw/
clean:
	rm -rf reports data/processed .pytest_cache .ruff_cache build
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf
