"""The implementation overview page (pages/kinds/progress.py), a page kind added as one module."""

from __future__ import annotations

from nghiquyet.catalog.index import build_index
from nghiquyet.catalog.tracker import provincial_stages, track
from nghiquyet.pages.build import build_pages
from nghiquyet.pages.kinds import registry
from nghiquyet.pipeline import convert_all

from conftest import ROOT


def test_the_overview_counts_each_resolutions_provinces_by_stage():
    converted, _ = convert_all(ROOT / "corpus", None, 1)
    index = build_index([c.article for c in converted])
    assert "progress" in [k.name for k in registry()]
    page = build_pages(index)["tien-do/index.md"]
    regional = [d for d in index.documents.values() if d.regions and d.type == "NQ"]
    assert regional
    for doc in regional:
        t = track(index, doc.id)
        row = next(line for line in page.splitlines() if f"/{doc.slug}.md)" in line)
        counts = [cell.strip() for cell in row.strip("|").split("|")][-len(provincial_stages()):]
        assert counts == [f"{t.reached(s.id)}/{len(t.rows)}" for s in provincial_stages()]
    assert "Nghị quyết phát triển vùng khóa XIII" in page and "Nghị quyết phát triển vùng khóa IX" in page
