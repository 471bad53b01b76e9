"""The tile-grid map's data (build/nghiquyet/data/tilegrid.yaml): every unit of provinces.yaml,
before and after 1 July 2025, has a tile of its own and a code."""

from __future__ import annotations

import pytest

from nghiquyet.vocabulary import provinces, tilegrid


@pytest.mark.parametrize("era", ["before_2025", "after_2025"])
def test_every_unit_has_its_own_tile(era):
    grid = tilegrid()[era]
    names = [p["name"] for p in provinces()[era]]
    assert sorted(grid) == sorted(names)
    cells = [tuple(v) for v in grid.values()]
    assert len(set(cells)) == len(cells) and all(c >= 0 and r >= 0 for c, r in cells)
    codes = tilegrid()["codes"]
    assert all(len(codes[n]) == 2 for n in names)
    assert len({codes[n] for n in names}) == len(names)


def test_north_is_up():
    grid = tilegrid()["before_2025"]
    assert grid["Hà Giang"][1] < grid["Hà Nội"][1] < grid["Đà Nẵng"][1] < grid["Thành phố Hồ Chí Minh"][1] < grid["Cà Mau"][1]
