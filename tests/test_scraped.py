"""Scrapers' output as corpus files: JSON Lines and JSON arrays of records (ingest/scraped.py),
one article a record, with the original address kept (front matter `url`, the article page, the
export's `source_url`, the feeds' `rel="via"`)."""

from __future__ import annotations

import json
import os
import time

from conftest import ROOT
from nghiquyet.pages.frontmatter import parse
from nghiquyet.pipeline import convert

SAMPLE = (ROOT / "corpus" / "002_0692e5aa9f69369b.txt").read_text(encoding="utf-8")


def _record(i: int, **extra) -> dict:
    body = SAMPLE.split("\n", 1)[1].replace("Ngày 26/5", f"Ngày {i + 10}/5")
    return {"title": f"Bản tin số {i} về triển khai Nghị quyết 11-NQ/TW", "maintext": body,
            "date_publish": f"2022-05-{i + 10:02d} 08:00:00", "authors": ["Minh An"],
            "source_domain": "baomau.vn", "url": f"https://baomau.vn/tin-{i}.html", **extra}


def test_json_lines_and_arrays_become_one_article_a_record(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    lines = [json.dumps(_record(i), ensure_ascii=False) for i in (1, 2, 3)] + ["not json", "[1, 2]"]
    (corpus / "crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    html = _record(4)
    html.pop("maintext")
    html["html"] = "<html><body><article><h1>x</h1>" + "".join(f"<p>{p}</p>" for p in SAMPLE.split("\n")[1:] if p) + "</article></body></html>"
    (corpus / "items.json").write_text(json.dumps([html], ensure_ascii=False), encoding="utf-8")
    report, _ = convert(corpus, out)
    fate = {o.source_file: o for o in report.outcomes}
    assert [fate[f"crawl.jsonl#{i}"].status for i in (1, 2, 3)] == ["published"] * 3
    assert fate["crawl.jsonl#4"].status == "skipped" and "JSON" in fate["crawl.jsonl#4"].reason
    assert fate["crawl.jsonl#5"].status == "skipped" and "object" in fate["crawl.jsonl#5"].reason
    assert fate["items.json#1"].status == "published"
    page = (out / "bai-viet" / f"{fate['crawl.jsonl#2'].slug}.md").read_text(encoding="utf-8")
    meta = parse(page)
    assert meta["url"] == "https://baomau.vn/tin-2.html" and meta["date"] == "2022-05-12"
    assert meta["title"].startswith("Bản tin số 2") and meta["author"] == "Minh An" and meta["source"] == "baomau.vn"
    assert "[baomau.vn](https://baomau.vn/tin-2.html)" in page
    data = json.loads((out / "du-lieu.json").read_text(encoding="utf-8"))
    record = next(a for a in data["articles"] if a.get("source_url") == "https://baomau.vn/tin-2.html")
    assert record["url"].startswith("bai-viet/")


def test_an_address_cannot_break_out_of_its_link(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    hostile = _record(1, url='https://x.vn/a) [b](javascript:alert(1) "q')
    (corpus / "c.jsonl").write_text(json.dumps(hostile) + "\n", encoding="utf-8")
    report, _ = convert(corpus, out)
    (outcome,) = report.outcomes
    page = (out / "bai-viet" / f"{outcome.slug}.md").read_text(encoding="utf-8")
    assert report.count("published") == 1 and "Bài gốc" not in page    # an address with spaces is not kept


def test_brackets_in_an_address_are_encoded(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "c.jsonl").write_text(json.dumps(_record(1, url="https://x.vn/a)[b](javascript:alert(1)")) + "\n",
                                    encoding="utf-8")
    report, _ = convert(corpus, out)
    (outcome,) = report.outcomes
    line = next(x for x in (out / "bai-viet" / f"{outcome.slug}.md").read_text(encoding="utf-8").splitlines()
                if "Bài gốc" in x)
    assert "](javascript:" not in line and "%29%5Bb%5D%28javascript" in line


def test_a_sidecar_file_overrides_what_the_text_says(tmp_path):
    corpus, out, cache = tmp_path / "corpus", tmp_path / "out", tmp_path / "cache"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (corpus / "a.txt.meta.yaml").write_text("url: https://baomau.vn/goc.html\ndate: 2022-06-01\n"
                                            "source: Báo Mẫu\nauthor: Trần Bình\n", encoding="utf-8")
    report, _ = convert(corpus, out, cache)
    assert report.files == 1                                 # the sidecar is no article
    (outcome,) = report.outcomes
    meta = parse((out / "bai-viet" / f"{outcome.slug}.md").read_text(encoding="utf-8"))
    assert (meta["url"], meta["date"], meta["source"], meta["author"]) == \
        ("https://baomau.vn/goc.html", "2022-06-01", "Báo Mẫu", "Trần Bình")
    # Editing only the sidecar is seen (it is part of the cache key).
    (corpus / "a.txt.meta.yaml").write_text("date: 2022-06-02\n", encoding="utf-8")
    report, _ = convert(corpus, out, cache)
    assert report.converted == 1
    meta = parse((out / "bai-viet" / f"{outcome.slug}.md").read_text(encoding="utf-8"))
    assert meta["date"] == "2022-06-02" and "url" not in meta


def test_deleting_a_sidecar_is_seen(tmp_path):
    corpus, out, cache = tmp_path / "corpus", tmp_path / "out", tmp_path / "cache"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SAMPLE, encoding="utf-8")
    old = time.time() - 3600
    os.utime(corpus / "a.txt", (old, old))     # long before the cache records it: trusted unread
    convert(corpus, out, cache)
    (corpus / "a.txt.meta.yaml").write_text("url: https://baomau.vn/goc.html\n", encoding="utf-8")
    report, _ = convert(corpus, out, cache)
    (outcome,) = report.outcomes
    page = out / "bai-viet" / f"{outcome.slug}.md"
    assert parse(page.read_text(encoding="utf-8"))["url"] == "https://baomau.vn/goc.html"
    (corpus / "a.txt.meta.yaml").unlink()
    convert(corpus, out, cache)
    assert "url" not in parse(page.read_text(encoding="utf-8"))
