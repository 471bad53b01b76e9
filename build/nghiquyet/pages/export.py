"""The JSON export of the whole site's data (content/du-lieu.json -> site/du-lieu.json), for
people who reuse it. The MkDocs plugin also builds the Atom feeds from it."""

from __future__ import annotations

import json

from .frontmatter import to_dict
from ..catalog.index import SiteIndex
from ..catalog.tracker import track
from ..records import Article
from ..names import article_path, document_path, province_path, region_path
from ..vocabulary import regions

VERSION = 1


def _url(md_path: str) -> str:
    """The page's URL relative to the site root (MkDocs directory URLs)."""
    return md_path[:-len("index.md")] if md_path.endswith("index.md") else md_path[:-3] + "/"


def _dumps(data) -> str:
    # No indent: json's C encoder only runs without one, and the file can hold thousands of articles.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def export_members(a: Article) -> bytes:
    """The article's export record without its URL (known only once slugs are assigned), as
    the members of a JSON object in UTF-8; computed when the article is converted."""
    data = to_dict(a)
    data.pop("digest", None)
    if "url" in data:            # an exported article's "url" is its page on this site
        data["source_url"] = data.pop("url")
    return _dumps(data)[1:-1].encode("utf-8")


def _article(slug: str, a: Article, members: bytes | None) -> bytes:
    members = members if members is not None else export_members(a)
    url = _url(article_path(slug))
    # Slugs are ASCII letters, digits and hyphens: the JSON string is the URL in quotes.
    quoted = f'"{url}"' if url.isascii() and url.isprintable() and not {'"', "\\"} & set(url) else _dumps(url)
    return b'{"url":' + quoted.encode("utf-8") + (b"," + members if members else b"") + b"}"


def _steps(steps: dict) -> dict:
    return {stage: {"date": s.date, "inferred": s.inferred, "articles": [_url(article_path(a)) for a in s.articles]}
            for stage, s in steps.items()}


def _tracker(index: SiteIndex, doc_id: str) -> dict:
    """A resolution's implementation tracker: central steps and each province's, by stage id
    (vocabulary.yaml implementation_stages), each with its first date and every article."""
    t = track(index, doc_id)
    return {"central": _steps(t.central),
            "provinces": [{"province": r.province, "today": r.today, "stages": _steps(r.steps)} for r in t.rows]}


def export(index: SiteIndex, members: dict[str, bytes] | None = None) -> bytes:
    """The same JSON (UTF-8) as dumping one object {version, articles, documents, regions,
    provinces, events}, with each article's record reused from its conversion (`members`, by
    slug) when given."""
    known = members or {}
    articles = b"[" + b",".join(_article(slug, a, known.get(slug)) for slug, a in index.articles.items()) + b"]"
    documents = [{"id": d.id, "url": _url(document_path(d.id)), "type": d.type, "number": d.number, "year": d.year,
                  "date": d.date, "term": d.term, "issuer": d.issuer, "title": d.title, "regions": d.regions,
                  "replaces": d.replaces, "replaced_by": d.replaced_by, "concerns": d.concerns,
                  "catalogued": d.catalogued, "articles": [_url(article_path(s)) for s in d.articles],
                  "tracker": _tracker(index, d.id) if d.regional else None}
                 for d in index.documents.values()]
    region_list = [{"id": rid, "url": _url(region_path(rid)), "name": r["name"], "spellings": r["spellings"],
                    "articles": [_url(article_path(s)) for s in index.region_articles[rid]]}
                   for rid, r in regions().items()]
    provinces = [{"name": p.name, "url": _url(province_path(p.name)), "kind": p.kind, "region": p.region,
                  "until_2025": p.historical, "current": p.current, "becomes": p.becomes if p.historical else None,
                  "formed_from": p.formed_from, "articles": [_url(article_path(s)) for s in p.articles]}
                 for p in sorted(index.provinces.values(), key=lambda p: p.slug)]
    events = [{"date": e.date, "kind": e.kind, "document": e.document, "inferred": e.inferred, "summary": e.summary,
               "actor": e.actor, "province": e.province,
               "from_catalogue": e.from_catalogue, "provinces": e.provinces, "regions": e.regions,
               "articles": [_url(article_path(s)) for s in e.articles]} for e in index.timeline]
    rest = _dumps({"documents": documents, "regions": region_list, "provinces": provinces, "events": events})
    return (_dumps({"version": VERSION})[:-1] + ',"articles":').encode("utf-8") + articles + ("," + rest[1:] + "\n").encode("utf-8")
