"""The index of all articles (bai-viet/): by month, or the latest and one page per month."""

from __future__ import annotations

from itertools import groupby
from ..heads import page_head
from ..listing import PeriodPages, article_list, chronicle
from ...names import ARTICLES_DIR
from ...catalog.index import SiteIndex

from . import ARTICLE_ITEM, PageKind


def articles_index(index: SiteIndex, periods: PeriodPages) -> str:
    """All articles by month of publication: on this page while there are few, else the latest
    and one page per month (bai-viet/thang/YYYY-MM)."""
    page = f"{ARTICLES_DIR}/index.md"
    out = [page_head("Bài viết", "Tất cả bài viết theo tháng đăng", searchable=False)]
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


KINDS = [PageKind("articles index", 10, lambda index: [(f"{ARTICLES_DIR}/index.md", "")],
                   lambda index, key, periods: articles_index(index, periods), ARTICLE_ITEM)]
