"""Stage 4, index: all articles + the catalogue and gazetteer -> one `SiteIndex`.

Pages are pure functions of this index (read everything, then write everything).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional


from ..fingerprint import listing_hash
from ..names import document_slug
from ..records import Article
from ..vocabulary import catalogue, provinces, regions, vocabulary
from ..text import slugify


@dataclass
class TimelineEntry:
    date: str
    kind: str
    document: Optional[str]
    inferred: bool
    summary: str
    articles: list[str] = field(default_factory=list)     # slugs of reporting articles
    provinces: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    from_catalogue: bool = False
    actor: Optional[str] = None          # who acted (the first reporter's reading)
    province: Optional[str] = None       # the local actor's province (None: a central or regional body)


@dataclass
class DocumentInfo:
    id: str
    number: str
    type: str
    year: int
    date: Optional[str] = None
    term: Optional[str] = None
    issuer: Optional[str] = None
    title: Optional[str] = None
    regions: list[str] = field(default_factory=list)
    horizon: list[int] = field(default_factory=list)
    replaces: Optional[str] = None
    replaced_by: list[str] = field(default_factory=list)
    concerns: Optional[str] = None
    concerned_by: list[str] = field(default_factory=list)
    catalogued: bool = False
    articles: list[str] = field(default_factory=list)
    source: Optional[str] = None          # the public page a catalogue entry was checked against
    # How an uncatalogued document's year was read from the articles: stated (a date beside it),
    # term (its khóa), article (another mention), context (the article's own year).
    year_sources: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return document_slug(self.id)

    @property
    def regional(self) -> bool:
        """A numbered resolution on a region: one generation of them per term, and a tracker each."""
        return bool(self.regions) and self.type == "NQ"

    @property
    def short(self) -> str:
        return self.id.rsplit("-", 1)[0]


@dataclass
class ProvinceInfo:
    name: str
    kind: str
    region: Optional[str]
    becomes: Optional[str] = None          # the 2025 unit it is part of
    formed_from: list[str] = field(default_factory=list)
    current: bool = False                  # one of today's 34
    historical: bool = False               # one of the 63 of 2024
    articles: list[str] = field(default_factory=list)
    places: set = field(default_factory=set)

    @property
    def slug(self) -> str:
        return _slug(self.name)


@dataclass
class SiteIndex:
    articles: dict[str, Article]                      # by slug, sorted newest first
    documents: dict[str, DocumentInfo]
    provinces: dict[str, ProvinceInfo]
    region_articles: dict[str, list[str]]
    timeline: list[TimelineEntry]
    # slug -> the hash of what listing pages show of the article (fingerprint.listing_hash)
    listing_hashes: dict[str, str] = field(default_factory=dict)
    # Values computed once per build: list items rendered for a top-level page and their copies
    # for deeper pages (listing._memo), and the timeline entries of each subject (events_for).
    rendered: dict = field(default_factory=dict, repr=False, compare=False)

    def events_for(self, *, document=None, region=None, province=None) -> list[TimelineEntry]:
        """Timeline entries of one document, region or province (or both), in timeline order."""
        key = ("by", document, region, province)
        if key not in self.rendered:
            by_document, by_region, by_province = self._events_by()
            chosen = None
            for table, value in ((by_document, document), (by_region, region), (by_province, province)):
                if value:
                    found = table.get(value, [])
                    ids = {id(e) for e in found}
                    chosen = found if chosen is None else [e for e in chosen if id(e) in ids]
            self.rendered[key] = list(self.timeline) if chosen is None else chosen
        return self.rendered[key]

    def _events_by(self) -> tuple[dict, dict, dict]:
        if "events_by" not in self.rendered:
            by_document: dict[str, list] = {}
            by_region: dict[str, list] = {}
            by_province: dict[str, list] = {}
            for e in self.timeline:
                if e.document:
                    by_document.setdefault(e.document, []).append(e)
                for r in dict.fromkeys(e.regions):
                    by_region.setdefault(r, []).append(e)
                for p in dict.fromkeys(e.provinces):
                    by_province.setdefault(p, []).append(e)
            self.rendered["events_by"] = (by_document, by_region, by_province)
        return self.rendered["events_by"]


@lru_cache(maxsize=None)
@lru_cache(maxsize=None)
def _slug(name: str) -> str:
    return slugify(name)


def _parse_id(doc_id: str) -> tuple[str, str, int]:
    number, rest = doc_id.split("-", 1)
    code, year = rest.rsplit("-", 1)
    return number, code.split("/")[0], int(year)


def article_sort_key(a: Article):
    return (a.when or "0000", a.title, a.slug)


def build_index(articles: list[Article], listing_hashes: dict[str, str] | None = None) -> SiteIndex:
    """The site's index. `listing_hashes` (slug -> fingerprint.listing_hash) come from the
    conversion when known; otherwise they are computed here."""
    ordered = sorted(articles, key=article_sort_key, reverse=True)
    by_slug = {a.slug: a for a in ordered}
    documents = _documents(ordered)
    province_index = _provinces(ordered)
    region_articles = {rid: [a.slug for a in ordered if rid in a.regions] for rid in regions()}
    timeline = _timeline(ordered, documents)
    known = listing_hashes or {}
    hashes = {a.slug: known.get(a.slug) or listing_hash(a) for a in ordered}
    return SiteIndex(by_slug, documents, province_index, region_articles, timeline, hashes)


def _documents(articles: list[Article]) -> dict[str, DocumentInfo]:
    docs: dict[str, DocumentInfo] = {}
    for doc_id, d in catalogue().items():
        number, code, year = _parse_id(doc_id)
        docs[doc_id] = DocumentInfo(doc_id, number, code, year, d.get("date"), d.get("term"), d.get("issuer"),
                                    d.get("title"), list(d.get("regions", [])), list(d.get("horizon", [])),
                                    d.get("replaces"), [], d.get("concerns"), [], True, source=d.get("source"))
    for a in articles:
        for ref in a.document_refs:
            if ref.id not in docs:
                docs[ref.id] = DocumentInfo(ref.id, ref.number, ref.type, ref.year, ref.date,
                                            _term_of(ref.year))
            info = docs[ref.id]
            if not info.catalogued and ref.year_source not in info.year_sources:
                info.year_sources.append(ref.year_source)
            if info.date is None and ref.date:
                info.date = ref.date
            # An article cites a document once or more: its slug ends the list already when
            # it is there (each article's refs are handled together; a scan would be quadratic).
            if not info.articles or info.articles[-1] != a.slug:
                info.articles.append(a.slug)
    docs = _shown(docs)
    for info in docs.values():
        if info.replaces in docs:
            docs[info.replaces].replaced_by.append(info.id)
        if info.concerns in docs:
            docs[info.concerns].concerned_by.append(info.id)
    return dict(sorted(docs.items(), key=lambda kv: (kv[1].date or f"{kv[1].year}", kv[0])))


@dataclass
class Generation:
    """The regional resolutions of one Party term (khóa), as the catalogue and articles date them."""
    term: str
    documents: list[DocumentInfo]

    @property
    def years(self) -> str:
        years = sorted({d.year for d in self.documents})
        return f"{years[0]}" if years[0] == years[-1] else f"{years[0]}–{years[-1]}"

    @property
    def label(self) -> str:
        return f"Nghị quyết phát triển vùng khóa {self.term} ({self.years})"


def generations(documents: dict[str, DocumentInfo]) -> list[Generation]:
    """The regional resolutions (NQ with regions) grouped by their term, oldest term first."""
    by_term: dict[str, list[DocumentInfo]] = {}
    for d in documents.values():
        if d.regional:
            by_term.setdefault(d.term or _term_of(d.year) or "?", []).append(d)
    order = vocabulary()["terms"]
    return [Generation(t, sorted(ds, key=lambda d: (d.date or str(d.year), d.id)))
            for t, ds in sorted(by_term.items(), key=lambda kv: order.get(kv[0], [9999])[0])]


def _shown(docs: dict[str, DocumentInfo]) -> dict[str, DocumentInfo]:
    """The documents that get a page: every one an article cites, every regional one, and the
    documents in a chain (replaces, concerns) with one of those. The rest of the catalogue
    only serves to read citations."""
    keep = {i for i, d in docs.items() if d.articles or d.regions}
    while True:
        more = {i for i, d in docs.items() if i not in keep and (
            d.replaces in keep or d.concerns in keep
            or any(o.replaces == i or o.concerns == i for o in docs.values() if o.id in keep))}
        if not more:
            return {i: d for i, d in docs.items() if i in keep}
        keep |= more


def _term_of(year: int) -> Optional[str]:
    for term, (lo, hi) in vocabulary()["terms"].items():
        if lo <= year < hi:
            return term
    return None


def _provinces(articles: list[Article]) -> dict[str, ProvinceInfo]:
    data = provinces()
    out: dict[str, ProvinceInfo] = {}
    for p in data["before_2025"]:
        out[p["name"]] = ProvinceInfo(p["name"], p["kind"], p["region"], becomes=p["becomes"], historical=True)
    for p in data["after_2025"]:
        info = out.setdefault(p["name"], ProvinceInfo(p["name"], p["kind"], None))
        info.current = True
        info.formed_from = sorted(q["name"] for q in data["before_2025"] if q["becomes"] == p["name"])
    for a in articles:
        for name in a.provinces:
            info = out.setdefault(name, ProvinceInfo(name, "tỉnh", None))
            info.articles.append(a.slug)
        for place in a.places:
            if place.province in out:
                out[place.province].places.add((place.kind, place.name))
    # A new unit's region: the region of the units it was formed from, when they agree.
    for info in out.values():
        if info.region is None and info.formed_from:
            rs = {out[n].region for n in info.formed_from if n in out}
            info.region = rs.pop() if len(rs) == 1 else None
    return out


def _timeline(articles: list[Article], documents: dict[str, DocumentInfo]) -> list[TimelineEntry]:
    merged: dict[tuple, TimelineEntry] = {}
    for doc in documents.values():
        if doc.date and doc.catalogued:
            key = (doc.date, "issued", doc.id, None)
            merged[key] = TimelineEntry(doc.date, "issued", doc.id, False, doc.title or doc.id,
                                        regions=list(doc.regions), from_catalogue=True)
    for a in reversed(articles):   # oldest first, so the first reporter's summary is kept
        for e in a.events:
            # The same happening reported by several articles is one entry; the same kind of step
            # taken by two provinces on one day is two.
            key = (e.date, e.kind, e.document, e.province)
            entry = merged.get(key)
            if entry is None:
                entry = merged[key] = TimelineEntry(e.date, e.kind, e.document, e.inferred, e.summary,
                                                    actor=e.actor, province=e.province)
            entry.inferred = entry.inferred and e.inferred
            if a.slug not in entry.articles:
                entry.articles.append(a.slug)
            for p in a.provinces:
                if p not in entry.provinces:
                    entry.provinces.append(p)
            for r in a.regions:
                if r not in entry.regions:
                    entry.regions.append(r)
    return sorted(merged.values(), key=lambda e: (e.date, e.kind, e.document or "", e.province or ""))
