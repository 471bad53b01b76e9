"""Pagefind 1.5.2's index format, as the search stages read and write it.

Pagefind indexes pages (`run_pagefind`); shards.py runs it over shares of the site and merge.py
joins them into one bundle. This module knows the files: gzip-compressed CBOR after a signature,
named by the digest of what they hold.

Two things the merged bundle does that Pagefind's own output does not:
- reproducible: Pagefind writes its filter index in hash-map order, so two runs over the same
  pages give differently ordered filter files, different file names and a different entry file
  (Pagefind issue #638: fragments were made stable in 1.3, filter indexes were not); the merged
  filters are written with their values sorted and named by their content;
- small to fetch: Pagefind cuts its word index into chunks by counting each word's postings, but
  since 1.5 the postings of a word's accented forms ("quyết" under "quyet") are stored beside it
  and not counted. In Vietnamese nearly every occurrence is accented, so a chunk grows until it
  holds dozens of the commonest words: at 5,000 articles a query for "nghi quyet" fetched two
  chunks of 500-600 KB. The merged word index is cut by the real encoded size of each word
  (`split_words`), so a query fetches its own words' postings and little else. The browser picks
  the chunk for a term by comparing it with each chunk's bounds (see `boundaries`).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

import cbor2

from ..errors import BuildError

SIGNATURE = b"pagefind_dcd"
# The Pagefind release whose private index format this module reads and writes (pyproject pins
# the same one). Another release may change that format silently: the build stops instead.
PAGEFIND_FORMAT = "1.5.2"


def check_format(entry: dict) -> None:
    """Stop, saying why, when another Pagefind release wrote a bundle (its entry file's version)."""
    if entry.get("version") != PAGEFIND_FORMAT:
        raise BuildError(f"Pagefind {entry.get('version')} wrote the search index, but the build knows the "
                         f"format of Pagefind {PAGEFIND_FORMAT} only: install pagefind[bin]=={PAGEFIND_FORMAT}")


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise BuildError(f"unexpected Pagefind file format: {path.name}")
    return cbor2.loads(raw[len(SIGNATURE):])


def _write(bundle, sub: str, prefix: str, suffix: str, data, digits: int, payload: bytes | None = None,
           pack: Optional[Callable[[str, bytes], bytes]] = None) -> str:
    """Write data (or an encoded payload) as a Pagefind file named by its digest, in the folder
    `sub` of the bundle (a bundle.Bundle); return the name. `pack(digest, payload)` gives the
    compressed bytes (a cache of them), else they are made here."""
    payload = SIGNATURE + (payload if payload is not None else cbor2.dumps(data))
    digest = hashlib.sha256(payload).hexdigest()
    name = bundle.name(sub, prefix, suffix, digest, digits)
    packed = pack(digest, payload) if pack else gzip.compress(payload, compresslevel=6, mtime=0)
    bundle.write(f"{sub}/{name}{suffix}" if sub else f"{name}{suffix}", packed)
    return name


def split_words(words: list, limit: int) -> list[list]:
    """Sorted (word, encoded) pairs -> consecutive groups, each closed once its encoded size
    reaches `limit` (a word bigger than the limit gets a group of its own)."""
    groups, current, size = [], [], 0
    for word, encoded in words:
        if current and size + len(encoded) > limit:
            groups.append(current)
            current, size = [], 0
        current.append((word, encoded))
        size += len(encoded)
    if current:
        groups.append(current)
    return groups


def boundaries(groups: list[list]) -> list[list[str]]:
    """[from, to] of each group for the browser's chunk lookup (`from <= term <= to`, first match):
    `to` is the group's last word; `from` is the shortest prefix of its first word that still sorts
    after the previous group's last word, so a term between two groups (a word typed in part)
    goes to the group it sorts into. (Pagefind also cuts `to` to a prefix, which puts a chunk's
    last words outside its own range; exact bounds avoid that.)"""
    bounds = [[group[0][0][0], group[-1][0][0]] for group in groups]
    for previous, current in zip(bounds, bounds[1:]):
        last, first = previous[1], current[0]
        common = 0
        while common < min(len(last), len(first)) and last[common] == first[common]:
            common += 1
        current[0] = first[:common + 1]
    return bounds


def _array_head(n: int) -> bytes:
    """CBOR header of an array of n items (the encoding cbor2 gives an array)."""
    return cbor2.dumps([None] * n)[: -n] if n else b"\x80"


@lru_cache(maxsize=None)
def _pagefind() -> tuple[str, ...]:
    """The command that runs Pagefind: the binary `python -m pagefind` would start, found once
    (a Python interpreter started for each share only to find it costs 0.1-0.2 s a share), else
    `python -m pagefind` itself."""
    try:
        from pagefind.service import _must_get_executable
        return (str(_must_get_executable().resolve()),)
    except Exception:  # noqa: BLE001 - the wrapper finds it, or says why not
        return (sys.executable, "-m", "pagefind")


def run_pagefind(site: Path, out: Path) -> None:
    """Pagefind over the HTML pages under site, its bundle written to out."""
    result = subprocess.run([*_pagefind(), "--site", str(site), "--output-path", str(out), "--silent"],
                            capture_output=True, text=True)
    if result.returncode != 0 or not (out / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise BuildError(f"Pagefind failed to index the site: {detail[0]}")


def index_pages(site: Path, pages: list[str], work: Path) -> Path:
    """Pagefind over these pages of the site only (hard links to them in a folder of their own
    inside `work`); the bundle's folder."""
    root = work / "site"
    for rel in pages:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / rel, target)
        except OSError:
            shutil.copy2(site / rel, target)
    out = work / "bundle"
    run_pagefind(root, out)
    shutil.rmtree(root, ignore_errors=True)
    return out
