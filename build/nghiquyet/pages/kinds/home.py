"""The home page: the regions and their generations of resolutions, the latest articles."""

from __future__ import annotations

from ..heads import page_head
from ..listing import article_list, doc_link, region_link
from ...names import ARTICLES_DIR, TIMELINE_DIR, rel
from ..markup import link, table
from ...vocabulary import regions
from ...catalog.index import SiteIndex, generations

from . import ARTICLE_ITEM, PageKind


def home_page(index: SiteIndex, latest: int) -> str:
    page = "index.md"
    out = [page_head("Trang chủ", "Theo dõi các nghị quyết phát triển vùng của Bộ Chính trị "
                                   "từ ban hành đến triển khai", searchable=False)
           .replace("# Trang chủ", "# Nghị quyết phát triển vùng")]
    out.append("Trang tổng hợp bài viết về các nghị quyết của Bộ Chính trị về phát triển kinh tế - xã hội, "
               "bảo đảm quốc phòng, an ninh sáu vùng kinh tế - xã hội: văn bản, "
               f"{link('dòng thời gian', rel(page, TIMELINE_DIR + '/index.md'))}, "
               "vùng và tỉnh, thành phố.\n\n")
    out.append("## Các vùng và nghị quyết\n\n")
    # One column per generation of regional resolutions: their term, from the catalogue.
    gens = generations(index.documents)
    rows = [[region_link(page, rid)]
            + [", ".join(doc_link(page, d.id) for d in g.documents if rid in d.regions) or "—" for g in gens]
            + [str(len(index.region_articles[rid]))] for rid in regions()]
    headers = [f"Nghị quyết khóa {g.term} ({g.years})" for g in gens]
    out.append(table(["Vùng"] + headers + ["Bài viết"], rows) + "\n")
    out.append("## Bài viết mới\n\n" + article_list(page, index, list(index.articles)[:latest]) + "\n")
    out.append(f"{link('Xem tất cả bài viết', rel(page, ARTICLES_DIR + '/index.md'))}\n")
    return "".join(out)


KINDS = [PageKind("home", 60, lambda index: [("index.md", "")],
                   lambda index, key, periods: home_page(index, periods.settings.latest_on_home),
                   ARTICLE_ITEM | {"regions", "documents", "document_refs"})]
