"""The built site as a reader sees it: Playwright drives Debian's Chromium against site/ served
on 127.0.0.1 (the browser and server fixtures are in conftest.py). Search, filters, timeline links, phones (390×844), accessibility (axe-core),
broken links (linkchecker), and no request to any other host. Screenshots go to
tests/output/screenshots/ (not committed)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import serve

SHOTS = Path(__file__).resolve().parent / "output" / "screenshots"

DOC_11 = "Nghị quyết số 11-NQ/TW ngày 10/2/2022"
SEARCHES = [
    ("nghi quyet 11", DOC_11), ("nghị quyết 11", DOC_11), ("11-NQ/TW", DOC_11), ("11 NQ/TW", DOC_11),
    ("NQ 11", DOC_11), ("Nghị quyết số 26", "Nghị quyết số 26-NQ/TW ngày 3/11/2022"),
    ("trung du mien nui", "Vùng Trung du và miền núi phía Bắc"),
    ("trung du miền núi", "Vùng Trung du và miền núi phía Bắc"),
    ("dong bang song cuu long", "Vùng Đồng bằng sông Cửu Long"),
    ("đồng bằng sông Cửu Long", "Vùng Đồng bằng sông Cửu Long"),
    ("Thai Nguyen", "Thái Nguyên"), ("Thái Nguyên", "Thái Nguyên"),
    ("Muong Khuong", "Mường Khương: Nghiêm túc học tập"),
    ("Dinh Hoa", "Hội nghị trực tuyến quán triệt"),
]


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site / "site") as base:
        yield base


@pytest.fixture(scope="module")
def fine_server(built_site, tmp_path_factory):
    """The same site with its word index cut into many tiny chunks (search/merge.py)."""
    from nghiquyet.search.pagefind import _read
    from nghiquyet.search.shards import index_search

    site = tmp_path_factory.mktemp("fine") / "site"
    shutil.copytree(built_site / "site", site)
    index_search(site, chunk_bytes=200)
    meta = _read(next((site / "pagefind").glob("pagefind.*.pf_meta")))
    assert len(meta[2]) > 50
    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def requests_seen():
    return []


@pytest.fixture
def page(browser, requests_seen):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.on("request", lambda r: requests_seen.append(r.url))
    yield pg
    context.close()


def search(page, base, query):
    page.goto(base + "/")
    page.locator("#nq-search-input").press_sequentially(query, delay=10)
    page.wait_for_function(
        "q => document.querySelector('#nq-search-results .md-search-result__meta').textContent.includes('kết quả')"
        " && document.querySelector('#nq-search-input').value === q", arg=query, timeout=15000)
    page.wait_for_timeout(300)
    return page.locator("#nq-search-results .md-search-result__item h3").all_inner_texts()


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_search_finds_page_in_top_3(page, server, query, expected):
    titles = search(page, server, query)
    assert any(t.startswith(expected) for t in titles[:3]), (query, titles[:5])


@pytest.fixture(scope="module")
def preview_server(built_site, tmp_path_factory):
    """The site as `mkdocs serve` shows it: its search index in shares of a few pages, each
    share's own bundle, merged by the browser (search/preview.index_preview)."""
    import json

    from nghiquyet.plugin import PREVIEW_MARK
    from nghiquyet.search.preview import index_preview
    from nghiquyet.search.shards import PREVIEW_LIST

    root = tmp_path_factory.mktemp("preview")
    site = root / "site"
    shutil.copytree(built_site / "site", site)
    shutil.rmtree(site / "pagefind")
    for html in site.rglob("*.html"):          # what the plugin adds to each page under `mkdocs serve`
        html.write_text(html.read_text(encoding="utf-8").replace("</head>", PREVIEW_MARK + "</head>", 1),
                        encoding="utf-8")
    index_preview(site, root / "cache", per_shard=4)
    assert len(json.loads((site / PREVIEW_LIST).read_text(encoding="utf-8"))["merge"]) >= 10
    with serve(site) as base:
        yield base


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_the_preview_merges_its_search_shares_in_the_browser(page, preview_server, query, expected):
    """Most pages are outside the first share: they are found only when the others are merged."""
    titles = search(page, preview_server, query)
    assert any(t.startswith(expected) for t in titles[:3]), (query, titles[:5])


def result_count(page) -> int:
    return int(page.locator("#nq-search-results .md-search-result__meta").inner_text().split()[0])


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_finer_index_chunks_find_the_same_pages_first(page, server, fine_server, query, expected):
    """Whole words find what they found before. Pagefind also matches longer words that start
    with a query word, among the words of the chunks it fetched: with smaller chunks there are
    fewer of those stray matches ("hoa" -> "hoạch"), never more."""
    fine = search(page, fine_server, query)
    fine_count = result_count(page)
    coarse = search(page, server, query)
    assert any(t.startswith(expected) for t in fine[:3]), (query, fine[:5])
    assert fine[0] == coarse[0] and fine_count <= result_count(page)


def test_first_query_fetches_no_filter_lists(page, server):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    search(page, server, "nghi quyet")
    assert any("/pagefind/index/" in u for u in fetched)
    assert not any("/pagefind/filter/" in u for u in fetched)
    page.locator(".nq-search__filters summary").click()
    page.wait_for_function("document.querySelectorAll('select[data-filter=loai] option').length > 1",
                           timeout=10000)
    assert any("/pagefind/filter/" in u for u in fetched)


def test_search_with_and_without_tones_finds_the_same(page, server):
    toned = set(search(page, server, "Thái Nguyên"))
    plain = set(search(page, server, "thai nguyen"))
    assert toned and toned == plain


def test_filter_narrows_results(page, server):
    all_titles = search(page, server, "nghi quyet")
    meta = page.locator("#nq-search-results .md-search-result__meta")
    before = int(meta.inner_text().split()[0])
    page.locator(".nq-search__filters summary").click()
    page.wait_for_function("document.querySelectorAll('select[data-filter=loai] option').length > 1",
                           timeout=10000)
    page.select_option("select[data-filter=loai]", "Bài viết")
    page.wait_for_function("n => !document.querySelector('#nq-search-results .md-search-result__meta')"
                           ".textContent.startsWith(n + ' ')", arg=str(before), timeout=10000)
    after = int(meta.inner_text().split()[0])
    facts = page.locator("#nq-search-results .nq-search__facts").all_inner_texts()
    assert 0 < after < before and len(all_titles) > 0
    assert facts and all(f.startswith("Bài viết") for f in facts)


def test_results_show_date_and_source(page, server):
    search(page, server, "Thừa Thiên Huế hội nghị")
    facts = page.locator("#nq-search-results .nq-search__facts").all_inner_texts()
    assert any("thuathienhue.gov.vn" in f for f in facts) or any("/" in f for f in facts), facts


def test_timeline_entry_opens_its_article(page, server):
    page.goto(server + "/dong-thoi-gian/")
    entry = page.locator("ol li", has=page.locator("time[datetime='2022-05-26']")).first
    entry.locator("a", has_text="Bài viết").click()
    page.wait_for_load_state()
    assert "/bai-viet/" in page.url
    assert page.locator("h1").inner_text().startswith("Triển khai Nghị quyết số 11-NQ/TW")


PAGES = {"home": "/", "article": "/bai-viet/hoi-nghi-truc-tuyen-quan-triet-va-trien-khai-thuc-hien-nghi-quyet-so-11/",
         "document": "/van-ban/11-nq-tw-2022/", "region": "/vung/trung-du-mien-nui-phia-bac/",
         "province": "/tinh/thai-nguyen/", "timeline": "/dong-thoi-gian/", "progress": "/tien-do/",
         "statistics": "/thong-ke/"}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_phone_viewport_has_no_horizontal_scroll(browser, server, requests_seen, name):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    pg = context.new_page()
    pg.on("request", lambda r: requests_seen.append(r.url))
    pg.goto(server + PAGES[name])
    pg.wait_for_load_state("networkidle")
    width = pg.evaluate("document.documentElement.scrollWidth")
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=False)
    context.close()
    assert width <= 390, f"{name}: page is {width}px wide on a 390px screen"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_serious_accessibility_violation(page, server, name):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + PAGES[name])
    assert page.evaluate("document.documentElement.lang") == "vi"
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def test_desktop_screenshots(page, server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name in ("home", "document"):
        page.goto(server + PAGES[name])
        page.screenshot(path=str(SHOTS / f"{name}-1280.png"), full_page=True)
    assert (SHOTS / "home-1280.png").stat().st_size > 10_000


def test_no_broken_internal_link(server):
    result = subprocess.run([sys.executable, "-m", "linkcheck", "--no-warnings", "--no-status",
                             "--ignore-url=^(?!http://127\\.0\\.0\\.1)", server + "/"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 errors found" in result.stdout or "no errors" in result.stdout.lower(), result.stdout[-500:]


def test_zz_no_request_left_the_machine(requests_seen):
    """Runs last in this module: every request any page made went to 127.0.0.1."""
    assert requests_seen
    hosts = {urlparse(u).hostname for u in requests_seen if not u.startswith(("data:", "blob:", "about:"))}
    assert hosts == {"127.0.0.1"}, hosts


def test_search_from_the_keyboard(page, server):
    """"/" and "s" open the search, arrows move through results, Enter opens the highlighted one,
    Escape closes and returns focus to the search button; only the count is a live region."""
    page.goto(server + "/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "nq-search-input"
    page.keyboard.type("nghi quyet 11", delay=10)
    page.wait_for_function("document.querySelector('#nq-search-results .md-search-result__meta').textContent"
                           ".includes('kết quả')", timeout=15000)
    page.wait_for_timeout(300)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = page.locator(".md-search-result__link").nth(1)
    assert "nq-search__link--active" in second.get_attribute("class")
    target = second.get_attribute("href")
    outline = page.evaluate("getComputedStyle(document.querySelector('.nq-search__link--active')).outlineWidth")
    assert outline == "3px"
    assert page.locator("#nq-search-results [aria-live]").count() == 1
    assert page.locator(".md-search-result__meta[aria-live]").count() == 1
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.rstrip("/").endswith(target.rstrip("/").split("/")[-1])
    page.goto(server + "/")
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.id") == "nq-search-input"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement !== document.body && document.activeElement.id !== 'nq-search-input'")
    assert not page.evaluate("document.getElementById('__search').checked")
    # On a phone the search button takes the focus back.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + "/")
    page.keyboard.press("s")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('nq-search-button')")


@pytest.fixture(scope="module")
def wide_server(tmp_path_factory):
    """The corpus with the dev set: several documents share a number (11-NQ/TW of 2007, 2012 and
    2022; 26-NQ/TW of 2013 and 2022; 24-NQ/TW of 2013 and 2022)."""
    from conftest import FIXTURES, make_project
    from nghiquyet.cli import main

    root = make_project(tmp_path_factory.mktemp("wide") / "project")
    for path in (FIXTURES / "devset" / "corpus").iterdir():
        shutil.copy(path, root / "corpus" / path.name)
    assert main(["build", "--root", str(root), "-q"]) == 0
    with serve(root / "site") as base:
        yield base, root / "site"


@pytest.mark.parametrize("query, number", [("nghi quyet 11", "11"), ("nghị quyết 26", "26"), ("NQ 24", "24")])
def test_the_cited_newer_document_ranks_first(page, wide_server, query, number):
    """Of documents with the same number, the one cited by the most articles (then the newest)
    comes first: Pagefind scores them alike (same words), nq-search.js orders them by rank."""
    import json as json_module

    base, site = wide_server
    data = json_module.loads((site / "du-lieu.json").read_text(encoding="utf-8"))
    same = [d for d in data["documents"] if d["id"].startswith(f"{number}-NQ/TW-")]
    assert len(same) >= 2, [d["id"] for d in same]
    best = max(same, key=lambda d: (len(d["articles"]), d["id"][-4:]))
    page.goto(base + "/")
    page.keyboard.press("s")
    page.keyboard.type(query, delay=10)
    page.wait_for_function("document.querySelector('#nq-search-results .md-search-result__meta').textContent"
                           ".includes('kết quả')", timeout=15000)
    page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
    documents = [h for h in hrefs if "/van-ban/" in h]
    assert documents and documents[0].rstrip("/").endswith(best["url"].rstrip("/").split("/")[-1]), (documents, best["id"])
