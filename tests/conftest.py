"""Shared fixtures: the repository root, the seed expectations, a scratch copy of the project."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seeds() -> list[dict]:
    return yaml.safe_load((FIXTURES / "seeds.yaml").read_text(encoding="utf-8"))


def snapshot(folder: Path, skip: frozenset[str] = frozenset()) -> dict[str, bytes]:
    """Every file under folder (but those named in skip): its path relative to folder -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in skip}


def make_project(dest: Path, corpus: Path | None = None) -> Path:
    """A copy of the project's site sources (config, hand-written pages, corpus) in dest."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    content = dest / "content"
    content.mkdir(exist_ok=True)
    shutil.copy(ROOT / "content" / "gioi-thieu.md", content / "gioi-thieu.md")
    shutil.copytree(ROOT / "content" / "stylesheets", content / "stylesheets", dirs_exist_ok=True)
    shutil.copytree(ROOT / "content" / "javascripts", content / "javascripts", dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides", dest / "overrides", dirs_exist_ok=True)
    shutil.copytree(corpus or ROOT / "corpus", dest / "corpus", dirs_exist_ok=True)
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The five corpus articles built once into a scratch project (site/ and content/)."""
    from nghiquyet.cli import main

    root = make_project(tmp_path_factory.mktemp("built") / "project")
    assert main(["build", "--root", str(root), "--strict"]) == 0
    return root


# `make test` finds (or installs) a Chromium and passes its path (tools/find_browser.py).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """folder served on 127.0.0.1 (a free port): yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is needed: run the tests with make test (it finds or installs one)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()
