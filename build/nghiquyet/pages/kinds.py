"""Stage 5, pages: the SiteIndex -> {path: Markdown} for every generated page."""

from __future__ import annotations

from urllib.parse import urlparse

from itertools import groupby


from . import frontmatter
from ..catalog.index import SiteIndex, generations
from .listing import (PeriodPages, chronicle, doc_label, unindexed, ARTICLES_DIR, DOCUMENTS_DIR, PROVINCES_DIR, REGIONS_DIR, TIMELINE_DIR, article_list,
                      article_path, doc_link, document_path, document_title, kind_name, province_link,
                      province_path, region_link, region_path, rel, timeline)
from .markup import escape, link, table, vn_date
from ..records import Article
from .searchdata import search_block
from ..vocabulary import provinces as province_data
from ..vocabulary import regions
from ..text import slugify

def build_pages(index: SiteIndex, listings: bool = True, periods: PeriodPages | None = None) -> dict[str, str | bytes]:
    """Every generated page (only the article pages when `listings` is false). Subject pages
    with long listings add period pages: those rendered are returned with the others, those
    kept as the last build wrote them are in `periods.kept`."""
    pages: dict[str, str | bytes] = {}
    periods = periods if periods is not None else PeriodPages()
    for slug, a in index.articles.items():
        pages[article_path(slug)] = a.page or article_page(a)
    if not listings:
        return pages
    for doc_id in index.documents:
        pages[document_path(doc_id)] = document_page(index, doc_id, periods)
    for rid in regions():
        pages[region_path(rid)] = region_page(index, rid, periods)
    for name, info in index.provinces.items():
        if info.articles or info.historical or info.current:
            pages[province_path(name)] = province_page(index, name, periods)
    pages[f"{ARTICLES_DIR}/index.md"] = articles_index(index, periods)
    pages[f"{DOCUMENTS_DIR}/index.md"] = documents_index(index)
    pages[f"{REGIONS_DIR}/index.md"] = regions_index(index)
    pages[f"{PROVINCES_DIR}/index.md"] = provinces_index(index)
    pages[f"{TIMELINE_DIR}/index.md"] = timeline_page(index, periods)
    pages["index.md"] = home_page(index, periods.settings.latest_on_home)
    clash = set(periods.keys) & set(pages)
    if clash:      # an article slug never looks like a month page, but never overwrite one
        raise AssertionError(f"period page paths clash with pages: {sorted(clash)[:3]}")
    pages.update(periods.pages)
    return pages


def _page_head(title: str, description: str | None = None, searchable: bool = True) -> str:
    meta = {"title": title}
    if description:
        meta["description"] = description
    if not searchable:
        meta["search"] = {"exclude": True}    # listings would crowd out the pages they list
    return f"---\n{frontmatter.dump(meta)}---\n\n# {escape(title)}\n\n"


# Articles -------------------------------------------------------------------------------

def article_page(a: Article) -> str:
    """An article's page: a function of the article alone (every document it cites and every
    province it names has a page), so it is rendered once, when the article is converted."""
    page = article_path(a.slug)
    # Slugs are assigned after conversion, but the front matter does not contain the slug.
    out = [a.front_matter or frontmatter.render(frontmatter.to_dict(a), a.source_file),
           f"\n# {escape(a.title)}\n\n"]
    facts = []
    if a.date:
        facts.append(f"**Ngày đăng:** {vn_date(a.date)}")
    if a.author:
        facts.append(f"**Tác giả:** {escape(a.author)}")
    if a.source:
        facts.append(f"**Nguồn:** {escape(a.source)}")
    if facts:
        out.append(" · ".join(facts) + '\n{ .nq-meta data-pagefind-ignore="index" }\n\n')
    links = []
    if a.documents:
        links.append("**Văn bản:** " + ", ".join(doc_link(page, d) for d in a.documents))
    if a.regions:
        links.append("**Vùng:** " + ", ".join(region_link(page, r) for r in a.regions))
    if a.provinces:
        links.append("**Tỉnh, thành phố:** " + ", ".join(link(p, rel(page, province_path(p))) for p in a.provinces))
    if links:
        out.append("  \n".join(links) + '\n{ .nq-links data-pagefind-ignore="index" }\n\n')
    spans: dict[int, list] = {}
    for b, start, end, kind, target in a.links:
        spans.setdefault(b, []).append((start, end, kind, target))
    for b, block in enumerate(a.blocks):
        text = _linked(page, block.text, spans.get(b, []))
        out.append((f"{text}\n{{ .nq-caption }}\n" if block.kind == "caption" else f"{text}\n") + "\n")
    extra = []
    if a.events:
        extra.append("## Sự kiện trong bài\n\n")
        for e in a.events:
            doc = f" · {doc_link(page, e.document)}" if e.document else ""
            extra.append(f"1. {vn_date(e.date, e.inferred)} · **{escape(kind_name(e.kind))}**{doc}\n")
        extra.append("\n")
    if a.places or a.people:
        extra.append("## Địa danh và nhân vật\n\n")
        for p in a.places:
            where = f" ({link(p.province, rel(page, province_path(p.province)))})" if p.province else ""
            extra.append(f"- {escape(p.kind)} {escape(p.name)}{where}\n")
        for p in a.people:
            role = f", {escape(p.role)}" if p.role else ""
            extra.append(f"- {escape(p.name)}{role}\n")
        extra.append("\n")
    extra.append(f"<small>Tệp gốc: <code>{escape(a.source_file)}</code></small>\n")
    out.append(unindexed("".join(extra)))
    out.append(search_block("Bài viết", filters={"van_ban": [doc_label(d) for d in a.documents], "vung": [regions()[r]["name"] for r in a.regions],
                                                 "tinh": list(a.provinces)},
                            date=a.date, source=a.source, texts=[a.title] + [b.text for b in a.blocks],
                            aliases=list(a.provinces) + [p.name for p in a.places]))
    return "".join(out)


def _feed_link(key: str) -> str:
    """A link to the page's Atom feed (written by the MkDocs plugin beside the page)."""
    return f'<p class="nq-feed"><a href="../{slugify(key)}.xml" type="application/atom+xml">Theo dõi bài viết mới (Atom)</a></p>\n\n'


def _linked(page: str, text: str, spans: list) -> str:
    """Escaped text in which each named document or province links to its page."""
    out, at = [], 0
    for start, end, kind, target in spans:
        path = document_path(target) if kind == "document" else province_path(target)
        out.append(escape(text[at:start]))
        out.append(link(text[start:end], rel(page, path)))
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def articles_index(index: SiteIndex, periods: PeriodPages) -> str:
    """All articles by month of publication: on this page while there are few, else the latest
    and one page per month (bai-viet/thang/YYYY-MM)."""
    page = f"{ARTICLES_DIR}/index.md"
    out = [_page_head("Bài viết", "Tất cả bài viết theo tháng đăng", searchable=False)]
    out.append(f"Có {len(index.articles)} bài viết.\n\n")
    if len(index.articles) > periods.settings.inline:
        listing = chronicle(page, index, periods, title="Bài viết", articles=list(index.articles),
                            folder=f"{ARTICLES_DIR}/thang", articles_heading="Mới nhất")
        return "".join(out) + listing
    month = lambda s: (index.articles[s].date or "")[:7]
    for key, group in groupby(index.articles, key=month):
        heading = f"Tháng {key[5:7]}/{key[:4]}" if key else "Chưa rõ ngày đăng"
        out.append(f"## {heading}\n\n{article_list(page, index, list(group))}\n")
    return "".join(out)


# Documents ------------------------------------------------------------------------------

# How an uncatalogued document's year was read (DocumentInfo.year_sources), best first.
_YEAR_SOURCES = {"stated": "ngày ban hành ghi trong bài", "term": "khóa ghi trong bài",
                 "article": "lần nhắc khác trong cùng bài", "catalogue": "danh mục",
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
    out = [_page_head(document_title(doc), doc.title)]
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
    out.append(_feed_link(doc_id))
    listing = chronicle(page, index, periods, title=doc_label(doc.id), events=index.events_for(document=doc_id),
                        articles=doc.articles, folder=page[:-3],
                        articles_heading="Bài viết nhắc đến văn bản này")
    out.append(listing)
    kind = document_title(doc).split(" số ")[0]
    aliases = [doc.short, doc.short.replace("-", " "), f"{doc.type} {doc.number}", f"{kind} {doc.number}",
               f"{kind} số {doc.number}"]
    out.append(search_block("Văn bản", filters={"van_ban": [doc_label(doc.id)],
                                                "vung": [regions()[r]["name"] for r in doc.regions]},
                            date=doc.date, aliases=aliases, texts=[doc.title or "", document_title(doc)]))
    return "".join(out)


def documents_index(index: SiteIndex) -> str:
    page = f"{DOCUMENTS_DIR}/index.md"
    out = [_page_head("Nghị quyết và văn bản", "Các nghị quyết phát triển vùng và văn bản liên quan", searchable=False)]
    # One section per generation of regional resolutions (their term, from the catalogue), the
    # newest first, then every other document.
    groups = [(g.label, g.documents) for g in reversed(generations(index.documents))]
    groups.append(("Văn bản khác", [d for d in index.documents.values() if not (d.regions and d.type == "NQ")]))
    for heading, docs in groups:
        if not docs:
            continue
        rows = [[doc_link(page, d.id), vn_date(d.date) if d.date else str(d.year),
                 ", ".join(region_link(page, r) for r in d.regions) or "—", str(len(d.articles))] for d in docs]
        out.append(f"## {heading}\n\n" + table(["Văn bản", "Ngày ban hành", "Vùng", "Số bài viết"], rows) + "\n")
    return "".join(out)


# Regions and provinces ------------------------------------------------------------------

def region_page(index: SiteIndex, rid: str, periods: PeriodPages) -> str:
    region = regions()[rid]
    page = region_path(rid)
    out = [_page_head(f"Vùng {region['name']}")]
    others = [s for s in region["spellings"] if s != region["name"]]
    if others:
        out.append("**Tên gọi khác:** " + ", ".join(escape(s) for s in others) + "\n\n")
    docs = sorted((d for d in index.documents.values() if rid in d.regions), key=lambda d: (d.year, d.id))
    out.append("## Nghị quyết và văn bản của vùng\n\n")
    out.append(table(["Văn bản", "Ngày ban hành", "Khóa", "Số bài viết"],
                     [[doc_link(page, d.id), vn_date(d.date) if d.date else str(d.year),
                       escape(d.term or "—"), str(len(d.articles))] for d in docs]) + "\n" if docs else "_Chưa có._\n\n")
    members = [p for p in province_data()["before_2025"] if p["region"] == rid]
    out.append("## Các tỉnh, thành phố trong vùng\n\n")
    out.append(table(["Đến 30/6/2025", "Từ 1/7/2025", "Số bài viết"],
                     [[province_link(page, index, p["name"]), province_link(page, index, p["becomes"]),
                       str(len(index.provinces[p["name"]].articles))] for p in members]) + "\n")
    out.append(_feed_link(rid))
    listing = chronicle(page, index, periods, title=f"Vùng {region['name']}", events=index.events_for(region=rid),
                        articles=index.region_articles[rid], folder=page[:-3])
    out.append(listing)
    out.append(search_block("Vùng", filters={"vung": [region["name"]]}, aliases=region["spellings"],
                            texts=[region["name"]] + region["spellings"] + [p["name"] for p in members]))
    return "".join(out)


def regions_index(index: SiteIndex) -> str:
    page = f"{REGIONS_DIR}/index.md"
    out = [_page_head("Các vùng kinh tế - xã hội", searchable=False)]
    rows = []
    for rid, region in regions().items():
        docs = [d for d in index.documents.values() if rid in d.regions and d.type == "NQ"]
        rows.append([region_link(page, rid), ", ".join(doc_link(page, d.id) for d in docs) or "—",
                     str(len(index.region_articles[rid]))])
    out.append(table(["Vùng", "Nghị quyết", "Số bài viết"], rows))
    return "".join(out)


def province_page(index: SiteIndex, name: str, periods: PeriodPages) -> str:
    info = index.provinces[name]
    page = province_path(name)
    out = [_page_head(name)]
    facts = [f"**Loại đơn vị:** {escape(info.kind)}"]
    if info.region:
        facts.append(f"**Vùng:** {region_link(page, info.region)}")
    if info.historical and info.becomes and info.becomes != name:
        facts.append(f"**Từ 1/7/2025 thuộc:** {province_link(page, index, info.becomes)}")
    if info.current and [n for n in info.formed_from if n != name]:
        facts.append("**Hình thành từ (1/7/2025):** " + ", ".join(province_link(page, index, n) for n in info.formed_from))
    if info.historical and not info.current:
        facts.append("_Tên đơn vị hành chính đến 30/6/2025._")
    out.append("  \n".join(facts) + "\n\n")
    if info.places:
        out.append("## Địa danh được nhắc đến\n\n" + "\n".join(
            f"- {escape(kind)} {escape(place)}" for kind, place in sorted(info.places)) + "\n\n")
    listing = chronicle(page, index, periods, title=name, events=index.events_for(province=name),
                        articles=info.articles, folder=page[:-3])
    out.append(listing)
    out.append(search_block("Tỉnh, thành phố", filters={"tinh": [name],
                                                        "vung": [regions()[info.region]["name"]] if info.region else []},
                            aliases=[name], texts=[name] + info.formed_from + [n for _, n in info.places]))
    return "".join(out)


def provinces_index(index: SiteIndex) -> str:
    page = f"{PROVINCES_DIR}/index.md"
    out = [_page_head("Tỉnh, thành phố", searchable=False)]
    current = [p for p in index.provinces.values() if p.current]
    old = [p for p in index.provinces.values() if p.historical and not p.current]
    out.append("## 34 đơn vị từ 1/7/2025\n\n")
    out.append(table(["Tỉnh, thành phố", "Hình thành từ", "Số bài viết"],
                     [[province_link(page, index, p.name), ", ".join(escape(n) for n in p.formed_from),
                       str(len(p.articles))] for p in sorted(current, key=lambda p: p.slug)]) + "\n")
    out.append("## Đơn vị đến 30/6/2025 đã sáp nhập\n\n")
    out.append(table(["Tỉnh, thành phố", "Nay thuộc", "Số bài viết"],
                     [[province_link(page, index, p.name), province_link(page, index, p.becomes),
                       str(len(p.articles))] for p in sorted(old, key=lambda p: p.slug)]) + "\n")
    return "".join(out)


# Timeline and home ----------------------------------------------------------------------

def timeline_page(index: SiteIndex, periods: PeriodPages) -> str:
    page = f"{TIMELINE_DIR}/index.md"
    out = [_page_head("Dòng thời gian", "Các sự kiện ban hành, quán triệt, triển khai, sơ kết, tổng kết nghị quyết", searchable=False)]
    out.append("Ngày ban hành văn bản (theo danh mục) và các sự kiện do bài viết đưa tin; "
               "sự kiện do nhiều bài đưa tin được gộp làm một.\n\n")
    if len(index.timeline) <= periods.settings.inline:
        out.append(timeline(page, index, index.timeline, level=2))
        return "".join(out)
    listing = chronicle(page, index, periods, title="Dòng thời gian", events=index.timeline,
                        folder=TIMELINE_DIR, events_heading="Gần nhất")
    return "".join(out) + listing


def home_page(index: SiteIndex, latest: int) -> str:
    page = "index.md"
    out = [_page_head("Trang chủ", "Theo dõi các nghị quyết phát triển vùng của Bộ Chính trị "
                                   "từ ban hành đến triển khai", searchable=False)
           .replace("# Trang chủ", "# Nghị quyết phát triển vùng")]
    out.append("Trang tổng hợp bài viết về các nghị quyết của Bộ Chính trị về phát triển kinh tế - xã hội, "
               "bảo đảm quốc phòng, an ninh sáu vùng kinh tế - xã hội: văn bản, "
               f"{link('dòng thời gian', rel(page, TIMELINE_DIR + '/index.md'))}, "
               "vùng và tỉnh, thành phố.\n\n")
    out.append("## Các vùng và nghị quyết\n\n")
    rows = []
    for rid, region in regions().items():
        docs = sorted((d for d in index.documents.values() if rid in d.regions and d.type == "NQ"), key=lambda d: d.year)
        old = [d for d in docs if d.year < 2021]
        new = [d for d in docs if d.year >= 2021]
        rows.append([region_link(page, rid), ", ".join(doc_link(page, d.id) for d in old) or "—",
                     ", ".join(doc_link(page, d.id) for d in new) or "—", str(len(index.region_articles[rid]))])
    out.append(table(["Vùng", "Nghị quyết 2002–2005", "Nghị quyết 2022", "Bài viết"], rows) + "\n")
    out.append("## Bài viết mới\n\n" + article_list(page, index, list(index.articles)[:latest]) + "\n")
    out.append(f"{link('Xem tất cả bài viết', rel(page, ARTICLES_DIR + '/index.md'))}\n")
    return "".join(out)
