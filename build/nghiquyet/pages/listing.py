"""Generic listing builders shared by every page kind: links, article lists, timelines.

Every builder takes the path of the page it writes into, so links are relative and MkDocs
can check them (`mkdocs build --strict`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Optional
from itertools import groupby


from ..catalog.index import DocumentInfo, SiteIndex, TimelineEntry
from .frontmatter import dump
from .markup import escape, link, table, vn_date
from ..records import Article
from ..names import article_path, document_path, province_path, region_path, rel
from ..settings import DEFAULT, Settings
from ..vocabulary import regions, vocabulary

def doc_label(doc_id: str) -> str:
    """How a document is named in lists and filters: `11-NQ/TW-2022` -> `11-NQ/TW (2022)`."""
    number, year = doc_id.rsplit("-", 1)
    return f"{number} ({year})"


def doc_link(page: str, doc_id: str) -> str:
    """The document's label linking to its page (every cited document has one)."""
    return link(doc_label(doc_id), rel(page, document_path(doc_id)))


def region_link(page: str, rid: str) -> str:
    return link(regions()[rid]["name"], rel(page, region_path(rid)))


def province_link(page: str, index: SiteIndex, name: str) -> str:
    if name in index.provinces:
        return link(name, rel(page, province_path(name)))
    return escape(name)


def kind_name(kind: str) -> str:
    return vocabulary()["event_kind_names"].get(kind, kind)


def document_title(doc: DocumentInfo) -> str:
    kind = vocabulary()["document_type_names"].get(doc.type, doc.type)
    date = f" ngày {_dmy(doc.date)}" if doc.date else f" năm {doc.year}"
    return f"{kind} số {doc.short}{date}"


def _dmy(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)}/{int(m)}/{y}"


def article_item(page: str, a: Article) -> str:
    if a.date:
        when = vn_date(a.date)
    elif a.events:
        latest = max(a.events, key=lambda e: e.date)
        when = f"<em>sự kiện ngày</em> {vn_date(latest.date, latest.inferred)}"
    else:
        when = "<em>không rõ ngày</em>"
    source = f" · {escape(a.source)}" if a.source else ""
    return f"- {link(a.title, rel(page, article_path(a.slug)))} — {when}{source}"


def unindexed(markdown: str) -> str:
    """Markdown the search index leaves out: lists of other pages would otherwise put every
    article title on every document, region and province page, and make the index of common
    words grow with the archive."""
    return f'<div data-pagefind-ignore="index" markdown>\n\n{markdown}\n</div>\n'


def article_list(page: str, index: SiteIndex, slugs: list[str], empty: str = "Chưa có bài viết.") -> str:
    if not slugs:
        return f"_{escape(empty)}_\n"
    items = [_memo(index, ("article", slug), page, lambda p: article_item(p, index.articles[slug])) for slug in slugs]
    return unindexed("\n".join(items) + "\n")


def timeline_item(page: str, index: SiteIndex, e: TimelineEntry) -> str:
    parts = [vn_date(e.date, e.inferred), f"**{escape(kind_name(e.kind))}**"]
    if e.document:
        parts.append(doc_link(page, e.document))
    if e.provinces:
        parts.append(", ".join(province_link(page, index, p) for p in e.provinces))
    text = " · ".join(parts) + " — " + escape(e.summary)
    if e.articles:
        text += " " + "; ".join(link("Bài viết" if len(e.articles) == 1 else f"Bài {i}", rel(page, article_path(s)))
                                for i, s in enumerate(e.articles, 1))
    elif e.from_catalogue:
        text += " _(theo danh mục văn bản)_"
    return f"1. {text}"


def _memo(index: SiteIndex, key: tuple, page: str, render) -> str:
    """A list item rendered once, for a top-level page, and moved to deeper pages by prefixing
    its links (they only depend on the depth: see `rel`). Escaped text never holds "](" (the
    brackets are escaped), so only link targets are touched."""
    depth = page.count("/")
    if (key, depth) not in index.rendered:
        top = index.rendered.get((key, 0))
        if top is None:
            top = index.rendered[(key, 0)] = render("index.md")
        index.rendered[(key, depth)] = top.replace("](", "](" + "../" * depth) if depth else top
    return index.rendered[(key, depth)]


def timeline(page: str, index: SiteIndex, entries: list[TimelineEntry], level: int = 2) -> str:
    """Entries grouped by year, each year an ordered list (`<ol>`), each date a `<time>`."""
    if not entries:
        return "_Chưa có sự kiện._\n"
    out = []
    for year, group in groupby(entries, key=lambda e: e.date[:4]):
        out.append(f"{'#' * level} Năm {year}\n")
        out.append("\n".join(_memo(index, ("event", id(e)), page, lambda p, e=e: timeline_item(p, index, e))
                             for e in group) + "\n")
    if any(e.inferred for e in entries):
        out.append("<small>\\* Năm được suy ra từ ngữ cảnh bài viết (bài chỉ ghi ngày, tháng).</small>\n")
    return unindexed("\n".join(out))


# Long listings --------------------------------------------------------------------------
# A subject (the whole site, a document, a region, a province) with few events and articles
# lists them all on its page. Past INLINE of either, its page shows the LATEST of each and a
# table of periods, each period on a page of its own beside the subject's page: years, or
# months when some year holds more than PERIOD_MAX items. No page grows with the archive, and
# a phone on a slow connection loads one period at a time.
UNDATED = "chua-ro-ngay"


def period_key(date: str | None, monthly: bool) -> str:
    return (date[:7] if monthly else date[:4]) if date else ""


def period_name(key: str) -> str:
    if not key:
        return "Chưa rõ ngày"
    return f"Tháng {key[5:7]}/{key[:4]}" if len(key) > 4 else f"Năm {key}"


def period_page_path(folder: str, key: str) -> str:
    return f"{folder}/{key or UNDATED}.md"


@dataclass(frozen=True)
class _Section:
    """One list of a subject: its events or its articles."""
    heading: str
    items: list
    noun: str                                   # "sự kiện", "bài viết"
    latest: str                                 # how the shown few are called
    date_of: Callable[[object], Optional[str]]
    render: Callable[[str, list, int], str]     # (page, items, heading level) -> Markdown
    recent: Callable[[list], list]              # the few shown on the subject page
    fingerprint: Callable[[object], str]        # what an item is rendered from (PeriodPages)

    @property
    def label(self) -> str:
        return self.noun[0].upper() + self.noun[1:]


class PeriodPages:
    """The period pages of every long listing, collected while the subject pages are built.
    Each comes with a key: a hash of everything it is rendered from (see `chronicle`). A page
    whose key is the one the last build recorded (`previous`) and whose file is still as that
    build wrote it (`in_place`) is kept, not rendered again: after one article changed, only
    the periods that show it are."""

    def __init__(self, salt: str = "", previous: dict[str, str] | None = None,
                 in_place: Callable[[str], bool] = lambda path: False, settings: Settings = DEFAULT):
        self.settings = settings                # the listing limits every subject page uses
        self.salt = f"{salt}\0{settings!r}"     # the pipeline's code fingerprint, the limits
        self.previous = previous or {}
        self.in_place = in_place
        self.pages: dict[str, str] = {}         # rendered in this build
        self.keys: dict[str, str] = {}          # every period page of this build -> its key
        self.kept: list[str] = []               # left as the last build wrote them

    def add(self, path: str, inputs: str, render: Callable[[], str]) -> None:
        key = hashlib.sha256(f"{self.salt}\0{inputs}".encode()).hexdigest()
        self.keys[path] = key
        if self.previous.get(path) == key and self.in_place(path):
            self.kept.append(path)
        else:
            self.pages[path] = render()


def _per_build(index: SiteIndex, name: str, compute: Callable[[], dict]) -> dict:
    if name not in index.rendered:
        index.rendered[name] = compute()
    return index.rendered[name]


def _article_facts(index: SiteIndex) -> tuple[dict[str, str], dict[str, Optional[str]]]:
    """Each article's fingerprint (its slug and listing hash: the fields listing pages show) and
    its time (Article.when), once per build."""
    return _per_build(index, "article facts", lambda: (
        {slug: f"{slug}\0{index.listing_hashes[slug]}" for slug in index.articles},
        {slug: a.when for slug, a in index.articles.items()}))


def _event_fingerprint(index: SiteIndex) -> Callable[[TimelineEntry], str]:
    """A timeline entry's fingerprint: every field (its repr), once per build."""
    known = _per_build(index, "event fingerprints", lambda: {id(e): repr(e) for e in index.timeline})
    return lambda e: known.get(id(e)) or repr(e)


def chronicle(page: str, index: SiteIndex, periods: PeriodPages, *, title: str, folder: str,
              events: list[TimelineEntry] | None = None, articles: list[str] | None = None,
              events_heading: str = "Dòng thời gian", articles_heading: str = "Bài viết", level: int = 2) -> str:
    """The timeline and/or article list of one subject: Markdown for its page; its period pages,
    if any, go to `periods`. `events` are in timeline order (oldest first), `articles` slugs
    newest first; a list that is None is not shown at all."""
    h = "#" * level
    limits = periods.settings
    fingerprints, whens = _article_facts(index)
    sections = [s for s in (
        _Section(events_heading, events, "sự kiện", "sự kiện gần nhất", lambda e: e.date,
                 lambda p, items, lv: timeline(p, index, items, level=lv), lambda items: items[-limits.latest:],
                 _event_fingerprint(index)),
        _Section(articles_heading, articles, "bài viết", "bài mới nhất", whens.__getitem__,
                 lambda p, items, lv: article_list(p, index, items), lambda items: items[:limits.latest],
                 fingerprints.__getitem__),
    ) if s.items is not None]
    if all(len(s.items) <= limits.inline for s in sections):
        return "".join(f"{h} {s.heading}\n\n{s.render(page, s.items, level + 1)}\n" for s in sections)
    dates = [[s.date_of(item) or "" for item in s.items] for s in sections]
    per_year = Counter(period_key(d, False) for ds in dates for d in ds)
    monthly = max(per_year.values()) > limits.period_max
    by_period: list[dict[str, list]] = []
    for s, ds in zip(sections, dates):
        groups: dict[str, list] = {}
        for item, d in zip(s.items, ds):
            groups.setdefault(period_key(d, monthly), []).append(item)
        by_period.append(groups)
    period_keys = sorted(set().union(*by_period), key=lambda k: k or "9999", reverse=True)
    out = []
    for s in sections:
        note = (f"{len(s.items)} {s.noun}; {limits.latest} {s.latest} dưới đây, tất cả theo thời gian ở cuối trang.\n\n"
                if len(s.items) > limits.latest else "")
        out.append(f"{h} {s.heading}\n\n{note}{s.render(page, s.recent(s.items), level + 1)}\n")
    rows = [[link(period_name(k), rel(page, period_page_path(folder, k)))] + [str(len(g.get(k, []))) for g in by_period]
            for k in period_keys]
    out.append(f"{h} Theo {'tháng' if monthly else 'năm'}\n\n"
               + unindexed(table(["Thời gian"] + [s.label for s in sections], rows)) + "\n")
    for i, k in enumerate(period_keys):
        path = period_page_path(folder, k)
        older = period_keys[i + 1] if i + 1 < len(period_keys) else None
        newer = period_keys[i - 1] if i else None
        inputs = [repr((path, page, title, older, newer))]
        for s, g in zip(sections, by_period):
            items = g.get(k, [])
            inputs += [f"{s.label} {len(items)}"] + [s.fingerprint(item) for item in items]
        periods.add(path, "\n".join(inputs), lambda path=path, k=k, older=older, newer=newer:
                    _period_page(path, page, title, k, older, newer, folder, sections, by_period))
    return "".join(out)


def _period_page(path: str, page: str, title: str, k: str, older: str | None, newer: str | None, folder: str,
                 sections: list[_Section], by_period: list[dict[str, list]]) -> str:
    nav = ([link(f"← {period_name(older)}", rel(path, period_page_path(folder, older)))] if older is not None else []) \
        + [link(f"↑ {title}", rel(path, page))] \
        + ([link(f"{period_name(newer)} →", rel(path, period_page_path(folder, newer)))] if newer is not None else [])
    name = f"{title}: {period_name(k).lower()}"
    body = [f"---\n{dump({'title': name, 'search': {'exclude': True}})}---\n\n# {escape(name)}\n\n",
            " · ".join(nav) + "\n\n"]
    body += [f"## {s.label}\n\n{s.render(path, g.get(k, []), 3)}\n" for s, g in zip(sections, by_period)]
    return "".join(body)
