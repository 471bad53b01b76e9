"""The web site that published an article (`site` in the front matter): its domain, else its name.

`source` says whom the text credits ("TTXVN", "(GLO) -", "Văn Thanh (Báo Phú Thọ)"); `site` says
where the page was read, which a reader needs to find the original. In order:
1. the host of the article's own address: a scraper's record, a metadata header or sidecar, the
   page's canonical address, the links of a Markdown re-post (ingest/ passes these as hints);
2. a web address the page's chrome shows on a line of its own or in its copyright line
   ("baoapbac.vn", "© 2022 baoapbac.vn");
3. the address the lead or the byline opens or ends with ("(Baonghean.vn) - …", "VOV.VN - …",
   "Thu Hà/VOV.VN");
4. a portal's name line ("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN BA BỂ - TỈNH BẮC KẠN" → "Cổng thông tin
   điện tử huyện Ba Bể"), then the owner its copyright line names ("Bản quyền thuộc Hội …").
Social and sharing sites are never the publisher (vocabulary `not_publishers`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional
from urllib.parse import urlparse

from ..records import BODY, CAPTION, TITLE, Cleaned
from ..text import match_key
from ..vocabulary import vocabulary

_TLD = r"(?:vn|com|net|org|info|edu|gov|int|asia|online|news|tv)"
_DOMAIN = rf"(?:www\.)?(?P<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+{_TLD}(?:\.vn)?)"
_BARE = re.compile(rf"{_DOMAIN}", re.I)
_IN_LINE = re.compile(rf"(?<![\w.@/-]){_DOMAIN}(?![\w-]|\.\w)", re.I)
_LEAD = re.compile(rf"^\(?{_DOMAIN}\)?\s*[-–—]\s", re.I)
_BYLINE_TAIL = re.compile(rf"/\s*{_DOMAIN}\s*$", re.I)
SOURCE_PREFIX = re.compile(r"^(?:nguồn|theo|source)\s*:?\s*", re.I)   # "Nguồn: …", "Theo …"
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright|bản quyền)", re.I)
_OWNER = re.compile(r"^(?:©\s*)?(?:\d{4}\s*)?bản quyền (?:thuộc về|thuộc)\s+(?P<name>[^.;|–—]+?)(?:\s+-\s+.*)?[.;]?$",
                    re.I)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    v = vocabulary()
    return (tuple(v["not_publishers"]), tuple(match_key(x) for x in v["portal_heads"]),
            tuple(v["district_heads"]) + ("tỉnh", "xã", "phường"))


def host_of(value: str | None) -> Optional[str]:
    """The publisher's domain in an address or a bare domain ("https://www.baolangson.vn/a" ->
    "baolangson.vn"); None for no address, or a sharing site's."""
    if not value:
        return None
    host = (urlparse(value).hostname if "://" in value else value).lower().strip(" .")
    host = host[4:] if host.startswith("www.") else host
    return None if not _BARE.fullmatch(host) or host.endswith(_lexicon()[0]) else host


def _display(name: str) -> str:
    """A name written in capitals, as it reads in a sentence: "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN
    BA BỂ" -> "Cổng thông tin điện tử huyện Ba Bể" (the place after its head keeps capitals)."""
    if name != name.upper():
        return name
    words = name.lower().split()
    heads = _lexicon()[2]
    out, proper = [], False
    for i, word in enumerate(words):
        out.append(word.capitalize() if i == 0 or proper else word)
        proper = proper or word in heads
    return " ".join(out)


def site_of(cleaned: Cleaned, url: str | None) -> Optional[str]:
    hints = cleaned.hints
    # A re-post's "Nguồn: baoangiang.com.vn" names the original publisher, before the links'.
    credited = [SOURCE_PREFIX.sub("", line).strip(" .") for line in cleaned.sources]
    given = (hints.url_hint,) if hints else ()
    later = (hints.host_hint, hints.site_hint) if hints else ()
    for value in (url, *given, *[c for c in credited if _BARE.fullmatch(c)], *later):
        host = host_of(value)
        if host:
            return host
    # Every line the page had outside its text (the tail after a related-news list included,
    # which cleaning no longer keeps).
    body = {line.text for line in cleaned.lines if line.role in (BODY, CAPTION, TITLE)}
    chrome = [text for text in (hints.lines if hints else [line.text for line in cleaned.lines])
              if text.strip() and text not in body]
    for text in chrome:
        bare = text.strip(" .()[]|-–·")
        if _BARE.fullmatch(bare) and host_of(bare):
            return host_of(bare)
        if _COPYRIGHT.match(text.strip()):
            for m in _IN_LINE.finditer(text):
                if host_of(m["host"]):
                    return host_of(m["host"])
    lead = [line.text for line in cleaned.lines if line.role == BODY][:1]     # before its dateline is cut
    for text in lead + chrome:
        m = _LEAD.match(text.strip()) or _BYLINE_TAIL.search(text.strip())
        if m and host_of(m["host"]):
            return host_of(m["host"])
    portal_heads = _lexicon()[1]
    for text in chrome:
        if match_key(text).startswith(portal_heads):
            return _display(re.split(r"\s+[-–—|]\s+", text.strip())[0])
    for text in chrome:
        m = _OWNER.match(text.strip())
        if m:
            return _display(m["name"].strip())
    return None
