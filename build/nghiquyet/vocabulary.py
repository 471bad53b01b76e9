"""Loads the data files (catalogue, gazetteer, vocabulary) once. No rules live here."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import yaml

# LibYAML when PyYAML has it (the Linux wheels do): the same data, loaded ten times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(name: str):
    return yaml.load(_data(name), Loader=_Loader)


def _data(name: str) -> str:
    return resources.files("nghiquyet").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def vocabulary() -> dict:
    return _yaml("vocabulary.yaml")


def term_years(term: str) -> tuple[int, int] | None:
    """The years of a national Party term (khóa) named in Roman numerals, or None when the
    vocabulary does not list it ("khóa I" of a provincial Party committee is no national term)."""
    years = vocabulary()["terms"].get(term.upper())
    return (years[0], years[1]) if years else None


@lru_cache(maxsize=None)
def catalogue() -> dict[str, dict]:
    """Known documents by id."""
    return {d["id"]: d for d in _yaml("documents.yaml")}


@lru_cache(maxsize=None)
def regions() -> dict[str, dict]:
    return {r["id"]: r for r in _yaml("regions.yaml")}


@lru_cache(maxsize=None)
def provinces() -> dict:
    return _yaml("provinces.yaml")


@lru_cache(maxsize=None)
def tilegrid() -> dict:
    return _yaml("tilegrid.yaml")


@lru_cache(maxsize=None)
def districts_2024() -> dict[str, list[list[str]]]:
    return json.loads(_data("districts_2024.json"))


@lru_cache(maxsize=None)
def schema() -> dict:
    return json.loads(_data("frontmatter.schema.json"))
