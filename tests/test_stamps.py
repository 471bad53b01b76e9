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


def _article(tmp_path, text: str):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return convert_file(path, path.name).article


@pytest.mark.parametrize("clock, stamp, expected", [
    ("Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27", "PV - 12:18, 09/07/2022", "2022-07-09"),
    ("Thứ 6, 22/11/2024, 22:40[GMT+7]", "Thứ 5, 09/05/2024 | 09:48:13", "2024-05-09"),
])
def test_a_stamp_below_the_headline_wins_over_a_clock_above_it(tmp_path, clock, stamp, expected):
    """A portal's header clock (the day the page was saved) above the headline is not the date."""
    a = _article(tmp_path, f"{clock}\n\nThủ tướng chủ trì Hội nghị tổng kết Nghị quyết về vùng Đông Nam Bộ\n\n"
                           f"{stamp}\n\n" + BODY + "\n")
    assert a.date == expected and not a.date_inferred


HEADER_DATES = [c for c in CASES if "line" in c and c.get("needs_context") and "header date" in c["outlet"]]


@pytest.mark.parametrize("case", HEADER_DATES, ids=_id)
@pytest.mark.parametrize("below", ["", "Cập nhật: 08:15, 28/11/2022"])
def test_a_portals_running_date_above_the_headline_is_not_the_pages(tmp_path, case, below):
    """A weekday and a date with no time above the headline is the portal's "today" (the day the
    page was read): no publication date, or the stamp below the headline."""
    a = _article(tmp_path, f"{case['line']}\n\nThủ tướng chủ trì Hội nghị tổng kết Nghị quyết về vùng Đông Nam Bộ\n\n"
                           + (f"{below}\n\n" if below else "") + BODY + "\n")
    assert a.date == ("2022-11-28" if below else None)


@pytest.mark.parametrize("lead, expected, inferred", [
    ("Hôm nay (27/8), tại thành phố Lào Cai, Thủ tướng chủ trì hội nghị.", "2022-08-27", True),
    ("Hôm nay, 5/12, Tỉnh ủy tổ chức hội nghị quán triệt.", "2022-12-05", True),
    ("Hôm nay (thứ Bảy, 27/8/2022), Thủ tướng chủ trì hội nghị.", "2022-08-27", False),
    ("Sáng nay (29/11), tại Hội trường tỉnh, Tỉnh ủy tổ chức hội nghị.", "2022-11-29", True),
])
def test_a_lead_that_names_its_own_day_dates_a_page_without_a_stamp(tmp_path, lead, expected, inferred):
    a = _article(tmp_path, f"Thủ tướng chủ trì hội nghị triển khai Nghị quyết\n\n{lead}\n\n{BODY}\n")
    assert (a.date, a.date_inferred) == (expected, inferred)


def test_no_day_named_in_the_lead_gives_no_date(tmp_path):
    a = _article(tmp_path, f"Hội nghị quán triệt Nghị quyết\n\nHôm nay các đại biểu thảo luận về vùng.\n\n{BODY}\n")
    assert a.date is None


def test_a_dump_date_glued_to_the_text_gives_the_year_not_the_day(tmp_path):
    """" date 2023-09 Ngày 16/9, …": the field is not body text, and its year dates the events."""
    a = _article(tmp_path, " date 2023-09 Ngày 16/9, Ban Bí thư tổ chức Hội nghị quán triệt và triển khai thực hiện "
                           "Nghị quyết số 39 của Bộ Chính trị về xây dựng và phát triển tỉnh Nghệ An.\n\n"
                           "Hội nghị được tổ chức trực tiếp kết hợp trực tuyến đến các tổ chức đảng trong tỉnh.\n")
    assert a.date is None
    assert all("date 2023" not in b.text for b in a.blocks) and "date 2023" not in a.title
    assert [e.date for e in a.events] == ["2023-09-16"]


def test_years_passed_since_a_cited_document_give_the_year(tmp_path):
    """No full date in the text: "gần 18 năm triển khai Nghị quyết 39" of 2004 puts a yearless
    stamp and "Ngày 6/7" in 2022."""
    a = _article(tmp_path, "Tỉnh tổng kết Nghị quyết 39 của Bộ Chính trị\n\nCập nhật: 15:42 - 06/07\n\n"
                           "Ngày 6/7, Tỉnh ủy tổ chức hội nghị tổng kết việc thực hiện Nghị quyết 39-NQ/TW của Bộ "
                           "Chính trị (khóa IX) về phát triển vùng Bắc Trung Bộ và duyên hải Trung Bộ.\n\n"
                           "Hội nghị đánh giá kết quả gần 18 năm tỉnh triển khai Nghị quyết 39, chỉ ra hạn chế.\n")
    assert a.date == "2022-07-06" and a.date_inferred
    assert "2022-07-06" in [e.date for e in a.events]


def test_a_lead_naming_its_day_takes_the_year_of_a_glued_dump_date(tmp_path):
    a = _article(tmp_path, " date 2024-02 Sáng nay (29/2), tại thành phố Pleiku, Chính phủ tổ chức Hội nghị phát triển "
                           "kinh tế - xã hội vùng Tây Nguyên.\n\nHội nghị có sự tham dự của lãnh đạo các tỉnh trong vùng.\n")
    assert (a.date, a.date_inferred) == ("2024-02-29", True)


@pytest.mark.parametrize("line, running", [
    ("Thứ Hai, 11/11/2024", True), ("Thứ bảy,  19/06/2021", True), ("Thứ Bảy, ngày 13 tháng 7 năm 2024", True),
    ("Chủ nhật, 05/03/2023", True),
    ("Thứ Hai, 08:15, 28/11/2022", False),          # a time: a publication stamp
    ("Cập nhật: Thứ Hai, 11/11/2024", False),       # a label: the page's
    ("30/11/2023", False),                          # no weekday
    ("Phạm Sơn Thứ sáu, 19/08/2022 - 14:48", False),
])
def test_running_dates(line, running):
    from nghiquyet.ingest.dates import is_running_date
    assert is_running_date(line) is running
