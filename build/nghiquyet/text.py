"""Text helpers shared by the stages: Unicode normalisation and matching keys.

>>> normalise_line("\\u00a0\\u00a0 Nghị  quyết\\t11 ")
'Nghị quyết 11'
>>> fold("Nghị quyết Đắk Lắk")
'nghi quyet dak lak'
>>> fix_tone_placement("Thanh Hoá, Khánh Hoà, thuỷ lợi")
'Thanh Hóa, Khánh Hòa, thủy lợi'
>>> fix_tone_placement("quý 4, hoàn thành")
'quý 4, hoàn thành'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from slugify import slugify as _slugify

# Every kind of horizontal space a scraped page may carry, including NBSP and zero-width ones:
# str.split() splits on all of them (Unicode White_Space) but the zero-width space and the
# BOM, which are made spaces first.
_ZERO_WIDTH = ("\u200b", "\ufeff")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200c\u200d\u2028\u2029]")

# Old-style tone placement ("hoà", "thuỷ") -> the form used by official names ("hòa", "thủy"),
# only where the syllable ends after the pair (so "hoàn" is left alone). Written on NFC text:
# each old pair ("oà") maps to its new pair ("òa"), both precomposed.
_TONES = "\u0300\u0301\u0309\u0303\u0323"


def _old_tone_pairs() -> dict[str, str]:
    pairs = {}
    for firsts, seconds in (("oO", "aeAE"), ("uU", "yY")):
        for first in firsts:
            for second in seconds:
                for tone in _TONES:
                    pairs[unicodedata.normalize("NFC", first + second + tone)] = \
                        unicodedata.normalize("NFC", first + tone + second)
    return pairs


_OLD_TONE_PAIRS = _old_tone_pairs()
# The same rule on decomposed text, for the rare text whose tone marks do not all compose
# (two marks on one vowel): there a pair is not one of the precomposed ones above.
_OLD_TONE_NFD = re.compile(r"(?i)([oO])([aeAE])([\u0300\u0301\u0309\u0303\u0323])(?![^\W\d_])|"
                           r"(?<![qQ])([uU])([yY])([\u0300\u0301\u0309\u0303\u0323])(?![^\W\d_])")
_LOOSE_TONE = re.compile(f"[{_TONES}]")
# One character class first (sre then skips ahead to an o or a u instead of trying the whole
# pattern at every position); the lookbehinds say which vowel it was, and no "q" before "uy".
_OLD_TONE = re.compile(
    "[oOuU](?:(?<=[oO])[" + "".join(sorted({k[1] for k in _OLD_TONE_PAIRS if k[0] in "oO"})) + "]"
    "|(?<![qQ].)(?<=[uU])[" + "".join(sorted({k[1] for k in _OLD_TONE_PAIRS if k[0] in "uU"})) + "])"
    "(?![^\\W\\d_])")


# How many recent lines the per-line memos keep (the cleaning stage asks the same question of a
# line several times: for the title, the body bounds, the zones).
LINE_MEMO = 16384


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalise_line(line: str) -> str:
    """NFC, control characters removed, every run of spaces (NBSP, tabs…) made one space."""
    return _single_spaced(_CONTROL.sub("", nfc(line)))


def _single_spaced(text: str) -> str:
    """Every run of spaces one space, none at the ends."""
    for zw in _ZERO_WIDTH:
        if zw in text:
            text = text.replace(zw, " ")
    return " ".join(text.split())


def fix_tone_placement(text: str) -> str:
    """Move a tone mark from the second to the first vowel of "oa", "oe", "uy" at a syllable end
    (returns NFC text)."""
    text = nfc(text)
    if not _LOOSE_TONE.search(text):
        return _OLD_TONE.sub(lambda m: _OLD_TONE_PAIRS[m.group()], text)

    def move(m: re.Match) -> str:
        if m.group(1):
            return m.group(1) + m.group(3) + m.group(2)
        return m.group(4) + m.group(6) + m.group(5)

    return nfc(_OLD_TONE_NFD.sub(move, unicodedata.normalize("NFD", text)))


def strip_tones(text: str) -> str:
    """Remove every diacritic and map đ to d: what people type in a hurry."""
    decomposed = unicodedata.normalize("NFD", text)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """A matching key: lower case, no tone marks, đ as d, spaces collapsed."""
    return _single_spaced(strip_tones(nfc(text)).lower())


@lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """Lower-cased NFC text with tone placement unified: keeps tones, for exact lexicon matches."""
    return _single_spaced(fix_tone_placement(nfc(text)).lower())


def word_count(text: str) -> int:
    return len(text.split())


def slugify(text: str, **options) -> str:
    """python-slugify with its transliteration fixed to text-unidecode (its own dependency).
    Its default tries the Unidecode package first, so a slug would depend on whether that
    happens to be installed, and every call would pay for the failed import."""
    return _slugify(text, backend="text-unidecode", **options)


def trie_alternation(sequences, joiner: str = "", *, not_after: str | None = None,
                     ignore_case: bool = False, then: str = "") -> str:
    r"""A regex matching any of the sequences (strings, or tuples of words with `joiner` between
    them), written as a trie of their tokens: Python's regex engine tries a flat alternation's
    branches one by one at every position, this one follows a single path. Longer sequences win
    (a sequence's continuation is tried before it ends).

    Every branch starts with one literal character, so the engine skips ahead to the characters
    a match can start with instead of trying the pattern at every position. For that, the two
    usual wrappers are built in: `not_after`, a character class that must not stand right
    before a match (a `(?<!…)` put in front would hide the first characters from the engine),
    and `ignore_case` (an `(?i)` flag would too: the first character is written in each case
    and only the rest is case-insensitive). `then` follows every sequence: two tries joined by
    "|" stay one alternation of literal-led branches, the first trie's branches tried first.

    >>> import re; p = re.compile(trie_alternation(["Hà Nam", "Hà Nội", "Hà", "Nam Định"]))
    >>> [m.group() for m in p.finditer("Hà Nội, Hà Nam, Hà Tĩnh, Nam Định")]
    ['Hà Nội', 'Hà Nam', 'Hà', 'Nam Định']
    >>> re.fullmatch(trie_alternation([("vùng", "tây", "nguyên")], " +"), "vùng  tây nguyên") is not None
    True
    >>> p = re.compile(trie_alternation(["huyện", "xã"], not_after=r"\w", ignore_case=True))
    >>> [m.group() for m in p.finditer("Huyện Mường Khương, xã Bản Lầu, xxã")]
    ['Huyện', 'xã']
    """
    trie: dict = {}
    for sequence in sequences:
        if ignore_case:
            sequence = sequence.lower() if isinstance(sequence, str) else tuple(t.lower() for t in sequence)
        node = trie
        for token in sequence:
            node = node.setdefault(token, {})
        node[""] = {}                                  # a sequence may end here

    def branches(node: dict) -> list[tuple[str, str]]:
        out = []
        for token in sorted(t for t in node if t):
            rest = node[token]
            tail = f"{joiner}(?:{alternation(rest)})" if any(rest) else ""
            if tail and "" in rest:
                tail = f"(?:{tail})?"
            out.append((token, tail))
        return out

    def alternation(node: dict) -> str:
        return "|".join(re.escape(token) + tail for token, tail in branches(node))

    guard = f"(?<!{not_after}.)" if not_after else ""
    out = []
    for token, tail in branches(trie):
        first, more = token[0], re.escape(token[1:]) + tail
        if ignore_case:
            more = f"(?i:{more})" if more else ""
            firsts = sorted({c for c in (first, first.lower(), first.upper()) if len(c) == 1})
        else:
            firsts = [first]
        if then:
            more = f"(?:{more}){then}" if more else then
        out += [re.escape(c) + guard + more for c in firsts]
    return "|".join(out)


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+")


def web_address(value: str | None) -> str | None:
    """An http(s) address as it may be kept (no spaces, angle brackets or quotes), else None."""
    value = (value or "").strip()
    return value if _WEB_ADDRESS.fullmatch(value) else None
