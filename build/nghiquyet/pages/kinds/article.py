"""The article page: a function of the article alone (every document it cites and every province
it names has a page), rendered once, when the article is converted (pipeline.convert_file); the
conversion cache keeps it. Not a listing kind: its freshness is the cache's."""

from __future__ import annotations

from urllib.parse import quote, urlparse

from ...catalog.tracker import stage_of
from ..heads import linked
from ..listing import doc_label, doc_link, kind_name, region_link, unindexed
from ...names import FILTER_DOCUMENT, FILTER_PROVINCE, FILTER_REGION, FILTER_STAGE, article_path, province_path, rel
from ..markup import escape, link, vn_date
from ..searchdata import search_block
from ...vocabulary import regions

from ...records import Article
from .. import frontmatter


# Characters an original address keeps as they are in a Markdown link (brackets, spaces and quotes
# are encoded, so the address can never end the link or the attribute).
_URL_SAFE = ":/?#@!$&'*+,;=%~"


def article_page(a: Article, front_matter: str | None = None) -> str:
    """An article's page: a function of the article alone (every document it cites and every
    province it names has a page), so it is rendered once, when the article is converted."""
    page = article_path(a.slug)
    # Slugs are assigned after conversion, but the front matter does not contain the slug.
    out = [front_matter or frontmatter.render(frontmatter.to_dict(a), a.source_file),
           f"\n# {escape(a.title)}\n\n"]
    facts = []
    if a.date:
        facts.append(f"**Ngày đăng:** {vn_date(a.date)}")
    if a.author:
        facts.append(f"**Tác giả:** {escape(a.author)}")
    if a.source:
        facts.append(f"**Nguồn:** {escape(a.source)}")
    if a.url:
        facts.append(f"**Bài gốc:** {link(urlparse(a.url).hostname or a.url, quote(a.url, safe=_URL_SAFE))}")
    elif a.site:
        facts.append(f"**Đăng trên:** {escape(a.site)}")
    if facts:
        out.append(" · ".join(facts) + '\n{ .nq-meta data-pagefind-ignore="index" }\n\n')
    links = []
    if a.documents:
        links.append("**Văn bản:** " + ", ".join(doc_link(page, d) for d in a.documents))
    if a.regions:
        links.append("**Vùng:** " + ", ".join(region_link(page, r) for r in a.regions))
    if a.provinces:
        links.append("**Tỉnh, thành phố:** " + ", ".join(link(p, rel(page, province_path(p))) for p in a.provinces))
    if links:
        out.append("  \n".join(links) + '\n{ .nq-links data-pagefind-ignore="index" }\n\n')
    spans: dict[int, list] = {}
    for b, start, end, kind, target in a.links:
        spans.setdefault(b, []).append((start, end, kind, target))
    for b, block in enumerate(a.blocks):
        text = linked(page, block.text, spans.get(b, []))
        out.append((f"{text}\n{{ .nq-caption }}\n" if block.kind == "caption" else f"{text}\n") + "\n")
    extra = []
    if a.events:
        extra.append("## Sự kiện trong bài\n\n")
        for e in a.events:
            doc = f" · {doc_link(page, e.document)}" if e.document else ""
            extra.append(f"1. {vn_date(e.date, e.inferred)} · **{escape(kind_name(e.kind))}**{doc}\n")
        extra.append("\n")
    if a.places or a.people:
        extra.append("## Địa danh và nhân vật\n\n")
        for p in a.places:
            where = f" ({link(p.province, rel(page, province_path(p.province)))})" if p.province else ""
            extra.append(f"- {escape(p.kind)} {escape(p.name)}{where}\n")
        for p in a.people:
            role = f", {escape(p.role)}" if p.role else ""
            extra.append(f"- {escape(p.name)}{role}\n")
        extra.append("\n")
    extra.append(f"<small>Tệp gốc: <code>{escape(a.source_file)}</code></small>\n")
    out.append(unindexed("".join(extra)))
    stages = list(dict.fromkeys(s.name for s in map(stage_of, a.events) if s))
    out.append(search_block("Bài viết", filters={FILTER_DOCUMENT: [doc_label(d) for d in a.documents],
                                                 FILTER_REGION: [regions()[r]["name"] for r in a.regions],
                                                 FILTER_PROVINCE: list(a.provinces), FILTER_STAGE: stages},
                            date=a.date, source=a.source, texts=[a.title] + [b.text for b in a.blocks],
                            aliases=list(a.provinces) + [p.name for p in a.places]))
    return "".join(out)
