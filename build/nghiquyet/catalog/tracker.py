"""The implementation tracker of a regional resolution: which central steps were reported and
when, and for each province of its region which stages of its own implementation articles have
reported (dissemination, programme, reviews), each with the date of the first report and every
article that reports it. Stages are data (vocabulary.yaml `implementation_stages`).

Rows are the provinces of the region under their names at the resolution's time (the 63 units
before 1 July 2025, the 34 after), each with the unit it belongs to today. A step reported after
the 2025 reorganisation by a merged province counts for every unit it was formed from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..vocabulary import provinces, vocabulary
from .index import SiteIndex, TimelineEntry


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    short: str
    level: str                  # central | provincial
    kinds: tuple[str, ...]


@dataclass
class Step:
    """The first report of one stage (for one province, or centrally)."""
    date: str
    inferred: bool
    articles: list[str] = field(default_factory=list)    # every article reporting the stage
    entries: list[TimelineEntry] = field(default_factory=list)


@dataclass
class Row:
    province: str
    today: Optional[str]                                  # the unit it belongs to since 1/7/2025
    steps: dict[str, Step] = field(default_factory=dict)  # stage id -> step


@dataclass
class Tracker:
    document: str
    central: dict[str, Step]
    rows: list[Row]

    def reached(self, stage: str) -> int:
        """How many provinces have a reported step of this stage."""
        return sum(stage in r.steps for r in self.rows)


@lru_cache(maxsize=None)
def stages() -> tuple[Stage, ...]:
    return tuple(Stage(s["id"], s["name"], s.get("short", s["name"]), s["level"], tuple(s["kinds"]))
                 for s in vocabulary()["implementation_stages"])


def provincial_stages() -> tuple[Stage, ...]:
    return tuple(s for s in stages() if s.level == "provincial")


def central_stages() -> tuple[Stage, ...]:
    return tuple(s for s in stages() if s.level == "central")


def stage_of(entry) -> Optional[Stage]:
    """The stage a reported step belongs to (a timeline entry or an article's event: anything
    with a kind and a province)."""
    level = "provincial" if entry.province else "central"
    return next((s for s in stages() if s.level == level and entry.kind in s.kinds), None)


def region_units(region: str, on: Optional[str]) -> list[tuple[str, Optional[str]]]:
    """The provinces of a region as (name at date `on`, today's unit): the 63 units of 2024
    before the reorganisation, the units of today after it."""
    data = provinces()
    old = [(p["name"], p["becomes"]) for p in data["before_2025"] if p["region"] == region]
    if on and on >= data["reorganised_on"]:
        return [(u, u) for u in dict.fromkeys(today for _, today in old)]
    return old


def track(index: SiteIndex, doc_id: str) -> Tracker:
    """The tracker of one resolution, from the timeline entries that concern it (once a build)."""
    key = ("tracker", doc_id)
    if key not in index.rendered:
        index.rendered[key] = _track(index, doc_id)
    return index.rendered[key]


def _track(index: SiteIndex, doc_id: str) -> Tracker:
    doc = index.documents[doc_id]
    rows = [Row(name, today) for region in doc.regions for name, today in region_units(region, doc.date)]
    central: dict[str, Step] = {}
    for entry in index.events_for(document=doc_id):     # oldest first
        stage = stage_of(entry)
        if stage is None:
            continue
        if entry.province:
            for row in rows_of(rows, entry.province, entry.date):
                _add(row.steps, stage.id, entry)
        else:
            _add(central, stage.id, entry)
    return Tracker(doc_id, central, rows)


def rows_of(rows: list[Row], province: str, on: str) -> list[Row]:
    """The rows a province's step belongs to: its own row; after the 2025 reorganisation, the
    rows of every unit the merged province was formed from."""
    if on >= provinces()["reorganised_on"]:
        merged = [r for r in rows if r.today == province]
        if merged:
            return merged
    return [r for r in rows if r.province == province] or [r for r in rows if r.today == province]


def _add(steps: dict[str, Step], stage: str, entry: TimelineEntry) -> None:
    step = steps.get(stage)
    if step is None:
        step = steps[stage] = Step(entry.date, entry.inferred)
    step.entries.append(entry)
    for slug in entry.articles:
        if slug not in step.articles:
            step.articles.append(slug)


def regional_resolutions(index: SiteIndex) -> list[str]:
    """The resolutions a tracker is kept for: the numbered resolutions with a region."""
    return [d.id for d in index.documents.values() if d.regional]


def province_rows(index: SiteIndex, name: str) -> list[tuple[str, Row]]:
    """(resolution, row) for each regional resolution with a row for this province: its own row,
    or, for one of today's units, the rows of the units it was formed from."""
    return [(doc_id, row) for doc_id in regional_resolutions(index) for row in track(index, doc_id).rows
            if row.province == name or row.today == name]
