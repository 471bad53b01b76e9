"""Articles in the styles of other sources (national daily, provincial portal, Party journal,
saved HTML page, hard-wrapped CRLF text, after the 2025 reorganisation), each with its
expected result beside it in fixtures/articles/NAME.expected.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES
from nghiquyet.clean import clean
from nghiquyet.extract import extract
from nghiquyet.read import read

ARTICLES = FIXTURES / "articles"
CASES = sorted(p for p in ARTICLES.iterdir() if not p.name.endswith(".expected.yaml"))


def _expected(path: Path) -> dict:
    return yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=CASES, ids=lambda p: p.stem)
def case(request):
    path = request.param
    return _expected(path), extract(clean(read(path, path.name)))


def test_title_and_date(case):
    exp, a = case
    assert (a.title, a.date) == (exp["title"], exp["date"])


def test_documents(case):
    exp, a = case
    assert sorted(a.documents) == sorted(exp["documents"])


def test_places(case):
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
    assert list(a.captions) == exp["captions"]


def test_body_kept_and_chrome_dropped(case):
    exp, a = case
    assert a.paragraphs[0].startswith(exp["body_first"])
    assert a.paragraphs[-1].startswith(exp["body_last"])
    texts = [b.text for b in a.blocks]
    for chrome in exp["must_drop"]:
        assert chrome not in texts and all(not t.startswith(chrome) for t in texts), chrome
