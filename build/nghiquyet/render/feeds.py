"""Atom feeds, written into the rendered site by the MkDocs plugin: all new articles, and one
feed per document and per region. Built from site/du-lieu.json; dated by the articles, never by
the clock (reproducible).

With a site URL every link is absolute and every id is the page's address. Without one no host
is made up: links are relative to the feed's own address (RFC 4287 resolves them against it) and
ids are `urn:uuid:` names made from the site's name and the page's path, stable from build to
build."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr


from ..pages.listing import doc_label
from ..names import DOCUMENTS_DIR, EXPORT, REGIONS_DIR, SITE_FEED, feed_path, rel
from ..settings import DEFAULT


@dataclass(frozen=True)
class Addresses:
    """How a feed names the site's pages: absolute under the site URL when there is one, else
    relative to the feed."""
    site_url: str | None
    site_name: str

    def link(self, feed: str, path: str) -> str:
        if self.site_url:
            return urljoin(self.site_url if self.site_url.endswith("/") else self.site_url + "/", path)
        return rel(feed, path) or "./"

    def id(self, path: str) -> str:
        if self.site_url:
            return self.link("", path)
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'nghiquyet:' + self.site_name + ':' + path)}"



def _when(a: dict) -> str | None:
    """An exported article's own time (as Article.when): its date, else its latest event's."""
    return a.get("date") or max((e["date"] for e in a.get("events", [])), default=None)


def _entry(at: Addresses, feed: str, a: dict) -> str:
    when = _when(a) or "2000-01-01"
    summary = a.get("description") or ""
    author = f"<author><name>{escape(a['author'])}</name></author>" if a.get("author") else ""
    via = f'<link rel="via" href={quoteattr(a["source_url"])}/>' if a.get("source_url") else ""
    return (f"<entry><title>{escape(a['title'])}</title><link href={quoteattr(at.link(feed, a['url']))}/>{via}"
            f"<id>{escape(at.id(a['url']))}</id><published>{when}T00:00:00Z</published>"
            f"<updated>{when}T00:00:00Z</updated>{author}<summary>{escape(summary)}</summary></entry>")


def _feed(at: Addresses, title: str, self_path: str, articles: list[dict], items: int, newest: str) -> str:
    """An Atom feed (RFC 4287): dated by its newest entry (by the site's newest article when it
    has none), with the site as the author of entries that name none."""
    dated = sorted(articles, key=lambda a: (_when(a) or "", a["url"]), reverse=True)[:items]
    updated = max((_when(a) for a in dated if _when(a)), default=newest)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">'
            f"<title>{escape(title)}</title><link href={quoteattr(at.link(self_path, ''))}/>"
            f"<link rel=\"self\" href={quoteattr(at.link(self_path, self_path))}/>"
            f"<id>{escape(at.id(self_path))}</id><updated>{updated}T00:00:00Z</updated>"
            f"<author><name>{escape(at.site_name)}</name></author>"
            + "".join(_entry(at, self_path, a) for a in dated) + "</feed>\n")


def write_feeds(site_dir: Path, site_url: str | None, site_name: str, items: int = DEFAULT.feed_items) -> list[str]:
    data_file = site_dir / EXPORT
    if not data_file.is_file():
        return []
    data = json.loads(data_file.read_text(encoding="utf-8"))
    at = Addresses(site_url or None, site_name)
    by_url = {a["url"]: a for a in data["articles"]}
    newest = max((_when(a) for a in data["articles"] if _when(a)), default="2000-01-01")
    feeds = {SITE_FEED: _feed(at, site_name, SITE_FEED, data["articles"], items, newest)}
    for doc in data["documents"]:
        path = feed_path(DOCUMENTS_DIR, doc["id"])
        feeds[path] = _feed(at, f"{site_name}: {doc_label(doc['id'])}", path,
                            [by_url[u] for u in doc["articles"]], items, newest)
    for region in data["regions"]:
        path = feed_path(REGIONS_DIR, region["id"])
        feeds[path] = _feed(at, f"{site_name}: vùng {region['name']}", path,
                            [by_url[u] for u in region["articles"]], items, newest)
    for path, text in feeds.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return sorted(feeds)


def write_robots(site_dir: Path, site_url: str | None) -> None:
    """robots.txt: everything may be crawled; the sitemap's address when the site's is known.
    (Unlinked first: a new file, never one written through a link that may point elsewhere.)"""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {urljoin(site_url if site_url.endswith('/') else site_url + '/', 'sitemap.xml')}")
    target = site_dir / "robots.txt"
    target.unlink(missing_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
