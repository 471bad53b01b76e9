"""What the last render left in the site folder, so the next one can render only what changed.

A page of this site is rendered from its own Markdown and from inputs every page shares: the
MkDocs configuration (navigation, with titles), the theme and its overrides, the hand-written
pages and files, the code and versions of the packages that render it. When none of those
changed since the last render into the same folder, MkDocs' dirty mode, run in the last site
(see undo.py), renders exactly the pages whose Markdown is newer than their HTML (the writer leaves
unchanged pages untouched, so their times say the truth); files of pages that are no longer
generated are removed. Otherwise the site is rendered from scratch.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from ..fingerprint import code_fingerprint, tree_digest, versions
from ..output.cache import dump_pickle, load_pickle
from ..output.writer import read_manifest

STATE = "render-{}.pickle"      # one per site folder (by the hash of its path)
VERSION = 1
# Packages whose code shapes the HTML or the search index.
RENDERERS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pagefind", "pagefind_bin")


def fingerprint(config, site: Path) -> str:
    """Hash of every input the pages share (a loaded MkDocs config gives the paths) for the site
    folder `site`."""
    digest = hashlib.sha256()
    config_file = Path(config.config_file_path)
    docs = Path(config.docs_dir)
    digest.update(json.dumps({
        "version": VERSION, "python": sys.version, "packages": versions(RENDERERS), "code": code_fingerprint(),
        "config": hashlib.sha256(config_file.read_bytes()).hexdigest(),
        "site_url": config.site_url, "docs": str(docs.resolve()), "site": str(site.resolve()),
    }, sort_keys=True).encode())
    if config.theme.custom_dir and Path(config.theme.custom_dir).is_dir():
        tree_digest(digest, Path(config.theme.custom_dir), lambda rel: True)
    # Hand-written pages and files: everything in docs_dir the conversion did not write (hidden
    # files, such as the slug registry and the manifest, are not part of the site).
    generated = set(read_manifest(docs))
    tree_digest(digest, docs, lambda rel: rel not in generated
                and not any(part.startswith(".") for part in rel.split("/")))
    return digest.hexdigest()


def _path(state_dir: Path, site: Path) -> Path:
    return state_dir / STATE.format(hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:16])


def load(state_dir: Path | None, site: Path) -> dict:
    if state_dir is None:
        return {}
    try:
        data = load_pickle(_path(state_dir, site))
    except Exception:          # missing, unreadable or from another version: render everything
        return {}
    return data if isinstance(data, dict) and data.get("version") == VERSION else {}


def forget(state_dir: Path | None, site: Path) -> None:
    """Called before the site folder is touched: a render cut short leaves no state behind,
    so the next one starts from scratch."""
    if state_dir is not None:
        _path(state_dir, site).unlink(missing_ok=True)


def save(state_dir: Path | None, site: Path, fingerprint_: str, outputs: dict[str, str],
         feeds: list[str], epoch: str | None = None) -> None:
    if state_dir is None:
        return
    try:
        dump_pickle(_path(state_dir, site), {"version": VERSION, "fingerprint": fingerprint_,
                                       "outputs": outputs, "feeds": feeds, "epoch": epoch})
    except OSError:            # no state: the next render is a full one
        pass


def outputs(config, files=None) -> dict[str, str]:
    """Every file of docs_dir MkDocs publishes -> where it puts it in the site folder."""
    from mkdocs.structure.files import get_files
    return {f.src_uri: f.dest_uri for f in files or get_files(config) if f.inclusion.is_included()}
