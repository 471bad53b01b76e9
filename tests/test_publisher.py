"""`site`: the web site that published an article, read the ways pages show it (extract/site.py)."""

from __future__ import annotations

import json

import pytest

from nghiquyet.pipeline import convert_file

LEAD = ("Ngày 15/4/2022, Bộ Chính trị, Ban Bí thư tổ chức Hội nghị toàn quốc quán triệt Nghị quyết số "
        "11-NQ/TW về phát triển vùng trung du và miền núi Bắc Bộ, với sự tham dự của đại biểu các tỉnh.")
TITLE = "Quán triệt Nghị quyết 11-NQ/TW về phát triển vùng trung du và miền núi Bắc Bộ"
BODY = ("Hội nghị được tổ chức trực tiếp kết hợp trực tuyến tới các điểm cầu trong cả nước, "
        "các đại biểu đã nghe giới thiệu những nội dung cơ bản của Nghị quyết.")


def _site(tmp_path, name: str, text: str) -> str | None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return convert_file(path, name).article.site


@pytest.mark.parametrize("page, want", [
    # a footer line of its own, after a related-news list
    (f"{TITLE}\n{LEAD}\n{BODY}\nTin liên quan:\nMột tin khác\nBaoLaoCai.vn\n", "baolaocai.vn"),
    # a copyright line naming the address, with "www."
    (f"{TITLE}\n{LEAD}\n{BODY}\n© 2022 Bản quyền thuộc www.baodienbienphu.info.vn\n", "baodienbienphu.info.vn"),
    # the lead opens with it
    (f"{TITLE}\n(Baonghean.vn) - {LEAD}\n{BODY}\n", "baonghean.vn"),
    (f"{TITLE}\nVOV.VN - {LEAD}\n{BODY}\n", "vov.vn"),
    # a byline ends with it
    (f"{TITLE}\n{LEAD}\n{BODY}\nThu Hà/VOV.VN\n", "vov.vn"),
    # a portal's name in capitals, then its province
    (f"CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN BA BỂ - TỈNH BẮC KẠN\n{TITLE}\n{LEAD}\n{BODY}\n",
     "Cổng thông tin điện tử huyện Ba Bể"),
    # the owner a copyright line names
    (f"{TITLE}\n{LEAD}\n{BODY}\nBản quyền thuộc Hội Liên hiệp Phụ nữ tỉnh Cao Bằng\n",
     "Hội Liên hiệp Phụ nữ tỉnh Cao Bằng"),
    # a sharing site is no publisher; nothing else names one
    (f"{TITLE}\n{LEAD}\n{BODY}\nfacebook.com\n", None),
    (f"{TITLE}\n{LEAD}\n{BODY}\n", None),
])
def test_site_from_the_page(tmp_path, page, want):
    assert _site(tmp_path, "a.txt", page) == want


def test_a_reposts_links_and_credit(tmp_path):
    links = ("[Trang chủ](https://tinmientrung.net/) » [Thời sự](https://tinmientrung.net/thoi-su/)\n"
             "![Ảnh](https://cdn.images.example.vn/a.jpg)\n[Chia sẻ](https://facebook.com/sharer?u=x)\n")
    assert _site(tmp_path, "a.md", f"# {TITLE}\n{links}{LEAD}\n{BODY}\n") == "tinmientrung.net"
    # "Nguồn:" names the original publisher: it wins over the re-post's own links
    assert _site(tmp_path, "b.md", f"# {TITLE}\n{links}{LEAD}\n{BODY}\nNguồn: baoangiang.com.vn\n") == \
        "baoangiang.com.vn"


def test_an_address_given_wins(tmp_path):
    """A scraper's record gives the article's address: its host, whatever the text shows."""
    record = {"url": "https://www.baolangson.vn/bai-viet-1.html", "title": TITLE, "maintext": f"{LEAD}\n{BODY}\nvov.vn"}
    assert _site(tmp_path, "r.jsonl", json.dumps(record, ensure_ascii=False) + "\n") == "baolangson.vn"
    assert _site(tmp_path, "t.txt", f"{TITLE}\n{LEAD}\n{BODY}\nvov.vn\n") == "vov.vn"


def test_a_saved_pages_footer(tmp_path):
    html = (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1><p>{LEAD}</p><p>{BODY}</p>"
            "</article><footer class='f'><p>Liên hệ</p><p>baolamdong.vn</p></footer></body></html>")
    assert _site(tmp_path, "a.html", html) == "baolamdong.vn"
    canonical = html.replace("</title>", "</title><link rel='canonical' href='https://baothaibinh.com.vn/a/1.html'>")
    assert _site(tmp_path, "b.html", canonical) == "baothaibinh.com.vn"
