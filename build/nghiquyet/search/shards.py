"""The search index built in shares: Pagefind indexes a share of the pages at a time, and only the
shares whose pages changed since the last build; the shares are merged into one Pagefind bundle.

Why: one Pagefind run over 5,000 articles takes about 10 s and 1.2 GB of memory, whatever
changed (measured: docs/performance.md). A share of ~200 pages takes about half a second, and the
merge is plain byte work. The merged bundle is a function of the pages alone (which share a page
falls in depends on its path, how many shares on how many pages), so a build that indexed one
share again gives the same bytes as one that indexed them all.

The merge (merge.py; Pagefind 1.5.2's index, whose version pagefind.py checks):
- pages: the shares' page lists end to end, share 0 first; a page's number in the bundle is its
  number in its share plus the pages of the shares before it;
- words: a word's postings are [page delta, locations, meta locations], each page counted from
  the one before, the first from page 0 of its share. Put end to end, only the first posting of
  each share's list changes (its delta is counted from the previous list's last page); the other
  postings are kept as encoded. Accented variants are merged the same way, each on its own. Meta
  locations name metadata fields by their number in the share's list of fields: a share that
  lacks one of the merged list's fields is read again with its numbers renumbered;
- filters: the value's pages renumbered; sorts: the pages in order of the sort value their HTML
  gives (`data-pagefind-sort`); fragments and Pagefind's scripts: copied (named by content).
The word index, filters, metadata and entry file are then written reproducibly: filters sorted,
the word index cut by encoded size (pagefind.split_words), files named by their content. This
module finds the pages, decides which shares to index again and keeps them in the cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import pickle
import re
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from ..errors import BuildError
from ..progress import bar
from ..settings import DEFAULT
from ..output.cache import RACY_NS, dump_pickle, load_pickle
from .bundle import Bundle
from .decode import _decode, numbered
from .merge import Packed, Shard, merge
from .splice import splice
from .pagefind import PAGEFIND_FORMAT, index_pages

CACHE_VERSION = 5
NO_BODY = "no page of the site can be indexed for search (none has a body)"
_SORT = re.compile(r'data-pagefind-sort="(?P<name>[^":]+):(?P<value>[^"]*)"')
_META = re.compile(r'data-pagefind-meta="([^"]*)"')


def shard_count(pages: int, per_shard: int) -> int:
    return max(1, min(64, math.ceil(pages / max(1, per_shard))))


def shard_of(rel: str, count: int) -> int:
    return int.from_bytes(hashlib.sha256(rel.encode("utf-8")).digest()[:4], "big") % count


def _url(rel: str) -> str:
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


class PageHashes:
    """Each HTML page's content hash, sort values and metadata field names, read again only when
    its size or time changed (in an incremental render, unchanged pages are links to the old
    files). As the conversion cache does (output/cache.py), a time too close to the last
    recording is not trusted: a page rewritten within the file system's time resolution keeps
    its time."""

    def __init__(self, path: Path | None):
        self.path = path
        self.known: dict = {}
        self.recorded_at = 0
        if path and path.is_file():
            try:
                saved = load_pickle(path)
                if saved.get("version") == CACHE_VERSION:     # an older record holds other fields
                    self.known, self.recorded_at = saved["pages"], saved["recorded_at"]
            except Exception:  # noqa: BLE001 - a damaged or older cache is only a slower build
                self.known, self.recorded_at = {}, 0
        self.seen: dict = {}

    def get(self, site: Path, rel: str) -> tuple[str, dict, bool, tuple[str, ...]]:
        """The page's hash, its sort values, whether it marks a body to index, and the names of
        the metadata fields it sets (`meta_names`)."""
        stat = os.stat(os.path.join(site, rel))
        mark = (stat.st_size, stat.st_mtime_ns)
        old = self.known.get(rel)
        if old and old[0] == mark and stat.st_mtime_ns < self.recorded_at - RACY_NS:
            self.seen[rel] = old
            return old[1:]
        data = (site / rel).read_bytes()
        text = data.decode("utf-8", "replace")
        sorts = {m["name"]: m["value"] for m in _SORT.finditer(text)}
        self.seen[rel] = (mark, hashlib.sha256(data).hexdigest(), sorts, "data-pagefind-body" in text,
                          meta_names(text))
        return self.seen[rel][1:]

    def save(self) -> None:
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            dump_pickle(self.path, {"version": CACHE_VERSION, "pages": self.seen, "recorded_at": time.time_ns()})


def meta_names(html: str) -> tuple[str, ...]:
    """The metadata fields a page names in its `data-pagefind-meta` attributes ("date:2022-11-16",
    "kind:Tỉnh, thành phố", "image[src], image_alt[alt]"), sorted: with Pagefind's own "title",
    a guess of the fields its bundle lists (see `_shares`)."""
    names = set()
    for m in _META.finditer(html):
        # "name:value" is one field whose value may hold commas; otherwise a list of names, each
        # maybe followed by the attribute that holds its value.
        parts = [m[1].split(":", 1)[0]] if ":" in m[1] else m[1].split(",")
        names.update(name for name in (part.split("[", 1)[0].strip() for part in parts) if name)
    return tuple(sorted(names))


def _indexed(site: Path, members: list[list[str]], stale: list[int], work: Path, jobs: int | None):
    """(share, its Pagefind bundle) for each stale share, indexed on every core, as each ends."""
    with ThreadPoolExecutor(max_workers=max(1, min(jobs or os.cpu_count() or 1, len(stale) or 1))) as pool, \
            bar(len(stale), "indexing", unit="share") as shown:
        for s, out in pool.map(lambda s: (s, index_pages(site, members[s], work / str(s))), stale):
            shown.update()
            yield s, out


def _index_and_decode(site: Path, pages: list[str], work: Path, key: str, sorts: dict[str, dict],
                      fields: list[str]) -> tuple[Path, Shard]:
    """One share indexed by Pagefind and its bundle read (in a worker process: reading a bundle
    is Python, and in the main process it held one core while Pagefind waited for the other)."""
    out = index_pages(site, pages, work)
    return out, _decode(out, key, sorts, fields)


def _indexed_shards(site: Path, members: list[list[str]], stale: list[int], work: Path, keys: list[str],
                    sorts: dict[str, dict], fields: list[str], jobs: int | None):
    """(share, its bundle, the bundle read) for each stale share, on every core, as each ends;
    one share (an edit) is indexed in this process, with no workers to start."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(stale) or 1))
    args = [(site, members[s], work / str(s), keys[s], {u: sorts[u] for u in map(_url, members[s]) if u in sorts},
             fields) for s in stale]
    if not args:
        return
    with bar(len(stale), "indexing", unit="share") as shown, \
            (ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else contextlib.nullcontext()) as pool:
        for s, (out, shard) in zip(stale, (pool.map if pool else map)(_index_and_decode, *zip(*args))):
            shown.update()
            yield s, out, shard


def index_search(site: Path, chunk_bytes: int = DEFAULT.search_chunk_bytes, cache: Path | None = None,
                 per_shard: int = DEFAULT.search_shard_pages, jobs: int | None = None, undo=None) -> str:
    """site/pagefind/: a chunked, tone-folding search index, byte-identical for the same pages,
    built from shares of the pages and merged; with a cache folder, only the shares whose pages
    changed are indexed again. With the render's undo.Undo, the last build's bundle is updated
    in place (search/bundle.py). Returns what was done, in words."""
    count, members, keys, sorts, digests, guess = _shares(site, cache, per_shard)
    work = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site.parent))
    try:
        shards: list[Shard | None] = [None] * count
        stale, before = [], {}
        for s in range(count):
            key = keys[s].hexdigest()
            known = cache / f"shard-{count}-{s}.pickle" if cache else None
            if known and known.is_file():
                try:
                    shard = load_pickle(known)
                    if isinstance(shard, Shard) and (cache / f"shard-{count}-{s}").is_dir():
                        if shard.key == key:
                            shards[s] = shard
                            continue
                        before[s] = shard       # the share as it was: a few changed pages are spliced in
                except Exception:  # noqa: BLE001 - a damaged cache entry is indexed again
                    pass
            if members[s]:
                stale.append(s)
            else:
                shards[s] = Shard(key)          # no page fell in this share

        spliced = []
        for s in [s for s in stale if s in before]:
            try:
                shard = splice(before[s], cache / f"shard-{count}-{s}", site, members[s], digests,
                               {u: sorts[u] for u in map(_url, members[s]) if u in sorts}, work / f"splice-{s}",
                               _url)
            except Exception:  # noqa: BLE001 - a cache entry that cannot be spliced is indexed again
                shard = None
            if shard is not None:
                shard.key, shard.members = keys[s].hexdigest(), {rel: digests[rel] for rel in members[s]}
                shards[s] = shard
                dump_pickle(cache / f"shard-{count}-{s}.pickle", shard)
                stale.remove(s)
                spliced.append(s)

        # The merged list of metadata fields, as far as it is known before the stale shares are
        # read: the kept shares' fields, else the fields the pages name. A share read with the
        # list the merge ends up with is not read again below (at 5,000 articles, half the shares
        # of a build from scratch were: 2.3 s of one core).
        known_fields = sorted({f for shard in shards if shard is not None for f in shard.own_fields}) or guess
        for s, out, shard in _indexed_shards(site, members, stale, work, [k.hexdigest() for k in keys], sorts,
                                             known_fields, jobs):
            shard.members = {rel: digests[rel] for rel in members[s]}
            shards[s] = shard
            if cache:
                kept = cache / f"shard-{count}-{s}"
                shutil.rmtree(kept, ignore_errors=True)
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(out), kept)
                dump_pickle(cache / f"shard-{count}-{s}.pickle", shard)
        folders = [(cache / f"shard-{count}-{s}") if cache else (work / str(s) / "bundle") for s in range(count)]
        if undo is None:
            _clear(site / "pagefind")
        bundle = Bundle(site / "pagefind", undo)
        _clear(site / PREVIEW_FOLDER)
        _clear(site / PREVIEW_LIST)
        # The merged list of metadata fields; a share that lacks one of them has its postings'
        # field numbers renumbered in that list (large shares have them all).
        fields = sorted({f for shard in shards for f in shard.own_fields})
        for s, shard in enumerate(shards):
            if shard.pages and shard.meta_fields != fields:
                entry_of = numbered(shard.own_fields, fields)
                shard.words = {word: entry_of(word, plain, variants)
                               for word, (plain, variants) in pickle.loads(shard.raw).items()}
                shard.meta_fields = list(fields)
                if cache:               # kept renumbered: the next build finds the same fields
                    dump_pickle(cache / f"shard-{count}-{s}.pickle", shards[s])
        static = next((f for f, shard in zip(folders, shards) if shard.pages), None)
        if static is None:
            raise BuildError(NO_BODY)
        packed = Packed(cache / "chunks.pickle" if cache else None)
        if undo is None:
            with ThreadPoolExecutor(max_workers=1) as linker:   # 5,000 links made while the merge works
                linked = linker.submit(_link_fragments, shards, folders, bundle)
                merge(shards, bundle, chunk_bytes, static, packed)
                linked.result()
        else:                                                   # in place: a few links
            _link_fragments(shards, folders, bundle)
            merge(shards, bundle, chunk_bytes, static, packed)
            bundle.finish()
        packed.save()
        if cache:
            for old in cache.glob("shard-*"):
                if not old.name.startswith(f"shard-{count}-"):
                    shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return f"{len(stale)} of {count} search shards indexed again" + \
        (f", {len(spliced)} updated page by page" if spliced else "")


def _shares(site: Path, cache: Path | None, per_shard: int) -> tuple[int, list[list[str]], list, dict, dict, list]:
    """The site's pages in shares: how many shares, each one's pages, each one's key (a hash
    object: the code, the format and every page's content), the pages' sort values, each
    page's content hash, and a guess of the metadata fields the merged bundle lists (the fields
    the pages name, and the title Pagefind takes from every page's heading; a wrong guess only
    costs the time of renumbering the shares)."""
    from ..fingerprint import code_fingerprint

    rels = _html_files(site)
    hashes = PageHashes(cache / "pages.pickle" if cache else None)
    sorts: dict[str, dict] = {}
    read = {rel: hashes.get(site, rel) for rel in rels}
    hashes.save()
    # Pagefind indexes only the pages that mark a body when any does: so do the shares.
    marked = any(body for _, _, body, _ in read.values())
    rels = [rel for rel in rels if read[rel][2] or not marked]
    count = shard_count(len(rels), per_shard)
    members: list[list[str]] = [[] for _ in range(count)]
    keys = [hashlib.sha256(f"{CACHE_VERSION}:{PAGEFIND_FORMAT}:{code_fingerprint()}:{count}".encode()) for _ in
            range(count)]
    for rel in rels:
        s = shard_of(rel, count)
        digest, values, _, _ = read[rel]
        members[s].append(rel)
        keys[s].update(f"{rel}\0{digest}\n".encode("utf-8"))
        if values:
            sorts[_url(rel)] = values
    guess = sorted({"title"}.union(*(read[rel][3] for rel in rels)))
    return count, members, keys, sorts, {rel: read[rel][0] for rel in rels}, guess


# Under `mkdocs serve`, the shares' own bundles are served unmerged (search/preview.py).
PREVIEW_FOLDER = "pagefind-preview"
PREVIEW_LIST = "pagefind-preview.json"


def _clear(path: Path) -> None:
    """Remove a file, a link or a folder (never what a link points to: rmtree removes the links
    inside a folder as links, and refuses a folder that is itself one)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _place(link: Path, folder: Path) -> None:
    """link -> folder: a symbolic link, or a copy where the file system has none."""
    _clear(link)
    try:
        os.symlink(folder, link, target_is_directory=True)
    except OSError:
        shutil.copytree(folder, link)


def _html_files(site: Path) -> list[str]:
    """Every HTML page of the site (not the search bundle's), relative, sorted (listed with
    fingerprint.files_under: 0.12 s → 0.05 s at 5,000 pages, in every rebuild)."""
    from ..fingerprint import files_under

    return sorted(rel for rel in files_under(site)
                  if rel.endswith(".html") and not rel.startswith(("pagefind/", f"{PREVIEW_FOLDER}/")))


def _link_fragments(shards: list[Shard], folders: list[Path], bundle: Bundle) -> None:
    for shard, folder in zip(shards, folders):
        source = os.path.join(folder, "fragment")
        for fragment_hash, _ in shard.pages:
            name = f"{fragment_hash}.pf_fragment"
            bundle.link(f"fragment/{name}", os.path.join(source, name))
