"""The article page: a function of the article alone (every document it cites and every province
it names has a page), rendered once, when the article is converted (pipeline.convert_file); the
conversion cache keeps it. Not a listing kind: its freshness is the cache's."""

from __future__ import annotations

from urllib.parse import quote, urlparse

from ...catalog.tracker import stage_of
from ..heads import linked
from ..listing import doc_label, kind_name
from ...names import (FILTER_DOCUMENT, FILTER_PROVINCE, FILTER_REGION, FILTER_STAGE, article_path, document_path,
                      province_path, region_path, rel)
from ..markup import vn_date
from ..searchdata import search_block
from ..twin import Twin
from ...vocabulary import regions

from ...records import Article
from .. import frontmatter


# Characters an original address keeps as they are in a Markdown link (brackets, spaces and quotes
# are encoded, so the address can never end the link or the attribute; Python-Markdown reads a
# quoted end of the address, "/a'b'", as the link's title).
_URL_SAFE = ":/?#@!$&*+,;=%~"


def article_page(a: Article, front_matter: str | None = None, twin: Twin | None = None) -> str:
    """An article's page: a function of the article alone (every document it cites and every
    province it names has a page), so it is rendered once, when the article is converted (which
    passes the twin it also takes the page's HTML from)."""
    fm = front_matter or frontmatter.render(frontmatter.to_dict(a), a.source_file)
    return f"{fm}\n{(twin or article_twin(a)).markdown()}"


def article_twin(a: Article) -> Twin:
    """The page after its front matter, written as Markdown and as HTML (twin.py)."""
    page = article_path(a.slug)
    # Slugs are assigned after conversion, but the front matter does not contain the slug.
    out = Twin()
    out.heading(1, a.title)
    facts = []
    if a.date:
        facts.append([("strong", "Ngày đăng:"), ("html", f" {vn_date(a.date)}")])
    if a.author:
        facts.append([("strong", "Tác giả:"), ("text", f" {a.author}")])
    if a.source:
        facts.append([("strong", "Nguồn:"), ("text", f" {a.source}")])
    if a.url:
        facts.append([("strong", "Bài gốc:"), ("text", " "),
                      ("link", urlparse(a.url).hostname or a.url, quote(a.url, safe=_URL_SAFE))])
    elif a.site:
        facts.append([("strong", "Đăng trên:"), ("text", f" {a.site}")])
    if facts:
        out.paragraph(_joined(facts, " · "), [("class", "nq-meta"), ("data-pagefind-ignore", "index")])
    links = []
    if a.documents:
        links.append([("strong", "Văn bản:"), ("text", " ")]
                     + _joined([[("link", doc_label(d), rel(page, document_path(d)))] for d in a.documents], ", "))
    if a.regions:
        links.append([("strong", "Vùng:"), ("text", " ")]
                     + _joined([[("link", regions()[r]["name"], rel(page, region_path(r)))] for r in a.regions], ", "))
    if a.provinces:
        links.append([("strong", "Tỉnh, thành phố:"), ("text", " ")]
                     + _joined([[("link", p, rel(page, province_path(p)))] for p in a.provinces], ", "))
    if links:
        out.lines(links, [("class", "nq-links"), ("data-pagefind-ignore", "index")])
    spans: dict[int, list] = {}
    for b, start, end, kind, target in a.links:
        spans.setdefault(b, []).append((start, end, kind, target))
    for b, block in enumerate(a.blocks):
        out.paragraph(linked(page, block.text, spans.get(b, [])),
                      [("class", "nq-caption")] if block.kind == "caption" else None)
    out.open_unindexed()
    if a.events:
        out.heading(2, "Sự kiện trong bài")
        out.items(True, [[("html", vn_date(e.date, e.inferred)), ("text", " · "), ("strong", kind_name(e.kind))]
                         + ([("text", " · "), ("link", doc_label(e.document), rel(page, document_path(e.document)))]
                            if e.document else [])
                         for e in a.events])
    if a.places or a.people:
        out.heading(2, "Địa danh và nhân vật")
        out.items(False, [[("text", f"{p.kind} {p.name}")]
                          + ([("html", " ("), ("link", p.province, rel(page, province_path(p.province))), ("html", ")")]
                             if p.province else []) for p in a.places]
                  + [[("text", f"{p.name}, {p.role}" if p.role else p.name)] for p in a.people])
    out.paragraph([("html", "<small>Tệp gốc: <code>"), ("text", a.source_file), ("html", "</code></small>")])
    out.close_unindexed()
    stages = list(dict.fromkeys(s.name for s in map(stage_of, a.events) if s))
    out.raw(search_block("Bài viết", filters={FILTER_DOCUMENT: [doc_label(d) for d in a.documents],
                                              FILTER_REGION: [regions()[r]["name"] for r in a.regions],
                                              FILTER_PROVINCE: list(a.provinces), FILTER_STAGE: stages},
                         date=a.date, source=a.source, texts=[a.title] + [b.text for b in a.blocks],
                         aliases=list(a.provinces) + [p.name for p in a.places]))
    return out


def _joined(groups: list[list], separator: str) -> list:
    """Runs of each group, with a text separator between groups."""
    out: list = []
    for i, group in enumerate(groups):
        if i:
            out.append(("text", separator))
        out += group
    return out
