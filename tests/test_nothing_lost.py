"""Nothing readable is lost: a file with readable text becomes a page whatever its rules make of
it. A rule that raises costs its field (and a note in the build report), never the article."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from nghiquyet.ingest import clean as clean_module
from nghiquyet.extract import documents
from nghiquyet.extract import article as extract
from nghiquyet import pipeline
from nghiquyet.cli import main
from nghiquyet.pipeline import convert

# Every rule extract() runs, by the name it is called under there, and the field it fills.
EXTRACTORS = [
    (extract, "_published", "date"), (extract, "_latest_year", "date"), (documents, "find_mentions", "documents"),
    (documents, "documents_of", "documents"), (extract, "anchors", "events"), (extract, "find_events", "events"),
    (extract, "_reference_date", "date"), (extract, "find_places", "provinces"),
    (extract, "find_regions", "regions"), (extract, "_links", "links"), (extract, "_author", "author"),
    (extract, "_source", "source"), (extract, "site_of", "site"), (extract, "find_people", "people"),
    (extract, "find_organisations", "organisations"), (documents, "congress_resolutions", "documents"),
    (clean_module, "_clean", "cleaning"), (pipeline, "article_twin", "extracted fields"),
]


def _corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted((ROOT / "corpus").iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _boom(*args, **kwargs):
    raise RuntimeError("injected")


@pytest.mark.parametrize("module, name, field", EXTRACTORS, ids=[n for _, n, _ in EXTRACTORS])
def test_a_failing_rule_costs_its_field_not_the_article(tmp_path, monkeypatch, module, name, field):
    assert hasattr(module, name)
    calls = []
    real = getattr(module, name)

    def fails_once(*args, **kwargs):   # article_twin fails, then renders the bare page: by turns
        calls.append(1)
        if name == "article_twin" and len(calls) % 2 == 0:
            return real(*args, **kwargs)
        return _boom()

    monkeypatch.setattr(module, name, fails_once)
    report, _ = convert(_corpus(tmp_path), tmp_path / "out")
    assert calls, f"{name} was never called"
    assert report.count("published") == 5, report.lines()
    noted = [o for o in report.outcomes if any("RuntimeError: injected" in n for n in o.notes)]
    # Two rules run only for articles that print no date; every other rule runs for every article.
    assert len(noted) == len(calls) if name in ("_latest_year", "_reference_date") else len(noted) == 5, noted
    assert any(line.startswith("published with notes:") and "injected" in line for line in report.lines())
    pages = sorted((tmp_path / "out" / "bai-viet").glob("*.md"))
    assert len([p for p in pages if p.name != "index.md"]) == 5


def test_debug_raises_instead(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(extract, "find_regions", _boom)
    monkeypatch.delenv("NGHIQUYET_DEBUG", raising=False)
    out = tmp_path / "out"
    assert main(["convert", "--corpus", str(_corpus(tmp_path)), "--out", str(out)]) == 0
    assert "published with notes" in capsys.readouterr().err
    try:
        with pytest.raises(RuntimeError, match="injected"):
            main(["--debug", "convert", "--corpus", str(tmp_path / "corpus"), "--out", str(out)])
    finally:
        monkeypatch.delenv("NGHIQUYET_DEBUG", raising=False)


SHORT = {
    "title-and-one-paragraph.txt": "Sơn La quán triệt Nghị quyết 11-NQ/TW\n\nSáng 15/4/2022, Tỉnh ủy Sơn La tổ chức "
                                   "hội nghị quán triệt Nghị quyết.\n",
    "question-title.txt": "Vì sao nhiều nghị quyết cùng mang số 11?\n\nSố hiệu nghị quyết được đánh theo từng khóa, "
                          "nên mỗi nhiệm kỳ lại bắt đầu từ số 1, vì thế có nhiều nghị quyết cùng số.\n\n"
                          "Chị em có thể tham khảo các văn bản của Bộ Chính trị.\n",
    "markup-title.txt": "**<b>Lào Cai triển khai Nghị quyết 11</b>**\n\nNgày 20/5/2022, Tỉnh ủy Lào Cai ban hành kế "
                        "hoạch thực hiện.\n",
    "congress-term-one.txt": "Đại hội Đảng bộ tỉnh Lào Cai lần thứ I\n\nNgày 28/9/2025, Đại hội đại biểu Đảng bộ tỉnh "
                             "Lào Cai lần thứ I, nhiệm kỳ 2025 - 2030 khai mạc. Ban Chấp hành Đảng bộ tỉnh khóa I "
                             "gồm 67 đồng chí.\n",
    "one-line.txt": "Hội nghị quán triệt Nghị quyết 26-NQ/TW tại Nghệ An\n",
    "menus-only.html": "<html><head><title>Hội thảo khoa học</title></head><body><nav><a href='/'>Trang chủ</a></nav>"
                       "<div><div>Hội thảo</div><div>Ngày 12/5/2023, Học viện tổ chức hội thảo.</div></div>"
                       "<aside>Tin mới</aside></body></html>",
}


def test_short_and_odd_articles_become_pages(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in SHORT.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "empty.txt").write_text("  \n\n", encoding="utf-8")
    report, _ = convert(corpus, tmp_path / "out")
    fate = {o.source_file: o for o in report.outcomes}
    assert all(fate[name].status == "published" for name in SHORT), report.lines()
    assert fate["empty.txt"].status == "skipped"
    data = json.loads((tmp_path / "out" / "du-lieu.json").read_text(encoding="utf-8"))
    titles = {a["source_file"]: a["title"] for a in data["articles"]} if "source_file" in data["articles"][0] \
        else {a["url"]: a["title"] for a in data["articles"]}
    assert any(t.startswith("Sơn La quán triệt") for t in titles.values())
    assert any(t.startswith("Vì sao nhiều nghị quyết") for t in titles.values())
