"""Content-hash cache of converted articles, so a rebuild converts only what changed.

The key of a corpus file is the SHA-256 of the pipeline's own code and data, the file's name
and its bytes: editing a rule or a data file invalidates everything, editing one article
invalidates that article. The cache is one file (fast to load for thousands of articles),
kept out of git (.cache/), and rewritten atomically; a damaged cache is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional, Union

from .records import Article

CACHE_FILE = "articles.pickle"
Entry = Union[Article, str]        # an Article, or the reason the file was skipped


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """Hash of every module and data file of the package: a new rule means a new cache."""
    digest = hashlib.sha256()
    root = resources.files("nghiquyet")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".json"):
            digest.update(path.relative_to(Path(str(root))).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def key(name: str, data: bytes) -> str:
    return hashlib.sha256(code_fingerprint().encode() + b"\0" + name.encode() + b"\0" + data).hexdigest()


class ArticleCache:
    def __init__(self, folder: Optional[Path]):
        self.path = folder / CACHE_FILE if folder else None
        self.entries: dict[str, Entry] = {}
        self.used: dict[str, Entry] = {}
        self.hits = self.misses = 0
        if self.path and self.path.is_file():
            try:
                with self.path.open("rb") as fh:
                    self.entries = pickle.load(fh)
            except Exception:       # damaged or from another version: start afresh
                self.entries = {}

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
        """Keep only the entries of this build's files (the cache does not grow forever)."""
        if not self.path or (self.misses == 0 and len(self.used) == len(self.entries)):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(self.used, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass                     # a cache that cannot be written only costs time
