"""The implementation overview (tien-do/): for every regional resolution, how many provinces of
its region have a reported step of each stage, with links to each resolution's full tracker.
This kind is one module: the registry finds it, and its `reads` keep it fresh."""

from __future__ import annotations

from ...catalog.index import SiteIndex, generations
from ...catalog.tracker import central_stages, provincial_stages, track
from ..heads import page_head
from ..listing import doc_link
from ..markup import escape, table
from ..charts import tile_map
from ..tracker import LEGEND, step_cell
from ...vocabulary import provinces, tilegrid

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
    out.append(f"_{escape(LEGEND)}_\n\n")
    out.append(_maps(index))
    return "".join(out)


def _furthest(index: SiteIndex) -> dict[str, tuple[int, str]]:
    """Each province (name of 2024) -> (the furthest stage of its own implementation reported for
    the resolutions of the latest generation, 1-based; its name), from the tracker rows."""
    gens = generations(index.documents)
    stages = provincial_stages()
    out: dict[str, tuple[int, str]] = {}
    for doc in gens[-1].documents if gens else []:
        for row in track(index, doc.id).rows:
            reached = [i for i, s in enumerate(stages, 1) if s.id in row.steps]
            if reached and reached[-1] > out.get(row.province, (0, ""))[0]:
                out[row.province] = (reached[-1], stages[reached[-1] - 1].short)
    return out


def _maps(index: SiteIndex) -> str:
    """The furthest stage each province has reached, on a tile map of the 63 units of 2024 and
    of today's 34 (a merged unit: the furthest of the units it was formed from), then the same
    figures as a table."""
    grid = tilegrid()
    levels = len(provincial_stages())
    old = _furthest(index)
    new: dict[str, tuple[int, str]] = {}
    for p in provinces()["before_2025"]:
        if p["name"] in old and old[p["name"]][0] > new.get(p["becomes"], (0, ""))[0]:
            new[p["becomes"]] = old[p["name"]]
    legend = ", ".join(f"{i}: {escape(s.short)}" for i, s in enumerate(provincial_stages(), 1))
    maps = [tile_map("Bước xa nhất đã đưa tin, 63 tỉnh, thành phố đến 30/6/2025",
                     {k: tuple(v) for k, v in grid["before_2025"].items()}, old, grid["codes"], levels, "ban-do-63"),
            tile_map("Bước xa nhất đã đưa tin, 34 tỉnh, thành phố từ 1/7/2025",
                     {k: tuple(v) for k, v in grid["after_2025"].items()}, new, grid["codes"], levels, "ban-do-34")]
    rows = [[escape(name), escape(old[name][1]) if name in old else "—"] for name in grid["before_2025"]]
    return ("## Bản đồ tiến độ\n\n"
            f"Màu càng đậm, tỉnh càng đi xa trong các bước triển khai nghị quyết vùng khóa mới nhất ({legend}; "
            "màu xám: chưa có tin).\n\n"
            f'<div class="nq-maps">{"".join(f"<figure>{m}</figure>" for m in maps)}</div>\n\n'
            "<details><summary>Bảng số liệu của bản đồ</summary>\n\n"
            + table(["Tỉnh, thành phố (đến 30/6/2025)", "Bước xa nhất"], rows) + "\n</details>\n")


KINDS = [PageKind("progress", 55, lambda index: [(PROGRESS_PAGE, "")],
                   lambda index, key, periods: progress_page(index), TIMELINE)]
