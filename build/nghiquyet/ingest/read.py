"""Stage 1, read: bytes of one corpus file -> decoded lines (`SourceText`).

Readers are a table keyed by file extension; an unknown extension is a reported skip.
Decoding: BOMs first, then strict UTF-8, then charset-normalizer (Windows-1258, UTF-16 …);
mojibake from double encoding is repaired by ftfy; everything ends in NFC.
"""

from __future__ import annotations

import codecs
from dataclasses import replace
import re
from pathlib import Path
from typing import Callable, Optional

import ftfy
from charset_normalizer import from_bytes

from .containers import unwrap
from .scraped import parse_record
from ..errors import ArticleError
from ..records import RawDocument, SourceText
from ..text import nfc, web_address

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings Vietnamese files still come in, tried when the bytes are not UTF-8.
_LEGACY = ["cp1258", "utf_16", "utf_16_le", "utf_16_be", "cp1252", "latin_1"]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FIGURE = re.compile(r"</?fig(?:caption|ure)\b", re.I)
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<!--)", re.I)
# UTF-8 read as Windows-1252 or Latin-1 (the mojibake ftfy repairs here) always shows a lead
# byte (Â..ô) directly followed by a continuation byte (U+0080..U+00BF, or the characters
# Windows-1252 puts at 0x80..0x9F), or, where a no-break space became a space, an upper-case
# lead byte and a space. Text without such a pair is not that mojibake, and ftfy's own, far
# slower check is skipped for it.
_MOJIBAKE_PAIR = re.compile("[\u00c2-\u00f4](?:[\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|(?<=[\u00c2-\u00d4]) )")


def decode(raw: RawDocument) -> str:
    """Bytes -> NFC text, or ArticleError naming the file.

    >>> decode(RawDocument("a.txt", "\ufeffNghị quyết".encode("utf-8")))
    'Nghị quyết'
    >>> decode(RawDocument("b.txt", "Nghị quyết".encode("utf-8").decode("latin-1").encode("utf-8")))
    'Nghị quyết'
    """
    data = raw.data
    if not data.strip(b" \t\r\n\x00"):
        raise ArticleError(raw.source_file, "empty file")
    text = _decode_bytes(raw.source_file, data)
    if _MOJIBAKE_PAIR.search(text):
        text = ftfy.fix_encoding(text)
    text = _CONTROL.sub("", text.replace("\x00", ""))
    text = nfc(text)
    sample = text[:200_000].strip()     # a sample decides: the file may be megabytes long
    letters = sum(map(str.isalpha, sample))
    if letters < 0.25 * len(sample) or letters == 0:
        raise ArticleError(raw.source_file, "not text (binary or undecodable content)")
    return text


def _decode_bytes(source_file: str, data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if data.count(b"\x00") > len(data) // 4:
        # Many NULs and no BOM: UTF-16 without BOM, or a binary file.
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if sum(ch.isalpha() for ch in text) > len(text) * 0.5:
                return text
        raise ArticleError(source_file, "not text (binary content)")
    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None:
        raise ArticleError(source_file, "not text (no encoding decodes it)")
    return str(best)


def read_text(raw: RawDocument) -> SourceText:
    """Plain text, Markdown or a dump record: its container unwrapped (containers.py), the
    header's values kept as the page's metadata."""
    found = unwrap(decode(raw).splitlines())
    meta = found.meta
    date = meta.get("date", "")
    return SourceText(raw.source_file, found.lines, title_hint=meta.get("title"),
                      date_hint=date[:10] if re.match(r"\d{4}-\d{2}(?:-\d{2})?", date) else None,
                      author_hint=meta.get("author"), site_hint=meta.get("source"),
                      url_hint=web_address(meta.get("url")), host_hint=meta.get("site"))


def read_html(raw: RawDocument) -> SourceText:
    """A saved web page: trafilatura finds the main text and the page's metadata."""
    import trafilatura

    # Extractors drop <figcaption>; captions are part of the article, so make them paragraphs.
    html = _FIGURE.sub(lambda m: m.group(0).lower().replace("figcaption", "p").replace("figure", "div"),
                       decode(raw))
    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, include_images=False,
        with_metadata=True, deduplicate=False, favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True,
                                "max_date": "2100-01-01"},
    )
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        # The main-text extractor found nothing (a page of short blocks between menus and
        # sidebars): the page's visible text without its navigation, header, footer and asides.
        text = visible_text(html)
        if not text.strip():
            raise ArticleError(raw.source_file, "no readable text in the HTML page")
    title = doc.title if doc is not None else None
    lines = [title or ""] + text.splitlines()
    return SourceText(raw.source_file, tuple(nfc(line) for line in lines),
                      title_hint=title, date_hint=(doc.date if doc is not None else None) or meta_date(html),
                      author_hint=doc.author if doc is not None else None,
                      site_hint=(doc.sitename or doc.hostname) if doc is not None else None,
                      host_hint=(doc.hostname if doc is not None else None) or footer_host(html))


_FOOTER = re.compile(r"<footer\b.*?</footer>", re.S | re.I)
_ELEMENT_HOST = re.compile(r">\s*(?:©\s*(?:\d{4}\s*)?)?(?:www\.)?(?P<host>(?:[a-z0-9-]+\.)+[a-z]{2,6})\s*<", re.I)


def footer_host(html: str) -> Optional[str]:
    """The web address a page's footer shows as an element of its own ("<p>baolamdong.vn</p>"),
    when the page names no canonical address: the site that published it."""
    for footer in _FOOTER.finditer(html):
        m = _ELEMENT_HOST.search(footer.group(0))
        if m:
            return m["host"].lower()
    return None


# <meta> names of a publication time ("article:published_time", "pubdate", "its_publication" …),
# JSON-LD's datePublished, and <time datetime>: read when the extractor found no date.
_META_DATE = re.compile(
    r"<meta\b(?=[^>]*\b(?:name|property|itemprop)\s*=\s*[\"'][^\"']*(?:publi|pubdate)[^\"']*[\"'])"
    r"[^>]*\bcontent\s*=\s*[\"']\s*(?P<value>[^\"']+)", re.I)
_LD_DATE = re.compile(r"[\"']datePublished[\"']\s*:\s*[\"'](?P<value>[^\"']+)")
_TIME_DATE = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"'](?P<value>[^\"']+)", re.I)


def meta_date(html: str) -> Optional[str]:
    """The publication date a page's metadata gives (ISO date, or a Unix time in seconds)."""
    import datetime as dt

    for pattern in (_META_DATE, _LD_DATE, _TIME_DATE):
        for m in pattern.finditer(html):
            value = m["value"].strip()
            if re.match(r"(?:19|20)\d\d-\d\d-\d\d", value):
                return value[:10]
            if re.fullmatch(r"1\d{9}", value):      # seconds since 1970 (2001-2033), in Vietnam's time
                return (dt.datetime.fromtimestamp(int(value), dt.timezone.utc)
                        + dt.timedelta(hours=7)).date().isoformat()
    return None


# Elements that hold no article text, and elements that end a line.
_HIDDEN = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "head",
           "select", "button", "iframe", "svg")
_BLOCKS = frozenset(("p", "div", "section", "article", "main", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                     "br", "tr", "td", "th", "blockquote", "figcaption", "figure", "dd", "dt", "pre", "table"))


def visible_text(html: str) -> str:
    """The text a reader sees in the page's content, one line per block element."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - lxml refuses some documents (empty, only comments)
        return ""
    for element in tree.xpath("|".join(f"//{tag}" for tag in _HIDDEN)):
        element.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return "\n".join(" ".join(line.split()) for line in tree.text_content().splitlines())


def read_record(raw: RawDocument) -> SourceText:
    """One record of a scrapers' file (ingest/scraped.py): its text, else its HTML read as a
    saved page; the record's fields are the page's metadata."""
    r = parse_record(raw)
    if r["text"]:
        lines = ([r["title"]] if r["title"] else []) + [nfc(line) for line in r["text"].splitlines()]
        page = SourceText(raw.source_file, tuple(lines))
    else:
        page = read_html(RawDocument(raw.source_file, r["html"].encode("utf-8")))
        if r["title"]:
            page = replace(page, lines=(r["title"],) + page.lines)
    date = r["date"] or ""
    return replace(page, title_hint=r["title"] or page.title_hint,
                   date_hint=date[:10] if re.match(r"\d{4}-\d{2}-\d{2}", date) else page.date_hint,
                   author_hint=r["author"] or page.author_hint, site_hint=r["source"] or page.site_hint,
                   url_hint=r["url"])


def _read_sniffed(raw: RawDocument) -> SourceText:
    return (read_html if _HTML_SNIFF.match(raw.data[:512]) else read_text)(raw)


READERS: dict[str, Callable[[RawDocument], SourceText]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    "": _read_sniffed,
    # One record of a scrapers' file (pipeline.corpus_entries splits the file into records).
    ".jsonl": read_record,
    ".ndjson": read_record,
    ".json": read_record,
}


def read(path: Path, name: str, data: bytes | None = None) -> SourceText:
    """Read one corpus file with the reader for its extension (data: its bytes, if already read)."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ArticleError(name, f"unsupported format '{path.suffix}'")
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ArticleError(name, f"cannot be read ({exc.strerror})") from None
    return reader(RawDocument(name, data))
