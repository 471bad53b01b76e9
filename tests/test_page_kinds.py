"""The registry of page kinds (build/nghiquyet/pages/kinds/): every kind declares the Article
fields its pages show, and the conversion hashes exactly those (a listing page is built again
when one of them changed). Here each kind's pages are rendered from articles that record every
field read: a kind reading a field it does not declare fails, so it could never go stale."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from synth import write_corpus  # noqa: E402

from nghiquyet.catalog.index import build_index  # noqa: E402
from nghiquyet.pages.kinds import listed_fields, registry  # noqa: E402
from nghiquyet.pages.listing import PeriodPages  # noqa: E402
from nghiquyet.pipeline import convert_all  # noqa: E402
from nghiquyet.settings import Settings  # noqa: E402

# Properties of Article and the fields they read.
DERIVED = {"when": {"date", "events"}, "captions": {"blocks"}, "paragraphs": {"blocks"}}


class Recording:
    """An article that notes the name of every field read from it."""

    def __init__(self, article, seen: set[str]):
        object.__setattr__(self, "_article", article)
        object.__setattr__(self, "_seen", seen)

    def __getattr__(self, name):
        self._seen.add(name)
        return getattr(self._article, name)


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("kinds")
    for path in sorted((ROOT / "corpus").iterdir()):
        (corpus / path.name).write_bytes(path.read_bytes())
    write_corpus(corpus, 60, seed=5)
    converted, _ = convert_all(corpus, None, 1)
    return [c.article for c in converted]


def test_kinds_have_unique_names_and_paths(articles):
    index = build_index(articles)
    names = [k.name for k in registry()]
    assert len(names) == len(set(names)) and len(names) >= 9
    paths = [p for k in registry() for p, _ in k.pages(index)]
    assert len(paths) == len(set(paths))
    assert set(listed_fields()) == set().union(*(k.reads for k in registry()))


@pytest.mark.parametrize("kind", registry(), ids=lambda k: k.name)
def test_a_kind_reads_only_the_fields_it_declares(articles, kind):
    index = build_index(articles)
    seen: set[str] = set()
    index.articles = {slug: Recording(a, seen) for slug, a in index.articles.items()}
    periods = PeriodPages(settings=Settings(inline=5, latest=2, period_max=10))   # long listings too
    pages = [kind.render(index, subject, periods) for _, subject in kind.pages(index)]
    assert pages and all(p.startswith("---\n") for p in pages)
    read = set().union(*(DERIVED.get(name, {name}) for name in seen))
    assert read <= kind.reads, f"{kind.name} reads {sorted(read - kind.reads)} without declaring them"


def test_the_index_reads_only_listed_fields(articles):
    """Listing pages also show what the index derives from articles (a document's articles, a
    province's places, the timeline): those fields must be listed too."""
    seen: set[str] = set()
    build_index([Recording(a, seen) for a in articles], {a.slug: "given" for a in articles})
    seen.discard("slug")
    read = set().union(*(DERIVED.get(name, {name}) for name in seen))
    assert read and read <= set(listed_fields()), sorted(read - set(listed_fields()))
