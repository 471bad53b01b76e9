"""Every generated page of a build, from the registry of page kinds (pages/kinds/)."""

from __future__ import annotations

from ..catalog.index import SiteIndex
from .kinds import registry
from .kinds.article import article_page
from .listing import PeriodPages
from ..names import article_path


def build_pages(index: SiteIndex, listings: bool = True, periods: PeriodPages | None = None,
                article_pages: dict[str, bytes] | None = None) -> dict[str, str | bytes]:
    """Every generated page (only the article pages when `listings` is false). Article pages
    come from the conversion when given (`article_pages`, by slug), else are rendered here.
    Subject pages with long listings add period pages: those rendered are returned with the
    others, those kept as the last build wrote them are in `periods.kept`."""
    pages: dict[str, str | bytes] = {}
    periods = periods if periods is not None else PeriodPages()
    given = article_pages or {}
    for slug, a in index.articles.items():
        pages[article_path(slug)] = given.get(slug) or article_page(a)
    if not listings:
        return pages
    for kind in registry():
        for path, subject in kind.pages(index):
            pages[path] = kind.render(index, subject, periods)
    clash = set(periods.keys) & set(pages)
    if clash:      # an article slug never looks like a month page, but never overwrite one
        raise AssertionError(f"period page paths clash with pages: {sorted(clash)[:3]}")
    pages.update(periods.pages)
    return pages
