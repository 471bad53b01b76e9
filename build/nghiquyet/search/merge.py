"""The merge of the search index's shares into one Pagefind bundle (see shards.py for why and
how): the records a share is read into (`Shard`, postings ready to join), and the joining of
pages, words, filters and sorts into the bundle's files.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import cbor2

from ..errors import BuildError
from ..output.cache import dump_pickle, load_pickle
from .bundle import Bundle
from .pagefind import PAGEFIND_FORMAT, SIGNATURE, _array_head, _write, boundaries, split_words

# A share's postings of one word (or variant), ready to be joined with other shares' without
# being encoded again: (first page's delta, the rest of the first posting as encoded, the other
# postings as encoded, how many postings, the share's number of its last page).
Posting = tuple


@dataclass
class Shard:
    key: str
    pages: list = field(default_factory=list)           # [[fragment hash, word count]]
    urls: list = field(default_factory=list)            # each page's URL
    words: dict = field(default_factory=dict)           # word -> (encoded word, Posting | None, {variant: (encoded, Posting)})
    filters: dict = field(default_factory=dict)         # name -> {value: [page numbers]}
    sorts: dict = field(default_factory=dict)           # name -> {url: value}
    meta_fields: list = field(default_factory=list)     # the fields its postings are numbered in
    own_fields: list = field(default_factory=list)      # the fields its own pages have
    raw: bytes | None = None                            # its postings as read (pickled, pages by address), for splice.py
    members: dict = field(default_factory=dict)         # its pages' paths -> their contents' hashes
    language: str = ""
    entry: dict = field(default_factory=dict)


def _uint(n: int) -> bytes:
    """CBOR's encoding of a non-negative integer (what cbor2 writes)."""
    if n < 24:
        return bytes((n,))
    if n < 256:
        return bytes((0x18, n))
    if n < 65536:
        return b"\x19" + n.to_bytes(2, "big")
    if n < 2 ** 32:
        return b"\x1a" + n.to_bytes(4, "big")
    return b"\x1b" + n.to_bytes(8, "big")


def _posting(items: list) -> Posting:
    first = items[0]
    if len(first) != 3 or not isinstance(first[0], int) or first[0] < 0:
        raise BuildError("unexpected Pagefind word index layout (a posting is not [page, locations, metadata])")
    tail = cbor2.dumps(first)[1 + len(_uint(first[0])):]       # after the array head and the delta
    encoded = cbor2.dumps(items[1:])
    return (first[0], tail, encoded[len(_array_head(len(items) - 1)):], len(items), sum(item[0] for item in items))


def _postings(parts: list[tuple[int, Posting]]) -> bytes:
    """Several shares' postings of a word as one encoded array (offset: the share's first page)."""
    out, count, before = [], 0, 0
    for offset, (delta, tail, rest, n, last) in parts:
        out += (b"\x83", _uint(offset + delta - before), tail, rest)
        count += n
        before = offset + last
    return _array_head(count) + b"".join(out)


class Packed:
    """What the merge keeps from one build to the next: compressed word-index chunks by the
    digest of what they hold, and each word's encoded entry by the shares it was joined from.
    After one page changed, most words are in no changed share and most chunks hold the same
    words and postings: joining and compressing them again is most of the merge's time."""

    VERSION = 2

    def __init__(self, path: Path | None):
        self.path = path
        self.known: dict[str, bytes] = {}
        self.bodies: dict[str, tuple] = {}      # word -> (the shares it was joined from, its entry)
        self.fields: tuple = ()                 # the metadata fields the entries are numbered in
        if path and path.is_file():
            try:
                data = load_pickle(path)
                if data["version"] == self.VERSION:
                    self.known, self.bodies, self.fields = dict(data["chunks"]), dict(data["bodies"]), data["fields"]
            except Exception:  # noqa: BLE001 - a damaged cache is only a slower build
                self.known, self.bodies, self.fields = {}, {}, ()
        self.used: dict[str, bytes] = {}
        self.joined: dict[str, tuple] = {}
        self.pending: dict = {}                 # digest -> its compression under way

    def numbered_in(self, fields: tuple) -> None:
        """The metadata fields this merge numbers entries in: entries kept in others are stale."""
        if fields != self.fields:
            self.bodies, self.fields = {}, fields

    def body(self, word: str, holders: tuple, join: Callable[[], bytes]) -> bytes:
        """A word's entry: the last build's when it was joined from the same shares (by their
        keys and places), else joined now."""
        known = self.bodies.get(word)
        entry = known[1] if known is not None and known[0] == holders else join()
        self.joined[word] = (holders, entry)
        return entry

    def prepare(self, bodies: list[bytes], pool: ThreadPoolExecutor) -> None:
        """Start compressing the new ones on every core (zlib lets other threads run meanwhile,
        the merge's own work included); `pack` waits for each one it writes."""
        for body in bodies:
            payload = SIGNATURE + body
            digest = hashlib.sha256(payload).hexdigest()
            if digest not in self.known and digest not in self.pending:
                self.pending[digest] = pool.submit(gzip.compress, payload, compresslevel=6, mtime=0)

    def pack(self, digest: str, payload: bytes) -> bytes:
        if digest in self.pending:
            self.known[digest] = self.pending.pop(digest).result()
        packed = self.known.get(digest) or gzip.compress(payload, compresslevel=6, mtime=0)
        self.used[digest] = packed
        return packed

    def save(self) -> None:
        if self.path:
            dump_pickle(self.path, {"version": self.VERSION, "chunks": self.used, "bodies": self.joined,
                                    "fields": self.fields})


def _entry(found: list) -> bytes:
    """A word's entry in the merged index from its entries in the shares (offset, key, entry)."""
    encoded = found[0][2][0]
    plain = [(o, item[1]) for o, _, item in found if item[1]]
    variants: dict[str, list] = {}
    named: dict[str, bytes] = {}
    for o, _, item in found:
        for v, (v_encoded, p) in item[2].items():
            variants.setdefault(v, []).append((o, p))
            named[v] = v_encoded
    return (b"\x83" + encoded + (_postings(plain) if plain else b"\x80") + _array_head(len(variants))
            + b"".join(b"\x82" + named[v] + _postings(variants[v]) for v in sorted(variants)))


def merge(shards: list[Shard], bundle: Bundle, chunk_bytes: int, static_from: Path, packed: Packed | None = None) -> None:
    """Write the merged bundle (its entry file last) with `bundle` (bundle.Bundle)."""
    packed = packed or Packed(None)
    for path in sorted(static_from.iterdir()):
        if path.is_file() and path.name != "pagefind-entry.json" and not path.name.endswith(".pf_meta"):
            bundle.write(path.name, path.read_bytes())
    full = [s for s in shards if s.pages]
    offsets, total = [], 0
    for s in full:
        offsets.append(total)
        total += len(s.pages)
    entry = dict(next((s.entry for s in full), shards[0].entry if shards else {}))
    languages = {s.language for s in full}
    if len(languages) > 1:
        raise BuildError("the search index holds pages in several languages: one is supported")
    if not full:
        entry["languages"] = {}
        bundle.write("pagefind-entry.json", json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode())
        return
    lang = languages.pop()

    words: list[tuple[list, bytes]] = []
    # Each word's entries in the shares that hold it, in share order: one pass over every share's
    # words (a share holds a small part of the site's words; asking every share for every word
    # costs words x shares).
    holders: dict[str, list] = {}
    for o, s in zip(offsets, full):
        for word, item in s.words.items():
            holders.setdefault(word, []).append((o, s.key, item))
    packed.numbered_in(tuple(sorted({f for s in full for f in s.meta_fields})))
    for word in sorted(holders):
        found = holders[word]
        body = packed.body(word, tuple((o, key) for o, key, _ in found), lambda: _entry(found))
        words.append(([word], body))
    groups = split_words(words, chunk_bytes)
    payloads = [_array_head(1) + _array_head(len(group)) + b"".join(encoded for _, encoded in group)
                for group in groups]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        packed.prepare(payloads, pool)          # compressed while the filters and sorts are made
        filters, sorts = _filters_and_sorts(bundle, lang, full, offsets)
        chunks = [[first, last, _write(bundle, "index", f"{lang}_", ".pf_index", None, 7, payload, packed.pack)]
                  for (first, last), payload in zip(boundaries(groups), payloads)]

    pages = [page for s in full for page in s.pages]
    meta = [PAGEFIND_FORMAT, pages, chunks, filters, sorts, sorted({f for s in full for f in s.meta_fields})]
    name = _write(bundle, "", f"pagefind.{lang}_", ".pf_meta", meta, 10)[len("pagefind."):]
    info = dict(entry["languages"][lang], hash=name, page_count=len(pages))
    entry["languages"] = {lang: info}
    bundle.write("pagefind-entry.json", json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode())


def _filters_and_sorts(bundle: Bundle, lang: str, full: list[Shard], offsets: list[int]) -> tuple[list, list]:
    """The merged filters (written, each value's pages renumbered) and sorts (the pages in order
    of each sort's values)."""
    filters = []
    for name in sorted({n for s in full for n in s.filters}):
        values: dict[str, list[int]] = {}
        for o, s in zip(offsets, full):
            for value, pages in s.filters.get(name, {}).items():
                values.setdefault(value, []).extend(o + p for p in pages)
        ordered = [name, [[value, sorted(pages)] for value, pages in sorted(values.items())]]
        filters.append([name, _write(bundle, "filter", f"{lang}_", ".pf_filter", ordered, 7)])

    sorts = []
    for name in sorted({n for s in full for n in s.sorts}):
        keyed = [(s.sorts[name][url], o + i) for o, s in zip(offsets, full) if name in s.sorts
                 for i, url in enumerate(s.urls) if url in s.sorts[name]]
        sorts.append([name, [page for _, page in sorted(keyed)]])
    return filters, sorts
