"""Line classifiers of the cleaning stage: pure functions of one line (chrome, menu rows,
paragraphs, captions, bylines, sources), each deciding from general signals and the lexical
cues of vocabulary.yaml. The dates module and the cleaning stage both ask them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import LINE_MEMO, match_key, trie_alternation, word_count
from ..vocabulary import provinces, vocabulary

_TERMINAL = re.compile(r"[.!?…:;]['\"”’»)\]]*$|\.\.\.$")
_BULLET = re.compile(r"^[•·●◦▪■□►▶\-–—*+>»|]+\s*")
_PAGINATION = re.compile(r"^(?:trang\s*)?[«<‹]*\s*(?:\d{1,3}(?:\s+|\s*[|,]\s*|$))+[.…»>›\s]*(?:trang\s+(?:sau|tiếp|cuối))?$", re.I)
_SEPARATOR_CHARS = "|»›>/•·"
# Applied to a matching key (single spaces); the parts are stripped after the split. Written
# as literal branches so the engine skips to the characters a separator starts with.
_SEPARATORS = re.compile("|".join(map(re.escape, _SEPARATOR_CHARS)) + "| - ")
_DIGITS = re.compile(r"[\d\s:]+")
_NUMBER_TAIL = re.compile(r"[\s:]*[\d.,]+$")
_URL = re.compile(r"^(?:https?://)?(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,12}(?:/\S*)?$", re.I | re.A)
# "(TTXVN) - …", "Cần Thơ (TTXVN) - …": the agency leaves the body and becomes the source.
_COUNTER_SUFFIX = re.compile(r"\s*\(\d{1,3}\)$")
PARAGRAPH_WORDS = 30        # a line this long is body text whatever it ends with
SHORT_PARAGRAPH_WORDS = 12  # a line this long ending a sentence is body text
WRAP_MAX = 100              # no line of a hard-wrapped file is longer
MENU_WORDS = 3              # outside the body, a line this short with no cue is chrome


@lru_cache(maxsize=None)
def _lexicon() -> dict:
    v = vocabulary()
    key = lambda xs: tuple(sorted({match_key(x) for x in xs}, key=len, reverse=True))
    return {
        "chrome": frozenset(match_key(x) for x in v["chrome_phrases"]),
        "chrome_prefixes": key(v["chrome_prefixes"]),
        "caption": key(v["caption_cues"]),
        "byline": key(v["byline_prefixes"]),
        "source": key(v["source_prefixes"]),
        "org": key(v["organisation_heads"]),
        "byline_abbreviations": frozenset(match_key(x) for x in v["byline_abbreviations"]),
        "related": frozenset(match_key(x) for x in v["related_markers"]),
        "photo": key(v["photo_cues"]),
        "menu": frozenset(match_key(x) for x in v["section_labels"] + v["chrome_phrases"]),
        "masthead": key(v["masthead_prefixes"]),
        "patterns": re.compile("|".join(f"(?:{x})" for x in v["chrome_patterns"])) if v.get("chrome_patterns") else None,
        "record": re.compile(rf"(?:^|\s)(?:{trie_alternation({match_key(x) for x in v['record_labels']})})\s*:"),
    }


RECORD_VALUE_WORDS = 6      # a value of a legal database's attribute panel is this short


def _is_record_row(key: str, lex: dict) -> bool:
    """"số hiệu: | 26-nq/tw | loại văn bản: | nghị quyết |": only labels of a document's
    attribute panel, each with a short value, two of them or one in a table's cells."""
    parts = lex["record"].split(key.replace("|", " "))      # (the key starts with a label)
    return (len(parts) >= 3 or len(parts) == 2 and "|" in key) and \
        all(0 < len(value.split()) <= RECORD_VALUE_WORDS and ":" not in value for value in parts[1:])


# The role tests below are pure functions of one line: each is remembered (text.LINE_MEMO).
@lru_cache(maxsize=LINE_MEMO)
def is_chrome(line: str) -> bool:
    """Site chrome: menus, skip links, counters, pagination, tag rows, copyright lines.

    >>> is_chrome("• Đang online: 1"), is_chrome("1 2 3 4 5 ..."), is_chrome("Trang chủ » Tin tức")
    (True, True, True)
    >>> is_chrome("Quang cảnh buổi làm việc")
    False
    """
    lex = _lexicon()
    key = match_key(_BULLET.sub("", line)).strip(" .:")
    if not key:
        return True
    if key in lex["chrome"] or key.startswith(lex["chrome_prefixes"]):
        return True
    if key.startswith(lex["masthead"]) and not _TERMINAL.search(line):
        return True
    if lex["record"].match(key) and _is_record_row(key, lex):
        return True
    if lex["patterns"] is not None and lex["patterns"].search(key):
        return True
    if _PAGINATION.match(key) and len(re.findall(r"\d+", key)) >= 2:
        return True
    # (A row needs a separator, a count needs a final digit: most lines skip both regexes.
    # match_key leaves single spaces only, so " - " is the `\s-\s` of _SEPARATORS.)
    if " - " in key or any(ch in key for ch in _SEPARATOR_CHARS):
        parts = [p.strip(" .:") for p in _SEPARATORS.split(key) if p.strip(" .:")]
        if len(parts) >= 2 and all(p in lex["chrome"] or _DIGITS.fullmatch(p)
                                   or _covered(p.replace(":", " ").split(), lex["chrome"]) for p in parts) \
                and any(p in lex["chrome"] for p in parts):
            return True
    if _covered(key.replace(":", " ").split(), lex["chrome"]):
        return True     # "Chia sẻ Facebook Zalo": a row of chrome words
    # "Đang online: 1", "Lượt xem: 1.234": a chrome word with a number.
    if not (key[-1].isdigit() or key[-1] in ".,"):
        return False
    label = _NUMBER_TAIL.sub("", key)
    return label != key and label in lex["chrome"]


@lru_cache(maxsize=None)
def _ends(phrases: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The words phrases start with and end with."""
    return frozenset(p.split()[0] for p in phrases if p), frozenset(p.split()[-1] for p in phrases if p)


def _covered(words: list[str], phrases: frozenset[str], longest: int = 5) -> bool:
    """Can the words be split into a sequence of known phrases?"""
    if not words:
        return False
    firsts, lasts = _ends(phrases)
    if words[0] not in firsts or words[-1] not in lasts:
        return False                    # body text: settled without trying every split
    reach = [True] + [False] * len(words)
    for i in range(len(words)):
        if reach[i]:
            for j in range(i + 1, min(len(words), i + longest) + 1):
                if " ".join(words[i:j]) in phrases:
                    reach[j] = True
    return bool(words) and reach[-1]


_MENU_SPLIT = re.compile(r"\s[|»›>/•·]\s|\s+[|»›]\s*|\s*[|»›]\s+")


def is_menu_row(line: str) -> bool:
    """"Thời sự | Chính trị | Kinh tế | Xã hội": three or more short capitalised labels in a row
    (outside the body: a table row there is text).

    >>> is_menu_row("Trang chủ | Chính trị | Kinh tế | Quốc phòng - An ninh"), is_menu_row("Tiểu vùng | Tỉnh, thành phố")
    (True, False)
    >>> is_menu_row("Trang chủ  Chính trị  Kinh tế  Xã hội  Thế giới"), is_menu_row("Kinh tế xã hội phát triển")
    (True, False)
    """
    words = match_key(line).replace("|", " ").split()
    if len(words) >= 5 and _covered(words, _lexicon()["menu"], longest=4):
        return True         # section names with no separator but spaces
    parts = [p.strip() for p in _MENU_SPLIT.split(line) if p.strip()]
    crumbs = any(sep in line for sep in ("›", "»", " > "))      # a breadcrumb ends with a longer label
    most = 6 if crumbs else 4
    if len(parts) >= 4:
        most = 6            # a long menu: one label may be longer ("Văn bản chỉ đạo điều hành")
    return len(parts) >= (2 if crumbs or len(parts) == 2 and "|" in line else 3) and all(
        len(re.findall(r"[^\W\d_]+", p)) <= most and p[0].isupper() and not _TERMINAL.search(p)
        and not any(ch.isdigit() or ch == "," for ch in p) for p in parts)


_POST_NUMBER = re.compile(r"^#\d{1,5}$")


def _is_related_marker(line: str) -> bool:
    """A line that opens what is not the article: a related-news list, or the next post of a
    forum thread ("#2")."""
    return match_key(_BULLET.sub("", line)).strip(" .:") in _lexicon()["related"] or bool(_POST_NUMBER.match(line.strip()))


@lru_cache(maxsize=LINE_MEMO)
def is_paragraph(line: str) -> bool:
    n = word_count(line)
    return n >= PARAGRAPH_WORDS or (n >= SHORT_PARAGRAPH_WORDS and bool(_TERMINAL.search(line)))


def has_caption_cue(line: str) -> bool:
    """A photo credit or label ("Ảnh: …", "(Ảnh minh họa)"): a caption whatever else it holds."""
    key = match_key(line)
    return any(key.startswith(c) or f" {c}" in key for c in _lexicon()["photo"])


def _weak_caption_cue(line: str) -> bool:
    key = match_key(line)
    return any(c in key for c in _lexicon()["caption"])


def _is_source(line: str) -> bool:
    key = match_key(line)
    return bool(_URL.match(line.strip())) or (key.startswith(_lexicon()["source"]) and word_count(line) <= 8)


def _capitalised(segment: str) -> bool:
    words = [w for w in re.split(r"[\s.]+", segment) if w]
    return 1 <= len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() or w[0] in "&(" for w in words)


@lru_cache(maxsize=LINE_MEMO)
def byline_author(line: str) -> str | None:
    """The author named by a byline, or None when the line is no byline.

    >>> byline_author("Thực hiện: Công Sơn")
    'Công Sơn'
    >>> byline_author("Kim Huệ - Tùng Lâm - Trung tâm Văn hóa, Thể thao - Truyền thông huyện (3)")
    'Kim Huệ - Tùng Lâm'
    >>> byline_author("Trung tâm TTPT&DBKT")
    'Trung tâm TTPT&DBKT'
    >>> byline_author("Khánh Hồng -")
    'Khánh Hồng'
    >>> byline_author("Quang cảnh buổi làm việc") is None
    True
    """
    # (A separator left after the name, where the stamp followed on the page: "Khánh Hồng -".)
    text = _TRAILING_SEPARATOR.sub("", _COUNTER_SUFFIX.sub("", line.strip()))
    lex = _lexicon()
    bracketed = re.fullmatch(r"\((.+)\)", text)
    if bracketed and match_key(bracketed.group(1)).startswith(lex["byline"]):
        text = bracketed.group(1)          # "(Phóng viên: Văn Điệp - Phạm Tiệp)"
    key = match_key(text)
    if key.strip(" .:-") in lex["byline_abbreviations"]:
        return text.strip(" :-")
    if word_count(text) > 16 or _TERMINAL.search(text.rstrip(")")) and not key.startswith(lex["byline"]) \
            or _NO_NAME.search(text):
        return None
    for prefix in lex["byline"]:
        if key.startswith(prefix):
            if not prefix.endswith(":"):
                return text.strip(" :-–")      # "Nhóm phóng viên Chính trị": a group, named whole
            rest = text[len(prefix):].strip(" :-–")
            return (_people(rest, lex) or rest) if rest else None
    people = _people(text, lex)
    if people:
        return people
    if match_key(text).startswith(lex["org"]) and word_count(text) <= 8 and not _weak_caption_cue(text):
        return text
    return None


# A document's number ("Số: 24-NQ/TW", "96/NQ-CP") or a legal text's article ("Điều 3. …") names no author.
_NO_NAME = re.compile(r"\d\s*[-/]\s*[A-ZĐ]{1,5}\b|^\s*(?:số|điều|khoản)\s*\d|^\s*số\s*:", re.I)
# "Phạm Sơn Thứ sáu, 19/08/2022 - 14:48": a byline's name printed just before the stamp's weekday.
_NAME_BEFORE_WEEKDAY = re.compile(r"^(?P<name>[A-ZĐÀ-Ỹ][^\d|•·:;,.]{1,40}?)\s+[-–]?\s*"
                                  r"(?=(?i:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\b)")


def name_before_weekday(stamp: str) -> str | None:
    """The author a stamp line names before its weekday; a place there ("Hà Nội Thứ sáu, …") is
    the dateline's, no author."""
    m = _NAME_BEFORE_WEEKDAY.match(stamp.strip())
    if not m or match_key(m["name"]) in _place_keys():
        return None
    return byline_author(m["name"])


@lru_cache(maxsize=None)
def _place_keys() -> frozenset[str]:
    data = provinces()
    names = [n for era in ("before_2025", "after_2025") for p in data[era] for n in [p["name"], *p.get("aliases", [])]]
    return frozenset(match_key(n) for n in names)


def _people(text: str, lex: dict) -> str | None:
    """The people a byline names, "A - B", without the unit they work for: "Hồng Nhung - Vụ
    Quản lý quy hoạch"; "Thu Hằng (TTXVN/Vietnam+)", "Ngọc Ánh (Văn phòng UBND huyện)" (the unit
    in brackets is read as the source by extract/article.py); "Hoài Thu - Quang Hùng/NTV" (a
    one-word outlet after the last slash). None when a part is no name."""
    text = _UNIT_TAIL.sub("", text) or text
    segments = [s.strip() for s in re.split(r"\s+[-–—]\s+|\s*/\s*", text) if s.strip()]
    if len(segments) > 1 and "/" in text and len(segments[-1].split()) == 1:
        segments = segments[:-1]
    people = []
    for segment in segments:
        if match_key(segment).startswith(lex["org"]):
            break       # the rest names the unit the authors work for
        if not _capitalised(segment) or len(re.findall(r"[^\W\d_]+", segment)) < 2:
            return None
        people.append(segment)
    return " - ".join(people) or None


_TRAILING_SEPARATOR = re.compile(r"(?<=\w)\s+[-–|]$")
_UNIT_TAIL = re.compile(r"\s*\([^()]{2,60}\)\s*$")


def _byline_prefixed(line: str) -> bool:
    return match_key(line.strip().lstrip("(")).startswith(_lexicon()["byline"])


# (and a legal text's parts: "Điều 3. Các Bộ …", "Chương II", "Mục 1.")
_LEGAL_PART = r"^\s*(?:Điều|Chương|Mục|Phần)\s+(?:\d{1,3}|[IVX]{1,5})\b\s*[-.:]?"
_CONTINUED = re.compile(r"[,;:]\s*$|^\s*(?:\d{1,2}|[IVX]{1,5}|[a-zđ])\s*[-.)/]\s+\S|" + _LEGAL_PART)
# A numbered heading: "I- Tình hình …", "1. …", "2) …".
NUMBERED_HEADING = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,5})\s*[-.)]\s+\S|" + _LEGAL_PART)
CREDIT_TAIL = 90          # a credit with its cue and the end of the sentence before it fits in this
_CREDIT_WORD = r"(?:[Ảả]nh|ẢNH|[Nn]guồn ảnh|[Pp]hoto)"
_ENDS_WITH_CREDIT = re.compile(
    r"(?:(?:[.!?…]\s*|\s[-–]\s*|\(\s*)" + _CREDIT_WORD + r"\s*:\s*[^\s.!?:;,()](?:[^.!?:;()]|\.(?=\S)){0,50}"
    r"|[.!?…]\s+\(?" + _CREDIT_WORD + r"\s+(?:[A-ZĐÀ-Ỹ][\w/-]*\s*){1,4})\)?\.?$")


def ends_with_credit(line: str) -> bool:
    """A line that ends with its photo credit ("… chủ trì hội nghị. Ảnh: Dương Giang/TTXVN",
    "… Ảnh TTX", "… (Ảnh: Hoàng Hà)") is a photo's caption, whatever comes before the credit.
    A credit is short: only the line's end is searched."""
    tail = line[-CREDIT_TAIL:]
    return ("nh" in tail or "NH" in tail or "hoto" in tail) and bool(_ENDS_WITH_CREDIT.search(tail))


def goes_on(line: str) -> bool:
    """A line of text that no photo's caption is: one that goes on in the next ("Kính thưa các
    đồng chí,", "Xét đề nghị của Bộ trưởng …,") or a numbered heading ("1- Về tình hình …")."""
    return bool(_CONTINUED.search(line))


_PHOTO_CREDIT = re.compile(r"^(?:ảnh|hình ảnh|ảnh và video|video)\s*:\s*(?P<names>.+)$", re.I)


def is_credit(line: str) -> bool:
    """A credit line, never a paragraph: "Nội dung: Uông Thái Biểu", "Ảnh: Văn Bảo-Công Lý, Lý
    Hoàng Long" (names only, however many)."""
    if _byline_prefixed(line) and byline_author(line):
        return True
    m = _PHOTO_CREDIT.match(line.strip())
    if not m or _TERMINAL.search(line):
        return False
    names = [n.strip() for n in re.split(r"\s*[-–,/;]\s*|\s+và\s+", m["names"]) if n.strip()]
    return bool(names) and all(n[:1].isupper() and len(n.split()) <= 4 and all(w[:1].isupper() for w in n.split())
                               for n in names)
