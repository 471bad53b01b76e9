"""Content-hash cache of converted articles, so a rebuild converts only what changed.

The key of a corpus file is the SHA-256 of the pipeline's own code and data, the versions of the
libraries that shape what is read out of a file (CONVERTERS) and of Python's Unicode tables, the
file's name and its bytes: editing a rule or a data file, or upgrading one of those libraries,
invalidates everything; editing one article invalidates that article. Kept out of git (.cache/), in 256 shard files by key prefix, so that
after one article changed only the shards holding its old and new entries are rewritten (each
atomically); a damaged shard is ignored.

Reading every corpus file to hash it costs more than everything else in a rebuild of thousands
of articles, so the cache also remembers each file's size, modification time and content hash,
and trusts them while they match (as git's index does). A file modified within a second of the
moment those were recorded is always read again, so an edit that keeps the size and lands in
the same clock tick is not missed.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Optional, Union

from ..fingerprint import code_fingerprint, content_hash
from ..records import Converted

SHARDS = "articles"
LISTINGS_FILE = "listings.pickle"
LEGACY = "articles.pickle"        # the one-file cache of earlier versions
STATS_FILE = "files.pickle"
VERSION = 3      # 3: the cached unit is a Converted record
RACY_NS = 1_000_000_000
Entry = Union[Converted, str]      # a converted file (its article whole), or why it was skipped


def key(name: str, data: bytes, digest: str | None = None) -> str:
    """The cache key of a corpus file (its content hash may be given instead of recomputed)."""
    digest = digest or content_hash(data)
    return hashlib.sha256(f"{code_fingerprint()}\0{name}\0{digest}".encode()).hexdigest()


@contextmanager
def gc_paused():
    """The cyclic garbage collector paused for a block that makes many acyclic objects (records,
    strings): collections triggered by their number find nothing and cost time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def gc_frozen():
    """What exists on entering the block is left out of the cyclic collections made within it
    (gc.freeze): after a conversion, the records, configuration and file lists a render holds
    are millions of objects that every full collection would scan again, and none of them
    becomes garbage during the render. They are collected as usual afterwards."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# Cache files this process read or wrote, by path, with their size and time: a long-lived
# process (`mkdocs serve` rebuilds after every save) unpickles each one once while it is
# unchanged. The objects are shared, so no caller changes what it gets.
_KEPT: dict[str, tuple[tuple[int, int], object]] = {}


def _mark(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def load_pickle(path: Path):
    """Unpickle with the cyclic garbage collector paused (unpickling a cache would otherwise
    take twice as long); the same object again while the file is unchanged."""
    mark = _mark(path)
    kept = _KEPT.get(str(path))
    if kept and kept[0] == mark:
        return kept[1]
    with gc_paused(), path.open("rb") as fh:
        value = pickle.load(fh)
    _KEPT[str(path)] = (mark, value)
    return value


def dump_pickle(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _KEPT[str(path)] = (_mark(path), data)


class ArticleCache:
    def __init__(self, folder: Optional[Path]):
        self.folder = folder
        self.entries: dict[str, Entry] = {}
        self.loaded: dict[str, set[str]] = {}      # shard -> keys it held when loaded
        self.used: dict[str, Entry] = {}
        self.files: dict[str, tuple[int, int, str]] = {}      # name -> size, mtime, content hash
        self.files_seen: dict[str, tuple[int, int, str]] = {}
        self.recorded_at = 0
        self.hits = self.misses = 0
        if not folder:
            return
        try:
            stats = load_pickle(folder / STATS_FILE)
            if stats.get("version") == VERSION:
                self.files, self.recorded_at = stats["files"], stats["recorded_at"]
        except Exception:           # missing, damaged or from another version: start afresh
            pass
        shards = folder / SHARDS
        for path in sorted(shards.glob("*.pickle")) if shards.is_dir() else ():
            try:
                part = load_pickle(path)
            except Exception:
                continue
            self.loaded[path.stem] = set(part)
            self.entries.update(part)

    def listings(self) -> dict:
        """What the last build recorded of its listing pages: {"key": its listings key, "pages":
        the listing pages it wrote, "periods": {period page: key}} (empty when unknown)."""
        try:
            saved = load_pickle(self.folder / LISTINGS_FILE) if self.folder else None
        except Exception:
            return {}
        return saved if isinstance(saved, dict) and saved.get("version") == VERSION else {}

    def save_listings(self, key: str, pages: list[str], periods: dict[str, str]) -> None:
        if self.folder:
            try:
                dump_pickle(self.folder / LISTINGS_FILE, {"version": VERSION, "key": key, "pages": sorted(pages),
                                                    "periods": dict(sorted(periods.items()))})
            except OSError:
                pass

    def known_hash(self, name: str, stat: os.stat_result) -> Optional[str]:
        """The content hash recorded for this file, if its size and time still match it."""
        seen = self.files.get(name)
        if seen and seen[:2] == (stat.st_size, stat.st_mtime_ns) and stat.st_mtime_ns < self.recorded_at - RACY_NS:
            return seen[2]
        return None

    def record(self, name: str, stat: os.stat_result, digest: str) -> None:
        self.files_seen[name] = (stat.st_size, stat.st_mtime_ns, digest)

    def get(self, k: str) -> Optional[Entry]:
        entry = self.entries.get(k)
        if entry is not None:
            self.hits += 1
            self.used[k] = entry
        return entry

    def put(self, k: str, entry: Entry) -> None:
        self.misses += 1
        self.used[k] = entry

    def save(self) -> None:
        """Keep only the entries of this build's files (the cache does not grow forever);
        rewrite only the shards whose keys changed."""
        if not self.folder:
            return
        by_shard: dict[str, dict[str, Entry]] = {}
        for k, entry in self.used.items():
            by_shard.setdefault(k[:2], {})[k] = entry
        try:
            for shard in sorted(set(by_shard) | set(self.loaded)):
                part = by_shard.get(shard, {})
                if set(part) == self.loaded.get(shard, set()):
                    continue
                path = self.folder / SHARDS / f"{shard}.pickle"
                if part:
                    dump_pickle(path, part)
                else:
                    path.unlink(missing_ok=True)
            (self.folder / LEGACY).unlink(missing_ok=True)
            if self.files_seen != self.files or self.misses:
                dump_pickle(self.folder / STATS_FILE, {"version": VERSION, "files": self.files_seen,
                                                 "recorded_at": time.time_ns()})
        except OSError:
            pass                     # a cache that cannot be written only costs time
