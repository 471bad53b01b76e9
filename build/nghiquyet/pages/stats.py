"""The statistics page: articles per month, per document, per region, per province."""

from __future__ import annotations

from collections import Counter

from .charts import bar_chart
from ..catalog.index import SiteIndex
from .listing import doc_label
from .markup import escape, table
from ..vocabulary import regions



def _section(title: str, rows: list[tuple[str, int]], chart_id: str, header: str) -> str:
    if not rows:
        return f"## {title}\n\n_Chưa có dữ liệu._\n\n"
    return (f"## {title}\n\n<figure>{bar_chart(title, rows, chart_id)}</figure>\n\n"
            + table([header, "Số bài viết"], [[escape(k), str(v)] for k, v in rows]) + "\n")


def stats_page(index: SiteIndex) -> str:
    articles = list(index.articles.values())
    months = Counter()
    for a in articles:
        months[a.when[:7] if a.when else "không rõ"] += 1
    per_month = [(f"{k[5:7]}/{k[:4]}" if k != "không rõ" else k, v) for k, v in sorted(months.items())]
    per_doc = sorted(((doc_label(d.id), len(d.articles)) for d in index.documents.values() if d.articles),
                     key=lambda kv: (-kv[1], kv[0]))
    per_region = [(r["name"], len(index.region_articles[rid])) for rid, r in regions().items()]
    per_province = sorted(((p.name, len(p.articles)) for p in index.provinces.values() if p.articles),
                          key=lambda kv: (-kv[1], kv[0]))
    head = ("---\ntitle: Thống kê\nsearch:\n  exclude: true\n---\n\n# Thống kê\n\n"
            f"{len(articles)} bài viết, {sum(1 for d in index.documents.values() if d.articles)} văn bản được nhắc đến, "
            f"{len(index.timeline)} sự kiện trên dòng thời gian. Biểu đồ được vẽ khi dựng trang.\n\n")
    return head + "".join([
        _section("Bài viết theo tháng", per_month, "theo-thang", "Tháng"),
        _section("Bài viết theo văn bản", per_doc, "theo-van-ban", "Văn bản"),
        _section("Bài viết theo vùng", per_region, "theo-vung", "Vùng"),
        _section("Bài viết theo tỉnh, thành phố", per_province, "theo-tinh", "Tỉnh, thành phố"),
    ])
