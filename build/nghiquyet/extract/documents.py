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

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .. import patterns as P
from ..ingest.dates import find_dates
from ..records import DocumentRef
from ..text import match_key
from ..vocabulary import catalogue, regions, term_years, vocabulary
from .places import without_marks

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


_NEAR = 160        # characters around a mention where a catalogued document's subject words count


def _by_term(number: str, code: str, term: str, context_year: Optional[int]) -> tuple[int, Optional[str]]:
    lo, hi = term_years(term)
    in_term = [d for d in _catalogued(number, code) if lo <= int(d["date"][:4]) <= hi]
    if in_term:
        return int(in_term[-1]["date"][:4]), in_term[-1]["date"]
    return (context_year if context_year and lo <= context_year <= hi else lo), None


@lru_cache(maxsize=None)
def _subject_keys(doc_id: str) -> tuple[str, ...]:
    """The words that tell a catalogued document from others of its number: its subject words and
    the names of its regions."""
    d = catalogue()[doc_id]
    words = list(d.get("subject") or [])
    for rid in d.get("regions") or []:
        region = regions().get(rid, {})
        names = [region.get("name", "")] + list(region.get("spellings", []))
        # (and as text without marks writes them: "Dong bang song Cuu Long", "Mekong Delta")
        words += names + [without_marks(n) for n in names] + list(region.get("english", []))
    generic = _generic_subjects()
    return tuple(sorted({match_key(w) for w in words if w and len(w) > 2} - generic))


@lru_cache(maxsize=None)
def _generic_subjects() -> frozenset[str]:
    return frozenset(match_key(w) for w in vocabulary().get("generic_subject_words", []))


@lru_cache(maxsize=None)
def _related(doc_id: str) -> frozenset[str]:
    """The catalogued documents one is tied to: what it replaces or concerns, what replaces or
    concerns it (once per id: it scans the catalogue)."""
    d = catalogue().get(doc_id, {})
    out = {d.get("replaces"), d.get("concerns")}
    out |= {o["id"] for o in catalogue().values() if doc_id in (o.get("replaces"), o.get("concerns"))}
    return frozenset(out - {None})


def _issued(number: str, code: str, on: Optional[str]) -> list[dict]:
    """The catalogued documents of a number and type issued by the article's date (all of them
    when none was)."""
    known = _catalogued(number, code)
    return [d for d in known if on is None or d["date"] <= on] or known


def _by_subject(number: str, code: str, after: str, on: Optional[str]) -> Optional[dict]:
    """The catalogued document whose subject the words right after the mention name ("Nghị
    quyết 23-NQ/TW … về … phát triển công nghiệp"): the one named first, the latest on a tie."""
    key = match_key(after)
    # "… 39-NQ/TW về nâng cao hiệu quả …": the subject follows "về"; without it, the words after
    # the mention may be anything ("…, với … nguồn lực đầu tư"): only a long subject counts.
    m = re.search(r"(?<!\w)về\s", key)
    key, least = (key[m.end():], 1) if m else (key, 3)
    best = None
    for d in _issued(number, code, on):
        found = [key.find(w) for w in _subject_keys(d["id"]) if len(w.split()) >= least and w in key]
        if found and (best is None or min(found) <= best[0]):
            best = (min(found), d)
    return best[1] if best else None


def _by_catalogue(number: str, code: str, before: str, article: str, on: Optional[str], cited: set[str]):
    """The catalogued document a bare number means, among those issued by the article's date:
    one tied to a document the article cites with its date or term ("Quyết định 184-QĐ/TW ngày …
    về tổng kết Nghị quyết 37"), else the latest whose subject words stand just before the
    mention, else in the article (the one whose words weigh most), else the latest."""
    known = _issued(number, code, on)
    if not known:
        return None
    before_key = match_key(before)
    tied = set().union(*(_related(c) for c in cited)) if cited else set()
    fitting = [d for d in known if d["id"] in tied]
    if fitting:
        return fitting[-1]
    # Subject words: the document whose words weigh most (the characters of the distinct words
    # found: "bắc trung bộ và duyên hải trung bộ" outweighs "nguồn lực"), the latest on a tie.
    for text in (before_key, article):
        weights = [(sum(len(w) for w in _subject_keys(d["id"]) if w in text), i) for i, d in enumerate(known)]
        best = max(weights)
        if best[0]:
            return known[best[1]]
    return known[-1]


_YEAR_BESIDE = re.compile(r"\s*[,(]?\s*(?:ban hành\s+)?năm\s+(?P<year>(?:19|20)\d\d)\b", re.I)


def _year_beside(number: str, code: str, after: str) -> Optional[str]:
    """"Nghị quyết 39-NQ/TW năm 2004": the year written right after a mention, as the catalogued
    document's date of that year, else as 1 January of it."""
    m = _YEAR_BESIDE.match(after)
    if not m:
        return None
    dated = [d["date"] for d in _catalogued(number, code) if d["date"].startswith(m["year"])]
    return dated[0] if dated else f"{m['year']}-01-01"


_ISSUED_BY = re.compile(r"(?:ban hành|ký ban hành|thông qua|ký)\s*$", re.I)


def _issue_date(text: str, start: int) -> Optional[str]:
    """"Ngày 22/3/2018, Bộ Chính trị ban hành Nghị quyết 23-NQ/TW": the date of the clause that
    issues the document, written before it in the same sentence."""
    head = re.split(r"[.;!?]\s", text[max(0, start - 140):start])[-1]
    if not _ISSUED_BY.search(head):
        return None
    dates = [d for d in find_dates(head, dated_only=True) if d.iso]
    return dates[-1].iso if dates else None


def _clause(text: str) -> str:
    """The words after a mention up to the next mention of a document or the end of the sentence."""
    cut = min([m.start() for m in (P.full_reference().search(text), P.short_reference().search(text)) if m]
              + [len(text)])
    return re.split(r"[.;!?](?:\s|$)", text[:cut], maxsplit=1)[0]


@lru_cache(maxsize=None)
def _other_bodies() -> str:
    """Bodies outside the Party's centre that issue resolutions of their own (Chính phủ, Quốc
    hội, a province's people's council or Party committee), as a regex alternation of keys."""
    v = vocabulary()
    centre = {match_key(x) for x in v["party_centre"]}
    names = {match_key(x) for x in list(v["central_actors"]) + list(v["local_actors"])} - centre
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=None)
def _other_issuers() -> re.Pattern:
    """"Chính phủ ban hành Nghị quyết số 96": such a body issuing the number after it."""
    return re.compile(rf"(?:{_other_bodies()})\s+(?:\w+\s+){{0,2}}?(?:đã\s+)?(?:ký\s+)?ban hành\s*$")


def _issued_elsewhere(before: str, after: str = "") -> bool:
    """A bare number whose issuer, named right before it ("Chính phủ ban hành Nghị quyết số 96")
    or right after it and its date ("Nghị quyết số 154 ngày 23/11/2022 của Chính phủ",
    "Chương trình số 113 … của Tỉnh ủy"), is not the Party's centre."""
    return bool(_other_issuers().search(match_key(before[-80:])) or _other_owners().match(match_key(after[:80])))


@lru_cache(maxsize=None)
def _other_owners() -> re.Pattern:
    """"… số 154 ngày 23/11/2022 của Chính phủ": such a body named after the number and its date."""
    return re.compile(rf"[\s,]*(?:ngày\s+\d{{1,2}}(?:\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d{{4}}|\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}})"
                      rf"[\s,]*)?của\s+(?:{_other_bodies()})(?!\w)")


def find_mentions(blocks: list[str], context_year: Optional[int] = None, on: Optional[str] = None) -> list[Mention]:
    """Every document mention, each resolved to a year in this order: a date written beside it
    (or the date of the clause that issues it); the term (khóa) written beside it; the subject
    named right after it, when it is a catalogued document's ("… về phát triển công nghiệp");
    another mention of the same number and type in the article that was resolved so (the
    nearest before it, else the first after it); the catalogue (see _by_catalogue); the
    article's own year. `on` is the article's date."""
    on = on or (f"{context_year}-12-31" if context_year else None)
    raw = []        # (block, match, text, full, date, term)
    for b, text in enumerate(blocks):
        spans = []
        for m in P.full_reference().finditer(text) if "/" in text else ():     # "11-NQ/TW" has one
            raw.append((b, m.start(), m.end(), m["num"], _code(m["code"] or m["swapped"]), text, True))
            spans.append((m.start(), m.end()))
        for m in P.short_reference().finditer(text):
            if not any(s <= m.start("num") < e for s, e in spans) and \
                    not _issued_elsewhere(text[:m.start()], text[m.end():]):
                raw.append((b, m.start(), m.end(), m["num"], _code(m["word"]), text, False))
    raw.sort(key=lambda r: (r[0], r[1]))
    resolved: list[Optional[tuple[int, Optional[str], str]]] = []
    for b, start, end, number, code, text, full in raw:
        date, term = _qualifiers(text, end)
        date = date or _issue_date(text, start) or _year_beside(number, code, text[end:end + 24])
        subject = None if date or term else _by_subject(number, code, _clause(text[end:end + _NEAR]), on)
        if date:
            resolved.append((int(date[:4]), date, "stated"))
        elif term and term_years(term):
            resolved.append((*_by_term(number, code, term, context_year), "term"))
        elif subject:
            resolved.append((int(subject["date"][:4]), subject["date"], "subject"))
        else:
            resolved.append(None)
    article = None
    cited = {f"{r[3]}-{r[4]}/TW-{found[0]}" for r, found in zip(raw, resolved) if found}
    out: list[Mention] = []
    chosen: dict[tuple[str, str], tuple] = {}      # (number, type) -> how an earlier mention was resolved
    for i, (b, start, end, number, code, text, full) in enumerate(raw):
        found = resolved[i]
        if found is None:
            same = [j for j, r in enumerate(raw) if resolved[j] and (r[3], r[4]) == (number, code)]
            if same:
                earlier = [j for j in same if j < i]
                year, date, _ = resolved[earlier[-1] if earlier else same[0]]
                found = (year, date, "article")
            elif (number, code) in chosen:     # "Kết luận số 12-KL/TW …", then "Kết luận 12": the same one
                found = (*chosen[(number, code)][:2], "article")
        if found is None:
            if article is None:
                article = match_key(" ".join(blocks))
            doc = _by_catalogue(number, code, text[max(0, start - _NEAR):start], article, on, cited)
            if doc:
                found = (int(doc["date"][:4]), doc["date"], "catalogue")
            elif context_year is not None:
                found = (context_year, None, "context")
        if found:
            chosen.setdefault((number, code), found)
            out.append(Mention(b, start, end, number, code, found[0], found[1], found[2], full))
    return out


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
