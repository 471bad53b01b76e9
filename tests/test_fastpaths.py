"""The conversion's fast paths give what the plain definitions they replace give.

Each speed-up (a pattern rewritten so the regex engine can skip ahead, a string method instead
of a regex, a cheap check before a pattern) is compared here, on random Vietnamese-like text,
with the straightforward code it stands for. The oracles are written the plain way on purpose.
"""

from __future__ import annotations

import random
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from nghiquyet import patterns as P
from nghiquyet.ingest.dates import DIGIT, DateMatch, _NUMERIC, _valid, find_dates, horizon_spans
from nghiquyet.extract.events import sentences
from nghiquyet.pages.searchdata import folded_words
from nghiquyet.text import _OLD_TONE, fold, match_key, normalise_line, strip_tones, trie_alternation
from nghiquyet.vocabulary import vocabulary

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
TONED = "àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵoOuUqQ"
SPACES = " \t\u00a0\u1680\u2000\u2003\u200a\u200b\u202f\u205f\u3000\ufeff\n\r\x0b\x0c\x1c"
ODD = "\x00\x07\x1f\x7f\u200c\u200d\u2028\u2029.,;:!?…/|»›>•·-–()\"“0123456789"
CHARS = st.sampled_from(list(LETTERS + TONED + SPACES + ODD) + ["\u0300", "\u0301", "\u0323"])
TEXT = st.lists(CHARS, max_size=60).map("".join)
WORD = st.text(alphabet=LETTERS + TONED, min_size=1, max_size=6)

# The definitions before the fast paths, kept as oracles.
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200c\u200d\u2028\u2029]")
_WORD_WITH_D = re.compile(r"(?<![^\W\d_])[^\W\d_]*[đĐ][^\W\d_]*")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")


def _old_tone_pattern() -> re.Pattern:
    tones = "\u0300\u0301\u0309\u0303\u0323"
    seconds = {first: "".join(sorted({unicodedata.normalize("NFC", v + t) for v in vowels for t in tones}))
               for first, vowels in (("o", "aeAE"), ("u", "yY"))}
    return re.compile(f"(?:[oO][{seconds['o']}]|(?<![qQ])[uU][{seconds['u']}])(?![^\\W\\d_])")


@settings(max_examples=400)
@given(TEXT)
def test_spacing_is_the_regex_definition(text):
    assert normalise_line(text) == _SPACES.sub(" ", _CONTROL.sub("", unicodedata.normalize("NFC", text))).strip()
    assert fold(text) == _SPACES.sub(" ", strip_tones(unicodedata.normalize("NFC", text)).lower()).strip()


@settings(max_examples=400)
@given(TEXT)
def test_tone_placement_pattern_finds_the_same_pairs(text):
    text = unicodedata.normalize("NFC", text)
    old = _old_tone_pattern()
    assert [m.span() for m in _OLD_TONE.finditer(text)] == [m.span() for m in old.finditer(text)]
    assert match_key(text) == match_key(text.lower())


@settings(max_examples=300)
@given(st.lists(TEXT, max_size=5))
def test_folded_words_are_every_word_with_d(texts):
    expected = sorted({strip_tones(w).lower() for t in texts for w in _WORD_WITH_D.findall(t)})
    assert folded_words(texts) == expected


@settings(max_examples=400)
@given(TEXT)
def test_sentences_split_where_the_lookbehind_split_did(text):
    assert [s for _, s in sentences(text)] == _SENTENCE.split(text)
    assert all(text[start:start + len(s)] == s for start, s in sentences(text))


@settings(max_examples=300)
@given(st.lists(st.lists(WORD, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=8),
       st.lists(st.one_of(WORD, st.sampled_from([" ", ", ", ".", "x", "1"])), max_size=30).map("".join))
def test_trie_matches_what_a_longest_first_alternation_matches(phrases, filler):
    """Guarded, case-insensitive trie == `(?<!\\w)(?i:longest|…|shortest)` on any text."""
    text = filler + " " + " ".join(phrases).upper() + filler + " ".join(phrases)
    flat = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    for ignore_case in (False, True):
        oracle = re.compile(rf"(?<!\w)(?:{flat})(?!\w)", re.I if ignore_case else 0)
        fast = re.compile(trie_alternation(phrases, not_after=r"\w", ignore_case=ignore_case, then=r"(?!\w)"))
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in oracle.finditer(text)]


@settings(max_examples=300)
@given(st.lists(st.one_of(st.sampled_from(["Nghị quyết số ", "NQ ", "nghị quyết ", "11", "-NQ/TW", " ",
                                           "QĐ/TW", "a1", "/", "37", "Kết luận số: 26", "x", "Nghị quyết Đại hội XIII",
                                           "nghị quyết của Đại hội đại biểu toàn quốc lần thứ XII", "NGHỊ QUYẾT ĐẠI HỘI X",
                                           "Đại hội ", "XI", "Nghị quyết "]), WORD),
                max_size=20).map("".join))
def test_document_patterns_match_their_plain_forms(text):
    """The reference patterns with the lookbehind first and a global (?i) flag."""
    kinds = vocabulary()["document_types"]
    codes = "|".join(re.escape(c) for c in sorted(list(kinds) + ["QD", "QDi"], key=len, reverse=True))
    typed = [w for ws in kinds.values() for w in ws] + list(kinds)
    full = re.compile(rf"(?<![\w/])(?P<num>\d{{1,4}})\s*[-–‐]?\s*(?P<code>{codes})\s*/\s*TW(?![\w-])", re.I)
    short = re.compile(
        rf"(?<![\w])(?P<word>{'|'.join(re.escape(w) for w in sorted(typed, key=len, reverse=True))})\s+"
        rf"(?:số\s*:?\s*)?(?P<num>\d{{1,4}})(?![\d,.]\d|\s*[-–‐]?\s*\w+\s*/|\s*/|[\w-])", re.I)
    assert [m.group() for m in P.full_reference().finditer(text)] == [m.group() for m in full.finditer(text)]
    assert [m.group() for m in P.short_reference().finditer(text)] == [m.group() for m in short.finditer(text)]
    congress = re.compile(r"Nghị quyết\s+(?:của\s+)?Đại hội\s+(?:(?:đại biểu\s+)?toàn quốc\s+)?(?:lần thứ\s+)?"
                          r"(?P<term>XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\b", re.I)
    assert [m.group() for m in P.CONGRESS.finditer(text)] == [m.group() for m in congress.finditer(text)]


# The date patterns and find_dates before the patterns were made to start with a digit or a
# letter (each alternation of a digit-led and a word-led form was one pattern, led by a
# lookbehind, under a global (?i) flag).
class O:
    DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])"
    MONTH = r"(?P<m>0?[1-9]|1[0-2])"
    YEAR = r"(?P<y>(?:19|20)\d\d)"
    SEP = r"\s*(?P<sep>[/.\-])\s*"
    FULL_DATE = re.compile(
        rf"(?<![\d/.\-]){DAY}{SEP}{MONTH}(?P=sep){YEAR}(?![\d/]|\.\d)"
        rf"|ngày\s+{DAY.replace('d>', 'd2>')}\s+tháng\s+{MONTH.replace('m>', 'm2>')}\s*(?:,\s*)?năm\s+{YEAR.replace('y>', 'y2>')}",
        re.I)
    # A day and month without a year: "16/11", "ngày 26/5", "15-4" after "ngày".
    DAY_MONTH = re.compile(
        rf"(?<![\d/.\-]){DAY}\s*/\s*{MONTH}(?![\d]|\s*/\s*\d|-\d|\.\d)"
        rf"|(?<=ngày )(?P<d2>0?[1-9]|[12]\d|3[01])\s*[-.]\s*(?P<m2>0?[1-9]|1[0-2])(?![\d/.\-])"
        rf"|ngày\s+(?P<d3>0?[1-9]|[12]\d|3[01])\s+tháng\s+(?P<m3>0?[1-9]|1[0-2])(?!\s*(?:,\s*)?năm\s+\d|\s*/\s*\d|\d)",
        re.I)
    # A span of days in one month: "17 và 18/11", "15-16/4/2022", "từ 2 đến 4/12": the first day counts.
    DAY_RANGE = re.compile(
        r"(?<![\d/.\-])(?P<d1>0?[1-9]|[12]\d|3[01])\s*(?:và|-|–|đến|,)\s*(?P<d>0?[1-9]|[12]\d|3[01])\s*/\s*"
        r"(?P<m>0?[1-9]|1[0-2])(?:\s*/\s*(?P<y>(?:19|20)\d\d))?(?![\d/])", re.I)
    MONTH_YEAR = re.compile(rf"tháng\s+{MONTH}\s*(?:[/\-.]\s*|\s+năm\s+){YEAR}(?!\d)", re.I)
    QUARTER_YEAR = re.compile(
        rf"quý\s+(?P<q>[1-4]|I{{1,3}}|IV)\s*(?:[/\-.]\s*|\s+năm\s+){YEAR}(?!\d)", re.I)
    YEAR_ONLY = re.compile(rf"(?<![\d/.\-])(?:năm|đầu năm|cuối năm|giữa năm)\s+{YEAR}(?![\d/])", re.I)
    ISO_DATE = re.compile(rf"(?<!\d){YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
    HORIZON = re.compile(
        r"(?:đến|tới|trước|tầm nhìn(?: đến)?|mục tiêu(?: đến)?|giai đoạn|thời kỳ|kế hoạch)\s+(?:năm\s+)?(?:19|20)\d\d"
        r"|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d", re.I)


def _group(m, *names):
    for name in names:
        value = m.groupdict().get(name)
        if value:
            return value
    return None


def old_find_dates(text: str) -> list[DateMatch]:
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
        for m in O.DAY_RANGE.finditer(text):
            y = int(m["y"]) if m["y"] else None
            if _valid(y or 2000, int(m["m"]), int(m["d1"])) and int(m["d1"]) < int(m["d"]):
                add(DateMatch(m.start(), m.end(), y, int(m["m"]), int(m["d1"]), "day"))
    if numeric or "tháng" in lower:
        for m in O.FULL_DATE.finditer(text):
            if not free(m.start(), m.end()):
                continue
            y, mo, d = int(_group(m, "y", "y2")), int(_group(m, "m", "m2")), int(_group(m, "d", "d2"))
            if _valid(y, mo, d):
                add(DateMatch(m.start(), m.end(), y, mo, d, "day"))
    if numeric:
        for m in O.ISO_DATE.finditer(text):
            if free(m.start(), m.end()) and _valid(int(m["y"]), int(m["m"]), int(m["d"])):
                add(DateMatch(m.start(), m.end(), int(m["y"]), int(m["m"]), int(m["d"]), "day"))
    if "quý" in lower:
        for m in O.QUARTER_YEAR.finditer(text):
            if free(m.start(), m.end()):
                q = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(m["q"].upper()) or int(m["q"])
                add(DateMatch(m.start(), m.end(), int(m["y"]), 3 * q - 2, None, "quarter"))
    if "tháng" in lower:
        for m in O.MONTH_YEAR.finditer(text):
            if free(m.start(), m.end()):
                add(DateMatch(m.start(), m.end(), int(m["y"]), int(m["m"]), None, "month"))
    if numeric or "tháng" in lower:
        for m in O.DAY_MONTH.finditer(text):
            if free(m.start(), m.end()):
                d, mo = int(_group(m, "d", "d2", "d3")), int(_group(m, "m", "m2", "m3"))
                if _valid(2000, mo, d):
                    add(DateMatch(m.start(), m.end(), None, mo, d, "day"))
    if "năm" in lower:
        for m in O.YEAR_ONLY.finditer(text):
            if free(m.start(), m.end()):
                add(DateMatch(m.start(), m.end(), int(m["y"]), 1, None, "year"))
    return sorted(found, key=lambda x: x.start)


DATE_PIECES = ["ngày ", "Ngày ", "NGÀY ", "tháng ", "Tháng ", "năm ", "Năm ", "đầu năm ", "cuối năm ", "quý ", "và ",
               "đến ", "giai đoạn ", "tầm nhìn đến ", "Đến năm ", "-", "/", ".", "–", ", ", " ", "  ", "1", "2", "3",
               "9", "0", "12", "16", "31", "32", "2022", "2030", "1999", "2021-2030", "16/11", "15-16/4/2022",
               "10/2/2022", "2022-04-15", "ngày 3 tháng 11 năm 2022", "x", "sáng ", "Hà Nội ", "(", ")",
               "ngày 3 tháng 11", ", năm 2022", "tháng 11, năm 2022", "12022-04-15", "11999-01-02", "Quý II/2023"]


def _dateish(count: int, seed: int = 0) -> list[str]:
    """Seeded random strings of 1-8 pieces (hypothesis favours the first pieces of a list and
    rarely puts the rare neighbours, like "." before "16/11", together)."""
    rng = random.Random(seed)
    pairs = [a + b for a in DATE_PIECES for b in DATE_PIECES]          # every neighbour pair once
    return pairs + ["".join(rng.choices(DATE_PIECES, k=rng.randint(1, 8))) for _ in range(count)]


def test_dates_are_found_as_the_old_patterns_found_them():
    for text in _dateish(20_000):
        assert find_dates(text) == old_find_dates(text), text
        assert find_dates(text, dated_only=True) == [d for d in old_find_dates(text) if d.year], text
        assert horizon_spans(text) == [m.span() for m in O.HORIZON.finditer(text)
                                       if not (m.group(0).lower().startswith(("đến", "tới"))
                                               and (not text[:m.start()].rstrip()
                                                    or text[:m.start()].rstrip()[-1] in ".!?;:")
                                               and _reports_done(text[m.end():]))], text


def _reports_done(rest: str) -> bool:
    """The sentence after a horizon that opens it names something done ("đã", an event verb)."""
    clause = re.split(r"[.!?;](?:\s|$)", rest, maxsplit=1)[0]
    words = vocabulary()["done_words"] + vocabulary()["event_verbs"]
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", clause, re.I) for w in words)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["Tỉnh ủy ", "Tỉnh ủy Lào Cai", "Ban Kinh tế Trung ương", "Bộ Chính trị", "UBND tỉnh ",
                                 "Lào Cai", "Hà Giang", " và ", ", ", "x", "Huyện ủy Mường Khương", "Đảng ủy ",
                                 "Ban Thường vụ Tỉnh ủy ", "Thành ủy Hà Nội", "Ủy ban nhân dân tỉnh Yên Bái"]),
                max_size=10).map("".join))
def test_organisations_are_what_one_alternation_finds(text):
    """The two organisation patterns, merged, find what `(?<!\\w)(?:known(?!\\w)|local place(?!\\w))` finds."""
    from nghiquyet.extract.people import _organisation_matches
    from nghiquyet.extract.places import place_names
    v = vocabulary()
    flat = lambda xs: "|".join(re.escape(x) for x in sorted(xs, key=len, reverse=True))
    one = re.compile(rf"(?<!\w)(?:(?:{flat(v['organisations'])})(?!\w)"
                     rf"|(?:{flat(v['local_bodies'])})\s+(?:{flat(place_names())})(?!\w))")
    assert [m.span() for m in _organisation_matches(text)] == [m.span() for m in one.finditer(text)]
