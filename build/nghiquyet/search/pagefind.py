"""Run Pagefind over the rendered site, then make its output reproducible and small to fetch.

Reproducible: Pagefind writes its filter index in hash-map order, so two runs over the same
pages give differently ordered filter files, different file names and a different entry file
(Pagefind issue #638: fragments were made stable in 1.3, filter indexes were not). The filter
files are rewritten with their values sorted and named by their content.

Small to fetch: Pagefind cuts its word index into chunks by counting each word's postings, but
since 1.5 the postings of a word's accented forms ("quyết" under "quyet") are stored beside it
and not counted. In Vietnamese nearly every occurrence is accented, so a chunk grows until it
holds dozens of the commonest words: at 5,000 articles a query for "nghi quyet" fetched two
chunks of 500-600 KB. The word index is cut again here by the real encoded size of each word,
so a query fetches its own words' postings and little else. The browser picks the chunk for a
term by comparing it with each chunk's bounds (see `boundaries`).

The metadata file and entry file that point to these files are rewritten last. Search results
are unchanged: the same words with the same postings, in different files.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import cbor2

from ..errors import BuildError
from ..settings import DEFAULT

SIGNATURE = b"pagefind_dcd"
# The Pagefind release whose private index format this module reads and rewrites (pyproject pins
# the same one). Another release may change that format silently: the build stops instead.
PAGEFIND_FORMAT = "1.5.2"


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise BuildError(f"unexpected Pagefind file format: {path.name}")
    return cbor2.loads(raw[len(SIGNATURE):])


def _write(folder: Path, prefix: str, suffix: str, data, digits: int, payload: bytes | None = None) -> str:
    payload = SIGNATURE + (payload if payload is not None else cbor2.dumps(data))
    digest = hashlib.sha256(payload).hexdigest()
    name = f"{prefix}{digest[:digits]}"
    while (folder / f"{name}{suffix}").exists():       # another file already has this short name
        name = f"{prefix}{digest[:len(name) - len(prefix) + 1]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, compresslevel=6, mtime=0))
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


def _head(data: bytes, pos: int) -> tuple[int, int, int]:
    """The CBOR item head at pos: (major type, argument, position after the head)."""
    first = data[pos]
    major, info = first >> 5, first & 31
    if info < 24:
        return major, info, pos + 1
    if info > 27:
        raise ValueError(f"unsupported CBOR head {first:#x}")
    size = 1 << (info - 24)
    return major, int.from_bytes(data[pos + 1:pos + 1 + size], "big"), pos + 1 + size


def chunk_words(path: Path) -> list[tuple[list, bytes]]:
    """The words of a word-index chunk (a one-element array holding the array of words), each
    with its own encoding as it stands in the file (sliced, not encoded again)."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise BuildError(f"unexpected Pagefind file format: {path.name}")
    data = raw[len(SIGNATURE):]
    major, count, pos = _head(data, 0)
    inner, n, pos = _head(data, pos)
    if (major, count, inner) != (4, 1, 4):
        raise BuildError(f"unexpected Pagefind word index layout: {path.name}")
    stream = io.BytesIO(data)
    stream.seek(pos)
    decoder = cbor2.CBORDecoder(stream)
    out = []
    for _ in range(n):
        start = stream.tell()
        word = decoder.decode()
        out.append((word, data[start:stream.tell()]))
    return out


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


def rechunk(bundle: Path, lang: str, chunks: list, limit: int = DEFAULT.search_chunk_bytes) -> list:
    """Rewrite one language's word index in chunks of about `limit` encoded bytes; return the
    new [from, to, hash] list for the metadata file."""
    words = []
    for _, _, file_hash in chunks:
        path = bundle / "index" / f"{file_hash}.pf_index"
        words.extend(chunk_words(path))
        path.unlink()
    words.sort(key=lambda pair: pair[0][0])
    groups = split_words(words, limit)
    out = []
    for (first, last), group in zip(boundaries(groups), groups):
        # The chunk is a one-element array holding the array of words; reuse each word's encoding.
        body = _array_head(1) + _array_head(len(group)) + b"".join(encoded for _, encoded in group)
        out.append([first, last, _write(bundle / "index", f"{lang}_", ".pf_index", None, 7, body)])
    return out


def _array_head(n: int) -> bytes:
    """CBOR header of an array of n items (the encoding cbor2 gives an array)."""
    return cbor2.dumps([None] * n)[: -n] if n else b"\x80"


def run_pagefind(site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
                            capture_output=True, text=True)
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise BuildError(f"Pagefind failed to index the site: {detail[0]}")


def stabilise(bundle: Path, chunk_bytes: int = DEFAULT.search_chunk_bytes) -> None:
    """Rewrite the filter, word-index, metadata and entry files of a Pagefind bundle (see above)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    if entry.get("version") != PAGEFIND_FORMAT:
        raise BuildError(f"Pagefind {entry.get('version')} wrote the search index, but searchindex.py knows the "
                         f"format of Pagefind {PAGEFIND_FORMAT} only: install pagefind[bin]=={PAGEFIND_FORMAT}")
    for lang, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, file_hash in sorted(meta[3]):
            path = bundle / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = _read(path)
            path.unlink()
            ordered = [filter_name, sorted([value, sorted(pages)] for value, pages in values)]
            filters.append([name, _write(bundle / "filter", f"{lang}_", ".pf_filter", ordered, 7)])
        meta[3] = filters
        meta[2] = rechunk(bundle, lang, meta[2], chunk_bytes)
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{lang}_", ".pf_meta", meta, 10)[len("pagefind."):]
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
