"""The implementation overview (tien-do/): for every regional resolution, how many provinces of
its region have a reported step of each stage, with links to each resolution's full tracker.
This kind is one module: the registry finds it, and its `reads` keep it fresh."""

from __future__ import annotations

from ...catalog.index import SiteIndex, generations
from ...catalog.tracker import central_stages, provincial_stages, track
from ..heads import page_head
from ..listing import doc_link
from ..markup import escape, table
from ..tracker import LEGEND, step_cell

from . import TIMELINE, PageKind

PROGRESS_PAGE = "tien-do/index.md"


def progress_page(index: SiteIndex) -> str:
    page = PROGRESS_PAGE
    out = [page_head("Tiến độ triển khai", "Các tỉnh, thành phố đã quán triệt, ban hành chương trình, sơ kết, "
                                          "tổng kết từng nghị quyết vùng", searchable=False)]
    out.append("Mỗi nghị quyết vùng: số tỉnh, thành phố của vùng đã có bài viết đưa tin về từng bước, "
               "và ngày đưa tin đầu tiên về các bước ở Trung ương. Chi tiết từng tỉnh ở trang của nghị quyết.\n\n")
    stages = provincial_stages()
    central = central_stages()
    for generation in reversed(generations(index.documents)):
        rows = []
        for doc in generation.documents:
            t = track(index, doc.id)
            rows.append([doc_link(page, doc.id)] + [step_cell(page, t.central.get(s.id)) for s in central[:4]]
                        + [f"{t.reached(s.id)}/{len(t.rows)}" for s in stages])
        out.append(f"## {escape(generation.label)}\n\n")
        out.append(table(["Nghị quyết"] + [escape(s.name) for s in central[:4]] + [escape(s.short) for s in stages],
                         rows) + "\n")
    out.append(f"_{escape(LEGEND)}_\n")
    return "".join(out)


KINDS = [PageKind("progress", 55, lambda index: [(PROGRESS_PAGE, "")],
                   lambda index, key, periods: progress_page(index), TIMELINE)]
