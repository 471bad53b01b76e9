"""The implementation tracker as Markdown (catalog/tracker.py computes it): the central steps of a
resolution, then a table with a row per province of its region and a column per stage of a
province's own implementation. Each cell is the date of the first report, linked to the article
that reports it (and to every other one, numbered); "—" means no article reports it yet. The
table is its own text equivalent; on a phone it scrolls sideways inside its frame."""

from __future__ import annotations

from ..catalog.index import SiteIndex
from ..catalog.tracker import Row, Step, Tracker, central_stages, provincial_stages
from ..names import article_path, rel
from .listing import doc_link, province_link, unindexed
from .charts import swimlanes
from .markup import escape, link, table, vn_date
from ..text import slugify

NONE = "—"
LEGEND = (f"{NONE}: chưa có bài viết nào đưa tin. Ngày là ngày của bản tin đầu tiên; các số 2, 3 … là "
          "những bài viết khác đưa tin cùng bước.")


def step_cell(page: str, step: Step | None) -> str:
    if step is None:
        return NONE
    first, *more = step.articles or [None]
    date = vn_date(step.date, step.inferred)        # markup made here, never an article's text
    cell = f"[{date}]({rel(page, article_path(first))})" if first else date
    return cell + "".join(f" {link(str(i), rel(page, article_path(s)))}" for i, s in enumerate(more, 2))


def tracker_section(page: str, index: SiteIndex, tracker: Tracker) -> str:
    """The tracker of one resolution, for its page (and its region's)."""
    out = ["## Tiến độ triển khai\n\n", _figure(tracker), "### Các bước ở Trung ương\n\n"]
    out.append(table(["Bước", "Ngày"], [[escape(s.name), step_cell(page, tracker.central.get(s.id))]
                                        for s in central_stages()]) + "\n")
    stages = provincial_stages()
    out.append("### Các tỉnh, thành phố\n\n")
    reached = ", ".join(f"{escape(s.short)}: {tracker.reached(s.id)}/{len(tracker.rows)}" for s in stages)
    out.append(f"Số tỉnh, thành phố đã có tin — {reached}.\n\n")
    rows = [[_unit(page, index, row)] + [step_cell(page, row.steps.get(s.id)) for s in stages] for row in tracker.rows]
    out.append(table(["Tỉnh, thành phố"] + [escape(s.short) for s in stages], rows) + "\n")
    out.append(f"_{escape(LEGEND)}_\n\n")
    return unindexed("".join(out))


def _figure(tracker: Tracker) -> str:
    """The steps over time, one lane per stage (every province's steps in its stage's lane); the
    tables below it are its text equivalent."""
    lanes = [(s.name, sorted(e.date for e in tracker.central[s.id].entries) if s.id in tracker.central else [])
             for s in central_stages()]
    lanes += [(f"{s.short} (các tỉnh)", sorted(e.date for r in tracker.rows if s.id in r.steps
                                           for e in r.steps[s.id].entries)) for s in provincial_stages()]
    if not any(ds for _, ds in lanes):
        return ""
    title = f"Các bước triển khai {tracker.document.rsplit('-', 1)[0]} theo thời gian"
    svg = swimlanes(title, lanes, f"trien-khai-{slugify(tracker.document)}")
    return (f'<figure class="nq-figure">{svg}<figcaption>{escape(title)}: mỗi chấm là một bước được đưa tin; '
            "chi tiết trong các bảng dưới đây.</figcaption></figure>\n\n")


def province_section(page: str, index: SiteIndex, rows: list[tuple[str, Row]]) -> str:
    """A province's own steps, one row per regional resolution that covers it."""
    if not rows:
        return ""
    stages = provincial_stages()
    body = [[doc_link(page, doc_id) + ("" if row.province == row.today or row.today is None
                                         else f" ({escape(row.province)})")]
            + [step_cell(page, row.steps.get(s.id)) for s in stages] for doc_id, row in rows]
    return unindexed("## Triển khai các nghị quyết vùng\n\n"
                     + table(["Nghị quyết"] + [escape(s.short) for s in stages], body)
                     + f"\n_{escape(LEGEND)}_\n\n")


def _unit(page: str, index: SiteIndex, row: Row) -> str:
    name = province_link(page, index, row.province)
    if row.today and row.today != row.province:
        name += f" (nay: {province_link(page, index, row.today)})"
    return name
