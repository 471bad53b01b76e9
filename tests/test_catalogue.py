"""The catalogue of Party-centre documents (build/nghiquyet/data/documents.yaml) is data a
maintainer edits by hand: every entry is checked here."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
import yaml

from conftest import ROOT
from nghiquyet.vocabulary import regions, vocabulary

PATH = ROOT / "build" / "nghiquyet" / "data" / "documents.yaml"
ENTRIES = yaml.safe_load(PATH.read_text(encoding="utf-8"))
ID = re.compile(r"^(?P<num>\d{1,3})-(?P<type>NQ|KL|CT|QĐ|QĐi|CTr|QC|HD)/TW-(?P<year>\d{4})$")
ISSUERS = {"Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư"}
KEYS = {"id", "date", "term", "issuer", "title", "regions", "horizon", "replaces", "concerns", "subject", "source"}


def test_ids_are_unique():
    counts = Counter(e["id"] for e in ENTRIES)
    assert not [i for i, n in counts.items() if n > 1]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_entry_fields(entry):
    assert set(entry) <= KEYS, set(entry) - KEYS
    m = ID.match(entry["id"])
    assert m, entry["id"]
    issued = date.fromisoformat(entry["date"])
    assert issued.year == int(m["year"])
    lo, hi = vocabulary()["terms"][entry["term"]]
    assert lo <= issued.year <= hi, (entry["term"], issued)
    assert entry["issuer"] in ISSUERS
    assert entry["title"] and entry["title"] == " ".join(entry["title"].split())
    assert set(entry.get("regions", [])) <= set(regions())
    for key in ("replaces", "concerns"):
        if entry.get(key):
            other = next(e for e in ENTRIES if e["id"] == entry[key])
            assert other["date"] < entry["date"] or key == "concerns", (key, other["id"])
    assert entry.get("subject") and all(s == s.lower() for s in entry["subject"])
    # A subject word naming the document's own kind and number ("kết luận 12") would match every
    # article citing any document of that number: the subject must tell them apart.
    kinds = {"NQ": "nghị quyết", "KL": "kết luận", "CT": "chỉ thị", "QĐ": "quyết định", "QĐi": "quy định"}
    own = re.compile(rf"\b{kinds.get(m['type'], m['type'].lower())}\s+(?:số\s+)?0*{int(m['num'])}\b")
    assert not [s for s in entry["subject"] if own.search(s)], entry["subject"]
    assert "source" in entry and (entry["source"] is None or re.fullmatch(r"https?://[^\s()<>\[\]]+", entry["source"]))


def test_catalogue_covers_the_terms_and_the_regions():
    by_term = Counter(e["term"] for e in ENTRIES if "-NQ/TW-" in e["id"])
    assert all(by_term[t] >= 10 for t in ("IX", "X", "XI", "XII", "XIII")), by_term
    regional = {r for e in ENTRIES if "-NQ/TW-" in e["id"] for r in e.get("regions", [])}
    assert regional == set(regions())
    # Each region's resolution of khóa XIII replaces the one of khóa IX.
    for e in ENTRIES:
        if e.get("regions") and e["term"] == "XIII" and "-NQ/TW-" in e["id"]:
            assert e.get("replaces"), e["id"]
