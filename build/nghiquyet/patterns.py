"""Compiled patterns built from vocabulary.yaml. Data stays in the YAML; this module only
turns it into regular expressions once."""

from __future__ import annotations

import re
from functools import lru_cache

from .vocabulary import vocabulary
from .text import trie_alternation

# Dates ---------------------------------------------------------------------------------
# Each pattern starts with a literal or a character class (never a lookbehind or an (?i) flag),
# so the regex engine skips to where a date can start instead of trying every position: a
# lookbehind comes after the first character, and the words are case-insensitive after their
# first letter. A leading day is any one or two digits: find_dates validates it.
DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])"
MONTH = r"(?P<m>0?[1-9]|1[0-2])"
YEAR = r"(?P<y>(?:19|20)\d\d)"
SEP = r"\s*(?P<sep>[/.\-])\s*"
LEAD_DAY = r"(?P<d>\d(?<![\d/.\-]\d)\d?)"     # the first digit does not continue a number
FULL_DATE = re.compile(rf"{LEAD_DAY}{SEP}{MONTH}(?P=sep){YEAR}(?![\d/]|\.\d)")
# "ngày 3 tháng 11 năm 2022"
FULL_DATE_WORDS = re.compile(
    rf"[nN](?i:gày\s+{DAY}\s+tháng\s+{MONTH}\s*(?:,\s*)?năm\s+{YEAR})")
# A day and month without a year: "16/11", "ngày 26/5", "15-4" after "ngày".
DAY_MONTH = re.compile(rf"{LEAD_DAY}\s*/\s*{MONTH}(?![\d]|\s*/\s*\d|-\d|\.\d)")
# "ngày 22-4", "Sáng 22-4", "chiều 3.12", "hôm 19.5": with "-" or "." a day and month count only
# after a word that introduces a date (anything else may be a score, a range or a number).
DATE_LEAD_WORDS = ("ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "vào", "từ")
_AFTER_LEAD = "|".join(rf"(?<=(?i:{w}) \d)" for w in DATE_LEAD_WORDS)     # each lookbehind fixed-width
DAY_MONTH_DASH = re.compile(rf"(?P<d>\d(?:{_AFTER_LEAD})\d?)\s*[-.]\s*{MONTH}(?![\d/\-]|\.\d)")
DAY_MONTH_WORDS = re.compile(
    rf"[nN](?i:gày\s+{DAY}\s+tháng\s+{MONTH}(?!\s*(?:,\s*)?năm\s+\d|\s*/\s*\d|\d))")
# A span of days in one month: "17 và 18/11", "15-16/4/2022", "từ 2 đến 4/12": the first day counts.
# A weekday's number is no first day ("Thứ 5, 09/05/2024", "T6, 22/11").
DAY_RANGE = re.compile(
    r"(?P<d1>\d(?<![\d/.\-]\d)(?<!thứ \d)(?<!thứ\d)(?<!\bt\d)\d?)\s*(?:và|-|–|đến|,)\s*(?P<d>0?[1-9]|[12]\d|3[01])\s*/\s*"
    r"(?P<m>0?[1-9]|1[0-2])(?:\s*/\s*(?P<y>(?:19|20)\d\d))?(?![\d/])", re.I)
MONTH_YEAR = re.compile(rf"[tT](?i:háng\s+{MONTH}\s*(?:[/\-.]\s*|\s+năm\s+){YEAR}(?!\d))")
QUARTER_YEAR = re.compile(
    rf"quý\s+(?P<q>[1-4]|I{{1,3}}|IV)\s*(?:[/\-.]\s*|\s+năm\s+){YEAR}(?!\d)", re.I)
_YEAR_WORDS = trie_alternation(["năm", "đầu năm", "cuối năm", "giữa năm"], not_after=r"[\d/.\-]", ignore_case=True)
YEAR_ONLY = re.compile(rf"(?:{_YEAR_WORDS})\s+{YEAR}(?![\d/])")
# "26 Tháng 10 2020", "15 tháng 11, 2022", "16 thg 2, 2012" (Google's abbreviation): a day, a month
# in words and a year, in page stamps.
STAMP_DATE_WORDS = re.compile(rf"{LEAD_DAY}\s+[tT](?i:háng|hg\.?)\s+{MONTH}\s*,?\s*(?:[nN](?i:ăm)\s+)?{YEAR}(?!\d)")
TIME = re.compile(r"\b\d{1,2}\s*(?::|h|giờ)\s*\d{2}(?:\s*(?::\d{2}))?(?:\s*(?:AM|PM|SA|CH))?\b|\b\d{1,2}\s*(?:h|giờ)\b", re.I)
WEEKDAY = re.compile(r"\b(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|CN)\b", re.I)
TIMEZONE = re.compile(r"\(?\s*(?:GMT|UTC)\s*[+\-]?\s*\d{0,2}\s*\)?", re.I)
ISO_DATE = re.compile(r"(?P<y>(?:1(?<!\d1)9|2(?<!\d2)0)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
# Horizons and periods are targets, not facts: "đến năm 2030", "tầm nhìn 2045", "2021-2030".
HORIZON = re.compile(
    trie_alternation(["đến", "tới", "trước", "tầm nhìn", "tầm nhìn đến", "mục tiêu", "mục tiêu đến", "giai đoạn",
                      "thời kỳ", "kế hoạch"], ignore_case=True, then=r"(?i:\s+(?:năm\s+)?)(?:19|20)\d\d")
    + r"|19\d\d\s*[-–]\s*(?:19|20)\d\d|20\d\d\s*[-–]\s*(?:19|20)\d\d")

# Documents ------------------------------------------------------------------------------
ROMAN = r"(?:XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
TERM = re.compile(rf"\(?\s*khóa\s+(?P<term>{ROMAN})\b\s*\)?", re.I)
TERM_WORD = "khóa"      # TERM cannot match a text whose lower case lacks it (a cheap check first)


@lru_cache(maxsize=None)
def document_types() -> dict[str, str]:
    """Every word form (lower case) and abbreviation -> type code."""
    out = {}
    for code, words in vocabulary()["document_types"].items():
        out[code.lower()] = code
        for word in words:
            out[word.lower()] = code
    # Unaccented abbreviations people type: QD for QĐ, QDi for QĐi.
    out["qd"] = "QĐ"
    out["qđ"] = "QĐ"
    out["qdi"] = "QĐi"
    out["qđi"] = "QĐi"
    return out


def _alternation(words) -> str:
    """Any of the words, longest first (as a character trie: see text.trie_alternation)."""
    return trie_alternation(words)


@lru_cache(maxsize=None)
def full_reference() -> re.Pattern:
    """`11-NQ/TW`, `11 NQ/TW`, `11 -NQ/TW`, `Nghị quyết số: 11 NQ/TW`, and the slip `39/NQ-TW`
    (the two marks swapped); `NQ 11/TW` is not one. The code is group `code` or `swapped`."""
    codes = _alternation(list(vocabulary()["document_types"]) + ["QD", "QDi"])
    # The number's first digit comes first, so the engine skips to digits; the lookbehind
    # after it checks what stands before the number.
    return re.compile(
        rf"(?P<num>\d(?<![\w/]\d)\d{{0,3}})\s*(?:[-–‐]?\s*(?P<code>{codes})\s*/|/\s*(?P<swapped>{codes})\s*[-–‐])"
        rf"\s*TW(?![\w-])", re.I)


@lru_cache(maxsize=None)
def short_reference() -> re.Pattern:
    """`Nghị quyết số 11`, `Nghị quyết 37`, `NQ 11`, `Kết luận số 26`: number without /TW."""
    words = [w for ws in vocabulary()["document_types"].values() for w in ws]
    codes = list(vocabulary()["document_types"])
    word = trie_alternation(words + codes, not_after=r"\w", ignore_case=True)
    return re.compile(
        rf"(?P<word>{word})(?i:\s+(?:số\s*:?\s*)?(?P<num>\d{{1,4}})"
        rf"(?![\d,.]\d|\s*[-–‐]?\s*\w+\s*/|\s*/|[\w-]))")


CONGRESS = re.compile(rf"[nN](?i:ghị quyết\s+(?:của\s+)?Đại hội\s+(?:(?:đại biểu\s+)?toàn quốc\s+)?(?:lần thứ\s+)?"
                      rf"(?P<term>{ROMAN})\b)")


@lru_cache(maxsize=None)
def phrase_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Whole-word, case-insensitive alternation of phrases."""
    return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)", re.I)
