"""Bar charts drawn at build time as inline SVG (no chart library, nothing fetched).

Each chart scales to its container (viewBox, width 100%), carries a title and a description
for screen readers, and is followed on the page by the same figures as a table.

>>> svg = bar_chart("Bài viết theo vùng", [("Tây Nguyên", 3), ("Đông Nam Bộ", 1)])
>>> svg.count("<rect"), "Tây Nguyên" in svg
(2, True)
"""

from __future__ import annotations

import itertools
from xml.sax.saxutils import escape

_ids = itertools.count(1)
ROW = 22
LABEL_W = 150
BAR_W = 170


def bar_chart(title: str, rows: list[tuple[str, int]], chart_id: str | None = None) -> str:
    """Horizontal bars, one row per label."""
    chart_id = chart_id or f"chart-{next(_ids)}"
    top = max((v for _, v in rows), default=0) or 1
    height = ROW * len(rows) + 8
    parts = [f'<svg class="nq-chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
             f'viewBox="0 0 {LABEL_W + BAR_W + 40} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
             f'<title id="{chart_id}-t">{escape(title)}</title>',
             f'<desc id="{chart_id}-d">{escape("; ".join(f"{k}: {v}" for k, v in rows))}</desc>']
    for i, (label, value) in enumerate(rows):
        y = 4 + i * ROW
        width = round(BAR_W * value / top, 1)
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + 14}" text-anchor="end" class="nq-chart__label">{escape(short)}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{y + 3}" width="{width}" height="{ROW - 8}" class="nq-chart__bar"/>')
        parts.append(f'<text x="{LABEL_W + width + 4}" y="{y + 14}" class="nq-chart__value">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)
