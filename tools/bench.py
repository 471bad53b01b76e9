"""`make bench`: conversion speed and whole-build cost on synthetic corpora, and one 8 MB article.

Columns: conversion articles/s in one process and with one process per core, conversion's share
of the whole build (all cores), whole-build
seconds and ms per article, peak RSS of the build, site size, one article page's HTML size, the
bytes a browser fetches for a first search query with Pagefind (Playwright, Debian's Chromium):
"nghi quyet", which matches every page, and "thai nguyen", a place name,
the seconds of the conversion step after one article changed (the cache from the build is warm):
a sentence of its body ("incr s"), or its title (the slowest of three, "title s"), then the
whole `nghiquyet build` after those four edits ("rebuild s": MkDocs renders again only the pages
the conversion rewrote, as `make serve` does, and Pagefind indexes the whole site again),
and a baseline: plain MkDocs + Material (its own search plugin, navigation generated from the
files) rendering the same Markdown pages, with the size of the lunr index its search fetches.
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


def whole_build(root: Path) -> tuple[float, float]:
    t = time.perf_counter()
    cmd = [sys.executable, "-c", "import resource,sys; from nghiquyet.cli import main; rc=main(['build','--root',%r]);"
           "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)" % str(root)]
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


def incremental_seconds(root: Path, edit: str, which: int) -> float:
    """Seconds of the conversion step (a fresh process, as `nghiquyet build` runs it) after one
    article changed, the cache warm from the build before."""
    files = sorted((root / "corpus").glob("*.txt"))
    target = files[(len(files) * which) // 7]
    target.write_text(EDITS[edit](target.read_text(encoding="utf-8")), encoding="utf-8")
    code = ("import sys,time,pathlib; sys.path.insert(0, %r); from nghiquyet.pipeline import convert; "
            "r=pathlib.Path(%r); t=time.perf_counter(); rep,_=convert(r/'corpus', r/'content', r/'.cache'/'nghiquyet'); "
            "print(time.perf_counter()-t, rep.converted)") % (str(ROOT / "build"), str(root))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[1] == "1", "the incremental build converted more than the changed article"
    return float(out[0])


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
    print(f"{'N':>6} {'conv/s 1p':>9} {'conv/s all':>10} {'conv share':>10} {'build s':>8} {'ms/art':>7} "
          f"{'RSS MB':>7} {'site MB':>8} {'page KB':>8} {'query KB':>9} {'place KB':>9} {'incr s':>7} {'title s':>7} {'rebuild s':>9} "
          f"{'plain s':>8} {'lunr KB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n in SIZES:
            root = project(tmp, n)
            rate, count = convert_rate(root / "corpus", 1)
            rate_all, _ = convert_rate(root / "corpus", None)
            seconds, rss = whole_build(root)
            page_kb = article_page_bytes(root, "synth_00000.txt") / 1024
            share = (count / rate_all) / seconds
            query_kb = first_query_bytes(root / "site") / 1024
            typical_kb = first_query_bytes(root / "site", "thai nguyen") / 1024
            incr = incremental_seconds(root, "body", 3)
            # the slowest of three title edits (articles at 1/7, 2/7 and 4/7 of the corpus)
            title_incr = max(incremental_seconds(root, "title", k) for k in (1, 2, 4))
            rebuild, _ = whole_build(root)
            plain, lunr_kb = plain_mkdocs(root)
            plain_txt = f"{plain:>8.1f}" if plain is not None else f"{'>' + str(PLAIN_TIMEOUT):>8}"
            print(f"{n:>6} {rate:>9.0f} {rate_all:>10.0f} {share:>10.0%} {seconds:>8.1f} {1000 * seconds / n:>7.1f} "
                  f"{rss:>7.0f} {folder_size(root / 'site') / 1e6:>8.1f} {page_kb:>8.1f} {query_kb:>9.0f} "
                  f"{typical_kb:>9.0f} {incr:>7.2f} {title_incr:>7.2f} {rebuild:>9.2f} {plain_txt} {lunr_kb:>8.0f}")
            shutil.rmtree(root)
        seconds, rss = big_article(tmp)
        print(f"8 MB article: converted in {seconds:.1f} s, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
