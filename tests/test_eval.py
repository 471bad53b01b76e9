"""The extraction gold sets stay above their floors (eval_baseline.yaml: one table per set)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from evaluate import cases, evaluate, figures

FLOORS = yaml.safe_load((Path(__file__).with_name("eval_baseline.yaml")).read_text(encoding="utf-8"))
FIGURES = [(name, figure) for name in sorted(FLOORS) for figure in sorted(FLOORS[name])]


@pytest.fixture(scope="module")
def results():
    return {name: figures(evaluate(name)) for name in FLOORS}


def test_gold_sets_are_not_trivial():
    assert len(cases("project")) >= 12 and len(cases("devset")) == 24 and len(cases("written")) >= 12


@pytest.mark.parametrize("gold_set, name", FIGURES)
def test_figure_above_floor(results, gold_set, name):
    got, floor = results[gold_set][name], FLOORS[gold_set][name]
    if name == "lost":
        assert got <= floor, f"{gold_set}: {got:.0f} articles lost"
    else:
        assert got >= floor, f"{gold_set}: {name} = {got:.3f} < {floor}"
