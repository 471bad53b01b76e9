"""The registry of listing page kinds. Each module of this folder is one kind of page (or a
subject's page and its index) and declares, in `KINDS`, for each kind:

- `name` and `order` (the order pages are built in);
- `pages(index)`: the (path, subject) pairs of its pages in a build;
- `render(index, subject, periods)`: one page's Markdown (long listings add period pages to
  `periods`);
- `reads`: the fields of an Article its pages show.

The registry is found by importing every module here: adding a page kind is adding one module
(and its test). What listing pages show of an article is the union of the fields the kinds
declare (`listed_fields`): the conversion hashes those fields of each article
(fingerprint.listing_hash), and the listing pages are built again when one of them changed
(pipeline). A kind that reads a field it does not declare is caught by
tests/test_page_kinds.py.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

# Fields every list of articles shows (title, date, source, the date of its latest event when it
# has none) and every timeline (events with their documents, and the provinces and regions of
# the articles that report them; long ones are cut into periods by the articles' dates).
ARTICLE_ITEM = frozenset({"slug", "title", "date", "source", "events"})
TIMELINE = frozenset({"events", "provinces", "regions", "documents", "document_refs", "date"})


@dataclass(frozen=True)
class PageKind:
    name: str
    order: int
    pages: Callable[[object], Iterable[tuple[str, str]]]
    render: Callable[[object, str, object], str]
    reads: frozenset[str]


@lru_cache(maxsize=None)
def registry() -> tuple[PageKind, ...]:
    """Every listing page kind, from the modules of this folder, in build order."""
    kinds: list[PageKind] = []
    for module in pkgutil.iter_modules(__path__):
        kinds += getattr(importlib.import_module(f"{__name__}.{module.name}"), "KINDS", [])
    return tuple(sorted(kinds, key=lambda k: k.order))


def listed_fields() -> tuple[str, ...]:
    """The Article fields some listing page shows, in a fixed order."""
    return tuple(sorted(frozenset().union(*(k.reads for k in registry()))))
