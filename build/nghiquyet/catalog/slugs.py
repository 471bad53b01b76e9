"""Stable URLs. Each article's slug is recorded in the output folder's .nghiquyet-slugs.json
(content/.nghiquyet-slugs.json: commit it, so that the published site keeps its URLs when it is
rebuilt from a fresh clone): an article keeps its URL when others are added or removed, when another article
with the same title arrives, and when it is re-saved under another file name (same text, same
digest). A new article takes the ASCII slug of its title (python-slugify, at most 80
characters); if that is taken, the first 8 hex digits of its digest are added."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from ..errors import BuildError
from ..records import Article

REGISTRY = ".nghiquyet-slugs.json"
RESERVED = {"index"}
MAX = 80


def load(folder: Path) -> dict[str, str]:
    path = folder / REGISTRY
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()}
    except (ValueError, OSError, AttributeError):
        raise BuildError(f"{path}: not a valid slug registry (delete it to start afresh)") from None


def save(folder: Path, registry: dict[str, str]) -> None:
    text = json.dumps(dict(sorted(registry.items())), ensure_ascii=True, indent=0) + "\n"
    path = folder / REGISTRY
    try:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BuildError(f"cannot write the slug registry {path}: {exc.strerror}") from None


def assign(articles: list[Article], registry: dict[str, str]) -> tuple[list[Article], dict[str, str]]:
    """Unique slugs: registered articles keep theirs, new ones take their title's."""
    taken: set[str] = set()
    out: dict[str, Article] = {}
    known = sorted((a for a in articles if a.digest in registry), key=lambda a: a.digest)
    new = sorted((a for a in articles if a.digest not in registry), key=lambda a: (a.slug, a.digest))
    for a in known:
        slug = registry[a.digest]
        if slug in taken:                      # a hand-edited registry: never two pages on one URL
            slug = _suffixed(a)
        taken.add(slug)
        out[a.digest] = a if a.slug == slug else replace(a, slug=slug)
    for a in new:
        slug = a.slug if a.slug not in taken and a.slug not in RESERVED else _suffixed(a)
        taken.add(slug)
        out[a.digest] = a if a.slug == slug else replace(a, slug=slug)
    updated = dict(registry)
    updated.update({d: a.slug for d, a in out.items()})
    return [out[a.digest] for a in articles], updated


def _suffixed(a: Article) -> str:
    return f"{a.slug[:MAX - 9]}-{a.digest[:8]}"
