"""A page written twice: as the Markdown content/ holds, and as the HTML MkDocs renders from that
Markdown with the extensions of mkdocs.yml (attr_list, md_in_html, and MkDocs' own toc without
permalinks, tables, fenced_code), made directly.

Why: rendering an article page's Markdown is two thirds of what MkDocs spends on it (about 4 ms
of 6 at 5,000 articles: Python-Markdown's block parser, its inline patterns over every paragraph,
its HTML parser over the raw blocks). The article page (pages/kinds/article.py) is built once,
here, from blocks whose every character it knows, so the HTML is a string join. The render
(render/prerendered.py) takes it for a page whose Markdown is exactly the one written beside it
and when the site's Markdown extensions are the ones above; links are left as the Markdown's
targets and resolved there by MkDocs' own resolver, as it resolves them in a Markdown page.

The HTML is the bytes Python-Markdown gives (tests/test_twin.py renders random and hostile pages
both ways). Text it cannot promise that for (control characters, white space at the ends of a
block or of bold or link text, an empty block) makes the page `exact = False`: it is then
rendered from its Markdown, as any page.
"""

from __future__ import annotations

import hashlib
import html
import re

from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique

from .markup import _LINE_START, ENTITY_AT_START, escape, link
from ..records import Prerendered

# The extensions (and their settings) the HTML is Python-Markdown's output for (MkDocs adds
# toc, tables and fenced_code to those mkdocs.yml names).
EXTENSIONS = frozenset({"attr_list", "tables", "md_in_html", "toc", "fenced_code"})
EXTENSION_CONFIGS = {"toc": {"permalink": False}}
# Characters Python-Markdown reads as something else than text (line ends, tabs expanded, its own
# placeholders) or that no page should hold.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")

# A run of inline content: ("text", s) | ("strong", s) | ("link", label, target) | ("html", raw).
Run = tuple


def html_text(text: str) -> str:
    """What Python-Markdown writes for `escape(text)`: HTML's three characters as entities, and
    the entity `escape` writes for an "=" or "~" that begins it."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    m = _LINE_START.match(out)
    if m and m[3]:
        out = f"{m[1]}{ENTITY_AT_START[m[3]]}{out[m.end():]}"
    return out


class Twin:
    """Blocks added one after the other, each written as Markdown and as HTML."""

    def __init__(self) -> None:
        self.md: list[str] = []
        self.html: list[str] = [""]       # odd positions: link targets
        self.exact = True
        self._ids: set[str] = set()
        self._counters: dict[str, int] = {}
        self._toc: list[dict] = []
        self._first = None                # the first block's heading text, if it is an h1

    # -- inline ----------------------------------------------------------------------------
    def _check(self, text: str, trimmed: bool = True) -> None:
        if _UNSAFE.search(text) or (trimmed and (not text or text != text.strip())):
            self.exact = False

    def _inline(self, runs: list[Run]) -> str:
        md = []
        for run in runs:
            kind = run[0]
            if kind == "text":
                self._check(run[1], trimmed=False)
                md.append(escape(run[1]))
                self._emit(html_text(run[1]))
            elif kind == "strong":
                self._check(run[1])
                md.append(f"**{escape(run[1])}**")
                self._emit(f"<strong>{html_text(run[1])}</strong>")
            elif kind == "link":
                self._check(run[1])
                md.append(link(run[1], run[2]))
                self._emit('<a href="')
                self.html += [run[2], ""]
                self._emit(f'">{html_text(run[1])}</a>')
            else:
                md.append(run[1])
                self._emit(run[1])
        text = "".join(md)
        if not text or text != text.strip():
            self.exact = False
        return text

    def _emit(self, html: str) -> None:
        self.html[-1] += html

    # -- blocks ----------------------------------------------------------------------------
    def heading(self, level: int, text: str) -> None:
        self._check(text)
        inner = html_text(text)
        name = strip_tags(inner)
        hid = unique(slugify(html.unescape(name), "-"), self._ids, self._counters)
        self._toc.append({"level": level, "id": hid, "name": name, "html": inner, "data-toc-label": ""})
        if not self.md and level == 1:
            self._first = name
        self.md.append(f"{'#' * level} {escape(text)}\n\n")
        self._emit(f'<h{level} id="{hid}">{inner}</h{level}>\n')

    def paragraph(self, runs: list[Run], attrs: list[tuple[str, str]] | None = None) -> None:
        self.lines([runs], attrs)

    def lines(self, lines: list[list[Run]], attrs: list[tuple[str, str]] | None = None) -> None:
        """A paragraph of lines joined by hard line breaks, with attributes (attr_list)."""
        self._emit(f"<p{_attributes(attrs)}>")
        md = []
        for i, runs in enumerate(lines):
            if i:
                self._emit("<br />\n")
            md.append(self._inline(runs))
        self._emit("</p>\n")
        self.md.append("  \n".join(md) + (f"\n{{ {_attr_list(attrs)} }}" if attrs else "") + "\n\n")

    def items(self, ordered: bool, items: list[list[Run]]) -> None:
        tag, mark = ("ol", "1. ") if ordered else ("ul", "- ")
        self._emit(f"<{tag}>\n")
        md = []
        for runs in items:
            self._emit("<li>")
            md.append(mark + self._inline(runs) + "\n")
            self._emit("</li>\n")
        self._emit(f"</{tag}>\n")
        self.md.append("".join(md) + "\n")

    def open_unindexed(self) -> None:
        """Blocks the search index leaves out (listing.unindexed), until `close_unindexed`."""
        self.md.append('<div data-pagefind-ignore="index" markdown>\n\n')
        self._emit('<div data-pagefind-ignore="index">\n')

    def close_unindexed(self) -> None:
        self.md.append("</div>\n" if self.md[-1].endswith("\n\n") else "\n</div>\n")
        self._emit("</div>\n")

    def raw(self, block: str) -> None:
        """A block of HTML (attributes escaped by its maker), kept as it is."""
        self.md.append(block)
        self._emit(block.strip("\n") + "\n")

    # -- out -------------------------------------------------------------------------------
    def markdown(self) -> str:
        return "".join(self.md)

    def prerendered(self) -> Prerendered | None:
        """The HTML, when it is exactly what MkDocs would make of `markdown()`."""
        if not self.exact:
            return None
        digest = hashlib.sha256(self.markdown().encode("utf-8")).hexdigest()
        parts = list(self.html)
        parts[-1] = parts[-1].rstrip("\n")
        return Prerendered(digest, tuple(parts), tuple(nest_toc_tokens([dict(t) for t in self._toc])), self._first,
                           frozenset(self._ids))


def _attributes(attrs: list[tuple[str, str]] | None) -> str:
    return "".join(f' {k}="{v}"' for k, v in attrs or ())


def _attr_list(attrs: list[tuple[str, str]]) -> str:
    return " ".join(f".{v}" if k == "class" else f'{k}="{v}"' for k, v in attrs)
