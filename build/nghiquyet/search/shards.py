"""The search index built in shares: Pagefind indexes a share of the pages at a time, and only the
shares whose pages changed since the last build; the shares are merged into one Pagefind bundle.

Why: one Pagefind run over 5,000 articles takes about 10 s and 1.2 GB of memory, whatever
changed (measured: docs/performance.md). A share of ~400 pages takes well under a second, and the
merge is plain byte work. The merged bundle is a function of the pages alone (which share a page
falls in depends on its path, how many shares on how many pages), so a build that indexed one
share again gives the same bytes as one that indexed them all.

The merge (Pagefind 1.5.2's index, whose version pagefind.py checks):
- pages: the shares' page lists end to end, share 0 first; a page's number in the bundle is its
  number in its share plus the pages of the shares before it;
- words: a word's postings are [page delta, locations, meta locations], each page counted from
  the one before, the first from page 0 of its share. Put end to end, only the first posting of
  each share's list changes (its delta is counted from the previous list's last page); the other
  postings are kept as encoded. Accented variants are merged the same way, each on its own;
- filters: the value's pages renumbered; sorts: the pages in order of the sort value their HTML
  gives (`data-pagefind-sort`); fragments and Pagefind's scripts: copied (named by content).
The word index, filters, metadata and entry file are then written as pagefind.py writes them
(filters sorted, words re-cut by encoded size, files named by content).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import cbor2

from ..errors import BuildError
from ..settings import DEFAULT
from .pagefind import PAGEFIND_FORMAT, SIGNATURE, _array_head, _write, boundaries, split_words

CACHE_VERSION = 1
_SORT = re.compile(r'data-pagefind-sort="(?P<name>[^":]+):(?P<value>[^"]*)"')


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
    meta_fields: list = field(default_factory=list)
    language: str = ""
    entry: dict = field(default_factory=dict)


def shard_count(pages: int, per_shard: int) -> int:
    return max(1, min(64, math.ceil(pages / max(1, per_shard))))


def shard_of(rel: str, count: int) -> int:
    return int.from_bytes(hashlib.sha256(rel.encode("utf-8")).digest()[:4], "big") % count


def _url(rel: str) -> str:
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise BuildError(f"unexpected Pagefind file format: {path.name}")
    return cbor2.loads(raw[len(SIGNATURE):])


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


class PageHashes:
    """Each HTML page's content hash and sort values, read again only when its size or time
    changed (in an incremental render, unchanged pages are links to the old files)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.known: dict = {}
        if path and path.is_file():
            try:
                self.known = pickle.loads(path.read_bytes())
            except Exception:  # noqa: BLE001 - a damaged cache is only a slower build
                self.known = {}
        self.seen: dict = {}

    def get(self, site: Path, rel: str) -> tuple[str, dict, bool]:
        """The page's hash, its sort values, and whether it marks a body to index."""
        stat = (site / rel).stat()
        mark = (stat.st_size, stat.st_mtime_ns)
        old = self.known.get(rel)
        if old and old[0] == mark:
            self.seen[rel] = old
            return old[1:]
        data = (site / rel).read_bytes()
        text = data.decode("utf-8", "replace")
        sorts = {m["name"]: m["value"] for m in _SORT.finditer(text)}
        self.seen[rel] = (mark, hashlib.sha256(data).hexdigest(), sorts, "data-pagefind-body" in text)
        return self.seen[rel][1:]

    def save(self) -> None:
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(pickle.dumps(self.seen, protocol=pickle.HIGHEST_PROTOCOL))


def _index_shard(site: Path, pages: list[str], work: Path) -> Path:
    """Pagefind over these pages only (hard links to them in a folder of their own)."""
    root = work / "site"
    for rel in pages:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / rel, target)
        except OSError:
            shutil.copy2(site / rel, target)
    out = work / "bundle"
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(root), "--output-path", str(out),
                             "--silent"], capture_output=True, text=True)
    if result.returncode != 0 or not (out / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise BuildError(f"Pagefind failed to index the site: {detail[0]}")
    shutil.rmtree(root, ignore_errors=True)
    return out


def _decode(bundle: Path, key: str, sorts: dict[str, dict], fields: list[str] | None = None) -> Shard:
    """A share's Pagefind bundle, read into what the merge needs. A posting's third part places
    the word in the page's metadata, each field named by its number in the share's list of
    fields (-1 for the first); given the merged list (`fields`), they are numbered in it."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    if entry.get("version") != PAGEFIND_FORMAT:
        raise BuildError(f"Pagefind {entry.get('version')} wrote the search index, but the build knows the "
                         f"format of Pagefind {PAGEFIND_FORMAT} only: install pagefind[bin]=={PAGEFIND_FORMAT}")
    shard = Shard(key, entry=entry)
    languages = entry.get("languages") or {}
    if not languages:
        return shard
    if len(languages) > 1:
        raise BuildError("the search index holds pages in several languages: one is supported")
    shard.language, info = next(iter(languages.items()))
    meta = _read(bundle / f"pagefind.{info['hash']}.pf_meta")
    shard.pages = meta[1]
    for fragment_hash, _ in shard.pages:
        raw = gzip.decompress((bundle / "fragment" / f"{fragment_hash}.pf_fragment").read_bytes())
        shard.urls.append(json.loads(raw[len(SIGNATURE):])["url"])
    shard.meta_fields = list(meta[5]) if len(meta) > 5 else []
    renumber = None
    if fields is not None and fields != shard.meta_fields:
        number = {-(i + 1): -(fields.index(f) + 1) for i, f in enumerate(shard.meta_fields)}
        renumber = lambda items: [[d, locs, [number.get(x, x) for x in meta_locs]] for d, locs, meta_locs in items]
        shard.meta_fields = list(fields)
    for _, _, chunk_hash in meta[2]:
        for word, plain, variants in _read(bundle / "index" / f"{chunk_hash}.pf_index")[0]:
            if renumber:
                plain, variants = renumber(plain), [[v, renumber(items)] for v, items in variants]
            shard.words[word] = (cbor2.dumps(word), _posting(plain) if plain else None,
                                 {v: (cbor2.dumps(v), _posting(items)) for v, items in variants})
    for name, filter_hash in meta[3]:
        _, values = _read(bundle / "filter" / f"{filter_hash}.pf_filter")
        shard.filters[name] = {value: list(pages) for value, pages in values}
    shard.sorts = {name: {url: sorts[url][name] for url in shard.urls if name in sorts.get(url, {})}
                   for name, _ in meta[4]}
    return shard


def _postings(parts: list[tuple[int, Posting]]) -> bytes:
    """Several shares' postings of a word as one encoded array (offset: the share's first page)."""
    out, count, before = [], 0, 0
    for offset, (delta, tail, rest, n, last) in parts:
        out += (b"\x83", _uint(offset + delta - before), tail, rest)
        count += n
        before = offset + last
    return _array_head(count) + b"".join(out)


class Packed:
    """Compressed word-index chunks by the digest of what they hold, kept from one build to the
    next: after one page changed, most chunks hold the same words and postings, and compressing
    them again is most of the merge's time. Writes what pagefind._write writes."""

    def __init__(self, path: Path | None):
        self.path = path
        self.known: dict[str, bytes] = {}
        if path and path.is_file():
            try:
                self.known = pickle.loads(path.read_bytes())
            except Exception:  # noqa: BLE001 - a damaged cache is only a slower build
                self.known = {}
        self.used: dict[str, bytes] = {}

    def prepare(self, bodies: list[bytes]) -> None:
        """Compress the new ones on every core (zlib lets other threads run meanwhile)."""
        todo = {}
        for body in bodies:
            payload = SIGNATURE + body
            digest = hashlib.sha256(payload).hexdigest()
            if digest not in self.known:
                todo[digest] = payload
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            for digest, packed in zip(todo, pool.map(lambda b: gzip.compress(b, compresslevel=6, mtime=0),
                                                      todo.values())):
                self.known[digest] = packed

    def write(self, folder: Path, prefix: str, suffix: str, body: bytes, digits: int) -> str:
        payload = SIGNATURE + body
        digest = hashlib.sha256(payload).hexdigest()
        packed = self.known.get(digest) or gzip.compress(payload, compresslevel=6, mtime=0)
        self.used[digest] = packed
        name = f"{prefix}{digest[:digits]}"
        while (folder / f"{name}{suffix}").exists():       # another file already has this short name
            name = f"{prefix}{digest[:len(name) - len(prefix) + 1]}"
        (folder / f"{name}{suffix}").write_bytes(packed)
        return name

    def save(self) -> None:
        if self.path:
            self.path.write_bytes(pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))


def merge(shards: list[Shard], bundle: Path, chunk_bytes: int, static_from: Path, packed: Packed | None = None) -> None:
    """Write the merged bundle into `bundle` (empty or absent)."""
    packed = packed or Packed(None)
    bundle.mkdir(parents=True, exist_ok=True)
    for path in static_from.iterdir():
        if path.is_file() and path.name != "pagefind-entry.json" and not path.name.endswith(".pf_meta"):
            shutil.copy2(path, bundle / path.name)
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
        (bundle / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                                    encoding="utf-8")
        return
    lang = languages.pop()
    (bundle / "fragment").mkdir(exist_ok=True)
    (bundle / "index").mkdir(exist_ok=True)
    (bundle / "filter").mkdir(exist_ok=True)

    words: list[tuple[list, bytes]] = []
    placed = list(zip(offsets, full))
    for word in sorted({w for s in full for w in s.words}):
        found = [(o, s.words[word]) for o, s in placed if word in s.words]
        encoded = found[0][1][0]
        plain = [(o, item[1]) for o, item in found if item[1]]
        variants: dict[str, list] = {}
        named: dict[str, bytes] = {}
        for o, item in found:
            for v, (v_encoded, p) in item[2].items():
                variants.setdefault(v, []).append((o, p))
                named[v] = v_encoded
        body = (b"\x83" + encoded + (_postings(plain) if plain else b"\x80") + _array_head(len(variants))
                + b"".join(b"\x82" + named[v] + _postings(variants[v]) for v in sorted(variants)))
        words.append(([word], body))
    groups = split_words(words, chunk_bytes)
    payloads = [_array_head(1) + _array_head(len(group)) + b"".join(encoded for _, encoded in group)
                for group in groups]
    packed.prepare(payloads)
    chunks = [[first, last, packed.write(bundle / "index", f"{lang}_", ".pf_index", payload, 7)]
              for (first, last), payload in zip(boundaries(groups), payloads)]

    filters = []
    for name in sorted({n for s in full for n in s.filters}):
        values: dict[str, list[int]] = {}
        for o, s in zip(offsets, full):
            for value, pages in s.filters.get(name, {}).items():
                values.setdefault(value, []).extend(o + p for p in pages)
        ordered = [name, [[value, sorted(pages)] for value, pages in sorted(values.items())]]
        filters.append([name, _write(bundle / "filter", f"{lang}_", ".pf_filter", ordered, 7)])

    sorts = []
    for name in sorted({n for s in full for n in s.sorts}):
        keyed = [(s.sorts[name][url], o + i) for o, s in zip(offsets, full) if name in s.sorts
                 for i, url in enumerate(s.urls) if url in s.sorts[name]]
        sorts.append([name, [page for _, page in sorted(keyed)]])

    pages = [page for s in full for page in s.pages]
    meta = [PAGEFIND_FORMAT, pages, chunks, filters, sorts, sorted({f for s in full for f in s.meta_fields})]
    name = _write(bundle, f"pagefind.{lang}_", ".pf_meta", meta, 10)[len("pagefind."):]
    info = dict(entry["languages"][lang], hash=name, page_count=len(pages))
    entry["languages"] = {lang: info}
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                                encoding="utf-8")


def index_search(site: Path, chunk_bytes: int = DEFAULT.search_chunk_bytes, cache: Path | None = None,
                 per_shard: int = DEFAULT.search_shard_pages, jobs: int | None = None) -> str:
    """site/pagefind/: a chunked, tone-folding search index, byte-identical for the same pages,
    built from shares of the pages and merged; with a cache folder, only the shares whose pages
    changed are indexed again. Returns what was done, in words."""
    from ..fingerprint import code_fingerprint

    rels = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("pagefind/"))
    hashes = PageHashes(cache / "pages.pickle" if cache else None)
    sorts: dict[str, dict] = {}
    read = {rel: hashes.get(site, rel) for rel in rels}
    hashes.save()
    # Pagefind indexes only the pages that mark a body when any does: so do the shares.
    marked = any(body for _, _, body in read.values())
    rels = [rel for rel in rels if read[rel][2] or not marked]
    count = shard_count(len(rels), per_shard)
    members = [[] for _ in range(count)]
    keys = [hashlib.sha256(f"{CACHE_VERSION}:{PAGEFIND_FORMAT}:{code_fingerprint()}:{count}".encode()) for _ in
            range(count)]
    for rel in rels:
        s = shard_of(rel, count)
        digest, values, _ = read[rel]
        members[s].append(rel)
        keys[s].update(f"{rel}\0{digest}\n".encode("utf-8"))
        if values:
            sorts[_url(rel)] = values
    work = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site.parent))
    try:
        shards: list[Shard | None] = [None] * count
        stale = []
        for s in range(count):
            key = keys[s].hexdigest()
            known = cache / f"shard-{count}-{s}.pickle" if cache else None
            if known and known.is_file():
                try:
                    shard = pickle.loads(known.read_bytes())
                    if isinstance(shard, Shard) and shard.key == key and (cache / f"shard-{count}-{s}").is_dir():
                        shards[s] = shard
                        continue
                except Exception:  # noqa: BLE001 - a damaged cache entry is indexed again
                    pass
            if members[s]:
                stale.append((s, key))
            else:
                shards[s] = Shard(key)          # no page fell in this share

        def run(item):
            s, key = item
            out = _index_shard(site, members[s], work / str(s))
            return s, key, out

        with ThreadPoolExecutor(max_workers=max(1, min(jobs or os.cpu_count() or 1, len(stale) or 1))) as pool:
            for s, key, out in pool.map(run, stale):
                shard = _decode(out, key, sorts)
                shards[s] = shard
                if cache:
                    kept = cache / f"shard-{count}-{s}"
                    shutil.rmtree(kept, ignore_errors=True)
                    kept.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(out), kept)
                    (cache / f"shard-{count}-{s}.pickle").write_bytes(pickle.dumps(shard, protocol=pickle.HIGHEST_PROTOCOL))
        folders = [(cache / f"shard-{count}-{s}") if cache else (work / str(s) / "bundle") for s in range(count)]
        bundle = site / "pagefind"
        shutil.rmtree(bundle, ignore_errors=True)
        # The merged list of metadata fields; a share that lacks one of them is read again,
        # its postings' field numbers renumbered in that list (large shares have them all).
        fields = sorted({f for shard in shards for f in shard.meta_fields})
        for s, shard in enumerate(shards):
            if shard.pages and shard.meta_fields != fields:
                shards[s] = _decode(folders[s], shard.key, sorts, fields)
                if cache:               # kept renumbered: the next build finds the same fields
                    (cache / f"shard-{count}-{s}.pickle").write_bytes(
                        pickle.dumps(shards[s], protocol=pickle.HIGHEST_PROTOCOL))
        static = next((f for f, shard in zip(folders, shards) if shard.pages), None)
        if static is None:
            raise BuildError("no page of the site can be indexed for search (none has a body)")
        packed = Packed(cache / "chunks.pickle" if cache else None)
        merge(shards, bundle, chunk_bytes, static, packed)
        packed.save()
        _link_fragments(shards, folders, bundle / "fragment")
        if cache:
            for old in cache.glob("shard-*"):
                if not old.name.startswith(f"shard-{count}-"):
                    shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return f"{len(stale)} of {count} search shards indexed again"


def _link_fragments(shards: list[Shard], folders: list[Path], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for shard, folder in zip(shards, folders):
        for fragment_hash, _ in shard.pages:
            name = f"{fragment_hash}.pf_fragment"
            if (target / name).exists():
                continue
            try:
                os.link(folder / "fragment" / name, target / name)
            except OSError:
                shutil.copy2(folder / "fragment" / name, target / name)
