"""Atom feeds, written into the rendered site by the MkDocs plugin (it knows site_url, so
every link is absolute): all new articles, and one feed per document and per region.
Built from site/du-lieu.json; dated by the articles, never by the clock (reproducible)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr


from ..pages.listing import doc_label
from ..names import DOCUMENTS_DIR, EXPORT, REGIONS_DIR, SITE_FEED, feed_path
from ..settings import DEFAULT



def _when(a: dict) -> str | None:
    """An exported article's own time (as Article.when): its date, else its latest event's."""
    return a.get("date") or max((e["date"] for e in a.get("events", [])), default=None)


def _entry(base: str, a: dict) -> str:
    url = urljoin(base, a["url"])
    when = _when(a) or "2000-01-01"
    summary = a.get("description") or ""
    author = f"<author><name>{escape(a['author'])}</name></author>" if a.get("author") else ""
    via = f'<link rel="via" href={quoteattr(a["source_url"])}/>' if a.get("source_url") else ""
    return (f"<entry><title>{escape(a['title'])}</title><link href={quoteattr(url)}/>{via}<id>{escape(url)}</id>"
            f"<updated>{when}T00:00:00Z</updated>{author}<summary>{escape(summary)}</summary></entry>")


def _feed(base: str, title: str, self_path: str, articles: list[dict], items: int, site_name: str,
          newest: str) -> str:
    """An Atom feed (RFC 4287): dated by its newest entry (by the site's newest article when it
    has none), with the site as the author of entries that name none."""
    dated = sorted(articles, key=lambda a: (_when(a) or "", a["url"]), reverse=True)[:items]
    updated = max((_when(a) for a in dated if _when(a)), default=newest)
    self_url = urljoin(base, self_path)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">'
            f"<title>{escape(title)}</title><link href={quoteattr(base)}/><link rel=\"self\" href={quoteattr(self_url)}/>"
            f"<id>{escape(self_url)}</id><updated>{updated}T00:00:00Z</updated>"
            f"<author><name>{escape(site_name)}</name></author>"
            + "".join(_entry(base, a) for a in dated) + "</feed>\n")


def write_feeds(site_dir: Path, site_url: str, site_name: str, items: int = DEFAULT.feed_items) -> list[str]:
    data_file = site_dir / EXPORT
    if not data_file.is_file():
        return []
    data = json.loads(data_file.read_text(encoding="utf-8"))
    base = site_url if site_url.endswith("/") else site_url + "/"
    by_url = {a["url"]: a for a in data["articles"]}
    newest = max((_when(a) for a in data["articles"] if _when(a)), default="2000-01-01")
    feeds = {SITE_FEED: _feed(base, site_name, SITE_FEED, data["articles"], items, site_name, newest)}
    for doc in data["documents"]:
        path = feed_path(DOCUMENTS_DIR, doc["id"])
        feeds[path] = _feed(base, f"{site_name}: {doc_label(doc['id'])}", path,
                            [by_url[u] for u in doc["articles"]], items, site_name, newest)
    for region in data["regions"]:
        path = feed_path(REGIONS_DIR, region["id"])
        feeds[path] = _feed(base, f"{site_name}: vùng {region['name']}", path,
                            [by_url[u] for u in region["articles"]], items, site_name, newest)
    for path, text in feeds.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return sorted(feeds)


def write_robots(site_dir: Path, site_url: str | None) -> None:
    """robots.txt: everything may be crawled; the sitemap's address when the site's is known.
    (Unlinked first: in an incremental render the site folder may hold hard links to the old one.)"""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {urljoin(site_url if site_url.endswith('/') else site_url + '/', 'sitemap.xml')}")
    target = site_dir / "robots.txt"
    target.unlink(missing_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
