"""The five corpus articles against what a careful editor reads out of them (fixtures/seeds.yaml)."""

from __future__ import annotations

import pytest

from conftest import ROOT, FIXTURES
from nghiquyet.clean import clean
from nghiquyet.extract import extract
from nghiquyet.read import read
import yaml

SEEDS = yaml.safe_load((FIXTURES / "seeds.yaml").read_text(encoding="utf-8"))


def _article(name):
    path = ROOT / "corpus" / name
    return extract(clean(read(path, name)))


@pytest.fixture(scope="module", params=[s["file"] for s in SEEDS], ids=lambda f: f[:3])
def case(request):
    seed = next(s for s in SEEDS if s["file"] == request.param)
    return seed, _article(request.param)


def test_title_and_date(case):
    seed, a = case
    assert a.title == seed["title"]
    assert a.date == seed["published"]


def test_documents(case):
    seed, a = case
    assert sorted(a.documents) == sorted(seed["resolutions"])


def test_regions_and_provinces(case):
    seed, a = case
    assert sorted(a.regions) == sorted(seed["regions"])
    assert sorted(a.provinces) == sorted(seed["provinces"])


def test_events(case):
    seed, a = case
    got = [(e.date, e.kind, e.document) for e in a.events]
    assert got == [(e["date"], e["kind"], e["resolution"]) for e in seed["events"]]


def test_byline_and_source(case):
    seed, a = case
    assert a.author == seed["author"]
    assert a.source == seed["source"]


def test_captions_kept_once(case):
    seed, a = case
    assert list(a.captions) == seed["captions"]


def test_body_bounds(case):
    seed, a = case
    assert a.paragraphs[0].startswith(seed["body_first"])
    assert a.paragraphs[-1].startswith(seed["body_last"])


def test_chrome_dropped(case):
    seed, a = case
    body = [b.text for b in a.blocks]
    for chrome in seed["must_drop"]:
        assert all(chrome not in text for text in body), chrome
    assert a.author is None or a.author not in body


def test_text_is_nfc_and_normalised(case):
    import unicodedata
    _, a = case
    for block in a.blocks:
        assert unicodedata.is_normalized("NFC", block.text)
        assert "\u00a0" not in block.text and "  " not in block.text and block.text == block.text.strip()
