"""Every name the site is addressed by, in one place: the folders and paths of generated pages,
their URLs' slugs, the feeds, the data export, the build report and the statistics page, and the
names of the search filters (overrides/partials/search.html and nq-search.js use the same).

>>> article_path("hoi-nghi"), document_path("11-NQ/TW-2022"), province_path("Bà Rịa - Vũng Tàu")
('bai-viet/hoi-nghi.md', 'van-ban/11-nq-tw-2022.md', 'tinh/ba-ria-vung-tau.md')
>>> feed_path("van-ban", "11-NQ/TW-2022"), rel("vung/x.md", "vung/y.md")
('van-ban/11-nq-tw-2022.xml', '../vung/y.md')
"""

from __future__ import annotations

from functools import lru_cache

from .text import slugify

ARTICLES_DIR, DOCUMENTS_DIR, REGIONS_DIR, PROVINCES_DIR, TIMELINE_DIR = (
    "bai-viet", "van-ban", "vung", "tinh", "dong-thoi-gian")
HOME = "index.md"
EXPORT = "du-lieu.json"                 # the data export
STATS_PAGE = "thong-ke.md"
REPORT_PAGE, REPORT_JSON = "bao-cao.md", "bao-cao.json"
SITE_FEED = "feed.xml"
# Search filters (Pagefind's data-pagefind-filter names).
FILTER_KIND, FILTER_DOCUMENT, FILTER_REGION, FILTER_PROVINCE, FILTER_YEAR = "loai", "van_ban", "vung", "tinh", "nam"
FILTER_STAGE = "giai_doan"              # the implementation stages an article reports


def document_slug(doc_id: str) -> str:
    return slugify(doc_id)


def article_path(slug: str) -> str:
    return f"{ARTICLES_DIR}/{slug}.md"


@lru_cache(maxsize=None)
def document_path(doc_id: str) -> str:
    return f"{DOCUMENTS_DIR}/{document_slug(doc_id)}.md"


def region_path(rid: str) -> str:
    return f"{REGIONS_DIR}/{rid}.md"


@lru_cache(maxsize=None)
def province_path(name: str) -> str:
    return f"{PROVINCES_DIR}/{slugify(name)}.md"


def feed_path(kind: str, key: str) -> str:
    """Where the Atom feed of a document (kind "van-ban") or a region ("vung") lives."""
    return f"{kind}/{slugify(key)}.xml"


def rel(page: str, target: str) -> str:
    """Relative link from one page of the docs folder to another: up to the docs root, then
    down. It depends only on how deep the page is, so list items render once per depth.

    >>> rel("bai-viet/a.md", "van-ban/b.md"), rel("index.md", "vung/c.md")
    ('../van-ban/b.md', 'vung/c.md')
    """
    return "../" * page.count("/") + target
