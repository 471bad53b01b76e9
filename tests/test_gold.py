"""Every gold-set article, field by field: the five corpus articles (fixtures/seeds.yaml) and
the articles in other sources' styles (fixtures/articles/NAME + NAME.expected.yaml), loaded and
normalised to one shape by evaluate.cases(). test_eval.py scores the same set as a whole."""

from __future__ import annotations

import unicodedata

import pytest

from evaluate import cases
from nghiquyet.ingest.clean import clean
from nghiquyet.extract.article import extract
from nghiquyet.ingest.read import read

CASES = cases()


@pytest.fixture(scope="module", params=CASES, ids=lambda c: c.path.stem)
def case(request):
    c = request.param
    return c.expected, extract(clean(read(c.path, c.name)))


def test_title_and_date(case):
    exp, a = case
    assert (a.title, a.date) == (exp["title"], exp["date"])


def test_documents(case):
    exp, a = case
    assert sorted(a.documents) == sorted(exp["documents"])


def test_regions_and_provinces(case):
    exp, a = case
    assert sorted(a.regions) == sorted(exp["regions"])
    assert sorted(a.provinces) == sorted(exp["provinces"])


def test_events(case):
    exp, a = case
    assert [(e.date, e.kind, e.document) for e in a.events] == \
        [(e["date"], e["kind"], e["document"]) for e in exp["events"]]


def test_byline_source_captions(case):
    exp, a = case
    assert a.author == exp["author"]
    assert a.source == exp["source"]
    assert list(a.captions) == exp["captions"]       # kept, and kept once


def test_body_kept_and_chrome_dropped(case):
    exp, a = case
    assert a.paragraphs[0].startswith(exp["body_first"])
    assert a.paragraphs[-1].startswith(exp["body_last"])
    texts = [b.text for b in a.blocks]
    for chrome in exp["must_drop"]:
        assert all(chrome not in t for t in texts), chrome
    assert a.author is None or a.author not in texts


def test_text_is_nfc_and_normalised(case):
    _, a = case
    for block in a.blocks:
        assert unicodedata.is_normalized("NFC", block.text)
        assert "\u00a0" not in block.text and "  " not in block.text and block.text == block.text.strip()
