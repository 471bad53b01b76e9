"""Markdown rendered on every core for a build from scratch.

MkDocs renders its pages one after the other, and converting Markdown to HTML is most of a full
build (about 35 of 65 s at 5,000 articles). Each page's conversion depends only on its Markdown,
the Markdown settings and the site's list of files (links are checked against it), so worker
processes, each with the same MkDocs configuration and file list, convert shares of the pages
beforehand. MkDocs then runs as usual; for a page whose Markdown is exactly what a worker
converted, `Page.render` takes the worker's result instead of converting again (any other page
is converted as usual). Used for large renders only, and never in strict mode, where MkDocs must
see every warning itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# Pages from which a full render converts Markdown in worker processes (below, starting them
# costs more than it saves).
PARALLEL_FROM = 1500
JOBS: int | None = None        # worker processes (default: one per core)

_STATE: dict = {}
TAKEN = {"pages": 0}           # pages of the last render whose HTML came from a worker


def _start(config_file: str, site_dir: str) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    cfg = load_config(config_file, site_dir=site_dir)
    _STATE["config"], _STATE["files"] = cfg, get_files(cfg)


def _convert(src_uris: list[str]) -> list[tuple]:
    from mkdocs.structure.pages import Page

    cfg, files = _STATE["config"], _STATE["files"]
    out = []
    for src in src_uris:
        file = files.get_file_from_path(src)
        page = Page(None, file, cfg)
        page.read_source(cfg)
        digest = hashlib.sha256(page.markdown.encode("utf-8")).digest()
        page.render(cfg, files)
        links = getattr(page, "links_to_anchors", None)     # keyed by File: sent by path
        out.append((src, digest, page.content, page.toc, page._title_from_render, page.present_anchor_ids,
                    None if links is None else {f.src_uri: v for f, v in links.items()}))
    return out


def convert_all(config_file: Path, site_dir: Path, sources: list[str], jobs: int) -> dict[str, tuple]:
    """Every page's rendered Markdown, by source path, converted in `jobs` worker processes."""
    shares = [sources[i::jobs * 8] for i in range(jobs * 8)]
    results: dict[str, tuple] = {}
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start, initargs=(str(config_file), str(site_dir))) as pool:
        for part in pool.map(_convert, [s for s in shares if s]):
            for src, *rest in part:
                results[src] = tuple(rest)
    return results


@contextlib.contextmanager
def rendered_ahead(cfg, config_file: Path, jobs: int | None = None):
    """Within this block, MkDocs takes each page's HTML from the workers' results when its
    Markdown is the one they converted."""
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    jobs = jobs or JOBS or os.cpu_count() or 1
    TAKEN["pages"] = 0
    sources = [f.src_uri for f in get_files(cfg).documentation_pages()]
    if jobs < 2 or len(sources) < PARALLEL_FROM or cfg.strict:
        yield 0
        return
    results = convert_all(config_file, Path(cfg.site_dir), sources, jobs)
    real = Page.render

    def render(page, config, files):
        found = results.pop(page.file.src_uri, None)
        if found is None or page.markdown is None or \
                hashlib.sha256(page.markdown.encode("utf-8")).digest() != found[0]:
            return real(page, config, files)
        TAKEN["pages"] += 1
        page.content, page.toc, page._title_from_render, page.present_anchor_ids, links = found[1:]
        if links is not None:
            page.links_to_anchors = {files.get_file_from_path(src): v for src, v in links.items()}

    Page.render = render
    try:
        yield len(sources)
    finally:
        Page.render = real
