"""`make bench`: what a maintainer waits for, on synthetic corpora of N articles (and one 8 MB article).

Columns:
- conv/s 1p, conv/s all: conversion, articles per second, in one process and on every core;
- full s: `nghiquyet build` from nothing (no cache); RSS MB: the largest resident size of the
  build or any process it started (Pagefind included);
- site MB, page KB (one article's HTML), query KB and place KB: the bytes a browser fetches for a
  first search query ("nghi quyet", which matches every page; "thai nguyen", a place name);
- edit s: `nghiquyet build` after a sentence of one article's body changed (the median of three
  articles), search index included; title s: the same after a title changed (the slowest of
  three: every listing showing the article changes too);
- serve s: with `mkdocs serve --dirty` running, from saving an edited article until the served
  page shows the new words and the served search index is the new one (the preview's list of
  search shares changed);
- plain s, lunr KB: plain MkDocs + Material (its own search) on the same Markdown, for scale.
Prints one table; numbers come from this run on this machine. Not a test: nothing here fails.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "build"))
sys.path.insert(0, str(HERE))

from synth import write_corpus  # noqa: E402

SIZES = [int(x) for x in os.environ.get("BENCH_SIZES", "500,2000,5000").split(",")]


def project(tmp: Path, n: int) -> Path:
    root = tmp / f"p{n}"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    # Only the committed, hand-written part of content/ (git knows which files those are).
    tracked = subprocess.run(["git", "ls-files", "content", "overrides"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    for rel in tracked:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, root / rel)
    write_corpus(root / "corpus", n)
    return root


def convert_rate(corpus: Path, jobs: int | None) -> tuple[float, int]:
    code = ("import sys,time; sys.path.insert(0, %r); from nghiquyet.pipeline import convert_all; "
            "t=time.perf_counter(); a,s=convert_all(__import__('pathlib').Path(%r), None, %r); "
            "print(len(a), time.perf_counter()-t)") % (str(ROOT / "build"), str(corpus), jobs)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]) / float(out[1]), int(out[0])


def whole_build(root: Path, *extra: str) -> tuple[float, float]:
    """Seconds of `nghiquyet build` (the command's own entry point, its exit included), and the
    largest resident size (MB) of it or any process it started (Pagefind's, its conversion
    workers), told as it exits."""
    t = time.perf_counter()
    cmd = [sys.executable, "-c", "import atexit,resource; from nghiquyet.cli import run; atexit.register(lambda: "
           "print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
           " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))); run(['build','-q','--root',%r]+%r)"
           % (str(root), list(extra))]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return time.perf_counter() - t, int(out.stdout.split()[-1]) / 1024


def first_query_bytes(site: Path, query: str = "nghi quyet") -> int:
    """Bytes a browser fetches for Pagefind when a reader types a first query (Playwright)."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    total = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/")
            page.wait_for_load_state("networkidle")
            sizes = []
            page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
            page.locator("#nq-search-input").press_sequentially(query, delay=20)
            page.wait_for_function("document.querySelector('#nq-search-results .md-search-result__meta')"
                                   ".textContent.includes('kết quả')", timeout=60000)
            page.wait_for_load_state("networkidle")
            total = sum(sizes)
            browser.close()
    finally:
        httpd.shutdown()
    return total


def _title_line(text: str) -> str:
    return next(line for line in text.splitlines() if "Nghị quyết" in line)   # synth titles name one


EDITS = {
    # a sentence of the body: only the article's page and the export change
    "body": lambda text: text.replace("Dự hội nghị", "Tham dự hội nghị", 1),
    # the title: every listing that shows the article changes too
    "title": lambda text: text.replace(_title_line(text), _title_line(text) + " (cập nhật)", 1),
}


def edit(root: Path, kind: str, which: int) -> Path:
    files = sorted((root / "corpus").glob("*.txt"))
    target = files[(len(files) * which) // 7]
    target.write_text(EDITS[kind](target.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def edit_seconds(root: Path, kind: str, which: int) -> float:
    """The whole `nghiquyet build` (search index included) after one article changed."""
    edit(root, kind, which)
    return whole_build(root)[0]


def serve_seconds(root: Path, which: int) -> float | None:
    """`mkdocs serve --dirty` (what `make serve` runs): from saving an edit of one article's body
    until the served page has the new words and the served search index changed."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))

    def get(path: str) -> bytes | None:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as r:
                return r.read()
        except OSError:
            return None

    try:
        deadline = time.time() + 1800
        while get("/pagefind/pagefind-entry.json") is None:
            if time.time() > deadline or proc.poll() is not None:
                return None
            time.sleep(0.5)
        time.sleep(2)
        files = sorted((root / "corpus").glob("*.txt"))
        target = files[(len(files) * which) // 7]
        report = json.loads((root / "content" / "bao-cao.json").read_text(encoding="utf-8"))
        slug = next(o["slug"] for o in report["outcomes"] if o["source_file"] == target.name)
        # The preview's search index is the list of its shares' bundles (search/preview.index_preview).
        state = lambda: get("/pagefind-preview.json") or get("/pagefind/pagefind-entry.json")
        before = state()
        word = f"benchword{int(time.time())}"
        text = target.read_text(encoding="utf-8")
        t = time.perf_counter()
        target.write_text(text.replace("Dự hội nghị", f"Dự hội nghị {word}", 1), encoding="utf-8")
        while time.perf_counter() - t < 600:
            page = get(f"/bai-viet/{slug}/") or b""
            entry = state()
            if word.encode() in page and entry not in (None, before):
                return time.perf_counter() - t
            time.sleep(0.05)
        return None
    finally:
        proc.terminate()
        proc.wait(timeout=30)


PLAIN_CONFIG = """site_name: baseline
docs_dir: content
site_dir: site-plain
theme:
  name: material
  language: vi
plugins:
  - search
markdown_extensions: [attr_list, tables, md_in_html, toc]
"""
PLAIN_TIMEOUT = int(os.environ.get("BENCH_PLAIN_TIMEOUT", "1800"))
SERVE = os.environ.get("BENCH_SERVE", "1") != "0"


def plain_mkdocs(root: Path) -> tuple[float | None, float]:
    """Seconds plain MkDocs + Material takes on the same content/, and its lunr index in KB."""
    (root / "plain.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    t = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "plain.yml")], cwd=root,
                       capture_output=True, check=True, timeout=PLAIN_TIMEOUT,
                       env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    except subprocess.TimeoutExpired:
        return None, 0
    seconds = time.perf_counter() - t
    lunr = root / "site-plain" / "search" / "search_index.json"
    kb = lunr.stat().st_size / 1024 if lunr.exists() else 0
    shutil.rmtree(root / "site-plain", ignore_errors=True)
    return seconds, kb


def article_page_bytes(root: Path, source_file: str) -> int:
    """The HTML size of one article's page: the same article at every N (the seeded generator
    writes the same first articles whatever N is), so only what the archive adds can differ."""
    report = json.loads((root / "content" / "bao-cao.json").read_text(encoding="utf-8"))
    slug = next(o["slug"] for o in report["outcomes"] if o["source_file"] == source_file)
    return (root / "site" / "bai-viet" / slug / "index.html").stat().st_size


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def big_article(tmp: Path) -> tuple[float, float]:
    src = (ROOT / "corpus" / "000_19a631bd8d3bb37d.txt").read_text(encoding="utf-8")
    body = src.split("\n", 6)[6]
    path = tmp / "big.txt"
    path.write_text(src + ("\n\n" + body) * (8_000_000 // len(body.encode())), encoding="utf-8")
    code = ("import sys,time,resource; sys.path.insert(0, %r); from nghiquyet.pipeline import convert_file; "
            "import pathlib; t=time.perf_counter(); convert_file(pathlib.Path(%r), 'big.txt'); "
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)") % (str(ROOT / "build"), str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def main() -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'N':>6} {'conv/s 1p':>9} {'conv/s all':>10} {'full s':>7} {'RSS MB':>7} {'site MB':>8} {'page KB':>8} "
          f"{'query KB':>9} {'place KB':>9} {'edit s':>7} {'title s':>7} {'serve s':>8} {'plain s':>8} {'lunr KB':>8}")
    # The projects are made beside this one (.cache/bench/, or BENCH_DIR), on the file system a
    # maintainer's project lives on: on this machine /tmp creates folders ten times slower than
    # the project's disk (5,800 folders: 1.5 s against 0.15 s), and a rebuild creates 5,800.
    where = Path(os.environ.get("BENCH_DIR") or ROOT / ".cache" / "bench")
    where.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=where) as tmp:
        tmp = Path(tmp)
        for n in SIZES:
            root = project(tmp, n)
            rate, _ = convert_rate(root / "corpus", 1)
            rate_all, _ = convert_rate(root / "corpus", None)
            seconds, rss = whole_build(root, "--no-cache")
            whole_build(root)                      # the caches a maintainer's next build starts from
            page_kb = article_page_bytes(root, "synth_00000.txt") / 1024
            query_kb = first_query_bytes(root / "site") / 1024
            typical_kb = first_query_bytes(root / "site", "thai nguyen") / 1024
            edits = sorted(edit_seconds(root, "body", k) for k in (1, 3, 5))
            title = max(edit_seconds(root, "title", k) for k in (2, 4, 6))
            serve = serve_seconds(root, 0) if SERVE else None
            plain, lunr_kb = plain_mkdocs(root)
            plain_txt = f"{plain:>8.1f}" if plain is not None else f"{'>' + str(PLAIN_TIMEOUT):>8}"
            serve_txt = f"{serve:>8.2f}" if serve is not None else f"{'-':>8}"
            print(f"{n:>6} {rate:>9.0f} {rate_all:>10.0f} {seconds:>7.1f} {rss:>7.0f} "
                  f"{folder_size(root / 'site') / 1e6:>8.1f} {page_kb:>8.1f} {query_kb:>9.0f} {typical_kb:>9.0f} "
                  f"{edits[1]:>7.2f} {title:>7.2f} {serve_txt} {plain_txt} {lunr_kb:>8.0f}", flush=True)
            shutil.rmtree(root)
        seconds, rss = big_article(tmp)
        print(f"8 MB article: converted in {seconds:.1f} s, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
