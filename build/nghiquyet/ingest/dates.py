"""Dates in Vietnamese text: full dates, day/month without a year, months, quarters, years.

>>> [m.iso for m in find_dates("Ngày 10/2/2022 và ngày 3 tháng 11 năm 2022, sáng 16/11")]
['2022-02-10', '2022-11-03', None]
>>> [(m.month, m.day) for m in find_dates("sáng 16/11")]
[(11, 16)]
>>> [(m.month, m.day) for m in find_dates("Trong hai ngày 17 và 18/11")]
[(11, 17)]
>>> stamp_date("Thứ Tư, 16/11/2022, 10:25 (GMT+7)")
'2022-11-16'
>>> stamp_date("20-04-2022 07:53")
'2022-04-20'
>>> stamp_date("Sáng 16/11/2022, hội nghị đã diễn ra tại Hà Nội với nhiều đại biểu.") is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .. import patterns as P
from ..text import LINE_MEMO, match_key
from ..vocabulary import vocabulary
from .lines import byline_author, is_chrome


DIGIT = re.compile(r"\d")          # every date has one
_NUMERIC = re.compile(r"\d\s*[/.\-–]\s*\d")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    year: Optional[int]
    month: int
    day: Optional[int]
    precision: str            # day | month | quarter | year

    @property
    def iso(self) -> Optional[str]:
        if self.year is None or self.day is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def find_dates(text: str, dated_only: bool = False) -> list[DateMatch]:
    """All dates in text, left to right, without overlaps (longer forms win). dated_only: only
    those with a year (a day and month alone are not looked for: none overlaps a later form)."""
    if not DIGIT.search(text):
        return []
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(match: DateMatch) -> None:
        found.append(match)
        taken.append((match.start, match.end))

    lower = text.lower()
    numeric = bool(_NUMERIC.search(text))          # "10/2", "10-02", "10.2": worth the slow patterns
    if numeric:
        for m in P.DAY_RANGE.finditer(text):
            y = int(m["y"]) if m["y"] else None
            if _valid(y or 2000, int(m["m"]), int(m["d1"])) and int(m["d1"]) < int(m["d"]):
                add(DateMatch(m.start(), m.end(), y, int(m["m"]), int(m["d1"]), "day"))
    full = [P.FULL_DATE] if numeric else []
    full += [P.FULL_DATE_WORDS] if "tháng" in lower else []
    for m in (m for pattern in full for m in pattern.finditer(text)):
        if not free(m.start(), m.end()):
            continue
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if _valid(y, mo, d):
            add(DateMatch(m.start(), m.end(), y, mo, d, "day"))
    if numeric:
        for m in P.ISO_DATE.finditer(text):
            if free(m.start(), m.end()) and _valid(int(m["y"]), int(m["m"]), int(m["d"])):
                add(DateMatch(m.start(), m.end(), int(m["y"]), int(m["m"]), int(m["d"]), "day"))
    if "quý" in lower:
        for m in P.QUARTER_YEAR.finditer(text):
            if free(m.start(), m.end()):
                q = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(m["q"].upper()) or int(m["q"])
                add(DateMatch(m.start(), m.end(), int(m["y"]), 3 * q - 2, None, "quarter"))
    if "tháng" in lower:
        for m in P.MONTH_YEAR.finditer(text):
            if free(m.start(), m.end()):
                add(DateMatch(m.start(), m.end(), int(m["y"]), int(m["m"]), None, "month"))
    short = [P.DAY_MONTH, P.DAY_MONTH_DASH] if numeric and not dated_only else []
    short += [P.DAY_MONTH_WORDS] if "tháng" in lower and not dated_only else []
    for m in sorted((m for pattern in short for m in pattern.finditer(text)), key=lambda m: m.start()):
        if free(m.start(), m.end()):
            d, mo = int(m["d"]), int(m["m"])
            if _valid(2000, mo, d):
                add(DateMatch(m.start(), m.end(), None, mo, d, "day"))
    if any(m in lower for m in _MONTH_KEYS):       # "On April 22", "dated January 20, 2003"
        for d in _english_days(text):
            if free(d.start, d.end) and (d.year or not dated_only):
                add(d)
    if "năm" in lower:
        for m in P.YEAR_ONLY.finditer(text):
            if free(m.start(), m.end()):
                add(DateMatch(m.start(), m.end(), int(m["y"]), 1, None, "year"))
    return sorted((d for d in found if d.year or not dated_only), key=lambda x: x.start)


@lru_cache(maxsize=LINE_MEMO)      # asked several times per line by the cleaning stage
def stamp_date(line: str) -> Optional[str]:
    """The date of a line that is only a date-time stamp ("20-04-2022 07:53"), else None.
    A stamp may share its line with chrome: "Ngày 23/4/2022 | Lượt xem: 312"."""
    kept = _stamp_parts(line)
    if len(kept) > 1:
        whole = _stamp_part(" ".join(kept))
        if whole:
            return whole
        # "Đăng ngày: 28/11/2022 08:15 · Cập nhật lần cuối: 29/11/2022 10:30": one stamp a part;
        # the publication's, not the last update's.
        dated = [(_is_update(p), _stamp_part(p)) for p in kept]
        dated = [d for d in dated if d[1]]
        return min(dated)[1] if dated else None
    return _stamp_part(" ".join(kept))


# Where a stamp line holds other things: " | ", " • ", " · ", and " bởi " / " by " before a
# byline's name ("đăng 21:35, 16 thg 2, 2012 bởi Nguyễn Văn A", a Google Sites page).
STAMP_PART = re.compile(r"\s[|•·]\s|\s(?:bởi|by)\s+(?=[A-ZĐÀ-Ỹ])")


def _stamp_parts(line: str) -> list[str]:
    """The parts of a line split at " | ", " • ", " · " that may belong to a stamp: a stamp may
    share its line with chrome and a byline ("08/04/2023 10:20 | Tác giả: Minh Tâm | Lượt xem: 3")."""
    parts = [p for p in STAMP_PART.split(line) if p.strip()]
    if len(parts) == 1:
        return parts
    return [p for p in parts if not is_chrome(p) and not (byline_author(p) and not find_dates(p))]


def _is_update(part: str) -> bool:
    key = match_key(part)
    return any(match_key(label) in key for label in vocabulary()["update_labels"])


def is_running_date(line: str) -> bool:
    """A weekday and a date, no time and no label ("Thứ Hai, 11/11/2024"): above a headline, the
    date a portal's header shows of the day the page was read (Báo Ấp Bắc's #current-date), not
    of the article (a publication stamp above a headline gives its time: "Thứ Hai, 08:15, …")."""
    if not P.WEEKDAY.search(line) or P.TIME.search(line) or not stamp_date(line):
        return False
    rest = P.WEEKDAY.sub(" ", line)
    for d in find_dates(rest):
        rest = rest[:d.start] + " " * (d.end - d.start) + rest[d.end:]
    return not re.sub(r"(?i)\bngày\b", " ", rest).strip(" ,.-–|()")


def is_stamp(line: str) -> bool:
    """A date-time stamp line, with or without a year, or a line that ends with a labelled stamp."""
    return bool(stamp_date(line) or stamp_day_month(line) or labelled_stamp(line))


@lru_cache(maxsize=LINE_MEMO)
def stamp_day_month(line: str) -> Optional[tuple[int, int]]:
    """(month, day) of a stamp that prints no year ("Cập nhật: 15:42 - 06/07", "08:15 28/11")."""
    line = _masked(" ".join(_stamp_parts(line)))
    if not _NUMERIC.search(line) or find_dates(line, dated_only=True):
        return None
    dates = [d for d in find_dates(line) if d.day]
    if len(dates) != 1 or not _only_stamp_words(line, dates[0]):
        return None
    return dates[0].month, dates[0].day


def _masked(line: str) -> str:
    """The line with its clock times blanked out ("08:15, 28/11/2022" is no day range "15, 28")."""
    return P.TIME.sub(lambda m: " " * len(m.group(0)), line) if ":" in line or "h" in line.lower() else line


def _stamp_part(line: str) -> Optional[str]:
    line = _masked(line)
    dates = [d for d in find_dates(line, dated_only=True) if d.iso]
    if not dates and ("háng" in line or "thg" in line.lower()):
        dates = [DateMatch(m.start(), m.end(), int(m["y"]), int(m["m"]), int(m["d"]), "day")
                 for m in P.STAMP_DATE_WORDS.finditer(line) if _valid(int(m["y"]), int(m["m"]), int(m["d"]))]
    if not dates:
        dates = _english_dates(line)
    if len(dates) != 1:
        return None
    return dates[0].iso if _only_stamp_words(line, dates[0]) else None


_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                         "september", "october", "november", "december"), 1)}
# English month names, whole or cut to three letters ("Sept" too), capitalised or in capitals as
# English writes them, never in lower case ("may" is also a Vietnamese word).
_EN_MONTH_NAME = "(?:%s)" % "|".join(sorted(
    {f for m in _MONTHS for w in (m, m[:3], "sept") if w[:3] == m[:3] for f in (w.capitalize(), w.upper())},
    key=len, reverse=True))
# (a quick first look, on every line the cleaning stage asks about: the months' first letters)
_MONTH_KEYS = tuple(m[:3] for m in _MONTHS)
_EN_DAY = re.compile(rf"(?<![\w.])(?P<mon>{_EN_MONTH_NAME})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])"
                     rf"(?:,?\s+(?P<y>(?:19|20)\d\d)(?!\d))?"
                     rf"|(?<![\w.])(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_EN_MONTH_NAME})\b\.?"
                     rf"(?:,?\s+(?P<y2>(?:19|20)\d\d)(?!\d))?")


def _english_days(text: str) -> list[DateMatch]:
    """"On April 22", "dated January 20, 2003", "6 Dec 2022": English editions' days (the year
    when written)."""
    out = []
    for m in _EN_DAY.finditer(text):
        month = _MONTHS[next(full for full in _MONTHS if full.startswith((m["mon"] or m["mon2"]).lower()[:3]))]
        day, year = int(m["d"] or m["d2"]), m["y"] or m["y2"]
        if _valid(int(year or 2000), month, day):
            out.append(DateMatch(m.start(), m.end(), int(year) if year else None, month, day, "day"))
    return out


def _english_dates(line: str) -> list[DateMatch]:
    """"Tuesday, December 6, 2022", "6 Dec 2022": the stamps of republishers with English chrome."""
    return [d for d in _english_days(line) if d.year]


@lru_cache(maxsize=LINE_MEMO)
def labelled_stamp(line: str) -> Optional[str]:
    """A stamp inside a longer line: "… An Giang. Cập nhật lúc 16:20, 15/10/2025": a stamp label
    followed by the date (and time) that ends the line."""
    key = match_key(line)
    labels = [x for x in _stamp_labels() if len(x) > 4]          # longest first; "ngày" alone is no label
    if not any(label in key for label in labels):
        return None
    m = re.search(rf"(?:{'|'.join(map(re.escape, labels))})\s*:?\s*(?P<rest>[^.;]*)$", key)
    return _stamp_part(m["rest"]) if m else None


def _only_stamp_words(line: str, date: DateMatch) -> bool:
    """Besides the date, the line holds only times, a weekday, a time zone and stamp labels."""
    rest = line[:date.start] + " " + line[date.end:]
    rest = P.TIME.sub(" ", rest)
    rest = P.WEEKDAY.sub(" ", rest)
    rest = P.TIMEZONE.sub(" ", rest)
    key = match_key(rest)
    for label in _stamp_labels():
        key = key.replace(label, " ")
    return len(re.findall(r"[^\W\d_]+", key)) <= 2


@lru_cache(maxsize=None)
def _stamp_labels() -> list[str]:
    return sorted((match_key(x) for x in vocabulary()["stamp_labels"]), key=len, reverse=True)


def horizon_spans(text: str) -> list[tuple[int, int]]:
    """Spans of target years and periods ("đến năm 2030", "giai đoạn 2021-2030")."""
    spans = []
    for m in P.HORIZON.finditer(text):
        # "Đến năm 2021, Bộ Chính trị đã ban hành …" opens a sentence and reports what was done:
        # a past fact. "Đến năm 2045, Đồng bằng sông Hồng là vùng phát triển hiện đại" is a target.
        before = text[:m.start()].rstrip()
        if m.group(0).lower().startswith(("đến", "tới")) and (not before or before[-1] in ".!?;:") \
                and _reports_done(re.split(r"[.!?;](?:\s|$)", text[m.end():], maxsplit=1)[0]):
            continue
        spans.append((m.start(), m.end()))
    return spans


@lru_cache(maxsize=None)
def _DONE() -> re.Pattern:
    words = vocabulary()["done_words"] + vocabulary()["event_verbs"]
    return re.compile(r"(?i)(?<!\w)(?:%s)(?!\w)" % "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _reports_done(clause: str) -> bool:
    return bool(_DONE().search(clause))
