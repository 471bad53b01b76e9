"""Dated happenings an article reports (a conference held, a plan signed, a review made).

A date counts as an event when it opens a clause ("Sáng 16/11, …", "…, sáng ngày 9/6, Ban …")
in a sentence that names a kind of happening; a date written after a document reference
("Nghị quyết 37-NQ/TW ngày 01/7/2004") is a citation, not an event. A day and month without a
year get the year from the publication date, else from the dated facts of the article, and
are marked inferred.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional

from .. import patterns as P
from ..ingest.dates import DIGIT, DateMatch, find_dates, horizon_spans
from .actors import find_actor
from .documents import Mention, mention_id
from ..records import Event
from ..text import match_key, trie_alternation
from ..vocabulary import term_years, vocabulary

# A sentence ends at . ! ? … followed by spaces and a capital or a digit (group 1: the spaces).
_SENTENCE_END = re.compile(r"[.!?…](\s+)(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")
_TIME_LEAD = re.compile(
    r"^(?:[-–•*+]\s*)?(?:(?:trước đó|sau đó)\s*,?\s*)?(?:(?:và|đúng|vào|lúc|vào lúc|từ|trong|đến|tới)\s+)*(?:(?:hai|ba|bốn|năm|\d)\s+ngày\s+)?"
    r"(?:\d{1,2}\s*(?:giờ|h|:)?\s*\d{0,2}\s*(?:phút\s*)?)?"
    r"(?:(?:sáng|chiều|tối|trưa|đêm|sáng sớm|chiều tối)\s+)?"
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)\s*,?\s*)?"
    r"(?:(?:hôm\s+)?(?:nay|qua)\s*,?\s*)?(?:(?:ngày|hôm)\s+)?\(?\s*$", re.I)
# The same in an English edition: "On April 22, …", "Early March 28, …", "On the morning of September 20, …".
_EN_TIME_LEAD = re.compile(r"^(?:(?:early|late|earlier|later)\s+(?:on\s+)?)?(?:(?:on|in)\s+)?"
                           r"(?:the\s+(?:morning|afternoon|evening)\s+of\s+)?"
                           r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*)?$", re.I)
# "… was held in Binh Phuoc province on March 28": a date right after an English verb of happening.
_EN_TIME_AFTER = re.compile(r"\b(?:held|took place|convened|organi[sz]ed|opened|signed|issued|promulgated|met)"
                            r"(?:\s+[^\s.;,]+){0,6}?\s+(?:on|in)\s+(?:the\s+(?:morning|afternoon|evening)\s+of\s+)?$", re.I)
# "… tổ chức hội nghị quán triệt Nghị quyết (ngày 15/4) và …": a date in brackets after a clause.
_BRACKETED = re.compile(r"\(\s*(?:vào\s+)?(?:(?:sáng|chiều|tối|trưa)\s+)?(?:ngày\s+)?$", re.I)
# "… tổ chức hội nghị quán triệt … vào sáng 26/5": a time adverbial after the verb phrase.
_TIME_AFTER = re.compile(
    r"(?:^|\s)vào\s+(?:lúc\s+)?(?:\d{1,2}\s*(?:giờ|h)\s*\d{0,2}\s*)?(?:(?:sáng|chiều|tối|trưa|đêm)\s+)?"
    r"(?:ngày\s+|hôm\s+)?$", re.I)
# Words that make a date a deadline or a plan for the future, not a happening.
_FUTURE = re.compile(r"(?<!\w)(?:yêu cầu|đề nghị|cần|phải|sẽ|dự kiến|chậm nhất|hoàn thành|trước"
                     r"|will|must|should|shall|is expected to|are expected to|plans? to|deadline)(?!\w)", re.I)
# Words that make what a date after the article's own opens a plan ("Ngày 5/5, Chính phủ sẽ tổ
# chức …", "On May 5, … will hold …"); on the day itself it is the day's news ("Hôm nay (27/8), Thủ
# tướng sẽ chủ trì …").
_WILL = re.compile(r"(?<!\w)(?:sẽ|dự kiến sẽ|will|is expected to|are expected to|plans? to)(?!\w)", re.I)
SUMMARY_CHARS = 220


@lru_cache(maxsize=None)
def _cues() -> list[tuple[str, str]]:
    v = vocabulary()
    weak = {match_key(w) for w in v["weak_event_cues"]}
    cues = [(match_key(c), kind) for kind, words in v["event_kinds"].items() for c in words
            if match_key(c) not in weak]
    return sorted(cues, key=lambda c: -len(c[0]))


@lru_cache(maxsize=None)
def _cue_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """Every strong cue as whole words, and cue -> kind (the first kind listing a cue)."""
    kinds: dict[str, str] = {}
    for cue, kind in _cues():
        kinds.setdefault(cue, kind)
    return re.compile(trie_alternation(kinds, not_after=r"\w", then=r"(?!\w)")), kinds


@lru_cache(maxsize=None)
def _any_cue() -> re.Pattern:
    words = [c for c, _ in _cues()] + [match_key(w) for w in vocabulary()["weak_event_cues"]]
    return re.compile(trie_alternation(set(words)))


def classify(text: str) -> Optional[str]:
    """The kind of happening a clause names: the earliest cue wins, the longer on a tie.

    >>> classify("Ban Kinh tế Trung ương tổ chức buổi họp Tổ Biên tập Đề án Tổng kết")
    'meeting'
    >>> classify("Bộ Chính trị tổ chức Hội nghị trực tuyến quán triệt Nghị quyết")
    'dissemination'
    """
    key = match_key(text)
    pattern, kinds = _cue_pattern()
    m = pattern.search(key)         # the leftmost cue, and the longest one there
    if m:
        return kinds[m.group()]
    for kind, groups in _kind_groups():
        if any(all(w in key for w in group) for group in groups):
            return kind
    return "meeting" if any(w in key for w in _keys("weak_event_cues")) else None


@lru_cache(maxsize=None)
def _keys(name: str) -> tuple[str, ...]:
    """A word list of the vocabulary as matching keys (computed once)."""
    return tuple(match_key(w) for w in vocabulary()[name])


@lru_cache(maxsize=None)
def _kind_groups() -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    return tuple((kind, tuple(tuple(match_key(w) for w in group) for group in groups))
                 for kind, groups in vocabulary().get("event_kind_groups", {}).items())


def carried_out(kind: str, clause: str, actor: Optional[str]) -> str:
    """The kind once the actor is known: a plan or a document issued by the Government, a ministry
    or a province carries a Party resolution out ("Chính phủ ban hành Nghị quyết số 30/NQ-CP về
    Chương trình hành động …"); a meeting to weigh a review's report is that review.

    >>> carried_out("plan", "Tỉnh ủy Sơn La ban hành Kế hoạch", "Tỉnh ủy Sơn La"), carried_out("plan", "", "Bộ Chính trị")
    ('action_programme', 'plan')
    >>> carried_out("meeting", "Bộ Chính trị họp cho ý kiến về Báo cáo tổng kết Nghị quyết 26", "Bộ Chính trị")
    'final_review'
    """
    if kind == "meeting":
        key = match_key(clause)
        centre = actor in vocabulary()["party_centre"]
        for purpose, cues in _purposes():
            if any(c in key for c in cues):
                return purpose
        for purpose, cues in _purposes("centre_meeting_purposes") if centre else ():
            if any(c in key for c in cues):
                return purpose
    if kind in ("plan", "issued") and actor and actor not in vocabulary()["party_centre"]:
        return "action_programme"
    return kind


@lru_cache(maxsize=None)
def _purposes(name: str = "meeting_purposes") -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((kind, tuple(match_key(c) for c in cues)) for kind, cues in vocabulary()[name].items())


def _regional_body(text: str) -> bool:
    """The text names a regional body (a coordination council …): its meetings serve the
    resolutions of its region."""
    key = match_key(text)
    return any(w in key for w in _keys("regional_actors") + _keys("regional_bodies_english"))


def _strong_meeting(sentence: str) -> bool:
    """A meeting named by a strong cue (cuộc họp, phiên họp …), not only by "hội nghị"."""
    pattern, kinds = _cue_pattern()
    return any(kinds[m.group()] == "meeting" for m in pattern.finditer(match_key(sentence)))


def _opens_clause(sentence: str, date: DateMatch) -> bool:
    before = sentence[:date.start]
    clause = re.split(r"[,;:]", before)[-1]
    if clause.strip() and not _TIME_LEAD.match(clause.strip() + " ") and not _EN_TIME_LEAD.match(clause.strip() + " "):
        return False
    after = sentence[date.end:date.end + 3].lstrip(")")
    return after.startswith((",", " ")) or after == ""


@lru_cache(maxsize=None)
def _verb_time() -> re.Pattern:
    """"… diễn ra ngày 15-4", "… diễn ra sáng 23/10", "… do Thủ tướng ký ngày 23/8/2022": a date
    right after a verb."""
    verbs = trie_alternation(vocabulary()["event_verbs"], not_after=r"\w", ignore_case=True)
    return re.compile(rf"(?:{verbs})\s+(?:vào\s+)?(?:(?:sáng|chiều|tối|trưa)\s+(?:(?:ngày|hôm)\s+)?|(?:ngày|hôm)\s+)$",
                      re.I)


def _time_after_verb(sentence: str, date: DateMatch) -> bool:
    """"… đã tổ chức hội nghị … vào sáng 26/5", "… quán triệt Nghị quyết (ngày 15/4)": the date
    of what the clause just reported."""
    before = sentence[:date.start]
    clause = re.split(r"[;:)]", before)[-1]
    dated = _TIME_AFTER.search(before) or _verb_time().search(before[-60:]) or _BRACKETED.search(before) \
        or _EN_TIME_AFTER.search(before[-80:])
    return bool(dated) and not _FUTURE.search(clause)


# A Government's, ministry's or province's instrument number right before its date:
# "Nghị quyết 96/NQ-CP ngày", "(Quyết định số 826/QĐ-TTg ngày", "Chương trình số 113-CTr/TU, ngày".
# (A Party document's, ending "TW", is a citation: _cited.)
_INSTRUMENT_DATE = re.compile(r"\d+(?:/\d{4})?[/-][A-ZĐ][A-Za-zĐđ]{0,5}(?:[/-][A-ZĐ][A-Za-zĐđ]{0,5})*(?<!TW)"
                              r"\s*,?\s*(?:ban hành\s+|ký\s+)?ngày\s*$")


@lru_cache(maxsize=None)
def _act() -> re.Pattern:
    v = vocabulary()
    markers = trie_alternation(v["act_markers"], not_after=r"\w", ignore_case=True)
    verbs = trie_alternation(v["act_verbs"], not_after=r"\w", then=r"(?!\w)", ignore_case=True)
    return re.compile(rf"(?:{markers})\s+(?:[^\s,;()]+\s+){{0,2}}?(?P<verb>{verbs})", re.I)


def _act_on_instrument(sentence: str, date: DateMatch) -> Optional[int]:
    """Where the act starts when the date is that of the instrument a reported act made ("… đã
    ký Nghị quyết 96/NQ-CP ngày 1/8/2022 ban hành Chương trình hành động …", "… vừa thành lập Hội
    đồng điều phối vùng … (Quyết định số 826/QĐ-TTg ngày 11/7/2023)"), else None."""
    before = sentence[:date.start]
    if not _INSTRUMENT_DATE.search(before[-40:]):
        return None
    clause_start = before.rfind(";") + 1
    acts = list(_act().finditer(before, clause_start))
    if not acts or _FUTURE.search(before[clause_start:acts[-1].start()]):
        return None
    return acts[-1].start("verb")


def _cited(sentence: str, date: DateMatch, mentions: list[tuple[int, int]]) -> bool:
    """The date qualifies a document reference ("… 37-NQ/TW, ngày 01/7/2004")."""
    if sentence[date.end:].lstrip().startswith(",") and re.search(r",\s*(?:ngày\s*)?$", sentence[:date.start]):
        return False    # ", ngày 2/4/2022, Bộ Chính trị ban hành …": a clause of its own
    for start, end in mentions:
        gap = sentence[end:date.start]
        if 0 <= date.start - end <= 60 and not re.search(r"[.;]", gap) and \
                re.fullmatch(r"[\s,(]*(?:\([^)]*\)\s*,?\s*)?(?:ban hành\s+|ký\s+)?(?:ngày\s*)?"
                             r"(?:(?:dated|issued on|signed on|of)\s+)?", gap, re.I):
            return True
    return False


def anchors(blocks: list[str], catalogue_dates: list[str]) -> list[DateMatch]:
    """Dated facts of an article: dates with a year that are not targets or horizons. A bare
    year the article calls a target somewhere ("tầm nhìn đến năm 2045") is a target wherever it
    stands, also where a sentence opens with it ("Đến năm 2045, Cần Thơ thuộc nhóm …")."""
    out: list[DateMatch] = []
    found = []
    targets: set[int] = set()
    for text in blocks:
        dates = find_dates(text, dated_only=True)
        spans = horizon_spans(text) if dates else []
        found.append((dates, spans))
        targets.update(d.year for d in dates if d.year and any(s <= d.start < e for s, e in spans))
    for dates, spans in found:
        for d in dates:
            if d.year and not any(s <= d.start < e for s, e in spans) and \
                    not (d.precision == "year" and d.year in targets):
                out.append(d)
    for text in blocks:
        for m in P.TERM.finditer(text) if P.TERM_WORD in text.lower() else ():
            years = term_years(m["term"])
            if years:
                out.append(DateMatch(m.start(), m.end(), years[0], 1, None, "year"))
    for iso in catalogue_dates:
        y, mo, d = map(int, iso.split("-"))
        out.append(DateMatch(0, 0, y, mo, d, "day"))
    return out


def infer_year(month: int, day: int, published: Optional[str], facts: list[DateMatch]) -> Optional[int]:
    """The year of a day/month: the latest one not after publication, else the year of the
    latest dated fact (moved one year on if a full date that year comes later).

    >>> infer_year(4, 15, "2022-04-20", [])
    2022
    >>> infer_year(12, 30, "2022-04-20", [])
    2021
    >>> infer_year(11, 16, None, [DateMatch(0, 0, 2022, 11, 3, "day")])
    2022
    >>> infer_year(1, 5, None, [DateMatch(0, 0, 2022, 11, 3, "day")])
    2023
    """
    if published:
        pub = dt.date.fromisoformat(published)
        for year in (pub.year, pub.year - 1):
            try:
                if dt.date(year, month, day) <= pub:
                    return year
            except ValueError:
                continue
        return None
    years = [f.year for f in facts if f.year]
    if not years:
        return None
    year = max(years)
    later = [f for f in facts if f.year == year and f.day and (f.month, f.day) > (month, day)]
    return year + 1 if later else year


def summarise(text: str) -> str:
    """An event's summary: its sentence, cut at a word under SUMMARY_CHARS."""
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"


def find_events(paragraphs: list[str], mentions_by_block: dict[int, list[Mention]],
                primary: Optional[str], published: Optional[str],
                facts: list[DateMatch]) -> list[Event]:
    """Events reported by the paragraphs (block indexes match `mentions_by_block`)."""
    events: dict[tuple, Event] = {}
    for b, text in enumerate(paragraphs):
        if not DIGIT.search(text) or not _any_cue().search(match_key(text)):
            continue    # a sentence's key is part of its paragraph's: no sentence has both
        block_mentions = mentions_by_block.get(b, [])
        for start, sentence in sentences(text):
            offset = start + len(sentence)
            local = [(m.start - start, m.end - start) for m in block_mentions
                     if start <= m.start < offset]
            event = _sentence_event(sentence, local, block_mentions, start, primary, published, facts, text)
            if event:
                events.setdefault((event.date, event.kind, event.document), event)
            # "…, ngày 29/8/2005, Bộ Chính trị ban hành Nghị quyết số 53-NQ/TW; và ngày 02/8/2012, Bộ
            # Chính trị ban hành Kết luận số 27-KL/TW …": each clause after a semicolon may report
            # a happening of its own.
            for at, clause in _clauses(sentence)[1:]:
                shifted = [(s - at, e - at) for s, e in local if s >= at]
                event = _sentence_event(clause, shifted, block_mentions, start + at, primary, published, facts, text)
                if event:
                    events.setdefault((event.date, event.kind, event.document), event)
    return sorted(events.values())


def _clauses(sentence: str) -> list[tuple[int, str]]:
    """(offset, clause) for the parts of a sentence between semicolons."""
    out, start = [], 0
    for m in re.finditer(r";\s*", sentence):
        out.append((start, sentence[start:m.start()]))
        start = m.end()
    out.append((start, sentence[start:]))
    return out


# Abbreviations a full stop ends inside a sentence ("TP. Hòa Bình", "TS. Nguyễn …").
_ABBREVIATION = re.compile(r"(?<![\w.])(?:TP|Tp|TX|TT|Q|P|ThS|Th\.S|TS|PGS|GS|BS|KS|CN|NCS|Mr|Mrs|Ms|Dr|Prof|St|No|Nos"
                           r"|Assoc|Gen|Lt|Col|Maj|Vol|Art|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of a paragraph.

    >>> sentences("Sáng 16/11, hội nghị diễn ra. Ông A dự… 2 đoàn về. ok. Hết")
    [(0, 'Sáng 16/11, hội nghị diễn ra.'), (30, 'Ông A dự…'), (40, '2 đoàn về. ok.'), (55, 'Hết')]
    >>> sentences("Sáng 15/9, tại TP. Hòa Bình, hội nghị diễn ra. Hết")
    [(0, 'Sáng 15/9, tại TP. Hòa Bình, hội nghị diễn ra.'), (47, 'Hết')]
    """
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, m.start(1) - 6), m.start(1)):
            continue            # "tại TP. Hòa Bình", "PGS. Trần …": no sentence ends there
        out.append((start, text[start:m.start(1)]))
        start = m.end(1)
    out.append((start, text[start:]))
    return out


def _sentence_event(sentence, local, block_mentions, start, primary, published, facts, paragraph=""):
    if not DIGIT.search(sentence) or not _any_cue().search(match_key(sentence)):
        return None     # no date, or no kind of happening named: no event
    for date in find_dates(sentence):
        if date.precision != "day" or _cited(sentence, date, local):
            continue
        if _opens_clause(sentence, date):
            if re.search(r"(?:đến|tới)\s+(?:ngày\s+)?$", sentence[:date.start], re.I) and _FUTURE.search(sentence[date.end:]):
                continue        # "Đến ngày 30/6, các tỉnh phải …": a deadline
            kind = classify(sentence[date.end:])
        elif _time_after_verb(sentence, date):
            # "… Quyết định số 999/QĐ-TTg do Thủ tướng ký ngày 23/8/2022 về việc thành lập Hội
            # đồng điều phối …": what the clause names before the date, else right after it.
            kind = classify(re.split(r"[;:)]", sentence[:date.start])[-1]) or classify(sentence[date.end:])
        elif (act := _act_on_instrument(sentence, date)) is not None:
            kind = classify(sentence[act:])
        else:
            continue
        if kind is None:
            continue
        if kind == "meeting" and not block_mentions and not _strong_meeting(sentence) and not _regional_body(paragraph):
            continue        # "hội nghị" alone, about no document or regional body: no event of a resolution
        inferred = date.year is None
        year = date.year or infer_year(date.month, date.day, published, facts)
        if year is None:
            continue
        after = [m for m in block_mentions if m.start >= start + date.end and m.start < start + len(sentence)]
        document = mention_id(after[0]) if after else (mention_id(block_mentions[0]) if block_mentions else primary)
        summary = summarise(sentence)
        iso = f"{year:04d}-{date.month:02d}-{date.day:02d}"
        if published and iso > published and _WILL.search(sentence[date.end:date.end + 60]):
            continue    # "Ngày 5/5, Chính phủ sẽ tổ chức …" after the article's date: a plan, not a happening
        actor, province = find_actor(sentence, date.start, date.end, iso)
        return Event(iso, carried_out(kind, sentence[date.end:], actor), document, summary, inferred, actor, province)
    return None
