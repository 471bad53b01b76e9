"""Generic listing builders shared by every page kind: links, article lists, timelines.

Every builder takes the path of the page it writes into, so links are relative and MkDocs
can check them (`mkdocs build --strict`).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from slugify import slugify

from .index import DocumentInfo, SiteIndex, TimelineEntry, document_slug
from .markup import escape, link, vn_date
from .records import Article
from .vocabulary import regions, vocabulary

ARTICLES_DIR, DOCUMENTS_DIR, REGIONS_DIR, PROVINCES_DIR, TIMELINE_DIR = (
    "bai-viet", "van-ban", "vung", "tinh", "dong-thoi-gian")


def article_path(slug: str) -> str:
    return f"{ARTICLES_DIR}/{slug}.md"


@lru_cache(maxsize=None)
def document_path(doc_id: str) -> str:
    return f"{DOCUMENTS_DIR}/{document_slug(doc_id)}.md"


def region_path(rid: str) -> str:
    return f"{REGIONS_DIR}/{rid}.md"


@lru_cache(maxsize=None)
def province_path(name: str) -> str:
    return f"{PROVINCES_DIR}/{slugify(name)}.md"


def rel(page: str, target: str) -> str:
    """Relative link from one page of the docs folder to another: up to the docs root, then
    down. It depends only on how deep the page is, so list items render once per depth.

    >>> rel("bai-viet/a.md", "van-ban/b.md"), rel("index.md", "vung/c.md"), rel("vung/x.md", "vung/y.md")
    ('../van-ban/b.md', 'vung/c.md', '../vung/y.md')
    """
    return "../" * page.count("/") + target


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
    items = [_memo(index, ("article", page.count("/"), slug), lambda: article_item(page, index.articles[slug]))
             for slug in slugs]
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


def _memo(index: SiteIndex, key: tuple, render) -> str:
    """A list item rendered once per page depth (its links only depend on that)."""
    if key not in index.rendered:
        index.rendered[key] = render()
    return index.rendered[key]


def timeline(page: str, index: SiteIndex, entries: list[TimelineEntry], level: int = 2) -> str:
    """Entries grouped by year, each year an ordered list (`<ol>`), each date a `<time>`."""
    if not entries:
        return "_Chưa có sự kiện._\n"
    out = []
    for year, group in groupby(entries, key=lambda e: e.date[:4]):
        out.append(f"{'#' * level} Năm {year}\n")
        out.append("\n".join(_memo(index, ("event", page.count("/"), id(e)), lambda e=e: timeline_item(page, index, e))
                             for e in group) + "\n")
    if any(e.inferred for e in entries):
        out.append("<small>\\* Năm được suy ra từ ngữ cảnh bài viết (bài chỉ ghi ngày, tháng).</small>\n")
    return unindexed("\n".join(out))
