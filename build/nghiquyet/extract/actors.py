"""Who acted in a reported happening, and the province of that actor (extract/events.py dates
the happening; this module names the body: a Party committee, the Government, a regional
council)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..text import match_key, trie_alternation
from ..vocabulary import vocabulary


_NAME = r"(?P<name>[A-ZĐÀ-Ỹ][\w']*(?:(?:\s+|\s*-\s*)[A-ZĐÀ-Ỹ][\w']*){0,3})"


@lru_cache(maxsize=None)
def central_actors() -> dict[str, str]:
    """Central bodies by their matching key ("bộ chính trị" -> "Bộ Chính trị")."""
    return {match_key(k): name for k, name in vocabulary()["central_actors"].items()}


@lru_cache(maxsize=None)
def _actor_pattern() -> tuple[re.Pattern, dict[str, str], dict[str, str]]:
    v = vocabulary()
    central = central_actors()
    local = {match_key(k): level for k, level in v["local_actors"].items()}
    heads = {k: k for k in v["local_actors"]}
    regional = trie_alternation(v["regional_actors"], not_after=r"\w")
    local_heads = trie_alternation(list(heads), not_after=r"\w")
    central_heads = trie_alternation(list(v["central_actors"]), not_after=r"\w", then=r"(?!\w)")
    pattern = re.compile(
        rf"(?P<regional>(?:{regional})(?:\s+[\wÀ-ỹ]+){{1,7}}?)(?=\s*(?:[,.;(]|$|\s(?:đã|tổ chức|họp|ban hành|tiến hành)\b))"
        rf"|(?P<local>{local_heads})\s+(?:(?:tỉnh|thành phố|huyện|TP\.?)\s+)?{_NAME}"
        rf"|(?P<central>{central_heads})")
    return pattern, central, local


def _owner(sentence: str, end: int, at: int) -> bool:
    """The body named at `at` owns something ("báo cáo … của Ban cán sự đảng Bộ …"): "của"
    after a word stands between it and the comma (or the date) before it ("Ngày 6/10/2022 của
    Bộ Chính trị ban hành …" names who acted)."""
    clause = sentence[end:at]
    return bool(re.search(r"\w\W+của\b", clause[clause.rfind(",") + 1:], re.I))


def find_actor(sentence: str, start: int, end: int, on: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """Who acted in an event dated at sentence[start:end], and the province of that actor (None
    for a central or regional body): the first body named after the date, else the last one
    before it.

    >>> find_actor("Sáng 20/5, Ban Thường vụ Tỉnh ủy Sơn La tổ chức hội nghị", 5, 9, "2022-05-20")
    ('Tỉnh ủy Sơn La', 'Sơn La')
    >>> find_actor("Chiều 19.5, Huyện ủy Bảo Lạc tổ chức hội nghị", 6, 10, "2022-05-19")
    ('Huyện ủy Bảo Lạc', 'Cao Bằng')
    >>> find_actor("Sáng 22-4, Bộ Chính trị, Ban Bí thư tổ chức Hội nghị toàn quốc", 5, 9, "2022-04-22")
    ('Bộ Chính trị', None)
    >>> find_actor("Ngày 5/7, sau khi xem báo cáo của Tỉnh ủy Sơn La, Bộ Chính trị kết luận", 5, 8, "2012-07-05")
    ('Bộ Chính trị', None)
    """
    from .places import province_of

    pattern, central, local = _actor_pattern()
    found = list(pattern.finditer(sentence))
    after = [m for m in found if m.start() >= end]
    before = [m for m in found if m.end() <= start]
    # "… xem xét báo cáo … của Ban cán sự đảng Bộ Kế hoạch và Đầu tư, Bộ Chính trị đã thảo luận":
    # a body named as an owner ("của …") is not who acted, when another one is named.
    acting = [m for m in after if not _owner(sentence, end, m.start())]
    for m in (acting or after)[:1] or before[-1:]:
        if m["regional"]:
            return m["regional"].strip(), None
        if m["central"]:
            return central[match_key(m["central"])], None
        level = local[match_key(m["local"])]
        name = m["name"].strip()
        province = province_of(name, level, on)
        return f"{m['local']} {name}", province
    return None, None
