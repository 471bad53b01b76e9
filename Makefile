# Two commands work on a fresh clone with only python3 and make: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve eval bench clean venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

## make site: set up, convert corpus/ into content/, render into site/
site: $(VENV)/.installed
	$(BIN)/nghiquyet build

## make test: set up with test extras, run the whole test suite
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

## make eval: extraction figures on the gold set (tests/evaluate.py)
eval: $(VENV)/.installed
	$(BIN)/python tests/evaluate.py

## make bench: conversion and build cost on synthetic corpora (tools/bench.py)
bench: $(VENV)/.installed-test
	$(BIN)/python tools/bench.py

## make serve: live preview; editing a corpus file regenerates its pages, and MkDocs renders
## again only the pages whose Markdown changed (--dirty)
serve: $(VENV)/.installed
	$(BIN)/nghiquyet convert --corpus corpus --out content
	$(BIN)/mkdocs serve --livereload --dirty

clean:
	rm -rf site content/bai-viet content/van-ban content/vung content/tinh content/dong-thoi-gian content/index.md content/bao-cao.md
