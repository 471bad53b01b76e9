"""Regions (vùng), provinces (tỉnh) and smaller places named in an article.

Provinces are recorded under the name valid on the article's date: before 1 July 2025 the 63
units, after it the 34 (Hà Giang -> Tuyên Quang …). A district or commune named with its
head word ("huyện Mường Khương") also counts for its province; a ward named after a former
province ("phường Yên Bái") is a ward, not that province.

>>> find_regions(["vùng Trung du và miền núi Bắc bộ, Bắc Trung Bộ và duyên hải Trung Bộ"])
['trung-du-mien-nui-phia-bac', 'bac-trung-bo-duyen-hai-mien-trung']
>>> find_places(["Tại điểm cầu huyện Định Hóa, đồng chí Nguyễn Thái Bình"], "2022-04-15")[0]
['Thái Nguyên']
>>> find_places(["phường Yên Bái, tỉnh Lào Cai"], "2025-09-01")[0]
['Lào Cai']
>>> find_places(["tỉnh Hà Giang"], "2026-01-01")[0]
['Tuyên Quang']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..records import Place
from ..text import fix_tone_placement, match_key, trie_alternation
from ..vocabulary import districts_2024, provinces, regions, vocabulary

_CONNECTOR = r"(?:\s*,\s*|\s+và\s+|\s*[-–]\s*|\s+)"


def _region_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in match_key(text).replace(",", " ").replace("–", " ").replace("-", " ").split() if w != "và")


@lru_cache(maxsize=None)
def _region_pattern(unmarked: bool = False) -> tuple[re.Pattern, dict[tuple[str, ...], str]]:
    """Every spelling of every region as one trie-shaped pattern, and words -> region id; for
    text written without marks, the spellings without theirs and the English names."""
    ids: dict[tuple[str, ...], str] = {}
    for rid, r in regions().items():
        spellings = [r["name"]] + r["spellings"]
        for spelling in [without_marks(x) for x in spellings] + r.get("english", []) if unmarked else spellings:
            ids.setdefault(_region_words(spelling), rid)
    body = trie_alternation(list(ids), _CONNECTOR, not_after=r"\w")
    return re.compile(rf"(?:{body})(?!\w)"), ids


def find_regions(blocks: list[str]) -> list[str]:
    """Region ids in order of first mention."""
    found: list[str] = []
    for text in blocks:
        pattern, ids = _region_pattern(_is_unmarked(text))
        for m in pattern.finditer(match_key(text)):
            rid = ids[_region_words(m.group())]
            if rid not in found:
                found.append(rid)
    return found


# Provinces ------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _province_names() -> dict[str, tuple[str, str]]:
    """Every written form -> (canonical name, era) where era is 'old' or 'new'."""
    data = provinces()
    names: dict[str, tuple[str, str]] = {}
    for era, key in (("new", "after_2025"), ("old", "before_2025")):
        for p in data[key]:
            for form in [p["name"]] + p.get("aliases", []):
                names[fix_tone_placement(form)] = (p["name"], era)
    return names


@lru_cache(maxsize=None)
def _province_pattern() -> re.Pattern:
    names = trie_alternation(_province_names(), not_after=r"[\w.]")
    return re.compile(rf"(?P<name>{names})(?![\w])")


def without_marks(text: str) -> str:
    """Text with its tone and vowel marks removed ("Bà Rịa - Vũng Tàu" -> "Ba Ria - Vung Tau")."""
    from text_unidecode import unidecode
    return unidecode(text)


# Text in which fewer characters than this are outside ASCII (marked letters, and the curly quotes
# and dashes any text may have) is written without marks: an English edition's ("Binh Phuoc
# province") or Vietnamese typed without them. Vietnamese with its marks has about one character
# in six marked.
UNMARKED_SHARE = 0.02


def _is_unmarked(text: str) -> bool:
    outside = len(text) - len(text.encode("ascii", "ignore"))      # counted in C: this runs per paragraph
    return len(text) >= 40 and outside < UNMARKED_SHARE * len(text)


@lru_cache(maxsize=None)
def _latin_names() -> dict[str, tuple[str, str]]:
    """Every form a province's name takes without marks -> (canonical name, era); a form two
    provinces share is no one's."""
    data = provinces()
    names: dict[str, tuple[str, str]] = {}
    shared: set[str] = set()
    for era, key in (("new", "after_2025"), ("old", "before_2025")):
        for p in data[key]:
            for form in [without_marks(f) for f in [p["name"]] + p.get("aliases", [])] + p.get("latin", []):
                if names.get(form, (p["name"],))[0] != p["name"]:
                    shared.add(form)
                names.setdefault(form, (p["name"], era))
    return {form: value for form, value in names.items() if form not in shared}


@lru_cache(maxsize=None)
def _latin_pattern() -> re.Pattern:
    names = trie_alternation(_latin_names(), not_after=r"[\w.]")
    return re.compile(rf"(?P<name>{names})(?![\w])")


@lru_cache(maxsize=None)
def _latin_surnames() -> frozenset[str]:
    return frozenset(without_marks(s) for s in _surnames())


@lru_cache(maxsize=None)
def _surnames() -> frozenset[str]:
    return frozenset(vocabulary()["surnames"])


@lru_cache(maxsize=None)
def _district_index() -> dict[str, list[tuple[str, str]]]:
    """District name -> [(province of 2024, kind)]."""
    index: dict[str, list[tuple[str, str]]] = {}
    for province, items in districts_2024().items():
        for kind, name in items:
            index.setdefault(fix_tone_placement(name), []).append((province, kind))
    return index


@lru_cache(maxsize=None)
def _ward_index() -> dict[str, list[tuple[str, str]]]:
    """Today's ward and commune names -> [(province of today, kind)] (vietnam-provinces)."""
    from vietnam_provinces import Province, Ward

    by_code = {p.code: _short_province_name(p.name) for p in Province.iter_all()}
    index: dict[str, list[tuple[str, str]]] = {}
    for ward in Ward.iter_all():
        kind = ward.division_type.value
        name = ward.name
        for head in ("Phường ", "Xã ", "Đặc khu ", "Thị trấn "):
            if name.startswith(head):
                name = name[len(head):]
        index.setdefault(fix_tone_placement(name), []).append((by_code[ward.province_code], kind))
    return index


def _short_province_name(name: str) -> str:
    known = {p["name"] for p in provinces()["after_2025"]}
    if name in known:
        return name
    stripped = re.sub(r"^(?:Thành phố|Tỉnh)\s+", "", name)
    return stripped if stripped in known else name


@lru_cache(maxsize=None)
def _place_pattern() -> re.Pattern:
    v = vocabulary()
    heads = v["district_heads"] + v["commune_heads"] + list(v["district_committees"]) + ["TP.", "TP"]
    head_alt = trie_alternation(heads, not_after=r"\w", ignore_case=True)
    return re.compile(
        rf"(?P<head>{head_alt})\s+(?P<name>(?:[A-ZĐÀ-Ỹ][\w']*|\d+)(?:\s+[A-ZĐÀ-Ỹ][\w']*){{0,3}})")


def _valid_name(name: str, era: str, on: Optional[str]) -> str:
    """The name a unit had on the given date (None: as written)."""
    data = provinces()
    if on is None:
        return name
    if on >= data["reorganised_on"]:
        if era == "old":
            return next(p["becomes"] for p in data["before_2025"] if p["name"] == name)
        return name
    # Before the reorganisation: a new-only name maps back through renames ("Huế").
    for rename in data["renamed"]:
        if name == rename["to"] and on < rename["date"]:
            return rename["from"]
        if name == rename["from"] and on >= rename["date"]:
            return rename["to"]
    return name


def _in_person_name(text: str, start: int, surnames: frozenset[str] | None = None) -> bool:
    surnames = surnames or _surnames()
    before = text[:start].rsplit(None, 2)      # the last two words (and the rest, unsplit)
    if not before:
        return False
    prev = before[-1]
    if prev in surnames:
        return True
    return (len(before) >= 2 and before[-2] in surnames and prev[:1].isupper() and not prev.isupper()
            and prev[-1].isalpha())


def find_places(blocks: list[str], on: Optional[str]) -> tuple[list[str], list[Place], list[list]]:
    """(province names valid on `on`, smaller places, province spans of each block): names and
    places in order of first mention; spans as (start, end, name) per block, for links."""
    found: list[str] = []
    spans: list[list[tuple[int, int, str]]] = []
    places: list[Place] = []
    ambiguous: list[tuple[str, str, list[str]]] = []
    commune_heads = {h.lower() for h in vocabulary()["commune_heads"]}
    after = on is not None and on >= provinces()["reorganised_on"]

    def add(name: str) -> None:
        if name not in found:
            found.append(name)

    for raw in blocks:
        text = fix_tone_placement(raw)
        covered: list[tuple[int, int]] = []
        for m in _place_pattern().finditer(text):
            head, name = m["head"].lower().rstrip("."), m["name"]
            head = vocabulary()["district_committees"].get(head, head)
            if head == "tp":
                head = "thành phố"
            if head in commune_heads:
                candidates = _ward_index().get(name, []) if after else []
                province = candidates[0][0] if len(candidates) == 1 else None
                places.append(Place(name, head, province))
                covered.append((m.start(), m.end()))
                if province:
                    add(province)
                continue
            candidates = _district_index().get(name, [])
            kinds = [c for c in candidates if c[1] == head] or candidates
            if not kinds:
                continue
            provinces_of = sorted({c[0] for c in kinds})
            if len(provinces_of) == 1:
                province = _valid_name(provinces_of[0], "old", on)
                places.append(Place(name, head, province))
                add(province)
            else:
                ambiguous.append((name, head, provinces_of))
        spans.append(_province_spans(text, on, covered))
        for _, _, name in spans[-1]:
            add(name)
    for name, head, options in ambiguous:
        valid = [_valid_name(o, "old", on) for o in options]
        hits = [v for v in valid if v in found]
        places.append(Place(name, head, hits[0] if len(hits) == 1 else None))
    return found, _dedupe(places), spans


def _province_spans(text: str, on: Optional[str], covered=()) -> list[tuple[int, int, str]]:
    out = []
    unmarked = _is_unmarked(text)
    pattern, names = (_latin_pattern(), _latin_names()) if unmarked else (_province_pattern(), _province_names())
    for m in pattern.finditer(text):
        if any(s <= m.start() < e for s, e in covered) or \
                _in_person_name(text, m.start(), _latin_surnames() if unmarked else None):
            continue
        canonical, era = names[m["name"]]
        out.append((m.start(), m.end(), _valid_name(canonical, era, on)))
    return out


def _dedupe(places: list[Place]) -> list[Place]:
    seen, out = set(), []
    for p in places:
        if (p.name, p.kind) not in seen:
            seen.add((p.name, p.kind))
            out.append(p)
    return out


def region_of_province(name: str) -> Optional[str]:
    for p in provinces()["before_2025"]:
        if p["name"] == name:
            return p["region"]
    return None


def place_names() -> frozenset[str]:
    """Every province form and 2024 district name: what may follow "Tỉnh ủy", "Huyện ủy"."""
    return frozenset(_province_names()) | frozenset(_district_index())


def province_of(name: str, level: str, on: Optional[str]) -> Optional[str]:
    """The province (its name on `on`) of a unit named in an actor: a province or centrally-run
    city ("Sơn La", "Hà Nội"), or a district / town / ward (looked up in the gazetteers when
    one province holds that name).

    >>> province_of("Bảo Lạc", "district", "2022-05-19"), province_of("Sơn La", "province", "2022-05-24")
    ('Cao Bằng', 'Sơn La')
    """
    key = fix_tone_placement(name)
    known = _province_names().get(key)
    if known:
        return _valid_name(known[0], known[1], on)
    if level == "province":
        return None
    found = {p for p, _ in _district_index().get(key, [])}
    if len(found) == 1:
        return _valid_name(found.pop(), "old", on)
    found = {p for p, _ in _ward_index().get(key, [])}
    return found.pop() if len(found) == 1 else None
