"""The conversion's fast paths give what the plain definitions they replace give.

Each speed-up (a pattern rewritten so the regex engine can skip ahead, a string method instead
of a regex, a cheap check before a pattern) is compared here, on random Vietnamese-like text,
with the straightforward code it stands for. The oracles are written the plain way on purpose.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from nghiquyet import patterns as P
from nghiquyet.events import sentences
from nghiquyet.searchdata import folded_words
from nghiquyet.text import _OLD_TONE
from nghiquyet.vocabulary import vocabulary
from nghiquyet.text import fold, match_key, normalise_line, strip_tones, trie_alternation

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
                                           "QĐ/TW", "a1", "/", "37", "Kết luận số: 26", "x"]), WORD),
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
