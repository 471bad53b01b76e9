"""MkDocs at the edge: render the converted content/ into site/ — every page (built beside, then
swapped), or, when only generated pages changed since the last render, only those (in place,
undone if the render fails)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import BuildError
from ..output.cache import gc_frozen, gc_paused
from . import state as renderstate
from ..search.shards import PREVIEW_FOLDER, PREVIEW_LIST, index_search
from .undo import Undo, discard, leftovers
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
           state_dir: Path | None = None, full: bool = False, verbose: bool = False,
           prerendered: dict | None = None) -> str:
    """Render content/ into site_dir with MkDocs, then index it with Pagefind; return one line
    saying what was done. A failed or interrupted render leaves the old site as it was. With a
    state folder, when the inputs every page shares are those of the last render (renderstate),
    only the pages whose Markdown changed are rendered again, in place (undo.Undo takes the
    update back if it fails); otherwise, and always with strict or full, every page is rendered
    into a folder beside site_dir, swapped in when complete. `prerendered`: the HTML the
    conversion made of some pages (records.Prerendered by path in the docs folder), which a
    render of every page takes instead of converting their Markdown (prerendered.py)."""
    with gc_frozen():
        return _render(config_file, site_dir, epoch, strict, state_dir, full, verbose, prerendered)


def _render(config_file: Path, site_dir: Path, epoch: str, strict: bool = False,
            state_dir: Path | None = None, full: bool = False, verbose: bool = False,
            prerendered: dict | None = None) -> str:
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
    for left in leftovers(site_dir):                                 # an update that never ended
        shutil.rmtree(left, ignore_errors=True)
    staging = None
    try:
        cfg = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        shared = renderstate.fingerprint(cfg, site_dir)
        last = renderstate.load(state_dir, site_dir)
        renderstate.forget(state_dir, site_dir)
        search = state_dir / "search" if state_dir else None     # the search index's shares
        if not (full or strict) and site_dir.is_dir() and last.get("fingerprint") == shared:
            outputs, feeds, line = _update(cfg, site_dir, last, search)
        else:
            staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
            cfg["site_dir"] = str(staging)
            outputs, feeds, line = _from_scratch(cfg, search, prerendered)
    except BaseException as exc:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, MkDocsException):
            raise BuildError(f"MkDocs failed: {exc}") from None
        if isinstance(exc, OSError):        # a full disk, a folder without the right to write
            raise BuildError(f"cannot write the site: {exc}") from None
        raise
    if staging:
        old = None
        if site_dir.exists():
            old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
            site_dir.rename(old)
        staging.rename(site_dir)
        if old:
            discard(old, background=len(outputs) > BACKGROUND_DELETE_FROM)
    renderstate.save(state_dir, site_dir, shared, outputs, feeds, epoch)
    return line


# Outputs from which an old site is deleted by a process of its own after the swap: removing
# 5,000 page folders takes over a second the maintainer need not wait for.
BACKGROUND_DELETE_FROM = 2000
# Files moved aside by an update from which they are deleted the same way.
BACKGROUND_UNDO_FROM = 200


def _update(cfg, site_dir: Path, last: dict, search: Path | None) -> tuple[dict, list, str]:
    """MkDocs' dirty render in the site folder itself. What it will write (the changed pages,
    the sitemap and 404 page when the list of pages changed, the feeds, the search index) and
    the files of pages that are gone are first moved aside (undo.Undo), so MkDocs writes new
    files and a failure puts the old ones back."""
    from mkdocs.structure.files import get_files

    files = get_files(cfg)
    outputs = renderstate.outputs(cfg, files)
    modified = [f for f in files if f.inclusion.is_included() and f.is_modified()]
    # The sitemap and 404 page show the list of pages and the build date: when neither changed,
    # the old ones are kept (at 5,000 pages they take 0.4 s to render again).
    same = set(outputs) == set(last.get("outputs", {})) and last.get("epoch") == os.environ.get("SOURCE_DATE_EPOCH")
    kept = set(cfg.theme.static_templates) if same else set()
    templates = [t for t in list(cfg.theme.static_templates) + list(cfg.extra_templates) if t not in kept]
    cfg.theme.static_templates.difference_update(kept)
    stale = [dest for src, dest in last.get("outputs", {}).items() if outputs.get(src) != dest]
    index = bool(modified or stale)       # no page or file changed: the old index indexes the same HTML
    pages = files.documentation_pages()
    again = sum(1 for f in modified if f.is_documentation_page())
    undo = Undo(site_dir)
    notice = _DirtyNotice()
    logging.getLogger("mkdocs.commands.build").addFilter(notice)
    try:
        removed = sum(undo.set_aside(rel) for rel in stale)
        for rel in ([f.dest_uri for f in modified] + templates + [f"{t}.gz" for t in templates]   # sitemap.xml.gz
                    + list(last.get("feeds", [])) + ["robots.txt"]
                    + ([PREVIEW_FOLDER, PREVIEW_LIST] if index else [])):
            undo.set_aside(rel)
        # The search bundle is updated in place, its changes through the same undo (search/bundle.py).
        feeds = _run(lambda: _build_with(files, cfg), cfg, site_dir, search, index=index, undo=undo)
    except BaseException:
        undo.rollback(_feeds(cfg))
        raise
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(notice)
    undo.commit(background=len(undo.moved) > BACKGROUND_UNDO_FROM)
    return outputs, feeds, (f"{again} of {len(pages)} pages rendered again, {removed} stale files removed "
                            "(nghiquyet build --full renders every page)")


def _build_with(files, cfg) -> None:
    """MkDocs' dirty build given the files it would list itself (listing 5,000 pages again
    takes a quarter of a second): `get_files` answers with them for the length of the build."""
    import mkdocs.commands.build as mkdocs_build

    listed = mkdocs_build.get_files
    mkdocs_build.get_files = lambda config: files if config is cfg else listed(config)
    try:
        mkdocs_build.build(cfg, dirty=True)
    finally:
        mkdocs_build.get_files = listed


def _from_scratch(cfg, search: Path | None, prerendered: dict | None = None) -> tuple[dict, list, str]:
    from mkdocs.commands.build import build

    from .parallel import rendered_ahead

    def build_ahead():
        with rendered_ahead(cfg, Path(cfg.config_file_path), prerendered=prerendered):
            build(cfg)

    feeds = _run(build_ahead, cfg, Path(cfg.site_dir), search)
    outputs = renderstate.outputs(cfg)
    pages = sum(1 for src in outputs if src.endswith(".md"))
    return outputs, feeds, f"{pages} pages rendered from scratch"


def _run(build, cfg, folder: Path, search: Path | None, index: bool = True, undo=None) -> list[str]:
    """MkDocs, then the search index (its shares kept in `search` between builds, when given),
    unless told not to index and the folder has one. The feeds the plugin wrote."""
    os.environ[RENDERING_ENV] = "1"     # the plugin: converted already, indexed here
    try:
        build()
    finally:
        os.environ.pop(RENDERING_ENV, None)
    feeds = _feeds(cfg)
    if index or not (folder / "pagefind").is_dir():
        settings = plugin_settings(cfg)
        with gc_paused():           # its records (bytes, lists) hold no reference cycles
            index_search(folder, settings.search_chunk_bytes, search, settings.search_shard_pages, undo=undo)
    return feeds


def _feeds(cfg) -> list[str]:
    """The feeds the plugin wrote in this render (none before it ran)."""
    return list(getattr(cfg.plugins.get("nghiquyet"), "feeds", []))


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
