"""The search index of a live preview (`mkdocs serve`): each share's own Pagefind bundle, not
merged (search/shards.py builds the shares; the browser merges the bundles as it searches)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from ..errors import BuildError
from ..settings import DEFAULT
from .shards import NO_BODY, PREVIEW_FOLDER, PREVIEW_LIST, _clear, _indexed, _place, _shares


def preview_share_pages(per_shard: int) -> int:
    """The preview's shares are half the size of the published index's: a save re-indexes
    ~100 pages, not ~200 (its first build runs Pagefind more times; nothing is merged)."""
    return max(25, per_shard // 2)


def index_preview(site: Path, cache: Path, per_shard: int = DEFAULT.search_shard_pages // 2,
                  jobs: int | None = None) -> str:
    """The search index of a live preview (`mkdocs serve`): each share's own Pagefind bundle,
    indexed again only when one of its pages changed, and not merged: the browser merges them
    as it searches (Pagefind's mergeIndex; nq-search.js reads the list of bundles from
    PREVIEW_LIST when the page carries the preview mark, see plugin.py). The merge and the
    reading of a share's bundle are most of an incremental index's time (docs/performance.md);
    a preview needs neither. The published site is always indexed by index_search: one bundle,
    reproducible, cut for small downloads. Bundles stay in `cache` and are linked into the site."""
    (cache / "preview").mkdir(parents=True, exist_ok=True)
    count, members, keys, _, _, _ = _shares(site, cache / "preview", per_shard)
    present = [s for s in range(count) if members[s]]
    if not present:
        raise BuildError(NO_BODY)
    folders = {s: cache / "preview" / f"bundle-{count}-{s}" for s in present}
    stale = [s for s in present if not _has_key(folders[s], keys[s].hexdigest())]
    work = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=cache))
    try:
        for s, out in _indexed(site, members, stale, work, jobs):
            (out / ".key").write_text(keys[s].hexdigest(), encoding="utf-8")
            shutil.rmtree(folders[s], ignore_errors=True)
            shutil.move(str(out), folders[s])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in (cache / "preview").glob("bundle-*"):
        if old not in folders.values():
            shutil.rmtree(old, ignore_errors=True)
    _place(site / "pagefind", folders[present[0]])
    shelf = site / PREVIEW_FOLDER
    _clear(shelf)
    shelf.mkdir(parents=True, exist_ok=True)
    listed = []
    for s in present[1:]:
        name = f"{s}-{keys[s].hexdigest()[:12]}"        # a new name when the share changes
        _place(shelf / name, folders[s])
        listed.append(f"{PREVIEW_FOLDER}/{name}/")
    (site / PREVIEW_LIST).write_text(json.dumps({"primary": keys[present[0]].hexdigest()[:12], "merge": listed}),
                                     encoding="utf-8")
    return f"{len(stale)} of {count} search shards indexed again (preview: merged by the browser)"


def _has_key(folder: Path, key: str) -> bool:
    try:
        return (folder / ".key").read_text(encoding="utf-8") == key and (folder / "pagefind-entry.json").is_file()
    except OSError:
        return False
