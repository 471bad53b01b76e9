"""A province's page (its unit before and after 1 July 2025, places, timeline, articles) and the
index of provinces."""

from __future__ import annotations

from ..heads import page_head
from ..listing import PeriodPages, chronicle, province_link, region_link
from ...names import FILTER_PROVINCE, FILTER_REGION, PROVINCES_DIR, province_path
from ..markup import escape, table
from ..searchdata import search_block
from ...vocabulary import regions
from ...catalog.index import SiteIndex

from ...catalog.tracker import province_rows
from ..tracker import province_section
from . import ARTICLE_ITEM, TIMELINE, PageKind


def province_page(index: SiteIndex, name: str, periods: PeriodPages) -> str:
    info = index.provinces[name]
    page = province_path(name)
    out = [page_head(name)]
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
    out.append(province_section(page, index, province_rows(index, name)))
    listing = chronicle(page, index, periods, title=name, events=index.events_for(province=name),
                        articles=info.articles, folder=page[:-3])
    out.append(listing)
    out.append(search_block("Tỉnh, thành phố", filters={FILTER_PROVINCE: [name],
                                                        FILTER_REGION: [regions()[info.region]["name"]] if info.region else []},
                            aliases=[name], texts=[name] + info.formed_from + [n for _, n in info.places]))
    return "".join(out)


def provinces_index(index: SiteIndex) -> str:
    page = f"{PROVINCES_DIR}/index.md"
    out = [page_head("Tỉnh, thành phố", searchable=False)]
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


KINDS = [PageKind("province", 40, lambda index: [(province_path(n), n) for n, i in index.provinces.items()
                                                if i.articles or i.historical or i.current],
                   province_page, ARTICLE_ITEM | TIMELINE | {"provinces", "places"}),
         PageKind("provinces index", 41, lambda index: [(f"{PROVINCES_DIR}/index.md", "")],
                   lambda index, key, periods: provinces_index(index), frozenset({"provinces"}))]
