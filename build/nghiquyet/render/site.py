"""MkDocs at the edge: render the converted content/ into site/ (built beside, then swapped) —
every page, or, when only generated pages changed since the last render, only those."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import BuildError
from . import state as renderstate
from ..search.shards import index_search
from ..settings import DEFAULT, Settings


def source_date_epoch(newest: str | None) -> str:
    """A fixed timestamp for MkDocs' sitemap: the newest article's date (reproducible output)."""
    when = dt.datetime.fromisoformat(newest or "2000-01-01").replace(tzinfo=dt.timezone.utc)
    return str(int(when.timestamp()))


class _DirtyNotice(logging.Filter):
    """MkDocs warns of every dirty build; ours are checked to equal a full one (renderstate)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build")


# Set while `nghiquyet build` runs MkDocs: it converted the corpus before and indexes the site
# itself, so the plugin does neither (as it does in a plain `mkdocs build` or `mkdocs serve`).
RENDERING_ENV = "NGHIQUYET_RENDERING"


def render(config_file: Path, site_dir: Path, epoch: str, strict: bool = False,
           state_dir: Path | None = None, full: bool = False, verbose: bool = False) -> str:
    """Render content/ into site_dir with MkDocs, then index it with Pagefind; return one line
    saying what was done. The new site is made in a folder beside site_dir and swapped in only
    when complete, so a failed or interrupted render leaves the old one as it was. With a state
    folder, when the inputs every page shares are those of the last render (renderstate), the new
    site starts as a copy of the old one (hard links) and only the pages whose Markdown changed
    are rendered again; otherwise, and always with strict or full, every page is rendered."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        raise BuildError(f"MkDocs configuration not found: {config_file}")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    logging.getLogger("mkdocs").setLevel(logging.INFO if verbose else logging.WARNING)
    for left in site_dir.parent.glob(f".{site_dir.name}-old-*"):    # a deletion that never ended
        shutil.rmtree(left, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        cfg = load_config(str(config_file), site_dir=str(staging), strict=strict)
        shared = renderstate.fingerprint(cfg, site_dir)
        last = renderstate.load(state_dir, site_dir)
        renderstate.forget(state_dir, site_dir)
        search = state_dir / "search" if state_dir else None     # the search index's shares
        if not (full or strict) and site_dir.is_dir() and last.get("fingerprint") == shared:
            outputs, feeds, line = _update(cfg, site_dir, staging, last, search)
        else:
            outputs, feeds, line = _from_scratch(cfg, search)
    except MkDocsException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"MkDocs failed: {exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
        site_dir.rename(old)
    staging.rename(site_dir)
    if old:
        _discard(old, background=len(outputs) > BACKGROUND_DELETE_FROM)
    renderstate.save(state_dir, site_dir, shared, outputs, feeds, epoch)
    return line


# Outputs from which the old site is deleted by a process of its own after the swap: removing
# 5,000 page folders takes over a second the maintainer need not wait for.
BACKGROUND_DELETE_FROM = 2000


def _discard(old: Path, background: bool) -> None:
    if background:
        try:
            subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(old)],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
            return
        except OSError:
            pass
    shutil.rmtree(old, ignore_errors=True)


def _update(cfg, site_dir: Path, staging: Path, last: dict, search: Path | None) -> tuple[dict, list, str]:
    """The old site linked into staging; what this render writes is unlinked there first (so
    the old site's files are never written through a link), then MkDocs renders dirty."""
    from mkdocs.commands.build import build
    from mkdocs.structure.files import get_files

    # The search index is written anew from its shares (or linked whole below when no page changed).
    renderstate.link_tree(site_dir, staging, skip=frozenset({"pagefind"}))
    files = get_files(cfg)
    outputs = renderstate.outputs(cfg, files)
    removed = renderstate.remove_stale(staging, last.get("outputs", {}), outputs, last.get("feeds", []))
    modified = [f for f in files if f.inclusion.is_included() and f.is_modified()]
    # The sitemap and 404 page show the list of pages and the build date: when neither changed,
    # the old ones are kept (at 5,000 pages they take 0.4 s to render again).
    same = set(outputs) == set(last.get("outputs", {})) and last.get("epoch") == os.environ.get("SOURCE_DATE_EPOCH")
    kept = set(cfg.theme.static_templates) if same else set()
    templates = [t for t in list(cfg.theme.static_templates) + list(cfg.extra_templates) if t not in kept]
    for name in [f.dest_uri for f in modified] + templates + [f"{t}.gz" for t in templates]:   # sitemap.xml.gz
        if (staging / name).is_file():
            (staging / name).unlink()
    cfg.theme.static_templates.difference_update(kept)
    pages = files.documentation_pages()
    again = sum(1 for f in modified if f.is_documentation_page())
    notice = _DirtyNotice()
    logging.getLogger("mkdocs.commands.build").addFilter(notice)
    try:
        # No page or file changed: the old search index indexes the same HTML.
        feeds = _run(lambda: build(cfg, dirty=True), cfg, staging, search, index=bool(modified or removed),
                     old_index=site_dir / "pagefind")
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(notice)
    return outputs, feeds, (f"{again} of {len(pages)} pages rendered again, {removed} stale files removed "
                            "(nghiquyet build --full renders every page)")


def _from_scratch(cfg, search: Path | None) -> tuple[dict, list, str]:
    from mkdocs.commands.build import build

    from .parallel import rendered_ahead

    with rendered_ahead(cfg, Path(cfg.config_file_path)):
        feeds = _run(lambda: build(cfg), cfg, Path(cfg.site_dir), search)
    outputs = renderstate.outputs(cfg)
    pages = sum(1 for src in outputs if src.endswith(".md"))
    return outputs, feeds, f"{pages} pages rendered from scratch"


def _run(build, cfg, folder: Path, search: Path | None, index: bool = True, old_index: Path | None = None) -> list[str]:
    """MkDocs, then the search index (its shares kept in `search` between builds, when given);
    told not to index, the old index (old_index) is linked in as it is. The feeds the plugin wrote."""
    os.environ[RENDERING_ENV] = "1"     # the plugin: converted already, indexed here
    try:
        build()
    finally:
        os.environ.pop(RENDERING_ENV, None)
    if not index and old_index is not None and old_index.is_dir():
        renderstate.link_tree(old_index, folder / "pagefind")
    if index or not (folder / "pagefind").is_dir():
        settings = plugin_settings(cfg)
        index_search(folder, settings.search_chunk_bytes, search, settings.search_shard_pages)
    plugin = cfg.plugins.get("nghiquyet")
    return list(getattr(plugin, "feeds", []))


def plugin_settings(cfg) -> Settings:
    """The settings written as options of the `nghiquyet` plugin in a loaded MkDocs config."""
    plugin = cfg.plugins.get("nghiquyet")
    return Settings.from_options(plugin.config) if plugin is not None else DEFAULT


def load_settings(config_file: Path) -> Settings:
    """The settings of a project: its mkdocs.yml's plugin options (defaults when it has none)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        return DEFAULT
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        return plugin_settings(load_config(str(config_file)))
    except MkDocsException as exc:
        raise BuildError(f"MkDocs failed: {exc}") from None
