"""Rules one at a time, on sentences written in the many ways Vietnamese sources write them."""

from __future__ import annotations

import unicodedata

import pytest

from nghiquyet.ingest.clean import byline_author, is_chrome
from nghiquyet.ingest.dates import find_dates, stamp_date
from nghiquyet.extract.documents import congress_resolutions, find_documents
from nghiquyet.extract.events import classify, infer_year
from nghiquyet.extract.places import find_places, find_regions
from nghiquyet.text import fix_tone_placement, fold


@pytest.mark.parametrize("text, ids", [
    ("Nghị quyết số: 11 NQ/TW ngày 10/2/2022", ["11-NQ/TW-2022"]),
    ("Nghị quyết 11 -NQ/TW ngày 10/2/2022 của Bộ Chính trị", ["11-NQ/TW-2022"]),
    ("Nghị quyết số 11-NQ/TW (khóa XIII)", ["11-NQ/TW-2022"]),
    ("Nghị quyết số 11-NQ/TW của Bộ Chính trị khóa X về công tác phụ nữ", ["11-NQ/TW-2007"]),
    ("Nghị quyết 37-NQ/TW, ngày 01/7/2004 và Kết luận số 26-KL/TW ngày 02/8/2012", ["37-NQ/TW-2004", "26-KL/TW-2012"]),
    ("Quyết định số 184-QĐ/TW ngày 26/3/2019 của Bộ Chính trị", ["184-QĐ/TW-2019"]),
    ("Quyết định 184-QD/TW ngày 26-3-2019", ["184-QĐ/TW-2019"]),
    ("Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị", ["05-CT/TW-2016"]),
    ("Quy định số 114-QĐi/TW ngày 11/7/2023", ["114-QĐi/TW-2023"]),
    ("Thông báo kết luận số 12-TB/TW ngày 10 tháng 3 năm 2021", ["12-TB/TW-2021"]),
    ("Nghị quyết số 26-NQ/TW ngày 3/11/2022 (gọi tắt là Nghị quyết số 26). Nghị quyết số 26 nhằm", ["26-NQ/TW-2022"]),
    ("Nghị quyết 13-NQ/TW ngày 2.4.2022 về vùng đồng bằng sông Cửu Long", ["13-NQ/TW-2022"]),
    ("thực hiện NQ 23 của Bộ Chính trị về vùng Tây Nguyên", ["23-NQ/TW-2022"]),
    ("Nghị quyết 39-NQ/TW năm 2004", ["39-NQ/TW-2004"]),
    ("Nghị quyết số 11/NQ-CP của Chính phủ và Nghị quyết 81/2023/QH15 của Quốc hội", []),
    ("Quyết định số 98-QĐ/BKTTW ngày 25/5/2021 của Ban Kinh tế Trung ương", []),
    ("Nghị quyết Đại hội XIII của Đảng, Nghị quyết Trung ương 4 khóa XII", []),
    ("Chương trình hành động số 25-CTr/TU của Tỉnh ủy", []),
])
def test_document_spellings(text, ids):
    assert [r.id for r in find_documents([text])] == ids


def test_numbers_reused_across_terms_stay_distinct():
    text = ("Nghị quyết số 11-NQ/TW ngày 27/4/2007 của Bộ Chính trị khóa X về công tác phụ nữ và "
            "Nghị quyết số 11-NQ/TW ngày 10/2/2022 về vùng trung du và miền núi Bắc Bộ")
    assert sorted(r.id for r in find_documents([text])) == ["11-NQ/TW-2007", "11-NQ/TW-2022"]


def test_short_form_takes_the_catalogue_document_of_its_time():
    assert [r.id for r in find_documents(["Nghị quyết 11 về công tác phụ nữ"], context_year=2010)] == ["11-NQ/TW-2007"]
    assert [r.id for r in find_documents(["Nghị quyết 11 về phát triển vùng"], context_year=2023)] == ["11-NQ/TW-2022"]


def test_uncatalogued_document_keeps_its_stated_year():
    (ref,) = find_documents(["Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"])
    assert (ref.id, ref.date, ref.year_source) == ("57-NQ/TW-2024", "2024-12-22", "stated")


def test_congress_resolutions_are_recognised_apart():
    assert congress_resolutions(["gắn với Nghị quyết Đại hội XIII của Đảng và Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII"]) == ["XIII", "XII"]


@pytest.mark.parametrize("text, iso", [
    ("10/2/2022", "2022-02-10"), ("10-02-2022", "2022-02-10"), ("10.2.2022", "2022-02-10"),
    ("ngày 10 tháng 2 năm 2022", "2022-02-10"), ("2022-02-10", "2022-02-10"),
])
def test_full_dates(text, iso):
    assert [d.iso for d in find_dates(text)] == [iso]


@pytest.mark.parametrize("text, precision, year, month", [
    ("tháng 12/2019", "month", 2019, 12), ("tháng 12 năm 2019", "month", 2019, 12),
    ("quý 4/2021", "quarter", 2021, 10), ("quý IV năm 2021", "quarter", 2021, 10), ("năm 2021", "year", 2021, 1),
])
def test_partial_dates(text, precision, year, month):
    (d,) = find_dates(text)
    assert (d.precision, d.year, d.month) == (precision, year, month)


@pytest.mark.parametrize("line, iso", [
    ("20-04-2022 07:53", "2022-04-20"), ("Thứ Tư, 16/11/2022, 10:25 (GMT+7)", "2022-11-16"),
    ("Cập nhật: 10:25 16/11/2022", "2022-11-16"), ("Ngày đăng: 05/08/2022", "2022-08-05"),
    ("Đăng lúc: 14:30 | 21-03-2023", "2023-03-21"), ("Chủ nhật, 03/09/2023 - 08:00", "2023-09-03"),
    ("Sáng 16/11/2022, hội nghị quán triệt đã diễn ra tại Hà Nội", None), ("Giai đoạn 2021-2030", None),
])
def test_stamps(line, iso):
    assert stamp_date(line) == iso


def test_year_inference():
    assert infer_year(4, 15, "2022-04-20", []) == 2022
    assert infer_year(12, 28, "2023-01-05", []) == 2022


@pytest.mark.parametrize("text, kind", [
    ("Tỉnh ủy tổ chức hội nghị học tập, quán triệt Nghị quyết số 30-NQ/TW", "dissemination"),
    ("ký ban hành Kế hoạch triển khai Nghị quyết", "plan"),
    ("Ban Thường vụ ban hành Chương trình hành động thực hiện Nghị quyết", "action_programme"),
    ("tổ chức hội nghị sơ kết 3 năm thực hiện Nghị quyết", "midterm_review"),
    ("tổ chức hội nghị tổng kết 20 năm thực hiện Nghị quyết số 10-NQ/TW", "final_review"),
    ("tổ chức hội thảo khoa học về liên kết vùng", "workshop"),
    ("đoàn công tác làm việc với Tỉnh ủy Gia Lai", "meeting"),
    ("Bộ Chính trị ban hành Nghị quyết số 13-NQ/TW", "issued"),
    ("tỉnh đạt tốc độ tăng trưởng 8%", None),
])
def test_event_kinds(text, kind):
    assert classify(text) == kind


@pytest.mark.parametrize("text, regions", [
    ("vùng Trung du và miền núi Bắc bộ", ["trung-du-mien-nui-phia-bac"]),
    ("vùng trung du, miền núi phía Bắc", ["trung-du-mien-nui-phia-bac"]),
    ("vùng Bắc Trung bộ và Duyên hải Trung bộ", ["bac-trung-bo-duyen-hai-mien-trung"]),
    ("Bắc Trung Bộ và duyên hải miền Trung", ["bac-trung-bo-duyen-hai-mien-trung"]),
    ("vùng ĐBSCL và vùng Đông Nam Bộ", ["dong-bang-song-cuu-long", "dong-nam-bo"]),
    ("đồng bằng sông Hồng", ["dong-bang-song-hong"]), ("vùng Tây Nguyên", ["tay-nguyen"]),
    ("tỉnh Thái Nguyên", []),
    ("các tỉnh vùng Tây Bắc", ["trung-du-mien-nui-phia-bac"]),
    ("các tỉnh duyên hải Nam Trung Bộ", ["bac-trung-bo-duyen-hai-mien-trung"]),
    ("vùng Bắc Trung Bộ", ["bac-trung-bo-duyen-hai-mien-trung"]),
    ("vùng Tây Nam Bộ", ["dong-bang-song-cuu-long"]),
    ("Đông Nam Á và Tây Nguyên", ["tay-nguyen"]),
])
def test_region_spellings(text, regions):
    assert find_regions([text]) == regions


@pytest.mark.parametrize("text, on, provinces", [
    ("Đối với Thái Nguyên, tỉnh đề ra", "2022-04-20", ["Thái Nguyên"]),
    ("tại huyện Mường Khương", "2022-04-15", ["Lào Cai"]),
    ("Phó Chủ tịch UBND tỉnh Khánh Hoà", "2023-01-01", ["Khánh Hòa"]),
    ("tại TP.HCM và tỉnh Bà Rịa - Vũng Tàu", "2023-01-01", ["Thành phố Hồ Chí Minh", "Bà Rịa - Vũng Tàu"]),
    ("tỉnh Bà Rịa - Vũng Tàu (cũ)", "2025-10-01", ["Thành phố Hồ Chí Minh"]),
    ("Học viện Chính trị quốc gia Hồ Chí Minh, tư tưởng Hồ Chí Minh", "2023-01-01", []),
    ("đồng chí Nguyễn Thái Bình, ông Lê Hà Nam phát biểu", "2023-01-01", []),
    ("xây dựng hòa bình, ổn định", "2023-01-01", []),
    ("Thừa Thiên Huế", "2024-06-01", ["Thừa Thiên Huế"]),
    ("thành phố Huế", "2025-03-01", ["Huế"]),
    ("tỉnh Hà Giang", None, ["Hà Giang"]),
    ("kết nối với Hà Nội, Hải Phòng, Quảng Ninh", "2023-01-01", ["Hà Nội", "Hải Phòng", "Quảng Ninh"]),
])
def test_provinces(text, on, provinces):
    assert find_places([text], on)[0] == provinces


@pytest.mark.parametrize("line, chrome", [
    ("Truy cập nội dung luôn", True), ("• Đang online: 1", True), ("1 2 3 4 5 ...", True), ("Đăng nhập", True),
    ("Từ khóa: Tây Nguyên, phát triển vùng", True), ("Chia sẻ Facebook Zalo", True),
    ("Trang chủ > Tin tức > Thời sự", True), ("© 2023 Báo Điện tử Đảng Cộng sản Việt Nam", True),
    ("Lượt xem: 1.245", True), ("Tại điểm cầu Trung ương", False), ("Quang cảnh hội nghị", False),
    # Chrome no prefix names (vocabulary.yaml: chrome_patterns).
    ("Theo dõi Baoquocte.vn trên", True), ("Theo dõi Báo Nhân Dân trên Google News", True),
    ("Theo dõi sát tình hình thực hiện Nghị quyết trên địa bàn tỉnh.", False),
    ("WebsiteDescription automatically generated with medium confidence", True),
    ("bna-img-3824-897--n2.jpg", True), ("Thể loại: Thời sự", True), ("Trình bày: Diệu Thu-Phương Nam", True),
    # A subscription or login prompt; registering for something in the news is text.
    ("Để sử dụng toàn bộ tiện ích nâng cao vui lòng lựa chọn và đăng ký gói cước.", True),
    ("Nếu bạn là thành viên. Vui lòng ĐĂNG NHẬP để tiếp tục.", True),
    ("Người dân vui lòng đăng ký tiêm chủng tại trạm y tế xã.", False),
    ("Để sử dụng tiện ích của dự án, người dân cần đăng ký.", False),
])
def test_chrome_lines(line, chrome):
    assert is_chrome(line) is chrome


@pytest.mark.parametrize("line, author", [
    ("Thực hiện: Công Sơn", "Công Sơn"), ("Bài và ảnh: Lê Hà", "Lê Hà"), ("Minh Anh - Hà Trang", "Minh Anh - Hà Trang"),
    ("Kim Huệ - Tùng Lâm - Trung tâm Văn hóa, Thể thao - Truyền thông huyện (3)", "Kim Huệ - Tùng Lâm"),
    ("Trung tâm TTPT&DBKT", "Trung tâm TTPT&DBKT"), ("Các điểm cầu tại địa phương", None),
])
def test_bylines(line, author):
    assert byline_author(line) == author


def test_text_keys():
    assert fold("Đồng bằng sông Cửu Long") == "dong bang song cuu long"
    assert fix_tone_placement("Thanh Hoá, hoà bình, quý") == "Thanh Hóa, hòa bình, quý"


@pytest.mark.parametrize("old, new", [
    ("Khánh Hoà", "Khánh Hòa"), ("KHÁNH HOÀ", "KHÁNH HÒA"), ("thuỷ lợi", "thủy lợi"), ("Thuỵ Anh", "Thụy Anh"),
    ("khoẻ mạnh", "khỏe mạnh"), ("hoạ sĩ", "họa sĩ"), ("Hoà.", "Hòa."),
    ("hoàn thành", "hoàn thành"), ("toàn quốc", "toàn quốc"), ("quý 4", "quý 4"), ("quỹ đầu tư", "quỹ đầu tư"),
    ("khuya", "khuya"), ("hoệ", "hoệ"),                     # a circumflex vowel is not an old-style pair
    ("Hoa\u0300 Bình", "Hòa Bình"),                         # decomposed input comes back NFC
    ("ho\u0323a\u0300", unicodedata.normalize("NFC", "ho\u0323a\u0300")),   # two tones: left alone but NFC
])
def test_tone_placement(old, new):
    assert fix_tone_placement(old) == new
    assert fix_tone_placement(new) == new


def _events(body: str, stamp: str = "20/12/2022 08:00") -> list[tuple]:
    from nghiquyet.ingest.clean import clean
    from nghiquyet.extract.article import extract
    from nghiquyet.records import SourceText

    text = f"Tiêu đề bài viết về Nghị quyết 23-NQ/TW\n\n{stamp}\n\n{body}\n"
    a = extract(clean(SourceText("t.txt", tuple(text.splitlines()))))
    return [(e.date, e.kind) for e in a.events]


FILLER = " Hội nghị có sự tham dự của lãnh đạo các sở, ban, ngành và các huyện, thị xã, thành phố trong tỉnh."


@pytest.mark.parametrize("body, events", [
    ("Tỉnh ủy Gia Lai đã tổ chức hội nghị quán triệt Nghị quyết số 23-NQ/TW vào sáng 18/12." + FILLER,
     [("2022-12-18", "dissemination")]),
    ("Hôm nay (19/12), Tỉnh ủy Gia Lai tổ chức hội nghị quán triệt Nghị quyết số 23-NQ/TW." + FILLER,
     [("2022-12-19", "dissemination")]),
    ("Tỉnh ủy yêu cầu các cấp ủy xây dựng kế hoạch thực hiện Nghị quyết 23-NQ/TW, hoàn thành vào ngày 30/12." + FILLER,
     []),
    ("Nghị quyết 37 và Kết luận 26 của Bộ Chính trị khóa XI được quán triệt rộng rãi trong toàn tỉnh năm qua." + FILLER,
     []),
    # Each clause after a semicolon may report a happening of its own.
    ("Ngày 29/8/2005, Bộ Chính trị khóa IX đã ban hành Nghị quyết số 53-NQ/TW; và ngày 02/8/2012, Bộ Chính trị "
     "khóa XI đã ban hành Kết luận số 27-KL/TW về phát triển vùng." + FILLER,
     [("2005-08-29", "issued"), ("2012-08-02", "issued")]),
    # A time of day without "ngày" after the verb.
    ("Tại Hội nghị toàn quốc quán triệt, triển khai thực hiện Nghị quyết số 23-NQ/TW diễn ra sáng 14/10, các tỉnh "
     "phát biểu tham luận." + FILLER, [("2022-10-14", "dissemination")]),
    ("Sáng 29/11, Bộ Chính trị, Ban Bí thư tổ chức Hội nghị toàn quốc phổ biến nội dung Nghị quyết số 23 của Bộ "
     "Chính trị." + FILLER, [("2022-11-29", "dissemination")]),
    # "Trước đó" (before that) opens the clause of an earlier happening.
    ("Trước đó sáng 28/11, Tỉnh ủy Gia Lai đã tổ chức hội nghị quán triệt Nghị quyết số 23-NQ/TW." + FILLER,
     [("2022-11-28", "dissemination")]),
])
def test_event_positions(body, events):
    assert _events(body) == events


def test_term_belongs_to_the_nearest_reference():
    ids = [r.id for r in find_documents(["Nghị quyết 37 và Kết luận 26 của Bộ Chính trị khóa XI"], context_year=2021)]
    assert ids == ["37-NQ/TW-2004", "26-KL/TW-2012"]


def test_stamp_with_byline_on_one_line():
    assert stamp_date("Thứ Bảy, 08/04/2023 10:20 | Tác giả: Minh Tâm") == "2023-04-08"


@pytest.mark.parametrize("line, author", [
    ("Phạm Sơn Thứ sáu, 19/08/2022 - 14:48", "Phạm Sơn"),           # a name, then the stamp's weekday
    ("Thu Hà - Chủ nhật, 05/03/2023 10:00", "Thu Hà"),
    ("Hà Nội Thứ sáu, 19/08/2022 - 14:48", None),                  # a dateline's place is no author
    ("Cập nhật Thứ hai, 01/01/2023", None),
])
def test_byline_before_a_stamps_weekday(line, author):
    from nghiquyet.ingest.clean import clean
    from nghiquyet.records import SourceText

    body = ("Sáng 19/4, Tỉnh ủy tổ chức hội nghị học tập, quán triệt Nghị quyết số 11-NQ/TW tới cán bộ chủ chốt "
            "tại các điểm cầu trong tỉnh.")
    c = clean(SourceText("t.txt", ("Hội nghị triển khai Nghị quyết 11-NQ/TW", "", line, "", body)))
    assert c.bylines == ((author,) if author else ())
    assert stamp_date(line) and line not in [b.text for b in c.blocks]


def test_province_spans_skip_wards_named_after_provinces():
    _, _, spans = find_places(["tỉnh Lào Cai và phường Yên Bái"], "2025-09-01")
    assert spans == [[(5, 12, "Lào Cai")]]


def test_photo_and_text_credit_is_a_byline_not_a_caption():
    from nghiquyet.ingest.clean import clean
    from nghiquyet.records import SourceText

    body = ("Sáng 19/4, Tỉnh ủy tổ chức hội nghị học tập, quán triệt Nghị quyết số 11-NQ/TW tới cán bộ chủ chốt "
            "tại các điểm cầu trong tỉnh.")
    c = clean(SourceText("t.txt", ("Tiêu đề của bài viết mẫu", "", body, "", "Tin, ảnh: Văn Lợi")))
    assert c.bylines == ("Tin, ảnh: Văn Lợi",) and not [b for b in c.blocks if b.kind == "caption"]


def test_credits_and_numbered_alt_texts_are_not_body(tmp_path):
    """An e-magazine's credits after the text, and the headline again as a numbered image alt."""
    from nghiquyet.pipeline import convert_file

    title = "Thủ tướng chủ trì Hội nghị triển khai Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW"
    body = ("Sáng 27/8/2022, tại thành phố Lào Cai, Thủ tướng Phạm Minh Chính chủ trì Hội nghị triển khai "
            "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 11-NQ/TW của Bộ Chính trị.")
    path = tmp_path / "a.txt"
    path.write_text(f"{title}\n\n{title} ảnh 1\n\n{body}\n\n{title} - 2\n\n{body.replace('Sáng', 'Chiều')}\n\n"
                    "Nội dung: Uông Thái Biểu\nẢnh: Văn Bảo-Công Lý, Lý Hoàng Long\n", encoding="utf-8")
    a = convert_file(path, path.name).article
    texts = [b.text for b in a.blocks]
    assert not any(t.startswith((title, "Nội dung", "Ảnh: Văn Bảo")) for t in texts)
    assert a.author == "Uông Thái Biểu"


@pytest.mark.parametrize("blocks, expected", [
    # Words right after a bare number that name no subject ("…, với … nguồn lực đầu tư") do not
    # pick the document on resources; the region the article names does.
    (["Ban Chỉ đạo tổng kết Nghị quyết 39-NQ/TW tổ chức hội thảo về vùng Bắc Trung Bộ và duyên hải Trung Bộ.",
      "Sau hơn 18 năm thực hiện Nghị quyết 39-NQ/TW, với sự quan tâm chỉ đạo và nguồn lực đầu tư của Trung ương, "
      "các địa phương đã vươn lên."], ["39-NQ/TW-2004"]),
    # "bảo đảm quốc phòng, an ninh" is in every regional resolution's title: it names no defence strategy.
    (["Hội nghị quán triệt Nghị quyết số 24-NQ/TW về phát triển kinh tế - xã hội và bảo đảm quốc phòng, an ninh "
      "vùng Đông Nam Bộ."], ["24-NQ/TW-2022"]),
    # The subject after "về" still tells same-numbered documents apart.
    (["Tỉnh ủy tổng kết Nghị quyết 39-NQ/TW về tinh giản biên chế và cơ cấu lại đội ngũ cán bộ."], ["39-NQ/TW-2015"]),
])
def test_subject_words_that_name_no_document(blocks, expected):
    assert [r.id for r in find_documents(blocks, context_year=2023)] == expected


def test_a_sidebar_headline_is_neither_the_title_nor_a_caption(tmp_path):
    """A "most read" box's headlines around the article's own: the title is the line the text
    takes its words from, its bracketed date is no part of it, and the other headlines are chrome."""
    from nghiquyet.pipeline import convert_file

    path = tmp_path / "a.txt"
    path.write_text(
        "Nghị quyết 23 - động lực phát triển các tỉnh Tây Nguyên (10/1/2023)\n"
        "Tài xế xe tải gây tai nạn liên hoàn rồi bỏ chạy khỏi hiện trường tại Hà Nội\n"
        "Gần 7.900 trường hợp vi phạm giao thông tại Nghệ An bị xử phạt sau hơn một tháng\n"
        "Năm 2023 là năm các tỉnh Tây Nguyên triển khai Nghị quyết 23 về phát triển vùng, với nhiều động lực mới.\n"
        "Các tỉnh Tây Nguyên cam kết thực hiện Nghị quyết 23 bằng những chương trình phát triển cụ thể.\n",
        encoding="utf-8")
    a = convert_file(path, path.name).article
    assert a.title == "Nghị quyết 23 - động lực phát triển các tỉnh Tây Nguyên"
    assert not any("Tài xế" in b.text or "7.900" in b.text for b in a.blocks)
    assert "Hà Nội" not in a.provinces and "Nghệ An" not in a.provinces


def test_a_bare_number_another_body_issues_is_no_party_document():
    blocks = ["Để đưa Nghị quyết vào cuộc sống, Chính phủ ban hành Nghị quyết số 96 về Chương trình hành động "
              "thực hiện Nghị quyết số 11-NQ/TW ngày 10/2/2022 của Bộ Chính trị."]
    assert [r.id for r in find_documents(blocks, context_year=2022)] == ["11-NQ/TW-2022"]
    assert [r.id for r in find_documents(["Bộ Chính trị ban hành Nghị quyết số 11 về vùng trung du và miền núi phía Bắc."],
                                         context_year=2022)] == ["11-NQ/TW-2022"]


def test_an_event_after_an_abbreviation_and_a_lead_under_its_outlets_tag(tmp_path):
    """"tại TP. Hòa Bình" ends no sentence; "(LĐ online) - Ngày 20/11, …" opens the text, it is
    no headline, and its event counts."""
    from nghiquyet.pipeline import convert_file

    path = tmp_path / "a.txt"
    path.write_text(
        "(LĐ online) - Ngày 20/11, Thủ tướng Chính phủ chủ trì Hội nghị triển khai Chương trình hành động của "
        "Chính phủ thực hiện Nghị quyết số 23-NQ/TW ngày 6/10/2022 của Bộ Chính trị\n\n"
        "Sáng 21/11, tại TP. Pleiku, Phó Thủ tướng chủ trì hội nghị quán triệt Nghị quyết số 23-NQ/TW của Bộ Chính trị.\n\n"
        "Tại hội nghị đã có nhiều tham luận của lãnh đạo các bộ, ngành, địa phương và các nhà khoa học.\n",
        encoding="utf-8")
    a = convert_file(path, path.name).article
    assert {(e.date, e.kind) for e in a.events} == {("2022-11-20", "action_programme"), ("2022-11-21", "dissemination")}


def _undated(tmp_path, text: str):
    from nghiquyet.pipeline import convert_file

    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return convert_file(path, path.name).article


@pytest.mark.parametrize("text, events", [
    # A year the article calls a target ("tầm nhìn đến năm 2045") dates nothing, also where a
    # sentence opens with it; the years passed since the cited document date the meeting.
    ("Bộ Chính trị cho ý kiến về thành phố Cần Thơ\n\n"
     "Chiều 9-8, tại Trụ sở Trung ương Đảng, Bộ Chính trị họp cho ý kiến về Đề án tổng kết 15 năm thực hiện "
     "Nghị quyết số 45-NQ/TW về xây dựng và phát triển thành phố Cần Thơ.\n\n"
     "Đề án nêu mục tiêu phát triển thành phố đến năm 2030, tầm nhìn đến năm 2045. Đến năm 2045, thành phố "
     "thuộc nhóm đô thị phát triển khá của khu vực.\n",
     {("2020-08-09", "final_review")}),
    # The years passed say 2023; the date the cited document carries (2013) does not.
    ("Bộ Chính trị nghe báo cáo về Nghệ An\n\n"
     "Ngày 12/6, Bộ Chính trị họp cho ý kiến về Báo cáo tổng kết 10 năm thực hiện Nghị quyết số 26-NQ/TW, "
     "ngày 30/7/2013 của Bộ Chính trị về phương hướng, nhiệm vụ phát triển tỉnh Nghệ An.\n\n"
     "Các đại biểu thảo luận nhiều ý kiến về những kết quả, hạn chế trong thời gian qua.\n",
     {("2023-06-12", "final_review")}),
    # The document right after the years ("tổng kết 10 năm Nghị quyết 26 …"); the Politburo
    # meeting on a review ("cho ý kiến về sơ kết …") is that review.
    ("Bộ Chính trị cho ý kiến về tổng kết 10 năm Nghị quyết 26 về phát triển tỉnh Nghệ An\n\n"
     "Ngày 8/6, Bộ Chính trị họp cho ý kiến về sơ kết việc thực hiện Nghị quyết số 26-NQ/TW về phát triển tỉnh "
     "Nghệ An.\n\nCác đại biểu thảo luận nhiều ý kiến về những kết quả, hạn chế trong thời gian qua.\n",
     {("2023-06-08", "midterm_review")}),
    # The period the years span may stand between them and the document ("Sau 17 năm (2004-2020)
    # thực hiện Nghị quyết 37"): the review is of 2021, not of the document's year.
    ("Chiều 16-11, Trưởng Ban Chỉ đạo tổng kết Nghị quyết 37-NQ/TW của Bộ Chính trị khóa IX chủ trì Hội nghị góp ý "
     "vào dự thảo báo cáo tổng kết Nghị quyết 37-NQ/TW.\n\n"
     "Dự thảo báo cáo đánh giá: Sau 17 năm (2004-2020) thực hiện Nghị quyết 37, phần lớn các mục tiêu đã hoàn thành.\n",
     {("2021-11-16", "final_review")}),
    # A dump record's month dates the lead's day, not the dates of the documents it cites.
    (" date 2021-05 (ABC)- Sáng 14-5, tại tỉnh Kon Tum, Ban Chỉ đạo tổ chức Hội nghị sơ kết thực hiện Nghị quyết "
     "số 10-NQ/TW ngày 18-1-2002 và Kết luận số 12-KL/TW ngày 24-10-2011 của Bộ Chính trị về vùng Tây Nguyên.\n\n"
     "Tham dự hội nghị có lãnh đạo các bộ, ngành và các tỉnh trong vùng.\n",
     {("2021-05-14", "midterm_review")}),
])
def test_the_year_of_an_undated_articles_events(tmp_path, text, events):
    a = _undated(tmp_path, text)
    assert a.date is None
    assert {(e.date, e.kind) for e in a.events} == events


def test_a_line_ending_with_its_photo_credit_is_a_caption_never_the_title(tmp_path):
    """A page that opens with a photo's caption ("… Ảnh: X/TTXVN") has no headline the rules
    find: the guessed title is the text's, and the caption stays a caption, as do the ones
    between paragraphs."""
    a = _undated(tmp_path,
                 "Phó Thủ tướng trao quyết định cho lãnh đạo các tỉnh trong vùng. Ảnh: Minh Anh/TTXVN\n"
                 "Sáng 3/4, tại thành phố Buôn Ma Thuột, Hội đồng điều phối vùng Tây Nguyên họp phiên thứ hai.\n"
                 "Các đại biểu dự phiên họp. Ảnh TTX\n"
                 "Phiên họp thảo luận kế hoạch năm và các dự án liên kết vùng, đặc biệt là các tuyến cao tốc.\n")
    assert a.title.startswith("Sáng 3/4, tại thành phố Buôn Ma Thuột")
    assert set(a.captions) == {"Phó Thủ tướng trao quyết định cho lãnh đạo các tỉnh trong vùng. Ảnh: Minh Anh/TTXVN",
                               "Các đại biểu dự phiên họp. Ảnh TTX"}
    assert [b.text[:9] for b in a.blocks if b.kind == "paragraph"] == ["Sáng 3/4,", "Phiên họp"]


def test_text_that_goes_on_or_a_numbered_heading_is_no_caption(tmp_path):
    """Between paragraphs, a short line that ends with a comma or colon continues the text
    (a speech's salutation, a decision's preamble), and "1- Về …" is a heading: neither is a
    photo's caption; a short line with a photo cue still is."""
    from nghiquyet.pipeline import convert_file

    path = tmp_path / "a.txt"
    path.write_text(
        "Phát biểu của Chủ tịch tỉnh tại hội nghị triển khai Nghị quyết 23-NQ/TW\n\n"
        "Tỉnh ủy Lâm Đồng tổ chức hội nghị triển khai Nghị quyết số 23-NQ/TW của Bộ Chính trị về vùng Tây Nguyên.\n\n"
        "Kính thưa các đồng chí lãnh đạo tỉnh,\n\n"
        "Hôm nay, chúng ta họp để bàn các nhiệm vụ thực hiện Nghị quyết trong những năm tới.\n\n"
        "1- Về kết quả thực hiện Nghị quyết\n\n"
        "Sau một năm, tỉnh đã ban hành kế hoạch hành động và phân công nhiệm vụ cho các sở, ngành.\n\n"
        "Quang cảnh hội nghị\n\n"
        "Hội nghị kết thúc vào buổi chiều cùng ngày với nhiều ý kiến tham luận của các đại biểu.\n",
        encoding="utf-8")
    a = convert_file(path, path.name).article
    assert a.captions == ("Quang cảnh hội nghị",)
    paragraphs = [b.text for b in a.blocks if b.kind == "paragraph"]
    assert "Kính thưa các đồng chí lãnh đạo tỉnh," in paragraphs
    assert "1- Về kết quả thực hiện Nghị quyết" in paragraphs


def test_a_stamp_and_its_poster_on_one_line(tmp_path):
    """"đăng 08:12, 3 thg 9, 2013 bởi Trần Văn Bình": the date, and the author after "bởi"."""
    a = _undated(tmp_path, "Thành ủy sơ kết Nghị quyết 45-NQ/TW\n\nđăng 08:12, 3 thg 9, 2013 bởi Trần Văn Bình\n\n"
                           "Chiều 2/9, Thành ủy Cần Thơ tổ chức hội nghị sơ kết thực hiện Nghị quyết 45-NQ/TW của Bộ Chính trị.\n")
    assert (a.date, a.author) == ("2013-09-03", "Trần Văn Bình")


FORMAL_PARTY = """Thư viện văn bản

BAN CHẤP HÀNH TRUNG ƯƠNG
-------
ĐẢNG CỘNG SẢN VIỆT NAM

Số: 26-KL/TW

Hà Nội, ngày 02 tháng 08 năm 2012

KẾT LUẬN

CỦA BỘ CHÍNH TRỊ VỀ TIẾP TỤC THỰC HIỆN NGHỊ QUYẾT SỐ 37-NQ/TW, NGÀY 01/7/2004 CỦA BỘ CHÍNH TRỊ KHÓA IX VỀ VÙNG TRUNG DU VÀ MIỀN NÚI BẮC BỘ

Tại phiên họp ngày 05/7/2012, sau khi xem xét báo cáo kết quả tổng kết Nghị quyết số 37-NQ/TW của Ban cán sự đảng Bộ Kế hoạch và Đầu tư, Bộ Chính trị đã thảo luận và kết luận:

1- Về tình hình thực hiện Nghị quyết

Nghị quyết đã được các tỉnh ủy trong vùng quán triệt, triển khai thực hiện nghiêm túc trong những năm qua.
"""

FORMAL_GOVERNMENT = """THỦ TƯỚNG CHÍNH
PHỦ
--------
Số: 300/QĐ-TTg
Hà Nội, ngày 20
tháng 03 năm 2013
QUYẾT ĐỊNH
BAN
HÀNH KẾ HOẠCH TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 26-KL/TW NGÀY 02 THÁNG 8 NĂM 2012 CỦA BỘ CHÍNH TRỊ VỀ VÙNG TRUNG DU VÀ MIỀN NÚI BẮC BỘ
THỦ TƯỚNG CHÍNH PHỦ
Căn cứ Luật tổ chức Chính phủ ngày 25 tháng 12 năm 2001;
Xét đề nghị của Bộ trưởng Bộ Kế hoạch và Đầu tư,
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai thực hiện Kết luận số 26-KL/TW của Bộ Chính trị.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.
"""


def test_a_page_that_is_a_formal_documents_own_text(tmp_path):
    """A legal database's copy of a document: the headline is its kind and subject; its own
    number is a document of the page, issued on the date it prints; a Government decision
    that issues a plan carries out the Party document its subject names."""
    a = _undated(tmp_path, FORMAL_PARTY)
    assert a.title.startswith("KẾT LUẬN CỦA BỘ CHÍNH TRỊ VỀ TIẾP TỤC THỰC HIỆN NGHỊ QUYẾT SỐ 37-NQ/TW")
    assert a.date == "2012-08-02"
    assert set(a.documents) == {"26-KL/TW-2012", "37-NQ/TW-2004"}
    assert {(e.date, e.kind, e.document) for e in a.events} == {
        ("2012-08-02", "issued", "26-KL/TW-2012"), ("2012-07-05", "final_review", "37-NQ/TW-2004")}
    assert next(e.actor for e in a.events if e.kind == "issued") == "Bộ Chính trị"
    assert "1- Về tình hình thực hiện Nghị quyết" in [b.text for b in a.blocks]

    b = _undated(tmp_path, FORMAL_GOVERNMENT)
    assert b.title.startswith("QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 26-KL/TW")
    assert (b.date, b.author) == ("2013-03-20", None)
    assert {(e.date, e.kind, e.document) for e in b.events} == {("2013-03-20", "action_programme", "26-KL/TW-2012")}
    assert b.blocks[0].text.startswith("Căn cứ Luật tổ chức Chính phủ")


def test_a_target_year_that_opens_a_sentence_dates_nothing(tmp_path):
    """"Đến năm 2045, vùng … là vùng phát triển hiện đại" states a target: its year is no fact
    to date the lead's day by ("Đến năm 2021, tỉnh đã …" reports one)."""
    from nghiquyet.ingest.dates import horizon_spans

    assert horizon_spans("Đến năm 2045, Đồng bằng sông Hồng là vùng phát triển hiện đại")
    assert not horizon_spans("Đến năm 2021, tỉnh đã hoàn thành quy hoạch tỉnh.")
    a = _undated(tmp_path, "Đến năm 2045, vùng Đồng bằng sông Hồng là vùng phát triển hiện đại\n\n"
                           "Ngày 29/11, Hội nghị toàn quốc quán triệt, triển khai thực hiện Nghị quyết số 30-NQ/TW "
                           "của Bộ Chính trị về vùng Đồng bằng sông Hồng được tổ chức trực tiếp và trực tuyến.\n")
    assert [(e.date, e.kind) for e in a.events] == [("2022-11-29", "dissemination")]


def test_a_bare_number_owned_by_another_body_is_no_party_document():
    """"Nghị quyết số 154 ngày 23/11/2022 của Chính phủ", "Chương trình số 113 … của Tỉnh ủy":
    the body named after the number and its date is not the Party's centre."""
    from nghiquyet.extract.documents import find_documents

    text = ("Chiều 6/6, tỉnh họp về việc triển khai Nghị quyết số 154 ngày 23/11/2022 của Chính phủ và Chương trình "
            "số 113 ngày 22/3/2023 của Tỉnh ủy về thực hiện Nghị quyết số 24 ngày 07/10/2022 của Bộ Chính trị.")
    assert [d.id for d in find_documents([text])] == ["24-NQ/TW-2022"]


def test_a_line_that_goes_on_is_never_the_guessed_title(tmp_path):
    a = _undated(tmp_path, "Kính thưa các đồng chí lãnh đạo Đảng, Nhà nước,\n"
                           "Thưa toàn thể các đồng chí,\n"
                           "Hôm nay, Bộ Chính trị tổ chức hội nghị toàn quốc quán triệt Nghị quyết số 13-NQ/TW về vùng "
                           "Đồng bằng sông Cửu Long.\n")
    assert a.title.startswith("Hôm nay, Bộ Chính trị tổ chức hội nghị")


@pytest.mark.parametrize("head, title", [
    # A headline's length with no full stop, more text after it: the whole line is the title.
    ("HỘI THẢO KHOA HỌC “Vai trò của Nhà nước đối với hội nhập và phát triển bền vững khu vực Tây Nguyên”",
     "HỘI THẢO KHOA HỌC “Vai trò của Nhà nước đối với hội nhập và phát triển bền vững khu vực Tây Nguyên”"),
    # A sentence is shortened to a headline's length (its first words, then "…").
    ("Với vùng đất đầy tiềm năng, trong những năm qua khu vực Tây Nguyên đã đạt được những thành tựu quan trọng "
     "trên các lĩnh vực kinh tế - xã hội.", None),
])
def test_a_guessed_title_keeps_a_headline_whole(tmp_path, head, title):
    a = _undated(tmp_path, f"{head}\n\nTuy nhiên, hiện nay Tây Nguyên vẫn là khu vực kém phát triển hơn so với "
                           "các vùng khác trong cả nước, đời sống của một bộ phận đồng bào còn nhiều khó khăn\n")
    if title:
        assert a.title == title
    else:
        assert a.title.endswith(" …") and head.startswith(a.title[:-2]) and len(a.title) < len(head)


def test_a_documents_text_from_a_pdf(tmp_path):
    """A PDF's text: the number and the place and date share a line, the file is hard-wrapped,
    and the kind in capitals starts a block of its own, as does a numbered heading."""
    a = _undated(tmp_path, "BỘ CHÍNH TRỊ\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                           "Nghị quyết số: 45-NQ/TW Hà Nội, ngày 17 tháng 02 năm 2005\nNGHỊ QUYẾT\n"
                           "VỀ XÂY DỰNG VÀ PHÁT TRIỂN THÀNH PHỐ CẦN THƠ TRONG THỜI KỲ CÔNG NGHIỆP HÓA,\n"
                           "HIỆN ĐẠI HÓA ĐẤT NƯỚC\n"
                           "I- Tình hình phát triển của thành phố trong những năm qua và những vấn đề đặt ra\n"
                           "1- Thành phố Cần Thơ nằm ở trung tâm vùng đồng bằng sông Cửu Long, có vị trí quan trọng\n"
                           "về kinh tế, chính trị, văn hóa, xã hội và quốc phòng, an ninh của cả vùng trong những\n"
                           "năm qua và là đầu mối giao thông thủy bộ của các tỉnh trong khu vực đồng bằng.\n"
                           "2- Kinh tế thành phố tăng trưởng khá, cơ cấu kinh tế chuyển dịch theo hướng công nghiệp,\n"
                           "dịch vụ; đời sống vật chất và tinh thần của nhân dân từng bước được cải thiện rõ rệt.\n")
    assert a.title == ("NGHỊ QUYẾT VỀ XÂY DỰNG VÀ PHÁT TRIỂN THÀNH PHỐ CẦN THƠ TRONG THỜI KỲ CÔNG NGHIỆP HÓA, "
                       "HIỆN ĐẠI HÓA ĐẤT NƯỚC")
    assert a.date == "2005-02-17"
    assert ("2005-02-17", "issued", "45-NQ/TW-2005") in {(e.date, e.kind, e.document) for e in a.events}
    assert any(b.text.startswith("1- Thành phố Cần Thơ nằm ở trung tâm") for b in a.blocks)


@pytest.mark.parametrize("head, title", [
    ("[Photo] Tổng Bí thư chủ trì họp Bộ Chính trị về phát triển Thủ đô", "Tổng Bí thư chủ trì họp Bộ Chính trị về phát triển Thủ đô"),
    ("[Infographic] Năm năm thực hiện Nghị quyết về vùng Tây Nguyên", "Năm năm thực hiện Nghị quyết về vùng Tây Nguyên"),
    ("(Inforgraphic) Năm năm thực hiện Nghị quyết về vùng Tây Nguyên", "Năm năm thực hiện Nghị quyết về vùng Tây Nguyên"),
    ("null Năm năm thực hiện Nghị quyết về vùng Tây Nguyên", "Năm năm thực hiện Nghị quyết về vùng Tây Nguyên"),
    ("Tỉnh ủy Lâm Đồng quán triệt Nghị quyết về vùng Tây Nguyên 03/10/2025 10:24",
     "Tỉnh ủy Lâm Đồng quán triệt Nghị quyết về vùng Tây Nguyên"),
])
def test_a_media_label_or_a_glued_stamp_is_no_part_of_the_headline(tmp_path, head, title):
    a = _undated(tmp_path, f"{head}\n\nSáng 2/10, Tỉnh ủy Lâm Đồng tổ chức hội nghị quán triệt Nghị quyết số 23-NQ/TW "
                           "của Bộ Chính trị về phát triển vùng Tây Nguyên, với sự tham dự của nhiều đại biểu.\n")
    assert a.title == title


def test_a_legal_databases_page_whose_search_box_comes_first(tmp_path):
    """The summary rows and search box of a legal database above the document's own heading."""
    a = _undated(tmp_path, "Từ khoá: Số Hiệu, Tiêu đề hoặc Nội dung ngắn gọn của Văn Bản...\n\n"
                           "Số hiệu: 900/QĐ-TTg Loại văn bản: Quyết định\nNgày ban hành: 12/05/2010\n\n"
                           "THỦ TƯỚNG CHÍNH PHỦ\n-------\nSố: 900/QĐ-TTg\n\nHà Nội, ngày 12 tháng 05 năm 2010\n\n"
                           "QUYẾT ĐỊNH\n\nPHÊ DUYỆT QUY HOẠCH XÂY DỰNG VÙNG TÂY NGUYÊN ĐẾN NĂM 2025\n\n"
                           "THỦ TƯỚNG CHÍNH PHỦ\n\nCăn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;\n\n"
                           "Điều 1. Phê duyệt Quy hoạch xây dựng vùng Tây Nguyên đến năm 2025 với các nội dung chủ yếu sau.\n")
    assert a.title == "QUYẾT ĐỊNH PHÊ DUYỆT QUY HOẠCH XÂY DỰNG VÙNG TÂY NGUYÊN ĐẾN NĂM 2025"
    assert a.date == "2010-05-12"


@pytest.mark.parametrize("body, events", [
    ("Phó Thủ tướng Lê Minh Khái đã ký Nghị quyết 154/NQ-CP ngày 23/11/2022 ban hành Chương trình hành động của "
     "Chính phủ thực hiện Nghị quyết số 24-NQ/TW của Bộ Chính trị về vùng Đông Nam Bộ." + FILLER,
     [("2022-11-23", "action_programme", "24-NQ/TW-2022")]),
    ("Thủ tướng Chính phủ vừa thành lập Hội đồng điều phối vùng Tây Nguyên (Quyết định số 827/QĐ-TTg ngày "
     "11/7/2023)." + FILLER, [("2023-07-11", "council", None)]),
    # The instrument is only cited; the act comes after it.
    ("Thực hiện Quyết định số 827/QĐ-TTg ngày 11/7/2023 về thành lập Hội đồng điều phối vùng, tỉnh đã ban hành "
     "quy chế phối hợp." + FILLER, []),
    # A Party document's date is its citation, whatever act comes before it.
    ("Tỉnh ủy đã ký ban hành Kế hoạch triển khai Nghị quyết số 23-NQ/TW ngày 6/10/2022 của Bộ Chính trị." + FILLER, []),
])
def test_an_act_dated_by_the_instrument_it_made(body, events):
    """"… đã ký Nghị quyết 154/NQ-CP ngày 23/11/2022 ban hành Chương trình hành động …": the
    reported act happened on its instrument's date."""
    from nghiquyet.ingest.clean import clean
    from nghiquyet.extract.article import extract
    from nghiquyet.records import SourceText

    text = f"Tiêu đề bài viết về vùng\n\n20/12/2023 08:00\n\n{body}\n"
    a = extract(clean(SourceText("t.txt", tuple(text.splitlines()))))
    assert [(e.date, e.kind, e.document) for e in a.events] == events


def test_a_number_with_its_marks_swapped_is_still_the_party_document():
    assert [d.id for d in find_documents(["thực hiện nghị quyết số 39/NQ-TW ngày 16-8-2004 của Bộ Chính trị"])] == \
        ["39-NQ/TW-2004"]


@pytest.mark.parametrize("row", ["Số hiệu: | 26-NQ/TW | Loại văn bản: | Nghị quyết |", "Tình trạng: | Đã biết |",
                                 "Số hiệu: 1581/QĐ-TTg Loại văn bản: Quyết định",
                                 "Ngày ban hành: 09/10/2009 Ngày hiệu lực: Đã biết"])
def test_a_legal_databases_attribute_row_is_chrome(row):
    assert is_chrome(row)


def test_a_sentence_that_opens_with_an_attribute_word_is_no_attribute_row():
    assert not is_chrome("Tình trạng: nhiều tỉnh chưa triển khai")


def test_a_bare_number_is_the_document_an_earlier_full_mention_was_resolved_to():
    """"Kết luận số 12-KL/TW … Tây Nguyên", later "Kết luận 12": the same document, whatever
    words stand near the later mention (the catalogue holds a 12-KL/TW of 2021 too)."""
    blocks = ["Với vùng Tây Nguyên, Kết luận số 12-KL/TW của Bộ Chính trị được quán triệt sâu rộng.",
              "Đoàn công tác gặp gỡ kiều bào tại địa phương; Kết luận 12 tiếp tục được triển khai."]
    assert [d.id for d in find_documents(blocks)] == ["12-KL/TW-2011"]


def test_a_long_line_ending_with_its_photo_credit_between_paragraphs_is_a_caption(tmp_path):
    """A caption long enough to pass for a paragraph, ending "(Ảnh: T.N.).", is still a caption."""
    caption = ("Thủ tướng Phạm Minh Chính tham dự Hội nghị Hội đồng điều phối vùng Đông Nam Bộ tại Thành phố Hồ Chí "
               "Minh cùng lãnh đạo các bộ, ngành và các tỉnh trong vùng (Ảnh: T.N.).")
    a = _undated(tmp_path, "Hội đồng điều phối vùng Đông Nam Bộ họp phiên đầu tiên\n\n"
                           "Sáng 18/7, Thủ tướng chủ trì hội nghị Hội đồng điều phối vùng Đông Nam Bộ tại Thành phố "
                           "Hồ Chí Minh, với sự tham dự của lãnh đạo các bộ, ngành.\n\n" + caption + "\n\n"
                           "Hội đồng điều phối vùng được thành lập nhằm đổi mới cơ chế điều phối, thúc đẩy liên kết "
                           "vùng và phát triển bền vững.\n")
    assert a.captions == (caption,)
    assert [b.text[:9] for b in a.blocks if b.kind == "paragraph"] == ["Sáng 18/7", "Hội đồng "]


def test_a_teasers_stamp_glued_between_headline_and_text(tmp_path):
    """A tag page scraped with its text nodes joined: "headlineSection - dd/mm/yyyyTeaser …"."""
    a = _undated(tmp_path, "Tạo đột phá phát triển vùng trung du và miền núi Bắc BộSự kiện - 15/04/2022Tổng Bí thư "
                           "lưu ý cần có các chủ trương, chính sách phát triển cụ thể, phù hợp với từng vùng theo Nghị "
                           "quyết số 11-NQ/TW của Bộ Chính trị.\n")
    assert a.title == "Tạo đột phá phát triển vùng trung du và miền núi Bắc Bộ"
    assert a.date == "2022-04-15"
    assert any(b.text.startswith("Tổng Bí thư lưu ý") for b in a.blocks)


@pytest.mark.parametrize("text, on, names", [
    # An English edition: names without marks, exonyms, a province's name inside a person's name.
    ("The conference was held in Binh Phuoc province; leaders of Ba Ria-Vung Tau, Tay Ninh and HCM City "
     "attended, and National Assembly Chairman Vuong Dinh Hue spoke in Hanoi.", "2024-03-29",
     ["Bình Phước", "Bà Rịa - Vũng Tàu", "Tây Ninh", "Thành phố Hồ Chí Minh", "Hà Nội"]),
    # Vietnamese typed without marks; after the 2025 reorganisation, the names of the day.
    ("Tinh uy Ha Giang to chuc hoi nghi quan triet Nghi quyet tai Ha Noi.", "2026-01-05", ["Tuyên Quang", "Hà Nội"]),
    # With marks, unmarked forms are not looked for: "Long An" and "Hue" are words of the sentence here.
    ("Đồng chí Trần Văn Hue dự hội nghị, bàn về Long An và Ha Noi.", "2024-03-29", ["Long An"]),
])
def test_provinces_written_without_marks(text, on, names):
    assert find_places([text], on)[0] == names


def test_regions_written_without_marks_or_in_english():
    assert find_regions(["the Mekong Delta, the Central Highlands and the Red River Delta",
                         "vung Bac Trung Bo va duyen hai mien Trung"]) == \
        ["dong-bang-song-cuu-long", "tay-nguyen", "dong-bang-song-hong", "bac-trung-bo-duyen-hai-mien-trung"]


def test_a_legal_texts_parts_are_text_and_its_numbers_no_author(tmp_path):
    """A legal database's copy: "Điều 2. Điều khoản thi hành" heads a part of the text (no photo's
    caption), the number line beside the place and date ("Số: 96/NQ-CP | Hà Nội, …") and the
    signature block name no author."""
    a = _undated(tmp_path, "CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
                           "Số: 96/NQ-CP | Hà Nội, ngày 01 tháng 8 năm 2022 |\n\nNGHỊ QUYẾT\n\n"
                           "BAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ THỰC HIỆN NGHỊ QUYẾT SỐ 11-NQ/TW\n\n"
                           "Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động của Chính phủ thực hiện "
                           "Nghị quyết số 11-NQ/TW ngày 10 tháng 02 năm 2022 của Bộ Chính trị.\n\n"
                           "Điều 2. Điều khoản thi hành\n\n"
                           "Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành và được áp dụng cho các bộ, "
                           "ngành, địa phương trong vùng.\n\nTM. CHÍNH PHỦ\nTHỦ TƯỚNG\n\nPhạm Minh Chính\n")
    assert "Điều 2. Điều khoản thi hành" not in a.captions
    assert any(b.text == "Điều 2. Điều khoản thi hành" for b in a.blocks)
    assert a.author is None


@pytest.mark.parametrize("text, events", [
    # An English edition: the lead's date, its year from the cited document's; "No." ends no sentence.
    ("Politburo holds conference on Mekong Delta resolution\n\n"
     "On April 22, the Politburo held a National Conference to thoroughly grasp and implement Resolution No. "
     "13-NQ/TW dated April 2, 2022 on the Mekong Delta.\n\nLeaders of the 13 provinces attended the conference.\n",
     {("2022-04-22", "dissemination", "13-NQ/TW-2022")}),
    # A regional council's meeting; a date after the verb ("was held … on").
    ("Central Highlands council meets\n\n"
     "The third conference of the Central Highlands Coordinating Council was held in Da Lat city on June 23, 2024 "
     "to review Resolution No. 23-NQ/TW.\n\nDeputy Prime Minister Tran Luu Quang chaired the conference.\n",
     {("2024-06-23", "meeting", "23-NQ/TW-2022")}),
    # A citation's date, and a date of what will happen after the article's, are no events.
    ("Government plans conference\n\nUpdate: 20-04-2026 | 11:54:38\n\n"
     "Resolution No. 21-NQ/TW, dated January 20, 2003, set the directions for the Mekong Delta. "
     "On May 5, 2026, the Government will hold a conference to review the implementation of Resolution No. 13-NQ/TW.\n\n"
     "Localities are preparing their reports for the conference.\n",
     set()),
])
def test_events_in_english(tmp_path, text, events):
    a = _undated(tmp_path, text)
    assert {(e.date, e.kind, e.document) for e in a.events} == events


@pytest.mark.parametrize("text, found", [
    ("On April 22, the Politburo held a conference", [(None, 4, 22)]),
    ("Resolution No. 21-NQ/TW, dated January 20, 2003, on the region", [(2003, 1, 20)]),
    ("Tuesday, 6 Dec 2022", [(2022, 12, 6)]), ("SEPT. 5, 2022", [(2022, 9, 5)]),
    ("Nông dân may 5 bộ áo mới", []),                # "may": a Vietnamese word, not a month
])
def test_english_days(text, found):
    assert [(d.year, d.month, d.day) for d in find_dates(text)] == found
