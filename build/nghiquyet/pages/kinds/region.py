"""A region's page (its resolutions, provinces, timeline, articles) and the index of regions."""

from __future__ import annotations

from ...vocabulary import provinces as province_data
from ..heads import feed_link, page_head
from ..listing import PeriodPages, chronicle, doc_link, province_link, region_link
from ...names import FILTER_REGION, REGIONS_DIR, feed_path, region_path
from ..markup import escape, table, vn_date
from ..searchdata import search_block
from ...vocabulary import regions
from ...catalog.index import SiteIndex

from ...catalog.index import generations
from ...catalog.tracker import track
from ..tracker import tracker_section
from . import ARTICLE_ITEM, TIMELINE, PageKind


def region_page(index: SiteIndex, rid: str, periods: PeriodPages) -> str:
    region = regions()[rid]
    page = region_path(rid)
    out = [page_head(f"Vùng {region['name']}", f"Nghị quyết, tỉnh, thành phố, sự kiện và bài viết về vùng {region['name']}",
                     feed=feed_path(REGIONS_DIR, rid))]
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
    current = [g for g in generations(index.documents) if any(rid in d.regions for d in g.documents)]
    if current:        # the tracker of the region's resolution of the latest generation
        doc = next(d for d in reversed(current[-1].documents) if rid in d.regions)
        out.append(f"Nghị quyết hiện hành của vùng: {doc_link(page, doc.id)}.\n\n")
        out.append(tracker_section(page, index, track(index, doc.id)))
    out.append(feed_link(rid))
    listing = chronicle(page, index, periods, title=f"Vùng {region['name']}", events=index.events_for(region=rid),
                        articles=index.region_articles[rid], folder=page[:-3])
    out.append(listing)
    out.append(search_block("Vùng", filters={FILTER_REGION: [region["name"]]}, aliases=region["spellings"],
                            texts=[region["name"]] + region["spellings"] + [p["name"] for p in members]))
    return "".join(out)


def regions_index(index: SiteIndex) -> str:
    page = f"{REGIONS_DIR}/index.md"
    out = [page_head("Các vùng kinh tế - xã hội", searchable=False)]
    rows = []
    for rid, region in regions().items():
        docs = [d for d in index.documents.values() if d.regional and rid in d.regions]
        rows.append([region_link(page, rid), ", ".join(doc_link(page, d.id) for d in docs) or "—",
                     str(len(index.region_articles[rid]))])
    out.append(table(["Vùng", "Nghị quyết", "Số bài viết"], rows))
    return "".join(out)


KINDS = [PageKind("region", 30, lambda index: [(region_path(r), r) for r in regions()],
                   region_page, ARTICLE_ITEM | TIMELINE | {"regions", "documents", "document_refs"}),
         PageKind("regions index", 31, lambda index: [(f"{REGIONS_DIR}/index.md", "")],
                   lambda index, key, periods: regions_index(index), frozenset({"regions", "documents", "document_refs"}))]
