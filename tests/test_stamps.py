"""Publication stamps as real Vietnamese outlets print them (tests/fixtures/stamps.yaml: the
outlet, the line, the date it means, and where the format was seen). Each case names its outlet."""

from __future__ import annotations

import pytest
import yaml

from conftest import FIXTURES
from nghiquyet.ingest.dates import stamp_date, stamp_day_month
from nghiquyet.pipeline import convert_file

CASES = yaml.safe_load((FIXTURES / "stamps.yaml").read_text(encoding="utf-8"))
LINES = [c for c in CASES if "line" in c and c["expected"] and not c.get("year_inferred") and not c.get("needs_context")]
YEARLESS = [c for c in CASES if "line" in c and c.get("year_inferred")]
NOT_STAMPS = [c for c in CASES if "line" in c and c["expected"] is None and not c.get("needs_context")]
HTML = [c for c in CASES if "html" in c]
BODY = ("Sáng 25/11, Tỉnh ủy tổ chức hội nghị quán triệt Nghị quyết số 11-NQ/TW ngày 10/2/2022 của Bộ Chính trị "
        "về phát triển vùng trung du và miền núi phía Bắc, với sự tham dự của nhiều đại biểu.")


def _id(case: dict) -> str:
    return f"{case['outlet']}: {case.get('line') or case['html'][:40]}"


def test_the_cases_cover_many_outlets():
    assert len({c["domain"] for c in LINES + YEARLESS + HTML}) >= 25


@pytest.mark.parametrize("case", LINES, ids=_id)
def test_stamp_line(case):
    assert stamp_date(case["line"]) == case["expected"]


@pytest.mark.parametrize("case", NOT_STAMPS, ids=_id)
def test_not_a_publication_stamp(case):
    got = stamp_date(case["line"])
    if case.get("target"):          # a line with two stamps: the publication's, never the update's
        assert got is not None and got not in case["target"].replace("/", "-")
        assert got != "2022-11-29"
    else:
        assert got is None


@pytest.mark.parametrize("case", YEARLESS, ids=_id)
def test_stamp_without_a_year_takes_the_articles_year(case, tmp_path):
    month, day = stamp_day_month(case["line"])
    assert case["expected"].endswith(f"-{month:02d}-{day:02d}")
    year = case["context_year"]
    path = tmp_path / "a.txt"
    path.write_text(f"Hội nghị quán triệt Nghị quyết của Bộ Chính trị\n\n{case['line']}\n\n"
                    + BODY.replace("ngày 10/2/2022", f"ngày 10/2/{year}") + "\n", encoding="utf-8")
    converted = convert_file(path, path.name)
    assert converted.article.date == case["expected"] and converted.article.date_inferred
    assert b"date_inferred: true" in converted.page


@pytest.mark.parametrize("case", HTML, ids=_id)
def test_html_metadata_date(case, tmp_path):
    path = tmp_path / "a.html"
    path.write_text(f"<html><head><title>Hội nghị quán triệt</title>{case['html']}</head><body><article>"
                    f"<h1>Hội nghị quán triệt</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>", encoding="utf-8")
    assert convert_file(path, path.name).article.date == case["expected"]
