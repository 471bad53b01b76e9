"""Charts drawn at build time as inline SVG (no chart library, nothing fetched, the same bytes for
the same data): horizontal bars with a value axis, and swimlanes of dated steps.

Each chart scales to its container (viewBox, width 100%) and is drawn for a 360-pixel phone first
(labels 11-12 px at that width); it carries a title and a description for screen readers, and is
followed on its page by the same figures as a table (its text equivalent).

>>> svg = bar_chart("Bài viết theo vùng", [("Tây Nguyên", 3), ("Đông Nam Bộ", 1)])
>>> svg.count('class="nq-chart__bar"'), "Tây Nguyên" in svg, svg.count('class="nq-chart__tick"') >= 2
(2, True, True)
>>> tiles = tile_map("Bản đồ", {"Hà Nội": (0, 2), "Huế": (0, 0)}, {"Hà Nội": (2, "Sơ kết")}, {"Hà Nội": "HN"}, 4, "m")
>>> tiles.count("<rect"), "nq-chart__level-2" in tiles
(2, True)
>>> lanes = swimlanes("Triển khai", [("Quán triệt", ["2022-04-15", "2022-05-19"]), ("Sơ kết", [])], "c")
>>> lanes.count("<circle"), ">2022<" in lanes
(2, True)
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from xml.sax.saxutils import escape

_ids = itertools.count(1)
WIDTH = 360                 # drawn for a phone; wider screens scale it up to the column's width
ROW = 24
LABEL_W = 130
AXIS_H = 22


def _ticks(top: int) -> list[int]:
    """Three to five round values from 0 to at least `top`."""
    step = max(1, 10 ** int(math.log10(max(top, 1))))
    while top / step > 4:
        step *= 2 if str(step)[0] == "1" else 2.5 if str(step)[0] == "2" else 2
    step = int(step)
    return list(range(0, top + step, step))


def _head(chart_id: str, title: str, desc: str, height: int) -> list[str]:
    return [f'<svg class="nq-chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
            f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
            f'<title id="{chart_id}-t">{escape(title)}</title>', f'<desc id="{chart_id}-d">{escape(desc)}</desc>']


def _short(label: str, chars: int = 20) -> str:
    return label if len(label) <= chars else label[:chars - 1] + "…"


def bar_chart(title: str, rows: list[tuple[str, int]], chart_id: str | None = None) -> str:
    """Horizontal bars, one row per label, over a value axis with round ticks and grid lines."""
    chart_id = chart_id or f"chart-{next(_ids)}"
    ticks = _ticks(max((v for _, v in rows), default=0))
    plot = WIDTH - LABEL_W - 24
    scale = plot / (ticks[-1] or 1)
    height = ROW * len(rows) + AXIS_H + 6
    parts = _head(chart_id, title, "; ".join(f"{k}: {v}" for k, v in rows), height)
    bottom = ROW * len(rows) + 4
    for t in ticks:
        x = round(LABEL_W + t * scale, 1)
        parts.append(f'<line x1="{x}" y1="2" x2="{x}" y2="{bottom}" class="nq-chart__grid"/>')
        parts.append(f'<text x="{x}" y="{bottom + 15}" text-anchor="middle" class="nq-chart__tick">{t}</text>')
    for i, (label, value) in enumerate(rows):
        y = 4 + i * ROW
        width = round(value * scale, 1)
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + 16}" text-anchor="end" class="nq-chart__label">'
                     f'{escape(_short(label))}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{y + 3}" width="{width}" height="{ROW - 6}" class="nq-chart__bar"/>')
        parts.append(f'<text x="{LABEL_W + width + 4}" y="{y + 16}" class="nq-chart__value">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def swimlanes(title: str, lanes: list[tuple[str, list[str]]], chart_id: str) -> str:
    """One lane per label, one mark per dated step on a time axis marked with years."""
    dates = sorted(d for _, ds in lanes for d in ds)
    first = dt.date.fromisoformat(dates[0]).year if dates else 2000
    last = dt.date.fromisoformat(dates[-1]).year + 1 if dates else first + 1
    start, end = _day(f"{first}-01-01"), _day(f"{last}-01-01")
    plot = WIDTH - LABEL_W - 12
    x_of = lambda iso: round(LABEL_W + (_day(iso) - start) / (end - start) * plot, 1)
    height = ROW * len(lanes) + AXIS_H + 6
    desc = "; ".join(f"{label}: {len(ds)} bước" + (f", đầu tiên {ds[0]}" if ds else "") for label, ds in lanes)
    parts = _head(chart_id, title, desc, height)
    bottom = ROW * len(lanes) + 4
    years = list(range(first, last + 1))
    every = max(1, math.ceil(len(years) / 5))          # at most six year labels on a phone
    for year in years:
        x = x_of(f"{year}-01-01")
        parts.append(f'<line x1="{x}" y1="2" x2="{x}" y2="{bottom}" class="nq-chart__grid"/>')
        if (year - first) % every == 0 and year < last:
            parts.append(f'<text x="{x + 2}" y="{bottom + 15}" class="nq-chart__tick">{year}</text>')
    for i, (label, ds) in enumerate(lanes):
        y = 4 + i * ROW
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" class="nq-chart__label">'
                     f'{escape(_short(label))}</text>')
        parts.append(f'<line x1="{LABEL_W}" y1="{y + 11}" x2="{LABEL_W + plot}" y2="{y + 11}" class="nq-chart__lane"/>')
        for d in sorted(set(ds)):
            parts.append(f'<circle cx="{x_of(d)}" cy="{y + 11}" r="4.5" class="nq-chart__mark">'
                         f'<title>{escape(label)}: {escape(d)}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


TILE = 30


def tile_map(title: str, positions: dict[str, tuple[int, int]], values: dict[str, tuple[int, str]],
             codes: dict[str, str], levels: int, chart_id: str) -> str:
    """One square per unit at its [column, row], shaded by its level (0 .. levels; a unit with no
    value is level 0), its code on it and its name and value as its tooltip."""
    cols = max(c for c, _ in positions.values()) + 1
    rows = max(r for _, r in positions.values()) + 1
    desc = "; ".join(f"{name}: {values[name][1]}" for name in sorted(values))
    parts = [f'<svg class="nq-chart nq-map" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
             f'viewBox="0 0 {cols * TILE} {rows * TILE}" width="100%" preserveAspectRatio="xMidYMin meet">',
             f'<title id="{chart_id}-t">{escape(title)}</title>', f'<desc id="{chart_id}-d">{escape(desc)}</desc>']
    for name, (c, r) in sorted(positions.items(), key=lambda kv: (kv[1][1], kv[1][0])):
        level, label = values.get(name, (0, "chưa có tin"))
        x, y = c * TILE, r * TILE
        parts.append(f'<g><title>{escape(name)}: {escape(label)}</title>'
                     f'<rect x="{x + 1}" y="{y + 1}" width="{TILE - 2}" height="{TILE - 2}" rx="3" '
                     f'class="nq-chart__level-{min(level, levels)}"/>'
                     f'<text x="{x + TILE / 2}" y="{y + 19}" text-anchor="middle" class="nq-map__code'
                     f'{" nq-map__code--dark" if level * 2 > levels else ""}">{escape(codes.get(name, ""))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
