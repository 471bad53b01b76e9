"""A document's page (identity card, chain, timeline, articles) and the index of documents."""

from __future__ import annotations

from urllib.parse import urlparse
from ..heads import feed_link, page_head
from ..listing import PeriodPages, chronicle, doc_label, doc_link, document_title, region_link
from ...names import DOCUMENTS_DIR, FILTER_DOCUMENT, FILTER_REGION, document_path, feed_path
from ..markup import escape, link, table, vn_date
from ..searchdata import search_block
from ...vocabulary import regions
from ...catalog.index import SiteIndex, generations

from ...catalog.tracker import track
from ..tracker import tracker_section
from . import ARTICLE_ITEM, TIMELINE, PageKind


# How an uncatalogued document's year was read (DocumentInfo.year_sources), best first.
_YEAR_SOURCES = {"stated": "ngày ban hành ghi trong bài", "term": "khóa ghi trong bài",
                 "article": "lần nhắc khác trong cùng bài", "subject": "danh mục, theo chủ đề ghi kèm",
                 "catalogue": "danh mục",
                 "context": "thời điểm của bài viết (suy đoán)"}


def _identity(doc) -> str:
    """Where a document's identity comes from: the catalogue (with the page it was checked
    against) or the articles (and how its year was read from them)."""
    if doc.catalogued:
        site = urlparse(doc.source).hostname if doc.source else None
        checked = f"đối chiếu: {link(site, doc.source)}" if site else "chưa đối chiếu với nguồn công khai"
        return f"Danh mục văn bản của trang ({checked})"
    how = ", ".join(_YEAR_SOURCES.get(s, s) for s in sorted(doc.year_sources, key=list(_YEAR_SOURCES).index))
    return escape(f"Suy ra từ các bài viết; năm ban hành theo {how or 'các bài viết'}")


def document_page(index: SiteIndex, doc_id: str, periods: PeriodPages) -> str:
    doc = index.documents[doc_id]
    page = document_path(doc_id)
    out = [page_head(document_title(doc), doc.title, feed=feed_path(DOCUMENTS_DIR, doc_id))]
    if doc.title:
        out.append(f"_{escape(doc.title)}_\n\n")
    rows = [["Số hiệu", escape(doc.short)], ["Mã trên trang", f"`{doc.id}`"],
            ["Loại văn bản", escape(document_title(doc).split(" số ")[0])]]
    if doc.issuer:
        rows.append(["Cơ quan ban hành", escape(doc.issuer)])
    rows.append(["Ngày ban hành", vn_date(doc.date) if doc.date else f"năm {doc.year}"])
    if doc.term:
        rows.append(["Khóa", escape(doc.term)])
    if doc.regions:
        rows.append(["Vùng", ", ".join(region_link(page, r) for r in doc.regions)])
    if doc.horizon:
        rows.append(["Mốc thời gian", ", ".join(f"đến năm {y}" for y in doc.horizon)])
    rows.append(["Nguồn thông tin", _identity(doc)])
    out.append("## Thông tin văn bản\n\n" + table(["Mục", "Nội dung"], rows) + "\n")
    chain = []
    if doc.replaces:
        chain.append(("Thay thế, kế tục", [doc.replaces]))
    if doc.replaced_by:
        chain.append(("Được thay thế, kế tục bởi", doc.replaced_by))
    if doc.concerns:
        chain.append(("Là văn bản về", [doc.concerns]))
    if doc.concerned_by:
        chain.append(("Các văn bản về văn bản này", doc.concerned_by))
    if chain:
        out.append("## Quan hệ với các văn bản khác\n\n")
        out += [f"- **{label}:** " + ", ".join(doc_link(page, d) for d in ids) + "\n" for label, ids in chain]
        out.append("\n")
    if doc.regional:
        out.append(tracker_section(page, index, track(index, doc_id)))
    out.append(feed_link(doc_id))
    listing = chronicle(page, index, periods, title=doc_label(doc.id), events=index.events_for(document=doc_id),
                        articles=doc.articles, folder=page[:-3],
                        articles_heading="Bài viết nhắc đến văn bản này")
    out.append(listing)
    kind = document_title(doc).split(" số ")[0]
    aliases = [doc.short, doc.short.replace("-", " "), f"{doc.type} {doc.number}", f"{kind} {doc.number}",
               f"{kind} số {doc.number}"]
    out.append(search_block("Văn bản", filters={FILTER_DOCUMENT: [doc_label(doc.id)],
                                                FILTER_REGION: [regions()[r]["name"] for r in doc.regions]},
                            date=doc.date, aliases=aliases, texts=[doc.title or "", document_title(doc)],
                            # the most cited first, then the newest: "Nghị quyết 11" means 11-NQ/TW of 2022
                            rank=len(doc.articles) * 10000 + int((doc.date or doc.id[-4:])[:4])))
    return "".join(out)


def documents_index(index: SiteIndex) -> str:
    page = f"{DOCUMENTS_DIR}/index.md"
    out = [page_head("Nghị quyết và văn bản", "Các nghị quyết phát triển vùng và văn bản liên quan", searchable=False)]
    # One section per generation of regional resolutions (their term, from the catalogue), the
    # newest first, then every other document.
    groups = [(g.label, g.documents) for g in reversed(generations(index.documents))]
    groups.append(("Văn bản khác", [d for d in index.documents.values() if not d.regional]))
    for heading, docs in groups:
        if not docs:
            continue
        rows = [[doc_link(page, d.id), vn_date(d.date) if d.date else str(d.year),
                 ", ".join(region_link(page, r) for r in d.regions) or "—", str(len(d.articles))] for d in docs]
        out.append(f"## {heading}\n\n" + table(["Văn bản", "Ngày ban hành", "Vùng", "Số bài viết"], rows) + "\n")
    return "".join(out)


KINDS = [PageKind("document", 20, lambda index: [(document_path(d), d) for d in index.documents],
                   document_page, ARTICLE_ITEM | TIMELINE | {"documents", "document_refs"}),
         PageKind("documents index", 21, lambda index: [(f"{DOCUMENTS_DIR}/index.md", "")],
                   lambda index, key, periods: documents_index(index), frozenset({"documents", "document_refs"}))]
