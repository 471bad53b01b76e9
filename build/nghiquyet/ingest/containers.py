"""The usual containers of scraped text, unwrapped into plain lines before cleaning.

- A metadata header at the top of a record: YAML front matter between `---` lines, `key: value`
  lines (`title:`, `date:`, `author:` …) and comment lines (`# url = …`) written by scrapers and
  database dumps, ending at a `---` line or the first other line. Its values become the page's
  metadata (title, date, author, source, url), not body text.
- A dump's date field glued to the text's first line (" date 2023-09 Ngày 16/9, …"): taken off
  the text as the page's date (a year and month only give the article's time, not its date).
- A teaser's stamp glued to the text on both sides ("… Bắc BộSự kiện - 15/04/2022Tổng Bí thư …",
  text nodes joined with nothing between them): the stamp gets a line of its own.
- Dump placeholders: `[img]` lines (the caption follows them) are dropped; a tail section marker
  (`[related]`, `[footer]` …) ends the article.
- Markdown re-posts: `#` headings lose their marks, `![alt](url)` images become their alt text as
  a caption (nothing when a caption line follows or the alt is empty), lines made only of links
  (menus, "Xem thêm" teasers) are dropped, links keep their text, emphasis marks go.
- Everywhere: a line wrapped whole in `**…**`, `__…__` or `<b>…</b>` (a headline) is unwrapped.

The keys and markers are data (vocabulary.yaml: `header_keys`, `dump_tail_markers`).

>>> unwrap(["# url = https://example.vn/a", "title: Tiêu đề bài", "date: 2022-11-28", "---", "Thân bài."]).lines
('Tiêu đề bài', 'Thân bài.')
>>> unwrap(["# Tiêu đề", "![Ảnh hội nghị](https://x.vn/a.jpg)", "Nội dung **đậm** và [liên kết](https://x.vn)."]).lines
('Tiêu đề', 'Ảnh hội nghị', 'Nội dung đậm và liên kết.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from ..vocabulary import vocabulary


@dataclass(frozen=True)
class Unwrapped:
    lines: tuple[str, ...]
    meta: dict = field(default_factory=dict)   # title, date, author, source, url from a header


_HEADER_LINE = re.compile(r"^\s*(?:#\s*)?(?P<key>[^\W\d][\w-]*(?: [^\W\d][\w-]*){0,3})\s*(?::|=)\s*(?P<value>.*?)\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\.{3}|={3,}|\*{3,}|_{3,})\s*$")
_MARKER = re.compile(r"^\s*\[(?P<name>[a-z][a-z _-]{1,20})\]\s*$", re.I)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_IMAGE_LINE = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\([^)]*\)\s*$")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?:https?://|/|\.\.?/|#)[^)\s]*(?:\s+\"[^\"]*\")?\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(?P<text>[^*_]+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`(?P<text>[^`]+)`")
_WRAPPED = re.compile(r"^\s*(?:(\*\*|__)(?P<md>.+)\1|(?:<(?:b|strong|em|i|u|span|p|div|h[1-6])\b[^<>]*>\s*)+"
                      r"(?P<html>[^<>]+?)(?:\s*</(?:b|strong|em|i|u|span|p|div|h[1-6])>)+)\s*$", re.I)
_CAPTION_NEXT = re.compile(r"ảnh\s*:|\(ảnh|photo|nguồn ảnh", re.I)
_LINK_ONLY_REST = re.compile(r"^[\s»›>|/•·,.:;\-–—]*$")


@lru_cache(maxsize=None)
def _keys() -> dict[str, str]:
    """Header key (lower case, "_" for spaces) -> the metadata field it fills."""
    return {_key(key): name for name, keys in vocabulary()["header_keys"].items() for key in keys}


def _key(text: str) -> str:
    return "_".join(text.lower().replace("-", " ").split())


# A dump's date field glued to the start of the text on one line (" date 2023-09 Ngày 16/9, …").
_GLUED_DATE = re.compile(r"^\s*(?:date|published|pubdate|ngày đăng)\s*[:=]?\s*(?P<date>\d{4}-\d{2}(?:-\d{2})?)"
                         r"(?:[T ][\d:.+Z-]+)?\s+(?=\S)", re.I)


# A teaser's stamp glued to the text on both sides, where a scrape joined the page's text nodes
# with nothing between them: "… miền núi Bắc BộSự kiện - 15/04/2022Tổng Bí thư …" (a section
# label may stand before the date). The stamp gets a line of its own.
_GLUED_DATE_IN = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/\d{4}(?: \d{1,2}:\d{2})?(?=[^\W\d_])")
_LABEL_BEFORE = re.compile(r"\S+(?: \S+){0,3} [-–|] $")


def _glue_point(before: str) -> int | None:
    """Where a stamp glued after `before` starts: its label's first letter, glued to a lower-case
    letter ("BộSự kiện - "), or the date itself, glued to the text ("khai mạc15/04/2022")."""
    label = _LABEL_BEFORE.search(before)
    if label:
        text = before[label.start():]
        for i in range(len(text) - 1, 0, -1):
            if text[i].isupper() and text[i - 1].islower():
                return label.start() + i
    return len(before) if before and not before[-1].isspace() and not before[-1].isdigit() else None


def _glued_stamps(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        parts, last = [], 0
        for m in _GLUED_DATE_IN.finditer(line) if "/" in line else ():
            if not line[m.end()].isupper():
                continue
            at = _glue_point(line[last:m.start()])
            if at is None:
                continue
            parts += [line[last:last + at], line[last + at:m.end()]]
            last = m.end()
        out.extend(parts + [line[last:]] if parts else [line])
    return out


def unwrap(lines: list[str] | tuple[str, ...]) -> Unwrapped:
    lines, meta = _header(list(lines))
    lines = _glued_stamps(lines)
    lines, glued = _glued_date(lines)
    if glued and "date" not in meta:
        meta["date"] = glued
    lines = _dump_markers(lines)
    if any(_looks_markdown(x) for x in lines):
        host = _link_host(lines)
        if host and "site" not in meta:
            meta["site"] = host
        lines = _markdown(lines)
    lines = [_unwrap_line(x) for x in lines]
    if meta.get("title") and not any(x.strip() == meta["title"] for x in lines):
        lines.insert(0, meta["title"])      # the headline lives only in the header
    return Unwrapped(tuple(lines), meta)


def _header(lines: list[str]) -> tuple[list[str], dict]:
    """The metadata header at the top, if there is one: (the other lines, its values)."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    fenced = i < len(lines) and _RULE.match(lines[i])
    start = i + 1 if fenced else i
    meta: dict[str, str] = {}
    known = 0
    j = start
    while j < len(lines):
        line = lines[j]
        if _RULE.match(line):
            j += 1
            break
        m = _HEADER_LINE.match(line)
        if not m:
            if fenced:           # front matter ends only at its closing rule
                return lines, {}
            break
        field_name = _keys().get(_key(m["key"]))
        if field_name:
            known += 1
            value = m["value"].strip().strip("\"'")
            if value and field_name not in meta:
                meta[field_name] = value
        elif not line.lstrip().startswith("#") and not fenced:
            break                 # "Hà Nội: …" is a sentence, not a header line
        j += 1
    if known < 2:
        return lines, {}
    host = urlparse(meta["url"]).hostname if "url" in meta else None
    if host and "source" not in meta:
        meta["source"] = host
    return lines[:i] + lines[j:], meta


def _glued_date(lines: list[str]) -> tuple[list[str], str | None]:
    """The first line's glued date field, taken off the text: ("Ngày 16/9, …", "2023-09")."""
    first = next((i for i, x in enumerate(lines) if x.strip()), None)
    m = _GLUED_DATE.match(lines[first]) if first is not None else None
    if not m:
        return lines, None
    return lines[:first] + [lines[first][m.end():]] + lines[first + 1:], m["date"]


def _dump_markers(lines: list[str]) -> list[str]:
    tail = set(vocabulary()["dump_tail_markers"])
    out = []
    for line in lines:
        m = _MARKER.match(line)
        if m:
            if m["name"].lower().strip() in tail:
                break
            if m["name"].lower() in ("img", "image", "photo", "ảnh", "video"):
                continue
        out.append(line)
    return out


_LINK_HOST = re.compile(r"(?<!!)\[[^\]]*\]\(https?://(?:www\.)?(?P<host>[A-Za-z0-9.-]+)")     # links, not images


def _link_host(lines: list[str]) -> str | None:
    """The site a Markdown re-post was copied from: the host its own links (menu, breadcrumb,
    teasers) point to most often; sharing and social sites are not it."""
    from collections import Counter

    skip = tuple(vocabulary()["not_publishers"])
    hosts = Counter(m["host"].lower() for line in lines for m in _LINK_HOST.finditer(line)
                    if not m["host"].lower().endswith(skip))
    return hosts.most_common(1)[0][0] if hosts else None


def _looks_markdown(line: str) -> bool:
    return bool(_HEADING.match(line) or _IMAGE.search(line) or _LINK.search(line))


def _markdown(lines: list[str]) -> list[str]:
    out = []
    for i, line in enumerate(lines):
        m = _IMAGE_LINE.match(line)
        if m:
            following = next((x for x in lines[i + 1:] if x.strip()), "")
            alt = m["alt"].strip()
            if len(alt.split()) >= 2 and not _CAPTION_NEXT.search(following):
                out.append(alt)
            continue
        heading = _HEADING.match(line)
        if heading:
            line = heading["text"]
        line = _IMAGE.sub("", line)
        if _LINK.search(line) and _LINK_ONLY_REST.match(_LINK.sub("", line)):
            continue              # a menu or a teaser: links and separators only
        line = _LINK.sub(lambda m: m["text"], line)
        line = _CODE.sub(lambda m: m["text"], line)
        line = _STRONG.sub(lambda m: m["text"], line)
        line = _EMPHASIS.sub(lambda m: m["text"], line)
        out.append(line)
    return out


def _unwrap_line(line: str) -> str:
    m = _WRAPPED.match(line)
    if not m:
        return line
    return (m["md"] if m["md"] is not None else m["html"]).strip()


SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")


def is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIXES)


def sidecar_of(path: Path, present: set[str] | frozenset[str] | None = None) -> Path | None:
    """The metadata file beside a corpus file: `<name>.meta.yaml` (or .yml, .json), or the same
    with the file's extension left out (`a.html` -> `a.meta.json`). `present`: the paths of the
    corpus's sidecar files, when the caller listed them once (no file system call per file)."""
    if present is not None and not present:
        return None
    for base in (path.name, path.stem):
        for suffix in SIDECAR_SUFFIXES:
            candidate = path.with_name(base + suffix)
            if (str(candidate) in present) if present is not None else candidate.is_file():
                return candidate
    return None


def sidecar_fields(data: bytes) -> dict:
    """A sidecar's values by the field they fill (url, date, source, author, title), with the
    header keys of vocabulary.yaml; anything unreadable gives no values."""
    import yaml

    try:
        value = yaml.safe_load(data.decode("utf-8-sig"))      # JSON is YAML too
    except (ValueError, yaml.YAMLError):
        return {}
    if not isinstance(value, dict):
        return {}
    out = {}
    for key, item in value.items():
        field_name = _keys().get(_key(str(key)))
        if field_name and field_name != "other" and item not in (None, "") and field_name not in out:
            out[field_name] = str(item).strip()
    return out
