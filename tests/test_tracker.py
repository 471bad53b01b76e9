"""The implementation tracker (catalog/tracker.py, pages/tracker.py), built from the corpus, the
dev set and the written batches: every 2022 regional resolution has a row per province of its
region; every provincial step the articles report is in its province's row, at its date (or after
an earlier report of the same stage), linked to its article; and the steps the gold of the
written batches records land in the right cell."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from conftest import FIXTURES, ROOT
from nghiquyet.catalog.tracker import Row, provincial_stages, region_units, rows_of, stage_of
from nghiquyet.pages.frontmatter import parse
from nghiquyet.pipeline import convert
from nghiquyet.records import Event
from nghiquyet.vocabulary import catalogue

REGIONAL_2022 = sorted(d for d, e in catalogue().items() if e.get("regions") and "-NQ/TW-" in d and e["term"] == "XIII")
GOLD_KINDS = {"review_midterm": "midterm_review", "review_final": "final_review", "other": "council"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("tracker-corpus")
    for folder in [ROOT / "corpus", FIXTURES / "devset" / "corpus"] + sorted((FIXTURES / "written").glob("*/corpus")):
        for path in folder.iterdir():
            shutil.copy(path, corpus / path.name)
    out = tmp_path_factory.mktemp("tracker-out")
    report, _ = convert(corpus, out)
    data = json.loads((out / "du-lieu.json").read_text(encoding="utf-8"))
    slug_of = {o.source_file: o.slug for o in report.outcomes}
    # A scrapers' file of one record: its gold names the file, its page the record ("NAME#1").
    slug_of.update({o.source_file[:-2]: o.slug for o in report.outcomes if o.source_file.endswith("#1")})
    return out, {d["id"]: d for d in data["documents"]}, slug_of


def _url(slug: str) -> str:
    return f"bai-viet/{slug}/"


def test_every_2022_resolution_has_a_row_per_province(site):
    out, documents, _ = site
    assert len(REGIONAL_2022) == 6
    for doc_id in REGIONAL_2022:
        doc = documents[doc_id]
        expected = [name for region in doc["regions"] for name, _ in region_units(region, doc["date"])]
        assert [r["province"] for r in doc["tracker"]["provinces"]] == expected
        page = (out / doc["url"].rstrip("/")).with_suffix(".md").read_text(encoding="utf-8")
        assert "## Tiến độ triển khai" in page and all(f"[{name}]" in page for name in expected)


def test_every_reported_provincial_step_is_in_its_row(site):
    out, documents, _ = site
    placed = 0
    for page in sorted((out / "bai-viet").glob("*.md")):
        meta = parse(page.read_text(encoding="utf-8"))
        if "events" not in meta:
            continue
        for e in meta["events"]:
            event = Event(e["date"], e["kind"], e.get("document"), e["summary"], province=e.get("province"))
            stage = stage_of(event)
            if not (event.province and stage and event.document in REGIONAL_2022):
                continue
            rows = rows_of([Row(r["province"], r["today"], r["stages"])
                            for r in documents[event.document]["tracker"]["provinces"]], event.province, event.date)
            assert rows, (page.name, event.province)
            for row in rows:
                step = row.steps[stage.id]
                assert step["date"] <= event.date and _url(page.stem) in step["articles"], (page.name, e)
            placed += 1
    assert placed >= 10


def test_gold_provincial_steps_land_in_the_right_cell(site):
    """Against the written batches' gold (who acted, where): the share of provincial steps of the
    2022 resolutions found in their province's row, at their date, with their article."""
    _, documents, slug_of = site
    found, total = 0, 0
    for gold in sorted((FIXTURES / "written").glob("*/gold.yaml")):
        for entry in yaml.safe_load(gold.read_text(encoding="utf-8")):
            for e in entry["events"]:
                kind = GOLD_KINDS.get(e["kind"], e["kind"])
                stage = stage_of(Event(e["date"], kind, e["resolution"], "", province=e.get("province")))
                if not (e.get("province") and stage and e["resolution"] in REGIONAL_2022):
                    continue
                total += 1
                rows = rows_of([Row(r["province"], r["today"], r["stages"])
                                for r in documents[e["resolution"]]["tracker"]["provinces"]], e["province"], e["date"])
                step = rows[0].steps.get(stage.id) if rows else None
                found += bool(step and step["date"] <= e["date"] and _url(slug_of[entry["file"]]) in step["articles"])
    assert total >= 8
    print(f"gold provincial steps in the right cell: {found} of {total}")
    assert found / total >= 0.75, f"{found} of {total}"


def test_stages_are_data_in_order():
    names = [s.id for s in provincial_stages()]
    assert names == ["provincial_dissemination", "provincial_programme", "midterm_review", "final_review"]


def test_the_steps_over_time_are_drawn_with_a_text_alternative(site):
    """Each regional resolution with reported steps has a swimlane chart: one mark per distinct
    step date in each lane, a title and a description for screen readers, and the tables after it."""
    out, documents, _ = site
    drawn = 0
    for doc_id in REGIONAL_2022:
        doc = documents[doc_id]
        page = (out / doc["url"].rstrip("/")).with_suffix(".md").read_text(encoding="utf-8")
        steps = list(doc["tracker"]["central"].values()) + [s for r in doc["tracker"]["provinces"]
                                                             for s in r["stages"].values()]
        if not steps:
            continue
        figure = page[page.index('<figure class="nq-figure">'):page.index("</figure>")]
        assert 'role="img"' in figure and "<title id=" in figure and "<desc id=" in figure
        assert figure.count("<circle") >= len({s["date"] for s in doc["tracker"]["central"].values()})
        assert page.index("</figure>") < page.index("### Các bước ở Trung ương")
        drawn += 1
    assert drawn >= 4
