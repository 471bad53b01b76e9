"""A share of the search index brought up to date when a few of its pages changed, without
indexing the whole share again: Pagefind indexes only the changed pages, and their postings
replace the old ones in the share as it was read (shards.py keeps each share's postings as
Pagefind wrote them, `Shard.raw`).

Why: after one article is edited, Pagefind over its share of ~200 pages and the reading of that
bundle were 0.6-0.8 s of a 4-5 s rebuild at 5,000 articles; over the one page, a few hundredths.

It rests on what Pagefind writes for a page depending on that page alone (its words, their
places, its filters, fragment and word count: checked by the test that an incremental build
equals a full one), and on the share's pages keeping their numbers: only when the same pages
are in the share (shards.py numbers them by address), with the same metadata fields, sort names
and filters' names as before. Anything else (a page added or
removed, a field that appears) indexes the share again.
"""

from __future__ import annotations

import json
import pickle
import shutil
from itertools import accumulate
from pathlib import Path

from .decode import _decode, fragment_text, numbered
from .merge import Shard
from .pagefind import index_pages

# At most this share of a share's pages changed for a splice; beyond it, indexing it all is as quick.
MAX_CHANGED = 0.25


def _meta_keys(folder: Path, fragment_hash: str) -> set[str]:
    """The metadata fields a page has (its fragment's)."""
    return set(json.loads(fragment_text(folder, fragment_hash)).get("meta", {}))


def _absolute(items: list) -> list:
    """Postings with each page's number instead of its distance from the one before."""
    pages = accumulate(item[0] for item in items)
    return [[page, item[1], item[2]] for page, item in zip(pages, items)]


def _relative(items: list) -> list:
    items = sorted(items, key=lambda item: item[0])
    return [[page - before, locs, meta] for (page, locs, meta), before in
            zip(items, [0] + [item[0] for item in items[:-1]])]


def splice(old: Shard, folder: Path, site: Path, members: list[str], digests: dict[str, str],
           sorts: dict[str, dict], work: Path, url_of) -> Shard | None:
    """The share `old` (its bundle in `folder`) with the pages whose content changed indexed
    again and put in place; None when a splice cannot give what indexing the share would.
    `members`: the share's pages now (sorted), `digests` their contents' hashes, `sorts` the
    pages' sort values by URL."""
    if old.raw is None or not old.members or sorted(old.members) != members:
        return None
    names = {name for rel in members for name in sorts.get(url_of(rel), {})}
    if names != set(old.sorts):
        return None
    changed = [rel for rel in members if old.members[rel] != digests[rel]]
    if not changed or len(changed) > max(1, int(len(members) * MAX_CHANGED)):
        return None
    number = {url: i for i, url in enumerate(old.urls)}
    if any(url_of(rel) not in number for rel in changed):
        return None
    out = index_pages(site, changed, work)
    new = _decode(out, "", sorts)                      # the changed pages, read as a share is
    if new.language != old.language or len(new.pages) != len(changed) \
            or not set(new.sorts) <= set(old.sorts) or not set(new.filters) <= set(old.filters):
        return None
    place = [number.get(url) for url in new.urls]      # each new page's number in the share
    if None in place or len(set(place)) != len(place):
        return None
    # The same metadata fields, each page before and after: the share's list of fields stays.
    if any(_meta_keys(folder, old.pages[i][0]) != _meta_keys(out, new.pages[j][0]) for j, i in enumerate(place)):
        return None
    if not set(new.own_fields) <= set(old.own_fields):
        return None
    field_number = {-(k + 1): -(old.own_fields.index(f) + 1) for k, f in enumerate(new.own_fields)}

    def moved(items: list) -> list:
        """A new bundle's postings, absolute, numbered in the share (pages and fields)."""
        return [[place[page], locs, [field_number.get(x, x) for x in meta]] for page, locs, meta in _absolute(items)]

    gone = set(place)
    raw = pickle.loads(old.raw)
    touched = {}
    for word, (plain, variants) in raw.items():
        kept_plain = [item for item in _absolute(plain) if item[0] not in gone]
        kept_variants = [[v, [item for item in _absolute(items) if item[0] not in gone]] for v, items in variants]
        if len(kept_plain) != len(plain) or any(len(a[1]) != len(b[1]) for a, b in zip(kept_variants, variants)):
            touched[word] = [kept_plain, kept_variants]
    for word, (plain, variants) in pickle.loads(new.raw).items():
        if word not in touched:
            touched[word] = [_absolute(raw[word][0]), [[v, _absolute(items)] for v, items in raw[word][1]]] \
                if word in raw else [[], []]
        entry = touched[word]
        entry[0] += moved(plain)
        by_variant = {v: items for v, items in entry[1]}
        for v, items in variants:
            by_variant.setdefault(v, []).extend(moved(items))
        entry[1] = [[v, items] for v, items in by_variant.items()]
    shard = Shard(old.key, pages=[list(p) for p in old.pages], urls=list(old.urls), words=dict(old.words),
                  meta_fields=list(old.meta_fields), own_fields=list(old.own_fields), language=old.language,
                  entry=old.entry)
    shard.sorts = {name: {url: sorts[url][name] for url in shard.urls if name in sorts.get(url, {})}
                   for name in old.sorts}
    renumbered = numbered(old.own_fields, old.meta_fields)
    for word, (plain, variants) in touched.items():
        plain, variants = _relative(plain), [[v, _relative(items)] for v, items in variants if items]
        if not plain and not variants:
            raw.pop(word, None)
            shard.words.pop(word, None)
            continue
        raw[word] = [plain, variants]
        shard.words[word] = renumbered(word, plain, variants)
    shard.raw = pickle.dumps(raw, protocol=5)
    for j, i in enumerate(place):
        shard.pages[i] = list(new.pages[j])
    for name, values in old.filters.items():
        kept = {value: [p for p in pages if p not in gone] for value, pages in values.items()}
        for value, pages in new.filters.get(name, {}).items():
            kept.setdefault(value, []).extend(place[p] for p in pages)
        kept = {value: sorted(pages) for value, pages in kept.items() if pages}
        if kept:                                 # a name no page has any more is not listed
            shard.filters[name] = kept
    # The new pages' fragments join the share's bundle (the merge links them from there); the
    # changed pages' old ones leave it.
    for fragment_hash, _ in new.pages:
        shutil.copy2(out / "fragment" / f"{fragment_hash}.pf_fragment",
                     folder / "fragment" / f"{fragment_hash}.pf_fragment")
    still = {fragment_hash for fragment_hash, _ in shard.pages}
    for i in place:
        if old.pages[i][0] not in still:
            (folder / "fragment" / f"{old.pages[i][0]}.pf_fragment").unlink(missing_ok=True)
    return shard
