"""Markdown building blocks. Corpus text is text: `escape` makes every character render as
itself, whatever Markdown, HTML or the enabled extensions would make of it.

>>> escape("1. <b>x</b> *y* # [a](b) & |")
'1\\\\. &lt;b&gt;x&lt;/b&gt; \\\\*y\\\\* \\\\# \\\\[a\\\\]\\\\(b\\\\) &amp; \\\\|'
"""

from __future__ import annotations

import html

# Characters Python-Markdown (and the extensions in mkdocs.yml) give a meaning to get a
# backslash; HTML's own three become entities. In this order: the backslash before the
# characters that get one, "&" before the entities that contain it.
_ESCAPES = (("\\", "\\\\"), ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"),
            *((c, "\\" + c) for c in "`*_{}[]()#+-.!|"))


def escape(text: str) -> str:
    """Text -> Markdown that renders as exactly that text (one paragraph's worth).
    (One str.replace per character present: each is one fast scan, where str.translate with
    a table looks every character up.)"""
    for char, escaped in _ESCAPES:
        if char in text:
            text = text.replace(char, escaped)
    return text


def escape_html(text: str) -> str:
    return html.escape(text, quote=True)


def link(text: str, target: str) -> str:
    return f"[{escape(text)}]({target})"


def table(header: list[str], rows: list[list[str]]) -> str:
    """Cells are Markdown already (escaped or links)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def vn_date(iso: str, inferred: bool = False) -> str:
    """`2022-04-15` -> `<time datetime="2022-04-15">15/04/2022</time>`; inferred years are marked."""
    y, m, d = iso.split("-")
    label = f"{d}/{m}/{y}"
    mark = '<abbr class="nq-inferred" title="Năm được suy ra từ ngữ cảnh bài viết">*</abbr>' if inferred else ""
    return f'<time datetime="{iso}">{label}</time>{mark}'
