"""The article page written twice (build/nghiquyet/pages/twin.py): the HTML made with its Markdown
is what MkDocs renders from that Markdown, byte for byte, with the same table of contents, title,
anchors and links; text it cannot promise that for leaves the page to MkDocs; and the render takes
the HTML only when the page and the configuration are the ones it was made for
(render/prerendered.py)."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, make_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CORPORA = [ROOT / "corpus"] + [FIXTURES / name for name in ("articles", "devset", "hostile", "layouts", "written")]


def _toc(items) -> list:
    return [(i.title, i.id, i.level, _toc(i.children)) for i in items]


def _rendered_both_ways(cfg, files, src: str, markdown: str, known):
    """(what MkDocs' render sets, what the prerendered HTML sets) for one page."""
    from mkdocs.structure.pages import Page

    from nghiquyet.render.prerendered import fill

    out = []
    for how in ("mkdocs", "twin"):
        page = Page(None, files.get_file_from_path(src), cfg)
        page.markdown, page.meta = markdown, {}
        if how == "mkdocs":
            page.render(cfg, files)
        else:
            fill(page, known, cfg, files)
        out.append((page.content, _toc(page.toc), page._title_from_render, page.present_anchor_ids,
                    page.links_to_anchors))
    return out


def _config(content: Path):
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    cfg = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(content))
    return cfg, get_files(cfg)


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_every_article_page_is_prerendered_as_mkdocs_renders_it(corpus, tmp_path):
    """Real, written and hostile articles: each article page's HTML, links resolved, equals
    MkDocs' rendering of the page as written in content/ (its Markdown after the front matter)."""
    from nghiquyet.pipeline import convert
    from nghiquyet.render.prerendered import usable

    content = make_project(tmp_path / "p", corpus) / "content"
    report, stats = convert(tmp_path / "p" / "corpus", content, None)
    cfg, files = _config(content)
    assert usable(cfg)
    published = [o for o in report.outcomes if o.status == "published"]
    assert len(stats.prerendered) == len(published) > 0
    for src, blob in stats.prerendered.items():
        known = pickle.loads(blob)
        from mkdocs.utils import meta

        markdown, _ = meta.get_data((content / src).read_text(encoding="utf-8"))
        assert hashlib.sha256(markdown.encode("utf-8")).hexdigest() == known.digest
        mkdocs, twin = _rendered_both_ways(cfg, files, src, markdown, known)
        assert twin == mkdocs, src
        assert "<h1 id=" in twin[0] and twin[1]


# Text dense with what Markdown, HTML and the extensions read as marks, at the start, in the
# middle and at the end of titles, paragraphs, captions, bylines, names and addresses.
MARKS = list("<>&*_`#[]()!|-+.\\{}:=~^$\"'/ ") + [
    "~~~", "```", "---", "===", "1. ", "# ", "> ", "    ", "<script>", "&amp;", "&#61;", "{: .x}", "[a](b)", "Đồng Nai",
    "Hà Nội", "\u00a0"]
CHARS = st.characters(blacklist_categories=("Cc", "Cs"))
# Mostly text of one cleaned line; now and then a tab, a line break or white space at an end,
# which the page leaves to MkDocs.
LINE = st.lists(st.one_of(st.sampled_from(MARKS), st.text(CHARS, min_size=1, max_size=6)), min_size=1,
                max_size=12).map("".join).map(str.strip).filter(bool)
TEXT = st.tuples(st.integers(0, 19), LINE, st.sampled_from(["a\tb", "a\nb", " a", "b "])).map(
    lambda x: x[2] if x[0] == 19 else x[1])


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A converted article with documents, regions, provinces, events and links, and a docs folder."""
    from nghiquyet.pipeline import convert_all

    converted, _ = convert_all(ROOT / "corpus", None, 1)
    article = max((c.article for c in converted), key=lambda a: (len(a.events), len(a.links)))
    content = tmp_path_factory.mktemp("twin") / "content"
    (content / "bai-viet").mkdir(parents=True)
    (content / "bai-viet" / "x.md").write_text("# x\n", encoding="utf-8")
    return replace(article, slug="x"), content


@given(title=TEXT, body=st.lists(st.tuples(st.sampled_from(["paragraph", "caption"]), TEXT), min_size=1, max_size=4),
       author=st.one_of(st.none(), TEXT), source=st.one_of(st.none(), TEXT), person=TEXT, place=TEXT,
       url=st.one_of(st.none(), TEXT.map(lambda t: "https://example.org/" + t)))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_hostile_fields_are_prerendered_exactly_or_left_to_mkdocs(sample, title, body, author, source, person,
                                                                  place, url):
    from nghiquyet.pages.kinds.article import article_twin
    from nghiquyet.records import Block, Person, Place

    article, content = sample
    article = replace(article, title=title, blocks=tuple(Block(k, t) for k, t in body), author=author, source=source,
                      url=url, people=(Person(person, "Bí thư"),), links=(),
                      places=(Place(place, "huyện", article.provinces[0] if article.provinces else None),))
    twin = article_twin(article)
    known = twin.prerendered()
    event("prerendered" if known else "left to MkDocs")
    if known is None:           # left to MkDocs: only for text it reads as more than text
        every = title + "".join(t for _, t in body) + (author or "") + (source or "") + person + place + (url or "")
        assert re.search(r"[\x00-\x1f\x7f]", every) or any(t != t.strip() or not t.strip() for t in
                                                            [title, person, place, author or "x", source or "x"]
                                                            + [t for _, t in body])
        return
    cfg, files = _config(content)
    mkdocs, made = _rendered_both_ways(cfg, files, "bai-viet/x.md", twin.markdown(), known)
    assert made == mkdocs
    assert "<script>" not in made[0]


def test_the_render_takes_the_html_only_for_the_markdown_and_extensions_it_was_made_for(tmp_path, monkeypatch):
    """A page edited after conversion, and every page of a site with another Markdown extension,
    are rendered from their Markdown."""
    from mkdocs.structure.pages import Page

    from nghiquyet.pipeline import convert
    from nghiquyet.render import prerendered

    content = make_project(tmp_path / "p") / "content"
    _, stats = convert(tmp_path / "p" / "corpus", content, None)
    cfg, files = _config(content)
    monkeypatch.setattr(Page, "render", Page.render)            # install() patches it: undone after
    prerendered.install(stats.prerendered)
    edited, kept = sorted(stats.prerendered)[:2]
    taken = prerendered.TAKEN["pages"]
    for src, extra in ((edited, "\n\nThêm một đoạn.\n"), (kept, "")):
        page = Page(None, files.get_file_from_path(src), cfg)
        page.read_source(cfg)
        page.markdown += extra
        page.render(cfg, files)
        assert ("Thêm một đoạn." in page.content) == bool(extra)
    assert prerendered.TAKEN["pages"] == taken + 1
    # MkDocs' internals not as expected: the page is rendered from its Markdown all the same.
    monkeypatch.setattr(prerendered, "fill", lambda *args: 1 / 0)
    page = Page(None, files.get_file_from_path(kept), cfg)
    page.read_source(cfg)
    page.render(cfg, files)
    assert "<h1" in page.content and prerendered.TAKEN["pages"] == taken + 1
    cfg["markdown_extensions"].append("smarty")
    assert not prerendered.usable(cfg)


def test_an_original_address_ending_in_quotes_stays_whole(sample):
    """Python-Markdown reads `(https://e.org/a'b')` as the address `https://e.org/a` titled "b":
    the page writes quotes encoded, and both renderings link to the whole address."""
    from nghiquyet.pages.kinds.article import article_twin

    article, content = sample
    twin = article_twin(replace(article, url="https://e.org/a'b'"))
    cfg, files = _config(content)
    mkdocs, made = _rendered_both_ways(cfg, files, "bai-viet/x.md", twin.markdown(), twin.prerendered())
    assert made == mkdocs and '<a href="https://e.org/a%27b%27">e.org</a>' in made[0]
