"""End to end: the five corpus articles built into a site, as a reader and a maintainer see it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import FIXTURES, ROOT, make_project, snapshot
from nghiquyet.cli import main
from nghiquyet.pages.frontmatter import parse, validate
from nghiquyet.names import article_path, document_path, province_path, region_path

SEEDS = yaml.safe_load((FIXTURES / "seeds.yaml").read_text(encoding="utf-8"))


def _html(site: Path, md_path: str) -> str:
    page = site / md_path[:-3] / "index.html" if not md_path.endswith("index.md") else site / md_path.replace(".md", ".html")
    return page.read_text(encoding="utf-8")


def _article_pages(root: Path) -> dict[str, dict]:
    pages = {}
    for p in sorted((root / "content" / "bai-viet").glob("*.md")):
        if p.name != "index.md":
            pages[p.name] = parse(p.read_text(encoding="utf-8"))
    return pages


def test_every_article_has_a_valid_page(built_site):
    pages = _article_pages(built_site)
    assert sorted(m["source_file"] for m in pages.values()) == sorted(s["file"] for s in SEEDS)
    for name, meta in pages.items():
        validate(meta, name)


def test_front_matter_matches_seeds(built_site):
    by_file = {m["source_file"]: m for m in _article_pages(built_site).values()}
    for seed in SEEDS:
        meta = by_file[seed["file"]]
        assert meta["title"] == seed["title"]
        assert meta.get("date") == seed["published"]
        assert sorted(meta["documents"]) == sorted(seed["resolutions"])
        assert sorted(meta["regions"]) == sorted(seed["regions"])
        assert sorted(meta["provinces"]) == sorted(seed["provinces"])
        assert [(e["date"], e["kind"], e["document"]) for e in meta["events"]] == \
            [(e["date"], e["kind"], e["resolution"]) for e in seed["events"]]


def test_index_pages_exist_and_link_both_ways(built_site):
    site = built_site / "site"
    by_file = {m["source_file"]: (name, m) for name, m in _article_pages(built_site).items()}
    for seed in SEEDS:
        name, meta = by_file[seed["file"]]
        slug = name[:-3]
        article_html = _html(site, article_path(slug))
        targets = [document_path(d) for d in meta["documents"]] + [region_path(r) for r in meta["regions"]] + \
                  [province_path(p) for p in meta["provinces"]]
        for target in targets:
            target_html = _html(site, target)           # the page exists
            url_part = target[:-3] + "/"
            assert url_part in article_html, f"{slug} does not link to {target}"
            assert f"bai-viet/{slug}/" in target_html, f"{target} does not link back to {slug}"
    for doc in ("11-NQ/TW-2022", "26-NQ/TW-2022", "37-NQ/TW-2004"):
        assert (site / document_path(doc)[:-3] / "index.html").is_file()
    timeline = _html(site, "dong-thoi-gian/index.md")
    assert '<time datetime="2022-04-15">' in timeline and "<ol>" in timeline


def test_document_chain_and_timeline(built_site):
    site = built_site / "site"
    new = _html(site, document_path("11-NQ/TW-2022"))
    old = _html(site, document_path("37-NQ/TW-2004"))
    assert "37-nq-tw-2004/" in new            # 11-NQ/TW-2022 follows 37-NQ/TW-2004
    assert "11-nq-tw-2022/" in old and "26-kl-tw-2012/" in old
    # The dissemination conference of 15/4/2022 is reported by two articles: one entry, both cited.
    entry = re.search(r'<li><time datetime="2022-04-15">.*?</li>', new, re.S).group(0)
    assert entry.count("bai-viet/") == 2


def test_no_chrome_and_no_live_markup_in_site(built_site):
    site = built_site / "site"
    html = "".join(p.read_text(encoding="utf-8") for p in (site / "bai-viet").rglob("index.html"))
    for seed in SEEDS:
        for chrome in seed["must_drop"]:
            if chrome not in ("thuathienhue.gov.vn", "Trung tâm TTPT&DBKT"):   # shown as source / author
                assert f">{chrome}<" not in html and f"<p>{chrome}" not in html, chrome
    assert "Truy cập nội dung luôn" not in html and "Đang online" not in html


def test_mkdocs_build_strict_on_convertedsnapshot(built_site, tmp_path):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "s")],
                            cwd=built_site, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                                                                               "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "s" / "index.html").is_file()


def test_build_is_reproducible(tmp_path):
    a = make_project(tmp_path / "a")
    b = make_project(tmp_path / "b")
    assert main(["build", "--root", str(a)]) == 0
    assert main(["build", "--root", str(b)]) == 0
    assert snapshot(a / "content") == snapshot(b / "content")
    tree_a, tree_b = snapshot(a / "site"), snapshot(b / "site")
    assert tree_a == tree_b
    # And a rebuild in place rewrites nothing.
    assert main(["build", "--root", str(a)]) == 0
    assert snapshot(a / "site") == tree_a


def test_html_lang_and_no_third_party_fonts(built_site):
    home = (built_site / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in home
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_mentions_inside_the_text_link_to_their_pages(built_site):
    page = next((built_site / "content" / "bai-viet").glob("hop-to-bien-tap*.md")).read_text(encoding="utf-8")
    body = page.split("{ .nq-links data-pagefind-ignore=\"index\" }", 1)[1]
    assert "[Quyết định số 184-QĐ/TW]" not in body          # the id's span is the reference itself
    assert "184-QĐ/TW](../van-ban/184-qd-tw-2019.md)" in body
    assert "[Lạng Sơn](../tinh/lang-son.md)" in body
    html = (built_site / "site" / "bai-viet" / page_slug(built_site, "hop-to-bien-tap") / "index.html").read_text(encoding="utf-8")
    assert html.count('href="../../van-ban/37-nq-tw-2004/"') >= 4


def page_slug(root: Path, prefix: str) -> str:
    return next((root / "content" / "bai-viet").glob(prefix + "*.md")).stem


def test_feeds_export_and_statistics(built_site):
    import json
    import xml.etree.ElementTree as ET

    site = built_site / "site"
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == len(SEEDS)
    # No site URL in the tests: links lead from the feed to the article pages, relative.
    assert all((site / e.find(f"{atom}link").get("href") / "index.html").is_file() for e in entries)
    doc_feed = ET.parse(site / "van-ban" / "11-nq-tw-2022.xml").getroot()
    assert len(doc_feed.findall(f"{atom}entry")) == 3
    assert ET.parse(site / "vung" / "trung-du-mien-nui-phia-bac.xml").getroot().findall(f"{atom}entry")
    raw = (site / "du-lieu.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    # Put together from per-article records, it is exactly what dumping the whole object gives.
    assert raw == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert {"articles", "documents", "regions", "provinces", "events"} <= set(data)
    assert len(data["articles"]) == len(SEEDS)
    merged = [e for e in data["events"] if e["date"] == "2022-04-15"]
    assert len(merged) == 1 and len(merged[0]["articles"]) == 2
    stats = (site / "thong-ke" / "index.html").read_text(encoding="utf-8")
    assert stats.count("<svg class=\"nq-chart\"") == 4 and "<title id=\"theo-vung-t\">" in stats


def test_dirty_preview_renders_what_a_full_build_renders(tmp_path, monkeypatch, caplog):
    """`make serve` rebuilds with `--dirty`: only pages whose Markdown the conversion rewrote are
    rendered again. After an article's title and another's body change, every page of a full
    build is byte for byte the page the dirty rebuild left (only the old slug's page stays
    behind in the preview)."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page
    from nghiquyet.pipeline import convert

    sys.path.insert(0, str(ROOT / "tools"))
    from synth import write_corpus

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    caplog.set_level(logging.ERROR, logger="mkdocs")        # MkDocs warns of every dirty build
    write_corpus(tmp_path / "corpus", 30, seed=11)
    root = make_project(tmp_path / "p", corpus=tmp_path / "corpus")
    content, cache = root / "content", root / ".cache"
    rendered = []
    real = Page.render
    monkeypatch.setattr(Page, "render", lambda page, *a, **k: rendered.append(page.file.src_uri)
                        or real(page, *a, **k))

    def site(folder: Path, dirty: bool = False) -> None:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(folder)), dirty=dirty)

    convert(root / "corpus", content, cache)
    site(tmp_path / "preview")
    old = {p: p.stat().st_mtime_ns for p in content.rglob("*.md")}
    files = sorted((root / "corpus").glob("*.txt"))
    text = files[4].read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if "Nghị quyết" in line)
    files[4].write_text(text.replace(title, title + " (cập nhật)", 1), encoding="utf-8")
    files[9].write_text(files[9].read_text(encoding="utf-8").replace("Dự hội nghị", "Tham dự hội nghị", 1),
                        encoding="utf-8")
    convert(root / "corpus", content, cache)
    changed = {p.relative_to(content).as_posix() for p in content.rglob("*.md")
               if p not in old or p.stat().st_mtime_ns != old[p]}
    rendered.clear()
    site(tmp_path / "preview", dirty=True)
    assert set(rendered) == changed and 2 <= len(changed) < len(old) // 2
    site(tmp_path / "full")
    # Pages and feeds, as before the plugin indexed plain builds: the preview's search index also
    # holds the page left under the old slug, so it is not compared here (test_rebuild_in_place
    # compares the index of `nghiquyet build`).
    full = {p: b for p, b in snapshot(tmp_path / "full").items() if not p.startswith("pagefind/")}
    preview = {p: b for p, b in snapshot(tmp_path / "preview").items() if not p.startswith("pagefind/")}
    assert {p: preview.get(p) for p in full} == full
    assert len(set(preview) - set(full)) == 1          # the page under the article's old slug


def test_rebuild_in_place_equals_a_build_from_scratch(tmp_path, monkeypatch, capsys):
    """`nghiquyet build` after articles change renders again only the pages whose Markdown the
    conversion rewrote, removes the files of pages no longer generated, and leaves a site byte
    for byte equal to a build from scratch (`--full`, into another folder), search index and
    feeds included. A change to a page every page shares (a hand-written one) renders all."""
    import nghiquyet.search.shards as shards
    from mkdocs.structure.pages import Page

    sys.path.insert(0, str(ROOT / "tools"))
    from synth import write_corpus

    write_corpus(tmp_path / "corpus", 24, seed=5)
    root = make_project(tmp_path / "p", corpus=tmp_path / "corpus")
    # Shares of 8 pages: the search index is built from several, and only changed ones again.
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      corpus: corpus\n",
                                                                 "      corpus: corpus\n      search_shard_pages: 8\n"),
                      encoding="utf-8")
    content, site = root / "content", root / "site"
    rendered: list[str] = []
    real = Page.render
    monkeypatch.setattr(Page, "render", lambda page, *a, **k: rendered.append(page.file.src_uri)
                        or real(page, *a, **k))
    indexed: list[int] = []         # pages of each share Pagefind indexed
    real_index = shards._indexed_shards      # (the shares themselves may be indexed in worker processes)
    monkeypatch.setattr(shards, "_indexed_shards", lambda site_dir, members, stale, *a: indexed.extend(
        len(members[s]) for s in stale) or real_index(site_dir, members, stale, *a))
    spliced: list[int] = []         # shares brought up to date page by page (search/splice.py)
    real_splice = shards.splice
    monkeypatch.setattr(shards, "splice", lambda *a: (lambda got: got and spliced.append(1) or got)(real_splice(*a)))

    def build(*extra: str) -> tuple[str, set[str]]:
        """Build; what it said of the render, and which Markdown pages the conversion rewrote."""
        before = {p: p.stat().st_mtime_ns for p in content.rglob("*.md")}
        rendered.clear()
        indexed.clear()
        spliced.clear()
        capsys.readouterr()
        assert main(["build", "--root", str(root), *extra]) == 0
        said = capsys.readouterr().err.splitlines()[-1]
        changed = {p.relative_to(content).as_posix() for p in content.rglob("*.md")
                   if before.get(p) != p.stat().st_mtime_ns}
        return said, changed

    def equals_full_build() -> None:
        """A build from nothing (no conversion, render or search cache) gives the same bytes."""
        clean = tmp_path / "clean"
        assert main(["build", "--root", str(root), "--site", str(clean), "--no-cache"]) == 0
        assert snapshot(site) == snapshot(clean)

    assert "from scratch" in build()[0]
    shares = len(indexed)
    assert shares >= 4 and "search_shard_pages: 8" in config.read_text(encoding="utf-8")
    first = snapshot(site)
    said, changed = build()
    assert said.endswith("0 of %d pages rendered again, 0 stale files removed (nghiquyet build --full "
                         "renders every page)" % len(list(content.rglob("*.md")))) and not changed
    assert not indexed and snapshot(site) == first          # nothing changed: nothing to index again
    files = sorted((root / "corpus").glob("*.txt"))
    old_slugs = set((content / "bai-viet").iterdir())

    # A new title (a new slug: the old page goes), one article deleted, a newer one added.
    text = files[4].read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if "Nghị quyết" in line)
    files[4].write_text(text.replace(title, title + " (cập nhật)", 1), encoding="utf-8")
    files[7].unlink()
    newer = re.sub(r"(?m)^\d\d-\d\d-\d{4} \d\d:\d\d$", "15-06-2031 09:00", files[3].read_text(encoding="utf-8"), 1)
    (root / "corpus" / "moi.txt").write_text(newer.replace("Nghị quyết", "Nghị quyết mới", 1), encoding="utf-8")
    said, changed = build()
    assert "rendered again" in said and set(rendered) == changed and 1 <= len(indexed) <= shares
    assert 3 <= len(changed) < len(list(content.rglob("*.md"))) // 2
    stale = int(re.search(r"(\d+) stale files removed", said)[1])
    assert stale >= 2 and len(old_slugs - set((content / "bai-viet").iterdir())) == 2
    equals_full_build()

    # A body edit: that article's page (and the listings showing its text, if any).
    body = files[9].read_text(encoding="utf-8")
    files[9].write_text(body.replace("Dự hội nghị", "Tham dự hội nghị", 1), encoding="utf-8")
    said, changed = build()
    assert "rendered again" in said and set(rendered) == changed and len(changed) >= 1
    # Only the shares holding a changed page were indexed again, and those with few changed
    # pages only for those pages, spliced into the share (the index still equals a full one).
    assert 1 <= len(indexed) + len(spliced) < shares and spliced, (len(indexed), len(spliced), shares)
    equals_full_build()

    # A hand-written page is shared by every page (navigation): the site is rendered from scratch.
    about = content / "gioi-thieu.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    said, changed = build()
    assert "from scratch" in said and not changed and len(rendered) == len(list(content.rglob("*.md")))
    equals_full_build()


def test_plain_mkdocs_build_gives_the_whole_searchable_site(tmp_path):
    """What MkDocs users run (`mkdocs build`, `mkdocs gh-deploy`): the plugin converts the corpus
    first and indexes the rendered site, so no article page or search index is missing."""
    import os
    import subprocess
    import sys

    from conftest import make_project

    root = make_project(tmp_path / "plain")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("NGHIQUYET_RENDERING", None)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    site = root / "site"
    articles = [p for p in (site / "bai-viet").iterdir() if p.is_dir() and (p / "index.html").is_file()]
    assert len(articles) >= 5
    assert (site / "pagefind" / "pagefind-entry.json").is_file() and (site / "feed.xml").is_file()


def test_pages_describe_themselves(built_site):
    """Every page: its own meta description, Open Graph tags and schema.org JSON-LD (NewsArticle
    for articles, with their date); a document's page advertises its own feed; robots.txt."""
    import html as html_module
    import re as re_module

    site = built_site / "site"
    pages = sorted(site.rglob("index.html"))
    descriptions = {}
    for path in pages:
        text = path.read_text(encoding="utf-8")
        m = re_module.search(r'<meta name="description" content="([^"]*)">', text)
        assert m, path
        descriptions.setdefault(m.group(1), []).append(path)
        assert 'property="og:title"' in text and 'property="og:type"' in text
        ld = re_module.search(r'<script type="application/ld\+json">(.*?)</script>', text, re_module.S)
        data = json.loads(ld.group(1))
        assert data["@context"] == "https://schema.org"
        if "/bai-viet/" in path.as_posix() and path.parent.name != "bai-viet":
            assert data["@type"] == "NewsArticle" and data["headline"] and 'content="article"' in text
    shared = {d: ps for d, ps in descriptions.items() if len(ps) > 1}
    assert not shared, list(shared)[:3]
    doc = (site / "van-ban" / "11-nq-tw-2022" / "index.html").read_text(encoding="utf-8")
    feeds = re_module.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]*)"', doc)
    assert feeds == ["../11-nq-tw-2022.xml"], feeds
    assert html_module.unescape("User-agent: *") in (site / "robots.txt").read_text(encoding="utf-8")


def test_feeds_are_dated_by_their_entries_and_valid(built_site):
    import xml.etree.ElementTree as ET

    ns = {"a": "http://www.w3.org/2005/Atom"}
    site = built_site / "site"
    for feed in [site / "feed.xml"] + sorted((site / "van-ban").glob("*.xml")) + sorted((site / "vung").glob("*.xml")):
        root = ET.parse(feed).getroot()
        entries = root.findall("a:entry", ns)
        updated = root.findtext("a:updated", namespaces=ns)
        assert root.find("a:author/a:name", ns) is not None           # entries without an author inherit it
        assert not updated.startswith("2000-"), feed.name
        if entries:
            assert updated == max(e.findtext("a:updated", namespaces=ns) for e in entries), feed.name


def test_home_shows_a_column_per_generation_of_resolutions(built_site):
    """Generations come from the catalogue's terms, not from a year threshold."""
    home = (built_site / "content" / "index.md").read_text(encoding="utf-8")
    header = next(line for line in home.splitlines() if line.startswith("| Vùng |"))
    assert "Nghị quyết khóa IX (" in header and "Nghị quyết khóa XIII (2022)" in header


def test_pages_rendered_on_every_core_give_the_same_site(tmp_path, monkeypatch, caplog):
    """A large render from scratch renders whole pages in worker processes (render/parallel.py):
    every page comes from a worker, the article pages with the HTML their conversion made
    (render/prerendered.py), the site is byte for byte the one-process one, and a warning raised
    by a page in a worker is still told."""
    import logging

    import nghiquyet.render.parallel as parallel

    root = make_project(tmp_path / "p")
    (root / "content" / "lien-ket.md").write_text("# Liên kết\n\n[Trang không có](khong-co.md)\n", encoding="utf-8")
    about = root / "content" / "gioi-thieu.md"                # a page of the navigation, too
    about.write_text(about.read_text(encoding="utf-8") + "\n[Trang cũng không có](khong-co-nua.md)\n", encoding="utf-8")
    caplog.set_level(logging.WARNING)
    assert main(["build", "--root", str(root), "--no-cache", "--site", str(tmp_path / "one")]) == 0
    assert parallel.TAKEN["pages"] == 0                       # a small site: one process
    told = sorted(r.getMessage() for r in caplog.records if "khong-co" in r.getMessage())
    assert len(told) == 2
    caplog.clear()
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    monkeypatch.setattr(parallel, "JOBS", 2)
    assert main(["build", "--root", str(root), "--no-cache", "--site", str(tmp_path / "many")]) == 0
    pages = len(list((root / "content").rglob("*.md")))
    assert parallel.TAKEN["pages"] == pages > 50
    # Article pages came with their HTML, made at conversion (pages/twin.py): the site is the same.
    assert parallel.TAKEN["prerendered"] == len(list((root / "content" / "bai-viet").glob("*.md"))) - 1 > 0
    assert sorted(r.getMessage() for r in caplog.records if "khong-co" in r.getMessage()) == told
    assert not list(tmp_path.joinpath("many").glob(".pages-*"))   # the workers' folder is gone
    assert snapshot(tmp_path / "many") == snapshot(tmp_path / "one")


def test_navigation_rendered_once_for_the_pages_that_share_it(tmp_path, monkeypatch):
    """The theme's navigation and tabs are rendered once for the pages outside the navigation
    whose address has the same folders (render/shared.py): the site is byte for byte the one
    rendered with both on every page, and most article pages took them from an earlier one."""
    import nghiquyet.render.shared as shared

    root = make_project(tmp_path / "p")
    reused: list[str] = []
    real = shared.SharedParts.__call__

    def counted(self, name, page, caller):
        before = self.used
        html = real(self, name, page, caller)
        if self.used > before:
            reused.append(page.file.src_uri)
        return html

    monkeypatch.setattr(shared.SharedParts, "__call__", counted)
    assert main(["build", "--root", str(root), "--no-cache", "--site", str(tmp_path / "shared")]) == 0
    articles = len([p for p in (root / "content" / "bai-viet").glob("*.md") if p.name != "index.md"])
    assert sum(1 for src in reused if src.startswith("bai-viet/")) >= 2 * (articles - 1) > 0
    assert not any(src in ("index.md", "gioi-thieu.md") for src in reused)      # pages of the navigation
    monkeypatch.setattr(shared, "ENABLED", False)
    reused.clear()
    assert main(["build", "--root", str(root), "--no-cache", "--site", str(tmp_path / "plain")]) == 0
    assert not reused
    assert snapshot(tmp_path / "shared") == snapshot(tmp_path / "plain")


def test_a_page_with_files_below_it_renders_its_own_navigation():
    """A link from a page under which a file lies may go down into it: such a page, and a page
    of the navigation, never take the navigation another page rendered."""
    from types import SimpleNamespace as Obj

    from nghiquyet.render.shared import SharedParts

    def page(src, url):
        return Obj(file=Obj(src_uri=src, url=url), url=url)

    nav = Obj(pages=[page("index.md", ""), page("tin/index.md", "tin/")])
    files = [Obj(url=u) for u in ("", "tin/", "tin/a/", "tin/b/", "anh/c/", "anh/c/hinh.png", "assets/logo.png")]
    parts = SharedParts(nav, files)
    assert parts.key("nav", page("tin/a.md", "tin/a/")) == parts.key("nav", page("tin/b.md", "tin/b/")) is not None
    assert parts.key("nav", page("tin/a.md", "tin/a/")) != parts.key("nav", page("anh/d.md", "anh/d/"))
    assert parts.key("nav", page("anh/c.md", "anh/c/")) is None          # anh/c/hinh.png lies below it
    assert parts.key("nav", page("tin/index.md", "tin/")) is None        # in the navigation
    assert parts.key("nav", None) is None                                # a page-less template (404.html)
