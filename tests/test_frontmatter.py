"""The front matter contract: the compiled validator used at build time (fastjsonschema, draft-07
keywords) and jsonschema's draft 2020-12 validator (the schema's declared draft) agree, on every
gold article's front matter and on broken variants of it."""

from __future__ import annotations

import copy

import jsonschema
import pytest

from nghiquyet.pages import frontmatter
from nghiquyet.errors import ArticleError
from nghiquyet.vocabulary import schema

import evaluate
from nghiquyet.pipeline import convert_file


def reference_valid(data: dict) -> bool:
    return jsonschema.Draft202012Validator(schema()).is_valid(data)


def fast_valid(data: dict) -> bool:
    try:
        frontmatter.validate(data, "x.txt")
        return True
    except ArticleError as exc:
        assert exc.reason.startswith("front matter invalid at ")
        return False


def broken_variants(data: dict):
    yield {k: v for k, v in data.items() if k != "title"}              # a required field missing
    yield {**data, "title": ""}                                           # too short
    yield {**data, "extra": 1}                                            # not in the contract
    yield {**data, "documents": "11-NQ/TW-2022"}                          # wrong type
    yield {**data, "date": "10/2/2022"}                                   # wrong date form
    yield {**data, "regions": ["a", "a"]}                                 # not unique
    if data.get("events"):
        bad = copy.deepcopy(data)
        bad["events"][0]["date"] = "2022-13"
        yield bad
        bad = copy.deepcopy(data)
        bad["events"][0]["kind"] = "no-such-kind"
        yield bad


CASES = evaluate.cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_both_validators_agree(case):
    data = frontmatter.to_dict(convert_file(case.path, case.name).article)
    assert reference_valid(data) and fast_valid(data)
    for bad in broken_variants(data):
        assert reference_valid(bad) == fast_valid(bad) == False, bad  # noqa: E712
