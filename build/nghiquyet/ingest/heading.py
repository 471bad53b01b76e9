"""The heading of a page that is a formal document's own text (a legal database's copy of a
Kết luận, a Government Quyết định): the issuer, "Số: 27-KL/TW", the place and date line, the
kind in capitals ("KẾT LUẬN") and the subject under it. The headline is the kind and the subject
together; the number and the date say which document the page is and when it was issued.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..text import match_key, word_count
from ..vocabulary import vocabulary
from .lines import NUMBERED_HEADING, is_paragraph

HEAD_LINES = 40          # the heading is among a page's first lines
SUBJECT_LINES = 8        # a subject is at most this many (wrapped) lines
# "Số: 27-KL/TW", "Nghị quyết số: 11-NQ/TW" (a PDF's two header columns may share the line with
# the place and date: "… 11-NQ/TW Hà Nội, ngày 06 tháng 01 năm 2012").
_NUMBER = re.compile(r"^(?:(?:nghị quyết|kết luận|quyết định|chỉ thị|quy định|thông báo|kế hoạch)\s+)?số\s*:\s*"
                     r"(?P<number>\S+)", re.I)
_DATED = re.compile(r",\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})\s*$", re.I)
_SEPARATOR = re.compile(r"^[-_=*|\s]+$")
# "Hà Nội, ngày 18" / "tháng 02 năm 2014": a table cell's place and date wrapped in two.
_DATE_CUT = re.compile(r",\s*ngày\s+\d{1,2}\s*$", re.I)
_DATE_REST = re.compile(r"^tháng\s+\d{1,2}\s+năm\s+\d{4}\b", re.I)


@dataclass(frozen=True)
class Heading:
    at: int                  # the line of the document's kind, which becomes the headline
    end: int                 # the first line after the subject
    title: str               # the kind and the subject
    number: Optional[str]    # "27-KL/TW", from "Số: 27-KL/TW"
    date: Optional[str]      # ISO date of the place-and-date line ("Hà Nội, ngày 02 tháng 08 năm 2012")


@lru_cache(maxsize=None)
def _kinds() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(vocabulary()["document_headings"], key=len, reverse=True))
    return re.compile(rf"^(?:{words})(?:\s+(?:của|về)\s+\S.*)?$")


@lru_cache(maxsize=None)
def _openings() -> tuple[str, ...]:
    return tuple(sorted((match_key(w) for w in vocabulary()["document_openings"]), key=len, reverse=True))


def join_cut_dates(lines: list[str]) -> list[str]:
    """A place and date line cut after the day joined with its month and year."""
    out: list[str] = []
    for line in lines:
        if out and _DATE_REST.match(line) and _DATE_CUT.search(out[-1]):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _capitals(line: str) -> bool:
    return line.isupper()       # every cased character upper case, and at least one


def find_heading(lines: list[str]) -> Optional[Heading]:
    """The document heading among the first lines, when the kind stands alone in capitals and
    the page shows its number or date above it (a legal database's search box and summary may
    come first), or, before any paragraph, its issuer beside it ("QUYẾT ĐỊNH CỦA THỦ TƯỚNG
    CHÍNH PHỦ")."""
    number = date = None
    text_before = False
    for at, line in enumerate(lines[:HEAD_LINES]):
        if not line:
            continue
        m = _NUMBER.match(line) if "ố" in line[:20] else None
        if m:
            number = m["number"].rstrip(".,;")
        d = _DATED.search(line) if "năm" in line else None
        if d:
            date = f"{int(d['y']):04d}-{int(d['m']):02d}-{int(d['d']):02d}"
        if m or d:
            continue
        if _capitals(line):
            key = match_key(line)
            if _kinds().match(key) and (number or date or (" của " in key and not text_before)):
                return _subject(lines, at, number, date)
        text_before = text_before or is_paragraph(line)
    return None


def _subject(lines: list[str], at: int, number: Optional[str], date: Optional[str]) -> Optional[Heading]:
    parts: list[str] = []
    end = at + 1
    for i in range(at + 1, min(len(lines), at + 1 + SUBJECT_LINES + 4)):
        line = lines[i]
        if not line:
            if parts:
                break
            continue
        if _SEPARATOR.match(line):
            continue
        key = match_key(line)
        words = sum(word_count(p) for p in parts)
        if key.startswith(_openings()) or line.rstrip().endswith((";", ":")) or len(parts) >= SUBJECT_LINES \
                or NUMBERED_HEADING.match(line):
            break
        if parts and _capitals(line) and not _capitals(parts[-1]) or (words >= 5 and _capitals(line) and word_count(line) <= 6):
            end = i + 1  # the issuer's name over the text ("THỦ TƯỚNG CHÍNH PHỦ"): no byline
            break
        parts.append(line.strip())
        end = i + 1
    if not parts or sum(word_count(p) for p in parts) < 4:
        return None
    return Heading(at, end, " ".join([lines[at].strip()] + parts), number, date)
