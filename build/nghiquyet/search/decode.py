"""A share's Pagefind bundle read into what the merge needs (merge.Shard): its pages numbered by
address, each word's postings ready to be joined, and its postings as read, for a later splice
(splice.py). Metadata fields are numbered in the list the merge gives (`numbered`)."""

from __future__ import annotations

import gzip
import json
import pickle
from functools import partial
from itertools import accumulate
from operator import itemgetter
from pathlib import Path

import cbor2

from ..errors import BuildError
from .merge import Shard, _posting
from .pagefind import SIGNATURE, _read, check_format


def _decode(bundle: Path, key: str, sorts: dict[str, dict], fields: list[str] | None = None) -> Shard:
    """A share's Pagefind bundle, read into what the merge needs. A posting's third part places
    the word in the page's metadata, each field named by its number in the share's list of
    fields (-1 for the first); given the fields the other shares have (`fields`), they are
    numbered in the sorted union of those and the share's own, so that a share is read once
    when the union is already known (an incremental build: the kept shares know it)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    check_format(entry)
    shard = Shard(key, entry=entry)
    languages = entry.get("languages") or {}
    if not languages:
        return shard
    if len(languages) > 1:
        raise BuildError("the search index holds pages in several languages: one is supported")
    shard.language, info = next(iter(languages.items()))
    meta = _read(bundle / f"pagefind.{info['hash']}.pf_meta")
    urls = [_fragment_url(fragment_text(bundle, fragment_hash)) for fragment_hash, _ in meta[1]]
    # Pagefind numbers the pages in the order the file system lists them: they are numbered by
    # address instead, so that the bundle is the same on every file system.
    order = sorted(range(len(urls)), key=urls.__getitem__)
    place = [0] * len(order)
    for new, old in enumerate(order):
        place[old] = new
    shard.pages, shard.urls = [meta[1][i] for i in order], [urls[i] for i in order]
    renumber = (lambda items: items) if order == list(range(len(order))) else partial(_renumbered, place)
    shard.meta_fields = list(meta[5]) if len(meta) > 5 else []
    shard.own_fields = list(shard.meta_fields)
    if fields is not None:
        shard.meta_fields = sorted(set(fields) | set(shard.meta_fields))
    entry_of = numbered(shard.own_fields, shard.meta_fields)
    raw = {}                                    # as Pagefind wrote it, for a later splice
    for _, _, chunk_hash in meta[2]:
        for word, plain, variants in _read(bundle / "index" / f"{chunk_hash}.pf_index")[0]:
            plain, variants = renumber(plain), [[v, renumber(items)] for v, items in variants]
            raw[word] = [plain, variants]
            shard.words[word] = entry_of(word, plain, variants)
    shard.raw = pickle.dumps(raw, protocol=5)
    for name, filter_hash in meta[3]:
        _, values = _read(bundle / "filter" / f"{filter_hash}.pf_filter")
        shard.filters[name] = {value: sorted(place[p] for p in pages) for value, pages in values}
    shard.sorts = {name: {url: sorts[url][name] for url in shard.urls if name in sorts.get(url, {})}
                   for name, _ in meta[4]}
    return shard


def _renumbered(place: list[int], items: list) -> list:
    """Postings (page distances) with the pages renumbered: half the words are on one page."""
    if len(items) == 1:
        return [[place[items[0][0]], items[0][1], items[0][2]]]
    pages = [place[p] for p in accumulate(item[0] for item in items)]
    out, before = [], 0
    for page, item in sorted(zip(pages, items), key=itemgetter(0)):
        out.append([page - before, item[1], item[2]])
        before = page
    return out


def numbered(own: list[str], fields: list[str]):
    """What makes a word's entry (encoded word, postings, variants) from its postings as read,
    for a share whose pages have the metadata fields `own` and that is merged with `fields`:
    a posting's metadata locations name fields by number (-1 for the first)."""
    if fields == own:
        return lambda word, plain, variants: (cbor2.dumps(word), _posting(plain) if plain else None,
                                              {v: (cbor2.dumps(v), _posting(items)) for v, items in variants})
    number = {-(i + 1): -(fields.index(f) + 1) for i, f in enumerate(own)}
    again = numbered(fields, fields)

    def renumber(items: list) -> list:
        return [[d, locs, [number.get(x, x) for x in meta_locs]] for d, locs, meta_locs in items]

    return lambda word, plain, variants: again(word, renumber(plain), [[v, renumber(items)] for v, items in variants])


def fragment_text(bundle: Path, fragment_hash: str) -> str:
    """A page's fragment in a bundle, as text (JSON)."""
    raw = gzip.decompress((bundle / "fragment" / f"{fragment_hash}.pf_fragment").read_bytes())
    return raw[len(SIGNATURE):].decode("utf-8")


def _fragment_url(text: str) -> str:
    """A page fragment's URL: Pagefind writes it first ({"url":"…", "content": …}), so only that
    string is parsed, not the page's whole text."""
    if text.startswith('{"url":"'):
        return json.decoder.scanstring(text, len('{"url":"'))[0]
    return json.loads(text)["url"]
