"""Loads the data files (catalogue, gazetteer, vocabulary) once. No rules live here."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import yaml


def _data(name: str) -> str:
    return resources.files("nghiquyet").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def vocabulary() -> dict:
    return yaml.safe_load(_data("vocabulary.yaml"))


@lru_cache(maxsize=None)
def catalogue() -> dict[str, dict]:
    """Known documents by id."""
    return {d["id"]: d for d in yaml.safe_load(_data("documents.yaml"))}


@lru_cache(maxsize=None)
def regions() -> dict[str, dict]:
    return {r["id"]: r for r in yaml.safe_load(_data("regions.yaml"))}


@lru_cache(maxsize=None)
def provinces() -> dict:
    return yaml.safe_load(_data("provinces.yaml"))


@lru_cache(maxsize=None)
def districts_2024() -> dict[str, list[list[str]]]:
    return json.loads(_data("districts_2024.json"))


@lru_cache(maxsize=None)
def schema() -> dict:
    return json.loads(_data("frontmatter.schema.json"))
