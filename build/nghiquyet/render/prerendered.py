"""Pages whose HTML the conversion made with their Markdown (pages/twin.py): MkDocs' render takes
it instead of converting the Markdown again.

A page is taken only when its Markdown is, byte for byte, the one the HTML was made from (a page
edited by hand, or changed by another plugin, is rendered as usual) and when the site's Markdown
extensions are the ones the HTML is Python-Markdown's output for (`usable`). Its links are
resolved here by MkDocs' own resolver (`_RelativePathTreeprocessor.path_to_url`), page by page,
with the warnings MkDocs gives for a link whose target is missing; its table of contents, title
and anchors are what Python-Markdown's toc and MkDocs' treeprocessors would have found.
Used by the worker processes of a large render (parallel.py), where the article pages are.
"""

from __future__ import annotations

import hashlib
import logging
import pickle

from markdown.serializers import RE_AMP

from ..pages.twin import EXTENSION_CONFIGS, EXTENSIONS
from ..records import Prerendered

TAKEN = {"pages": 0}           # pages this process took prerendered (a running count)


def usable(cfg) -> bool:
    """Is the HTML the conversion made what this configuration's Markdown step would make?"""
    return set(cfg["markdown_extensions"]) == EXTENSIONS and (cfg["mdx_configs"] or {}) == EXTENSION_CONFIGS


def _attribute(value: str) -> str:
    """An attribute value as Python-Markdown's serializer writes it (an entity is kept)."""
    if "&" in value:
        value = RE_AMP.sub("&amp;", value)
    return value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def fill(page, known: Prerendered, config, files) -> None:
    """Set what `Page.render` sets, from the prerendered HTML."""
    from mkdocs.structure.pages import _RelativePathTreeprocessor
    from mkdocs.structure.toc import get_toc

    resolver = _RelativePathTreeprocessor(page.file, files, config)
    parts = list(known.parts)
    for i in range(1, len(parts), 2):
        parts[i] = _attribute(resolver.path_to_url(parts[i]))
    page.content = "".join(parts)
    page.toc = get_toc(list(known.toc))
    page._title_from_render = known.title
    page.present_anchor_ids = set(known.ids)
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = resolver.links_to_anchors


def install(store: dict[str, bytes]) -> None:
    """From now on in this process, `Page.render` takes a page's HTML from `store` (pickled
    Prerendered records by path in the docs folder) when it is the HTML of the page's Markdown."""
    from mkdocs.structure.pages import Page

    real = Page.render

    def render(page, config, files):
        blob = store.get(page.file.src_uri)
        known = pickle.loads(blob) if blob is not None and page.markdown is not None else None
        if not isinstance(known, Prerendered) or \
                hashlib.sha256(page.markdown.encode("utf-8")).hexdigest() != known.digest:
            return real(page, config, files)
        try:
            fill(page, known, config, files)
        except Exception:  # noqa: BLE001 - another MkDocs' internals: the page is rendered as usual
            return real(page, config, files)
        TAKEN["pages"] += 1

    Page.render = render
