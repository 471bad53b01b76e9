"""Hostile articles (tests/fixtures/hostile/): scripts, iframes, event-handler attributes and
`javascript:` links in every field, as a .txt file and as a saved .html page. They are published
like any article, and then every page of the site is loaded in Chromium: no dialog opens, no
request leaves 127.0.0.1, no element carries an `on…` attribute or a `javascript:` URL, and no
element the corpus wrote (script, iframe, object, embed, svg handler) exists. The static
outputs (feeds, JSON) are read back as data and hold the markup as text."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import FIXTURES, ROOT, make_project, serve

HOSTILE = FIXTURES / "hostile"

# Every element or attribute a hostile field could become, seen from inside the page.
PROBE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.trim().toLowerCase();
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      if (v.startsWith('javascript:') || v.startsWith('data:text/html')) bad.push(el.tagName + ' ' + a.name + '=' + v);
    }
  }
  for (const el of document.querySelectorAll('iframe, object, embed, frame, base, meta[http-equiv]'))
    bad.push(el.outerHTML.slice(0, 80));
  for (const s of document.querySelectorAll('script')) {
    // JSON-LD is data, never run: it may hold an article's title, as JSON that parses.
    if (s.type === 'application/ld+json') { try { JSON.parse(s.textContent); } catch (e) { bad.push('ld ' + e); } continue; }
    if (s.textContent.includes('alert(')) bad.push('script ' + s.textContent.slice(0, 80));
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    from nghiquyet.cli import main

    corpus = tmp_path_factory.mktemp("hostile-corpus")
    for path in sorted((ROOT / "corpus").iterdir()):
        shutil.copy(path, corpus / path.name)
    for path in sorted(HOSTILE.glob("hostile-*")):
        shutil.copy(path, corpus / path.name)
    root = make_project(tmp_path_factory.mktemp("hostile") / "project", corpus)
    assert main(["build", "--root", str(root)]) == 0
    return root


def test_hostile_articles_are_published(hostile_site):
    report = json.loads((hostile_site / "content" / "bao-cao.json").read_text(encoding="utf-8"))
    fate = {o["source_file"]: o["status"] for o in report["outcomes"]}
    assert fate["hostile-text.txt"] == "published" and fate["hostile-page.html"] == "published", fate


class Elements(HTMLParser):
    """What a page's HTML makes: the elements and attributes a payload could become."""

    def __init__(self):
        super().__init__()
        self.bad: list[str] = []
        self.script = False

    def handle_starttag(self, tag, attrs):
        # A JSON-LD block is data (it may hold an article's title as JSON); any other script is code.
        self.script = tag == "script" and dict(attrs).get("type") != "application/ld+json"
        if tag in ("iframe", "object", "embed", "frame", "base"):
            self.bad.append(tag)
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name.startswith("on") or v.startswith(("javascript:", "data:text/html")):
                self.bad.append(f"{tag} {name}={v[:40]}")

    def handle_data(self, data):
        if self.script and "alert(" in data:
            self.bad.append("script " + data[:40])

    def handle_endtag(self, tag):
        self.script = False


def test_no_markup_from_the_corpus_in_any_html_file(hostile_site):
    """A fast check of every HTML file (404 page included) before the browser: the payloads are
    in the pages as text, and none became an element or an attribute."""
    pages = sorted((hostile_site / "site").rglob("*.html"))
    shown = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        shown += "&lt;script&gt;alert(" in html
        parser = Elements()
        parser.feed(html)
        assert not parser.bad, (path.relative_to(hostile_site), parser.bad)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert "<" not in block and json.loads(block)      # the title can never close the script
    assert shown                  # the payload is on the pages, as text


def test_feeds_and_data_hold_the_markup_as_text(hostile_site):
    site = hostile_site / "site"
    titles = []
    for feed in sorted(site.rglob("*.xml")):
        if feed.name == "sitemap.xml":
            continue
        root = ET.parse(feed).getroot()          # well-formed: nothing broke out of its element
        ns = {"a": "http://www.w3.org/2005/Atom"}
        titles += [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
        assert not root.findall(".//{http://www.w3.org/1999/xhtml}script")
    assert any("<script>alert('t')</script>" in (t or "") for t in titles), titles
    data = json.loads((site / "du-lieu.json").read_text(encoding="utf-8"))
    assert any("<script>alert('t')</script>" in a["title"] for a in data["articles"])


def test_no_page_runs_anything_from_the_corpus(browser, hostile_site):
    site = hostile_site / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 20
    dialogs, requests, found = [], [], {}
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: requests.append(r.url))
        for rel in pages:
            page.goto(f"{base}/{rel}")
            page.wait_for_load_state("load")
            bad = page.evaluate(PROBE)
            if bad:
                found[rel] = bad
            # One <title>: a title that closed it early would have left a second element or none.
            assert page.evaluate("document.head.querySelectorAll('title').length") == 1, rel
        # Search results are built in the page from the index: they show the payloads as text too.
        page.goto(base + "/")
        page.locator("#nq-search-input").press_sequentially("alert script", delay=10)
        page.wait_for_function("document.querySelector('#nq-search-results .md-search-result__meta')"
                               ".textContent.includes('kết quả')", timeout=15000)
        page.wait_for_timeout(500)
        assert page.locator("#nq-search-results .md-search-result__item").count() > 0
        bad = page.evaluate(PROBE)
        if bad:
            found["search"] = bad
        context.close()
    assert not dialogs, dialogs
    assert not found, found
    hosts = {urlparse(u).hostname for u in requests if not u.startswith(("data:", "blob:", "about:"))}
    assert hosts == {"127.0.0.1"}, hosts
