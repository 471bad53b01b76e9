"""Parts every generated page shares: its head (front matter and title), the link to its feed,
text with links to the documents and provinces it names."""

from __future__ import annotations

from . import frontmatter
from ..names import document_path, province_path, rel
from .markup import escape, link
from ..text import slugify


def page_head(title: str, description: str | None = None, searchable: bool = True,
              feed: str | None = None) -> str:
    meta = {"title": title}
    if description:
        meta["description"] = description
    if feed:
        meta["feed"] = feed                   # the page's own Atom feed (overrides/main.html)
    if not searchable:
        meta["search"] = {"exclude": True}    # listings would crowd out the pages they list
    return f"---\n{frontmatter.dump(meta)}---\n\n# {escape(title)}\n\n"


def feed_link(key: str) -> str:
    """A link to the page's Atom feed (written by the MkDocs plugin beside the page)."""
    return f'<p class="nq-feed"><a href="../{slugify(key)}.xml" type="application/atom+xml">Theo dõi bài viết mới (Atom)</a></p>\n\n'


def linked(page: str, text: str, spans: list) -> list[tuple]:
    """Text in which each named document or province links to its page, as runs of a page's
    blocks (twin.Twin)."""
    out, at = [], 0
    for start, end, kind, target in spans:
        path = document_path(target) if kind == "document" else province_path(target)
        if start > at:
            out.append(("text", text[at:start]))
        out.append(("link", text[start:end], rel(page, path)))
        at = end
    if at < len(text) or not out:
        out.append(("text", text[at:]))
    return out
