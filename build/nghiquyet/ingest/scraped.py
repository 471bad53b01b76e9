"""Scrapers' output: JSON Lines (`.jsonl`, `.ndjson`: one record a line) and JSON (`.json`: an
array of records, or one record) as written by Scrapy item exports, news-please, trafilatura's
JSON output and the like. One record is one article, named `<file>#<n>` (n counts from 1) in
the build report; a record that is not a JSON object is refused with that reason.

Field names are data (vocabulary.yaml `record_fields`): the text from `text`/`maintext`/…, else
the `html` read like a saved page; title, date, author, source and the original URL from the
usual names.

>>> split_records("a.jsonl", b'{"title": "A"}\\n\\n{"title": "B"}\\n')
[('a.jsonl#1', b'{"title": "A"}'), ('a.jsonl#2', b'{"title": "B"}')]
>>> r = parse_record(RawDocument("a.jsonl#1", '{"headline": "Tiêu đề", "maintext": "Đoạn.", "authors": ["A", "B"]}'.encode()))
>>> r["title"], r["text"], r["author"], r["html"]
('Tiêu đề', 'Đoạn.', 'A - B', None)
"""

from __future__ import annotations

import json
from functools import lru_cache

from ..errors import ArticleError
from ..records import RawDocument
from ..text import nfc, web_address
from ..vocabulary import vocabulary

SUFFIXES = (".jsonl", ".ndjson", ".json")


def split_records(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """A scrapers' file -> (record name, record bytes) for each record, in file order. A JSON
    array gives its items; JSON Lines its non-blank lines."""
    text = data.decode("utf-8-sig", errors="replace")
    stripped = text.lstrip()
    if name.lower().endswith(".json") or stripped.startswith("["):
        try:
            value = json.loads(text)
        except ValueError:
            return [(f"{name}#1", data)]            # refused as one bad record, with its reason
        items = value if isinstance(value, list) else [value]
        return [(f"{name}#{i}", json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8"))
                for i, item in enumerate(items, 1)]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [(f"{name}#{i}", line.encode("utf-8")) for i, line in enumerate(lines, 1)]


@lru_cache(maxsize=None)
def _fields() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in vocabulary()["record_fields"].items()}


def _first(record: dict, field: str):
    for key in _fields()[field]:
        value = record.get(key)
        if value:
            return value
    return None


def _text(value) -> str | None:
    if isinstance(value, list):
        value = " - ".join(str(v) for v in value if v)
    return nfc(str(value)).strip() or None if value is not None else None


def parse_record(raw: RawDocument) -> dict:
    """One scraped record -> {"title", "text", "html", "date", "author", "source", "url"} (None
    where the record has none); refused (ArticleError) when it is no JSON object."""
    try:
        record = json.loads(raw.data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        raise ArticleError(raw.source_file, "not a JSON record") from None
    if not isinstance(record, dict):
        raise ArticleError(raw.source_file, "not a JSON object")
    out = {name: _text(_first(record, name)) for name in ("title", "date", "author", "source", "url")}
    body, html = _first(record, "text"), _first(record, "html")
    out["text"] = str(body) if body else None
    out["html"] = str(html) if html and not body else None
    if not (out["text"] or out["html"]):
        raise ArticleError(raw.source_file, "no article text in the record")
    out["url"] = web_address(out["url"])
    return out
