"""Atom feeds, written into the rendered site by the MkDocs plugin (it knows site_url, so
every link is absolute): all new articles, and one feed per document and per region.
Built from site/du-lieu.json; dated by the articles, never by the clock (reproducible)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr


from ..pages.listing import doc_label
from ..names import EXPORT, SITE_FEED, feed_path
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


def _feed(base: str, title: str, self_path: str, articles: list[dict], items: int) -> str:
    dated = sorted(articles, key=lambda a: (_when(a) or "", a["url"]), reverse=True)[:items]
    updated = max((a.get("date") or "2000-01-01" for a in dated), default="2000-01-01")
    self_url = urljoin(base, self_path)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">'
            f"<title>{escape(title)}</title><link href={quoteattr(base)}/><link rel=\"self\" href={quoteattr(self_url)}/>"
            f"<id>{escape(self_url)}</id><updated>{updated}T00:00:00Z</updated>"
            + "".join(_entry(base, a) for a in dated) + "</feed>\n")


def write_feeds(site_dir: Path, site_url: str, site_name: str, items: int = DEFAULT.feed_items) -> list[str]:
    data_file = site_dir / EXPORT
    if not data_file.is_file():
        return []
    data = json.loads(data_file.read_text(encoding="utf-8"))
    base = site_url if site_url.endswith("/") else site_url + "/"
    by_url = {a["url"]: a for a in data["articles"]}
    feeds = {SITE_FEED: _feed(base, site_name, SITE_FEED, data["articles"], items)}
    for doc in data["documents"]:
        path = feed_path("van-ban", doc["id"])
        feeds[path] = _feed(base, f"{site_name}: {doc_label(doc['id'])}", path,
                            [by_url[u] for u in doc["articles"]], items)
    for region in data["regions"]:
        path = feed_path("vung", region["id"])
        feeds[path] = _feed(base, f"{site_name}: vùng {region['name']}", path,
                            [by_url[u] for u in region["articles"]], items)
    for path, text in feeds.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return sorted(feeds)
