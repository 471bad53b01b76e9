"""Whole pages rendered on every core for a build from scratch.

MkDocs renders its pages one after the other: Markdown to HTML (about 22 s of a 5,000-article
build on two cores), then each page put in its template (about 12 s on one core). Both depend
only on the page's Markdown, the settings, the list of files (links are checked against it) and
the navigation, so each worker process loads the same configuration, lists the same files and
builds the same navigation as MkDocs will, then renders shares of the pages, templates
included, into a folder of its own. MkDocs then runs as usual; for a page whose Markdown is
exactly the one a worker rendered, `Page.render` takes the worker's table of contents and
anchors instead of converting again, and writing the page moves the worker's file into place
(any other page is rendered as usual). Warnings a worker's pages raised are logged here.
The workers take the article pages' HTML made at conversion, when it is the HTML of the page's
Markdown (prerendered.py): converting an article page's Markdown was 4 of the 6 ms it took.

Used for large renders only; never in strict mode (MkDocs must count every warning itself),
nor when plugins other than this project's run: their page events would run in the workers,
away from whatever they collect for the end of the build.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# Pages from which a full render runs in worker processes (below, starting them costs more than
# it saves).
PARALLEL_FROM = 1500
JOBS: int | None = None        # worker processes (default: one per core)
OWN_PLUGINS = {"nghiquyet"}    # plugins whose page events may run in the workers

_STATE: dict = {}
TAKEN = {"pages": 0, "prerendered": 0}   # pages of the last render written by a worker; of
                                         # those, pages whose HTML was made at conversion


class _Kept(logging.Handler):
    """The warnings a worker's pages raise, sent back with its share."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _start(config_file: str, out_dir: str, store: str | None = None) -> None:
    """A worker: the configuration, files, navigation and templates MkDocs' build will have, and
    the HTML the conversion made of some pages (prerendered.py), from a pickle file."""
    from mkdocs.commands.build import _populate_page
    from mkdocs.config import load_config
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    from ..progress import PROGRESS_ENV

    # The environment is the main process's, inside site._run: the plugin neither converts nor
    # indexes here either.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.pop(PROGRESS_ENV, None)        # the bar is the main process's
    kept = _Kept()
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.handlers[:] = [kept]
    cfg = load_config(config_file, site_dir=out_dir)
    cfg = cfg.plugins.on_config(cfg)
    if store is not None:
        from ..output.cache import load_pickle
        from .prerendered import install
        install(load_pickle(Path(store)))
    files = get_files(cfg)
    env = cfg.theme.get_env()
    files.add_files_from_theme(env, cfg)
    files = cfg.plugins.on_files(files, config=cfg)
    set_exclusions(files, cfg)
    nav = get_navigation(files, cfg)
    nav = cfg.plugins.on_nav(nav, config=cfg, files=files)
    kept.records.clear()                      # the main process warns of the setup itself
    told = {}                                 # what rendering each page of the navigation said
    for page in nav.pages:                    # (its title and metadata show on every page)
        _populate_page(page, cfg, files)
        told[page.file.src_uri], kept.records = kept.records, []
    env = cfg.plugins.on_env(env, config=cfg, files=files)
    kept.records.clear()
    read = Page.read_source

    def read_source(page, config):            # kept as read, for the main process
        read(page, config)
        _STATE["read"][page.file.src_uri] = (page.markdown, page.meta)

    Page.read_source = read_source
    _STATE.update(read={}, told=told, config=cfg, files=files, nav=nav, env=env, kept=kept,
                  doc_files=files.documentation_pages(inclusion=InclusionLevel.is_included))


def _render(src_uris: list[str]) -> tuple[list[tuple], list[tuple[str, int, str]], int]:
    from mkdocs.commands.build import _build_page, _populate_page
    from mkdocs.structure.pages import Page

    from .prerendered import TAKEN as PRERENDERED

    cfg, files, nav, kept = _STATE["config"], _STATE["files"], _STATE["nav"], _STATE["kept"]
    kept.records.clear()
    out = []
    before = PRERENDERED["pages"]
    for src in src_uris:
        file = files.get_file_from_path(src)
        page = file.page or Page(None, file, cfg)
        in_nav = page.content is not None
        if in_nav:
            kept.records += _STATE["told"].pop(src, [])
        else:
            _populate_page(page, cfg, files)
        digest = hashlib.sha256(page.markdown.encode("utf-8")).digest()
        _build_page(page, cfg, _STATE["doc_files"], nav, _STATE["env"])
        links = getattr(page, "links_to_anchors", None)     # keyed by File: sent by path
        out.append((src, digest, page.toc, page._title_from_render, page.present_anchor_ids,
                    None if links is None else {f.src_uri: v for f, v in links.items()},
                    _STATE["read"].pop(src, None)))
        if not in_nav:
            page.content = None               # written: the worker need not keep it
    return out, list(kept.records), PRERENDERED["pages"] - before


def render_all(config_file: Path, out_dir: Path, sources: list[str], jobs: int,
               progress=None, store: Path | None = None) -> tuple[dict[str, tuple], list[tuple[str, int, str]]]:
    """Every page rendered into out_dir by `jobs` worker processes: what each page's rendering
    left (its Markdown's digest, table of contents, title, anchors and links to anchors), by
    source path, and the warnings raised. `store`: a pickle of the pages' prerendered HTML."""
    shares = [sources[i::jobs * 8] for i in range(jobs * 8)]
    results: dict[str, tuple] = {}
    warnings: list[tuple[str, int, str]] = []
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start,
                             initargs=(str(config_file), str(out_dir), None if store is None else str(store))) as pool:
        for part, said, prerendered in pool.map(_render, [s for s in shares if s]):
            TAKEN["prerendered"] += prerendered
            for src, *rest in part:
                results[src] = tuple(rest)
            warnings += said
            if progress is not None:
                progress.update(len(part))
    return results, warnings


def eligible(cfg, pages: int, jobs: int) -> bool:
    return jobs >= 2 and pages >= PARALLEL_FROM and not cfg.strict and set(cfg.plugins) <= OWN_PLUGINS


@contextlib.contextmanager
def rendered_ahead(cfg, config_file: Path, jobs: int | None = None, prerendered: dict | None = None):
    """Within this block, MkDocs takes each page from the workers when its Markdown is the one
    they rendered. The workers take the HTML of the pages in `prerendered` (by path in the docs
    folder: pickled records.Prerendered, made at conversion) instead of converting their Markdown, when
    the configuration allows it (prerendered.usable)."""
    import mkdocs.commands.build as mkdocs_build
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    from ..output.cache import dump_pickle
    from ..progress import bar
    from .prerendered import usable

    jobs = jobs or JOBS or os.cpu_count() or 1
    TAKEN["pages"] = TAKEN["prerendered"] = 0
    sources = [f.src_uri for f in get_files(cfg).documentation_pages()]
    if not eligible(cfg, len(sources), jobs):
        yield 0
        return
    # Hidden, inside the folder MkDocs writes: its cleaning leaves it, and it goes with that
    # folder if the build is killed.
    Path(cfg.site_dir).mkdir(parents=True, exist_ok=True)
    out_dir = Path(tempfile.mkdtemp(prefix=".pages-", dir=cfg.site_dir))
    real_read, real_render, real_build = Page.read_source, Page.render, mkdocs_build._build_page
    try:
        store = None
        if prerendered and usable(cfg):
            store = out_dir / ".prerendered.pickle"
            dump_pickle(store, prerendered)
        progress = bar(len(sources), "rendering", unit="page")
        with progress:
            results, warnings = render_all(config_file, out_dir, sources, jobs, progress, store)
        if store is not None:
            store.unlink()
        for name, level, message in warnings:
            logging.getLogger(name).log(level, message)
        ready: set[str] = set()

        def read_source(page, config):
            # The Markdown and front matter a worker read (reading and parsing them again was
            # two seconds of one core at 5,000 articles, the other idle).
            found = results.get(page.file.src_uri)
            if found is None or found[-1] is None:
                return real_read(page, config)
            page.markdown, page.meta = found[-1]

        def render(page, config, files):
            found = results.pop(page.file.src_uri, None)
            if found is None or page.markdown is None or \
                    hashlib.sha256(page.markdown.encode("utf-8")).digest() != found[0]:
                return real_render(page, config, files)
            ready.add(page.file.src_uri)
            page.content = ""                 # the HTML is in the worker's file
            page.toc, page._title_from_render, page.present_anchor_ids, links = found[1:5]
            if links is not None:
                page.links_to_anchors = {files.get_file_from_path(src): v for src, v in links.items()}

        def build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
            if page.file.src_uri not in ready or excluded:
                return real_build(page, config, doc_files, nav, env, dirty, excluded)
            made = out_dir / page.file.dest_uri
            if made.is_file():                # a page with empty output has none, as in MkDocs
                target = Path(page.file.abs_dest_path)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(made, target)
            TAKEN["pages"] += 1
            plugin = config.plugins.get("nghiquyet")
            if plugin is not None and plugin.progress is not None:
                plugin.progress.update()          # the page's second step, as on_post_page counts it

        Page.read_source, Page.render, mkdocs_build._build_page = read_source, render, build_page
        yield len(sources)
    finally:
        Page.read_source, Page.render, mkdocs_build._build_page = real_read, real_render, real_build
        shutil.rmtree(out_dir, ignore_errors=True)
