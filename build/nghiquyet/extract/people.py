"""People (with the role stated beside them) and organisations named in an article.

>>> find_people(["Tổng Bí thư Nguyễn Phú Trọng dự, chỉ đạo hội nghị."])
[Person(name='Nguyễn Phú Trọng', role='Tổng Bí thư')]
>>> find_people(["đồng chí Nguyễn Hồng Sơn, Phó Trưởng Ban Kinh tế Trung ương, chủ trì"])
[Person(name='Nguyễn Hồng Sơn', role='Phó Trưởng Ban Kinh tế Trung ương')]
>>> find_organisations(["Tỉnh ủy Lào Cai và Ban Kinh tế Trung ương, Bộ Chính trị"])
['Ban Kinh tế Trung ương', 'Bộ Chính trị', 'Tỉnh ủy Lào Cai']
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Person
from .places import place_names
from ..text import trie_alternation
from ..vocabulary import vocabulary

_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_WORD = rf"[{_UPPER}][\wà-ỹ]*"


@lru_cache(maxsize=None)
def _person_pattern() -> re.Pattern:
    v = vocabulary()
    roles = trie_alternation(v["roles"], not_after=r"\w")
    surnames = trie_alternation(set(v["surnames"]))
    return re.compile(
        rf"(?P<role>(?:{roles})(?:\s+{_WORD}(?:\s+(?:và\s+)?{_WORD})*?)??)\s+"
        rf"(?P<name>(?:{surnames})(?:\s+{_WORD}){{1,3}})(?!\w)"
        rf"(?:\s*,\s*(?P<after>[{_UPPER}][^,.;:]{{3,80}}))?")


def _clean_role(role: str, after: str | None) -> str | None:
    role = role.strip()
    if role.lower() in ("đồng chí", "ông", "bà"):
        if after and re.match(r"(?:Phó |Ủy viên|Bí thư|Chủ tịch|Trưởng|Giám đốc|Bộ trưởng|Thứ trưởng|Tổng|Vụ trưởng|Cục trưởng)", after):
            return after.strip()
        return None
    for lead in ("đồng chí ", "ông ", "bà "):
        if role.lower().startswith(lead):
            role = role[len(lead):]
    return role


def find_people(blocks: list[str]) -> list[Person]:
    found: dict[str, Person] = {}
    for text in blocks:
        for m in _person_pattern().finditer(text):
            name = m["name"]
            # A role that ends in a capitalised word may have swallowed the name's surname.
            person = Person(name, _clean_role(m["role"], m["after"]))
            if name not in found or (found[name].role is None and person.role):
                found[name] = person
    return list(found.values())


@lru_cache(maxsize=None)
def _organisation_patterns() -> tuple[re.Pattern, re.Pattern]:
    """A known organisation; a local body with a place name ("Tỉnh ủy Lào Cai"). Two patterns,
    so the long place-name trie is compiled once (one pattern alternating both would repeat it
    after every first letter of a local body)."""
    v = vocabulary()
    places = trie_alternation(place_names())
    known = trie_alternation(v["organisations"], not_after=r"\w", then=r"(?!\w)")
    local = trie_alternation(v["local_bodies"], not_after=r"\w")
    return re.compile(known), re.compile(rf"(?:{local})\s+(?:{places})(?!\w)")


def _organisation_matches(text: str):
    """What `known|local` would match, left to right: the earlier match, the known one on a tie,
    and the next search from where it ended."""
    known, local = _organisation_patterns()
    pos = 0
    while True:
        a, b = known.search(text, pos), local.search(text, pos)
        m = a if a and (not b or a.start() <= b.start()) else b
        if m is None:
            return
        yield m
        pos = m.end()


def find_organisations(blocks: list[str]) -> list[str]:
    found: set[str] = set()
    for text in blocks:
        for m in _organisation_matches(text):
            found.add(m.group(0))
    return sorted(found)
