"""The search index (build/nghiquyet/search/): built from shares and merged, its word index cut by
real size; the same words with the same postings as one Pagefind run, and the chunk bounds written
to the metadata lead the browser to the chunk that holds each word."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import cbor2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nghiquyet.search import pagefind as searchindex
from nghiquyet.errors import BuildError
from nghiquyet.settings import DEFAULT
from nghiquyet.search.pagefind import _read, boundaries, split_words


def chosen(bounds: list[list[str]], term: str) -> int | None:
    """The chunk Pagefind's browser code picks for a term: the first whose [from, to] holds it."""
    return next((i for i, (lo, hi, *_) in enumerate(bounds) if lo <= term <= hi), None)


def bundle_words(bundle: Path) -> tuple[list, list]:
    meta_path = next(bundle.glob("pagefind.*.pf_meta"))
    meta = _read(meta_path)
    words = []
    for _, _, file_hash in meta[2]:
        words.append([w[0] for w in _read(bundle / "index" / f"{file_hash}.pf_index")[0]])
    return meta, words


def entries(bundle: Path) -> list[bytes]:
    meta, _ = bundle_words(bundle)
    found = []
    for _, _, file_hash in meta[2]:
        found.extend(cbor2.dumps(w) for w in _read(bundle / "index" / f"{file_hash}.pf_index")[0])
    return sorted(found)


def pairs(words: list) -> list[tuple[list, bytes]]:
    return [(w, cbor2.dumps(w)) for w in words]


WORDS = st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxy0123456789", min_size=1, max_size=8),
                 min_size=1, max_size=60, unique=True)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.integers(min_value=1, max_value=200))
def test_every_word_is_found_in_its_own_chunk(words, limit):
    words = sorted(words)
    groups = split_words(pairs([[w, [[1, [2, 3]]], []] for w in words]), limit)
    bounds = boundaries(groups)
    assert [w[0][0] for g in groups for w in g] == words          # nothing lost, order kept
    for i, group in enumerate(groups):
        for word, _ in group:
            assert chosen(bounds, word[0]) == i, (word[0], bounds)


@given(WORDS, st.integers(min_value=10, max_value=400))
def test_chunks_close_at_the_limit_and_big_words_stand_alone(words, limit):
    items = [[w, [[1, list(range(len(w) * 7))]], []] for w in sorted(words)]
    for group in split_words(pairs(items), limit):
        sizes = [len(encoded) for _, encoded in group]
        assert len(group) == 1 or sum(sizes) <= limit


def test_prefix_neighbours_get_distinct_bounds():
    groups = split_words(pairs([[w, [], []] for w in ["nghi", "nghiem", "nghiep", "nguyen"]]), 1)
    bounds = boundaries(groups)
    assert [chosen(bounds, w) for w in ["nghi", "nghiem", "nghiep", "nguyen"]] == [0, 1, 2, 3]
    assert chosen(bounds, "a") is None and chosen(bounds, "zzz") is None


def test_a_small_chunk_limit_keeps_every_posting(built_site, tmp_path):
    """The word index cut at 300 encoded bytes: many more chunk files, the same words with the
    same postings, and each word found in its own chunk by the browser's lookup rule."""
    from nghiquyet.search import shards

    site = tmp_path / "site"
    shutil.copytree(built_site / "site", site)
    shards.index_search(site, chunk_bytes=300)
    bundle = site / "pagefind"
    assert _what_it_finds(bundle) == _what_it_finds(built_site / "site" / "pagefind")
    assert entries(bundle) == entries(built_site / "site" / "pagefind") and len(entries(bundle)) > 100
    meta, words = bundle_words(bundle)
    assert len(words) > 20                                        # the small limit gave many chunks
    assert len(list((bundle / "index").glob("*.pf_index"))) == len(words)   # no stale chunk file
    for i, chunk in enumerate(words):
        for word in chunk:
            assert chosen(meta[2], word) == i


def test_built_index_chunks_stay_small(built_site):
    """The real bundle of the test site: each chunk either stays near the limit or holds one word."""
    bundle = built_site / "site" / "pagefind"
    meta, words = bundle_words(bundle)
    for (_, _, file_hash), chunk in zip(meta[2], words):
        raw = _read(bundle / "index" / f"{file_hash}.pf_index")
        size = len(cbor2.dumps(raw))
        assert len(chunk) == 1 or size <= DEFAULT.search_chunk_bytes + 16


def test_the_installed_pagefind_writes_the_known_format(built_site):
    """pyproject pins the Pagefind release whose index format searchindex.py rewrites."""
    from importlib import metadata

    entry = json.loads((built_site / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == searchindex.PAGEFIND_FORMAT == metadata.version("pagefind")


def test_another_pagefind_format_stops_the_build_loudly(built_site, tmp_path):
    """A share's bundle written by another Pagefind release is refused with one clear line."""
    from nghiquyet.search import shards

    bundle = tmp_path / "pagefind"
    shutil.copytree(built_site / "site" / "pagefind", bundle)
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry["version"] = "9.0.0"
    entry_path.write_text(json.dumps(entry), encoding="utf-8")
    with pytest.raises(BuildError, match=r"Pagefind 9\.0\.0 .* knows the format of Pagefind"):
        shards._decode(bundle, "key", {})


def test_metadata_field_names_are_read_as_pagefind_reads_them():
    from nghiquyet.search.shards import meta_names

    html = ('<span data-pagefind-meta="kind:Tỉnh, thành phố"></span><img data-pagefind-meta="image[src], '
            'image_alt[alt]"><b data-pagefind-meta="rank">2</b><i data-pagefind-meta="date:2024-01-02"></i>')
    assert meta_names(html) == ("date", "image", "image_alt", "kind", "rank")
    assert meta_names("<p>no field</p>") == ()


def _what_it_finds(bundle: Path) -> dict:
    """A bundle as a reader's search sees it, with pages named by URL (their numbers differ from
    one bundle to another): every word's postings and variants, every filter value's pages, each
    page's word count, and the pages in sort order."""
    import gzip

    meta = _read(next(bundle.glob("pagefind.*.pf_meta")))
    urls = []
    for fragment_hash, _ in meta[1]:
        raw = gzip.decompress((bundle / "fragment" / f"{fragment_hash}.pf_fragment").read_bytes())
        urls.append(json.loads(raw[len(searchindex.SIGNATURE):])["url"])

    def by_url(postings):
        page, out = 0, []
        for delta, *rest in postings:
            page += delta
            out.append((urls[page], json.dumps(rest)))
        return sorted(out)

    words = {}
    for _, _, file_hash in meta[2]:
        for word, plain, variants in _read(bundle / "index" / f"{file_hash}.pf_index")[0]:
            words[word] = (by_url(plain), {v: by_url(items) for v, items in variants})
    filters = {}
    for name, file_hash in meta[3]:
        _, values = _read(bundle / "filter" / f"{file_hash}.pf_filter")
        filters[name] = {value: sorted(urls[p] for p in pages) for value, pages in values}
    counts = {url: count for url, (_, count) in zip(urls, meta[1])}
    sorts = {name: [urls[p] for p in order] for name, order in meta[4]}
    return {"words": words, "filters": filters, "counts": counts, "sorts": sorts, "fields": meta[5]}


def test_an_index_merged_from_shares_finds_what_one_pagefind_run_finds(built_site, tmp_path):
    """The site indexed in shares of 7 pages and merged (shards.py) against Pagefind over the
    whole site at once: the same words, each with the same pages and locations, the same
    filters, word counts and sort order."""
    import subprocess
    import sys

    from nghiquyet.search import shards

    site = tmp_path / "site"
    shutil.copytree(built_site / "site", site)
    shutil.rmtree(site / "pagefind")
    said = shards.index_search(site, cache=tmp_path / "cache", per_shard=7)
    count = int(said.split(" of ")[1].split()[0])
    assert count >= 8 and said.startswith(f"{count} of {count}")
    # Each share's pages are numbered by address, not in the order the file system listed them.
    from nghiquyet.output.cache import load_pickle
    kept = [load_pickle(p) for p in (tmp_path / "cache").glob("shard-*.pickle")]
    assert sum(len(k.urls) for k in kept) > 20 and all(k.urls == sorted(k.urls) for k in kept)
    whole = tmp_path / "whole"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(built_site / "site"), "--output-path",
                    str(whole), "--silent"], check=True)
    merged, alone = _what_it_finds(site / "pagefind"), _what_it_finds(whole)
    assert merged["words"] == alone["words"] and len(merged["words"]) > 500
    assert merged["filters"] == alone["filters"] and merged["counts"] == alone["counts"]
    assert merged["fields"] == alone["fields"]
    # The fields were guessed right from the pages before the shares were read (none is read twice).
    assert shards._shares(site, None, 7)[5] == alone["fields"] and len(alone["fields"]) >= 3
    for name, order in alone["sorts"].items():                 # pages of one date may come in any order
        dates = {url: i for i, url in enumerate(order)}
        assert sorted(merged["sorts"][name], key=dates.get) == order
        assert set(merged["sorts"][name]) == set(order)
    # Built again with nothing changed, no share is indexed again and the bundle is the same.
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}
    assert shards.index_search(site, cache=tmp_path / "cache", per_shard=7).startswith(f"0 of {count}")
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}
    assert before == after


def test_the_preview_index_keeps_the_shares_no_page_of_which_changed(built_site, tmp_path):
    """Under `mkdocs serve`: each share's own bundle, listed for the browser to merge; after one
    page changes, only its share is indexed again, and the list names its new bundle."""
    import time

    from nghiquyet.search import preview, shards

    site = tmp_path / "site"
    shutil.copytree(built_site / "site", site)
    shutil.rmtree(site / "pagefind")
    said = preview.index_preview(site, tmp_path / "cache", per_shard=7)
    count = int(said.split(" of ")[1].split()[0])
    assert count >= 8 and said.startswith(f"{count} of {count}")
    first = json.loads((site / shards.PREVIEW_LIST).read_text(encoding="utf-8"))
    listed = first["merge"]
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert all((site / path / "pagefind-entry.json").is_file() for path in listed)
    bundles = sorted((tmp_path / "cache" / "preview").glob("bundle-*"))
    marks = {b.name: (b / "pagefind-entry.json").stat().st_mtime_ns for b in bundles}

    time.sleep(0.05)
    page = next(p for p in sorted(site.glob("bai-viet/*/index.html")))
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>chữmớithêmvào</p></article>", 1),
                    encoding="utf-8")
    said = preview.index_preview(site, tmp_path / "cache", per_shard=7)
    assert said.startswith(f"1 of {count}")
    changed = [b.name for b in bundles if (b / "pagefind-entry.json").stat().st_mtime_ns != marks[b.name]]
    rel = page.relative_to(site).as_posix()
    assert changed == [f"bundle-{count}-{shards.shard_of(rel, count)}"]
    assert json.loads((site / shards.PREVIEW_LIST).read_text(encoding="utf-8")) != first   # the browser sees a change
    # The published index replaces the preview's links with one merged bundle.
    shards.index_search(site, cache=tmp_path / "cache", per_shard=7)
    assert not (site / "pagefind").is_symlink() and not (site / shards.PREVIEW_LIST).exists()
    assert not (site / shards.PREVIEW_FOLDER).exists()
