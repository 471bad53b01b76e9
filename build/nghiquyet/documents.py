"""Numbered documents of the Party centre cited in an article, resolved to ids.

An id is `<number>-<TYPE>/TW-<year>`: numbers restart each Party term, so the year is part of
the identity. The year comes from the date written next to the reference, else from the
stated term (khóa), else from the catalogue and the article's own dates.

>>> [r.id for r in find_documents(["Nghị quyết số: 11 NQ/TW ngày 10/2/2022 và Nghị quyết số 11"])]
['11-NQ/TW-2022']
>>> [r.id for r in find_documents(["Quyết định số 184-QĐ/TW ngày 26/3/2019; Nghị quyết 37"])]
['184-QĐ/TW-2019', '37-NQ/TW-2004']
>>> [r.id for r in find_documents(["Nghị quyết 11-NQ/TW (khóa X) và 11-NQ/TW (khóa XIII)"])]
['11-NQ/TW-2007', '11-NQ/TW-2022']
>>> [r.id for r in find_documents(["Nghị quyết số 11/NQ-CP của Chính phủ, Nghị quyết Đại hội XIII"])]
[]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from . import patterns as P
from .dates import find_dates
from .records import DocumentRef
from .vocabulary import catalogue, term_years

_LOOKAHEAD = 90    # characters after a reference where its date or term may stand


@dataclass(frozen=True)
class Mention:
    """One place in the text where a document is cited (resolved or not yet)."""
    block: int
    start: int
    end: int
    number: str
    type: str
    year: Optional[int]
    date: Optional[str]
    year_source: Optional[str]
    full: bool


def _catalogued(number: str, code: str) -> list[dict]:
    prefix = f"{number}-{code}/TW-"
    return sorted((d for d in catalogue().values() if d["id"].startswith(prefix)), key=lambda d: d["date"])


def _qualifiers(text: str, end: int) -> tuple[Optional[str], Optional[str]]:
    """The issue date and the term written right after a reference, if any."""
    window = text[end:end + _LOOKAHEAD]
    # A date or term after the next reference (full or short) belongs to that one.
    cuts = [m.start() for m in (P.full_reference().search(window), P.short_reference().search(window)) if m]
    if cuts:
        window = window[:min(cuts)]
    date = None
    m = re.match(r"\s*[,(]?\s*(?:ban hành\s+|ký\s+)?(?:ngày|ngay)\s+", window, re.I)
    if m:
        dates = [d for d in find_dates(window, dated_only=True) if d.iso]
        # ", ngày 2/4/2022, Bộ Chính trị …" opens the next clause: it dates that, not the document.
        opens_clause = "," in m.group(0) and dates and window[dates[0].end:].lstrip().startswith(",")
        if dates and dates[0].start <= m.end() + 2 and not opens_clause:
            date = dates[0].iso
        if opens_clause:
            window = ""
    elif re.match(r"\s*[,(]?\s*\d", window):
        dates = [d for d in find_dates(window[:40], dated_only=True) if d.iso]
        if dates and dates[0].start <= 3:
            date = dates[0].iso
    # The term belongs to this reference only within its own clause.
    window = re.split(r",\s+(?=[A-ZĐÀ-Ỹ])|;|\.\s", window, maxsplit=1)[0]
    term = P.TERM.search(window)
    term_name = None
    if term and term.start() <= 50:
        term_name = term["term"].upper()
    return date, term_name


def _code(word: str) -> str:
    return P.document_types()[word.lower()]


def _resolve_year(number, code, date, term, context_year) -> tuple[Optional[int], Optional[str], Optional[str]]:
    if date:
        return int(date[:4]), date, "stated"
    known = _catalogued(number, code)
    if term and term_years(term):
        lo, hi = term_years(term)
        in_term = [d for d in known if lo <= int(d["date"][:4]) <= hi]
        if in_term:
            return int(in_term[-1]["date"][:4]), in_term[-1]["date"], "term"
        year = context_year if context_year and lo <= context_year <= hi else lo
        return year, None, "term"
    if known:
        before = [d for d in known if context_year is None or int(d["date"][:4]) <= context_year]
        chosen = (before or known)[-1]
        return int(chosen["date"][:4]), chosen["date"], "catalogue"
    return None, None, None


def find_mentions(blocks: list[str], context_year: Optional[int] = None) -> list[Mention]:
    """Every document mention, full ones first resolved, then short ones by the full ones."""
    full: list[Mention] = []
    short_raw = []
    for b, text in enumerate(blocks):
        spans = []
        for m in P.full_reference().finditer(text) if "/" in text else ():     # "11-NQ/TW" has one
            code = _code(m["code"])
            date, term = _qualifiers(text, m.end())
            year, date, source = _resolve_year(m["num"], code, date, term, context_year)
            if year is None:
                year, source = context_year, "context"
            if year is not None:
                full.append(Mention(b, m.start(), m.end(), m["num"], code, year, date, source, True))
            spans.append((m.start(), m.end()))
        for m in P.short_reference().finditer(text):
            if any(s <= m.start("num") < e for s, e in spans):
                continue
            short_raw.append((b, m, text))
    by_key: dict[tuple[str, str], list[Mention]] = {}
    for x in full:
        by_key.setdefault((x.number, x.type), []).append(x)
    positions = {k: [(x.block, x.start) for x in v] for k, v in by_key.items()}   # sorted: text order
    short: list[Mention] = []
    for b, m, text in short_raw:
        code, number = _code(m["word"]), m["num"]
        date, term = _qualifiers(text, m.end())
        same = by_key.get((number, code), [])
        if date or term:
            year, date, source = _resolve_year(number, code, date, term, context_year)
        elif same:
            # The nearest full mention before this one, else the first after it.
            at = bisect.bisect_left(positions[(number, code)], (b, m.start()))
            pick = same[at - 1] if at else same[0]
            year, date, source = pick.year, pick.date, pick.year_source
        else:
            year, date, source = _resolve_year(number, code, None, None, context_year)
        if year is not None:
            short.append(Mention(b, m.start(), m.end(), number, code, year, date, source, False))
    return sorted(full + short, key=lambda x: (x.block, x.start))


def mention_id(m: Mention) -> str:
    return f"{m.number}-{m.type}/TW-{m.year}"


def find_documents(blocks: list[str], context_year: Optional[int] = None) -> list[DocumentRef]:
    """Distinct documents in order of first mention."""
    return documents_of(find_mentions(blocks, context_year))


def documents_of(mentions: list[Mention]) -> list[DocumentRef]:
    """Distinct documents of a list of mentions, in order of first mention."""
    out: dict[str, DocumentRef] = {}
    for m in mentions:
        key = mention_id(m)
        if key not in out:
            known = catalogue().get(key)
            out[key] = DocumentRef(key, m.number, m.type, m.year,
                                   m.date or (known or {}).get("date"), m.year_source)
    return list(out.values())


def congress_resolutions(blocks: list[str]) -> list[str]:
    """Terms of the Party Congress resolutions cited ("Nghị quyết Đại hội XIII" -> "XIII")."""
    found = []
    for text in blocks:
        for m in P.CONGRESS.finditer(text):
            if m["term"].upper() not in found:
                found.append(m["term"].upper())
    return found
