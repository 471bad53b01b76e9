# Two commands work on a fresh clone with only python3 and make: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

# Every dependency is installed from a lock of resolved, hashed versions (requirements/*.lock,
# made by `make lock`), then the package itself in development mode, with the locked backend.
INSTALL = $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: site test serve eval bench clean venv lock browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements/site.lock pyproject.toml
	$(INSTALL) --require-hashes -r requirements/site.lock
	$(INSTALL) --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.lock
	$(INSTALL) --require-hashes -r requirements/test.lock
	touch $@

## make browser: find Chromium for the browser tests, installing it when missing (tools/find_browser.py)
browser: $(VENV)/.installed-test
	$(BIN)/python tools/find_browser.py $(VENV)/chromium-path

venv: $(VENV)/.installed

## make site: set up, convert corpus/ into content/, render into site/
site: $(VENV)/.installed
	$(BIN)/nghiquyet build

## make test: set up with test extras, run the whole test suite
test: browser
	CHROMIUM="$$(cat $(VENV)/chromium-path)" $(BIN)/python -m pytest

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

## make lock: resolve every dependency again (newest versions within pyproject's bounds), with hashes
lock: $(BIN)/python
	$(INSTALL) uv
	$(BIN)/uv pip compile --quiet --universal --python-version 3.10 --generate-hashes \
	  pyproject.toml requirements/build.in -o requirements/site.lock
	$(BIN)/uv pip compile --quiet --universal --python-version 3.10 --generate-hashes --extra test \
	  pyproject.toml requirements/build.in -c requirements/site.lock -o requirements/test.lock

clean:
	rm -rf site content/bai-viet content/van-ban content/vung content/tinh content/dong-thoi-gian content/tien-do content/index.md content/bao-cao.md
