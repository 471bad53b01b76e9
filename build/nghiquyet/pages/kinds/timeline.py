"""The site-wide timeline (dong-thoi-gian/)."""

from __future__ import annotations

from ..heads import page_head
from ..listing import PeriodPages, chronicle, timeline
from ...names import TIMELINE_DIR
from ...catalog.index import SiteIndex

from . import TIMELINE, PageKind


def timeline_page(index: SiteIndex, periods: PeriodPages) -> str:
    page = f"{TIMELINE_DIR}/index.md"
    out = [page_head("Dòng thời gian", "Các sự kiện ban hành, quán triệt, triển khai, sơ kết, tổng kết nghị quyết", searchable=False)]
    out.append("Ngày ban hành văn bản (theo danh mục) và các sự kiện do bài viết đưa tin; "
               "sự kiện do nhiều bài đưa tin được gộp làm một.\n\n")
    if len(index.timeline) <= periods.settings.inline:
        out.append(timeline(page, index, index.timeline, level=2))
        return "".join(out)
    listing = chronicle(page, index, periods, title="Dòng thời gian", events=index.timeline,
                        folder=TIMELINE_DIR, events_heading="Gần nhất")
    return "".join(out) + listing


KINDS = [PageKind("timeline", 50, lambda index: [(f"{TIMELINE_DIR}/index.md", "")],
                   lambda index, key, periods: timeline_page(index, periods), TIMELINE)]
