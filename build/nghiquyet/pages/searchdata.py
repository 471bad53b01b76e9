"""What the site search (Pagefind) needs to know about a page beyond its visible text:
filters, metadata for result rows, a sort key, ids people type, and folded words.

Pagefind folds tone marks but not "đ": every word of the page that has "đ" is also indexed in
its folded form ("Đồng" -> "dong"), so "dong bang" finds "Đồng bằng".

>>> folded_words(["Đồng bằng sông Cửu Long", "Định Hóa"])
['dinh', 'dong']
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Iterable, Optional

from ..names import FILTER_KIND, FILTER_YEAR
from ..text import strip_tones

_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]*[đĐ][^\W\d_]*")     # from a word's start only


def folded_words(texts: Iterable[str]) -> list[str]:
    # Words never span a space: the pattern runs only on the distinct space-separated tokens
    # that hold a "đ" (str.split and `in` run at C speed; the pattern is slow on long text).
    lowered = "\n".join(texts).lower()         # folded words are lower case: one "đ" to look for
    tokens = {t for t in lowered.split() if "đ" in t}
    return sorted({_folded(w) for t in tokens for w in _WORD.findall(t)})


@lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    return strip_tones(word).lower()


def _attr(name: str, value: str) -> str:
    return f'<span {name}="{html.escape(value, quote=True)}"></span>'


def search_block(kind: str, *, filters: dict[str, list[str]] | None = None, date: Optional[str] = None,
                 source: Optional[str] = None, aliases: list[str] | None = None,
                 texts: Iterable[str] = (), rank: Optional[int] = None) -> str:
    """A hidden block of Pagefind attributes, appended to a page's Markdown. `rank` orders pages
    the search scores alike (nq-search.js): same-numbered documents match a query with the same
    words, and Pagefind alone would rank them by page length."""
    parts = [_attr("data-pagefind-filter", f"{FILTER_KIND}:{kind}"), _attr("data-pagefind-meta", f"kind:{kind}")]
    if rank is not None:
        parts.append(_attr("data-pagefind-meta", f"rank:{rank}"))
    for name, values in (filters or {}).items():
        parts += [_attr("data-pagefind-filter", f"{name}:{v}") for v in values if v]
    if date:
        y, m, d = date.split("-")
        parts.append(_attr("data-pagefind-meta", f"date:{d}/{m}/{y}"))
        parts.append(_attr("data-pagefind-sort", f"date:{date}"))
        parts.append(_attr("data-pagefind-filter", f"{FILTER_YEAR}:{y}"))
    if source:
        parts.append(_attr("data-pagefind-meta", f"source:{source}"))
    words = folded_words(texts)
    if aliases:
        # Names people type, toned and folded ("Định Hóa", "dinh hoa"), weighted like a title.
        names = list(dict.fromkeys(aliases + [strip_tones(a).lower() for a in aliases if "đ" in a.lower()]))
        parts.append(f'<span data-pagefind-weight="10">{html.escape(" ".join(names))}</span>')
    if words:
        parts.append(f'<span data-pagefind-weight="1">{html.escape(" ".join(words))}</span>')
    return '\n<div class="nq-search-data" hidden data-nosnippet>\n' + "\n".join(parts) + "\n</div>\n"
