"""The extraction gold set stays above its floors (eval_baseline.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from evaluate import cases, evaluate, figures

FLOORS = yaml.safe_load((Path(__file__).with_name("eval_baseline.yaml")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results():
    return figures(evaluate())


def test_gold_set_is_not_trivial():
    assert len(cases()) >= 12


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figure_above_floor(results, name):
    assert results[name] >= FLOORS[name], f"{name} = {results[name]:.3f} < {FLOORS[name]}"
