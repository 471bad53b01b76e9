"""Markdown building blocks. Corpus text is text: `escape` makes every character render as
itself, whatever Markdown, HTML or the enabled extensions would make of it.

>>> escape("1. <b>x</b> *y* # [a](b) & | 11-NQ/TW.")
'1\\\\. &lt;b&gt;x&lt;/b&gt; \\\\*y\\\\* \\\\# \\\\[a\\\\]\\\\(b\\\\) &amp; \\\\| 11-NQ/TW.'
>>> escape("- a\\n+ b\\n===\\n 2. c")
'\\\\- a\\n\\\\+ b\\n&#61;==\\n 2\\\\. c'
"""

from __future__ import annotations

import html
import re

# Characters Python-Markdown (and the extensions in mkdocs.yml) give a meaning wherever they
# stand get a backslash; HTML's own three become entities. In this order: the backslash before
# the characters that get one, "&" before the entities that contain it. ("(" and "!" too: an
# escaped text may be followed by a link, and `listing._memo` relies on escaped text never
# holding "](".)
_ESCAPES = (("\\", "\\\\"), ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"),
            *((c, "\\" + c) for c in "`*_{}[]()#!|"))
# Marks that mean something only at the start of a line: a list item ("-", "+", "1."), a rule
# or a heading underline ("---", "==="). Elsewhere they stay as they are: a backslash before
# every "-" and "." of a page costs MkDocs a tenth of its rendering time. ("=" has no
# backslash escape in Markdown: it becomes an entity.)
_LINE_START = re.compile(r"(?m)^([ \t]*)(?:([-+])|([=~])|(\d+)\.)")
_MARK_FIRST = frozenset(" \t-+=~0123456789")
ENTITY_AT_START = {"=": "&#61;", "~": "&#126;"}


def _line_start(m: re.Match) -> str:
    if m[2]:
        return f"{m[1]}\\{m[2]}"
    if m[3]:
        return f"{m[1]}{ENTITY_AT_START[m[3]]}"
    return f"{m[1]}{m[4]}\\."


def escape(text: str) -> str:
    """Text -> Markdown that renders as exactly that text (one paragraph's worth).
    (One str.replace per character present: each is one fast scan, where str.translate with
    a table looks every character up.)"""
    for char, escaped in _ESCAPES:
        if char in text:
            text = text.replace(char, escaped)
    if "\n" in text:
        return _LINE_START.sub(_line_start, text)
    return _LINE_START.sub(_line_start, text, count=1) if text[:1] in _MARK_FIRST else text


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
