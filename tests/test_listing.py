"""Long listings are split into period pages (listing.chronicle): years, or months when a year is
too full. Every event and every article of a subject is on exactly one of its period pages, the
subject page links each period with its counts, and the whole site still builds with `--strict`
(every period link resolves)."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, make_project, snapshot

sys.path.insert(0, str(ROOT / "tools"))
from synth import write_corpus  # noqa: E402

PERIOD_ROW = re.compile(r"^\| \[(?:Tháng (\d\d)/|Năm )(\d{4})\]\(([^)]+)\) \|(.*)\|$", re.M)
ARTICLE_LINK = re.compile(r"\]\((?:\.\./)+bai-viet/([a-z0-9-]+)\.md\)")


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    from nghiquyet.cli import main

    root = make_project(tmp_path_factory.mktemp("long") / "project", corpus=tmp_path_factory.mktemp("c"))
    for old in (root / "corpus").iterdir():
        old.unlink()
    write_corpus(root / "corpus", 70, seed=21)
    # Small limits, set as the plugin's options in mkdocs.yml (the settings a maintainer tunes):
    # many subjects become "long"; the busiest split by month, the others by year.
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      corpus: corpus\n", "      corpus: corpus\n      inline: 8\n      latest: 3\n      period_max: 20\n"),
        encoding="utf-8")
    assert "period_max: 20" in config.read_text(encoding="utf-8")
    assert main(["build", "--root", str(root), "--strict", "--jobs", "1"]) == 0
    return root


def period_rows(page: Path) -> list[tuple[str, Path, list[int]]]:
    """(period "YYYY" or "YYYY-MM", its page, its counts) for each row of a subject's period table."""
    text = page.read_text(encoding="utf-8")
    rows = []
    for mm, yyyy, target, counts in PERIOD_ROW.findall(text):
        rows.append((f"{yyyy}-{mm}" if mm else yyyy, (page.parent / target).resolve(),
                     [int(c) for c in counts.split("|")]))
    return rows


def section(text: str, heading: str) -> str:
    part = text.split(f"## {heading}\n", 1)[1]
    return part.split("\n## ", 1)[0]


def test_every_article_is_on_exactly_one_period_page_of_the_index(long_site):
    content = long_site / "content"
    export = json.loads((content / "du-lieu.json").read_text(encoding="utf-8"))
    rows = period_rows(content / "bai-viet" / "index.md")
    assert rows and all(target.is_file() for _, target, _ in rows)
    seen = Counter()
    for _, target, counts in rows:
        slugs = ARTICLE_LINK.findall(section(target.read_text(encoding="utf-8"), "Bài viết"))
        assert len(slugs) == counts[0]
        seen.update(slugs)
    assert set(seen.values()) == {1}
    assert set(seen) == {a["url"].split("/")[1] for a in export["articles"]}


def test_site_timeline_months_hold_every_event_once(long_site):
    content = long_site / "content"
    export = json.loads((content / "du-lieu.json").read_text(encoding="utf-8"))
    rows = period_rows(content / "dong-thoi-gian" / "index.md")
    total = 0
    for period, target, counts in rows:
        items = re.findall(r'^1\. <time datetime="(\d{4}-\d\d-\d\d)">', target.read_text(encoding="utf-8"), re.M)
        assert len(items) == counts[0] and all(d.startswith(period) for d in items)
        total += len(items)
    assert total == len(export["events"]) and len(rows) > 3
    assert all(len(p) == 7 for p, _, _ in rows)          # the whole site's timeline is full: by month


def test_quieter_subjects_are_split_by_year(long_site):
    content = long_site / "content"
    pages = [p for folder in ("van-ban", "vung", "tinh") for p in (content / folder).glob("*.md")]
    by_year = [p for p in pages if (rows := period_rows(p)) and len(rows[0][0]) == 4]
    assert by_year
    for page in by_year:
        for period, target, _ in period_rows(page):
            assert target.name == f"{period}.md"


def test_long_subject_pages_link_months_with_every_article(long_site):
    content = long_site / "content"
    export = json.loads((content / "du-lieu.json").read_text(encoding="utf-8"))
    events = export["events"]
    subjects = [(f"van-ban/{d['url'].split('/')[1]}.md", d["articles"],
                 sum(e["document"] == d["id"] for e in events)) for d in export["documents"]]
    subjects += [(f"vung/{r['id']}.md", r["articles"], sum(r["id"] in e["regions"] for e in events))
                 for r in export["regions"]]
    checked = 0
    for path, urls, n_events in subjects:
        page = content / path
        if len(urls) <= 8 and n_events <= 8:
            assert "## Theo " not in page.read_text(encoding="utf-8")
            continue
        rows = period_rows(page)
        assert rows, path
        found = []
        for _, target, counts in rows:
            assert target.parent == page.with_suffix("")      # period pages beside the subject page
            slugs = ARTICLE_LINK.findall(section(target.read_text(encoding="utf-8"), "Bài viết"))
            assert len(slugs) == counts[-1]
            found += slugs
        assert sorted(found) == sorted(u.split("/")[1] for u in urls)
        # the subject page itself shows only the latest few
        latest = ARTICLE_LINK.findall(section(page.read_text(encoding="utf-8"), "Bài viết nhắc đến văn bản này"
                                              if path.startswith("van-ban") else "Bài viết"))
        assert len(latest) == min(3, len(urls))
        checked += 1
    assert checked >= 3


def test_period_pages_chain_to_their_neighbours_and_are_left_out_of_search(long_site):
    content = long_site / "content"
    rows = period_rows(content / "dong-thoi-gian" / "index.md")          # newest first
    for (_, newer, _), (_, older, _) in zip(rows, rows[1:]):
        newer_text = newer.read_text(encoding="utf-8")
        assert f"({'../' * 1}dong-thoi-gian/{older.stem}.md)" in newer_text      # "← older month"
        assert "search:\n  exclude: true" in newer_text
    site_page = long_site / "site" / "dong-thoi-gian" / rows[0][1].stem / "index.html"
    assert site_page.is_file() and "data-pagefind-body" not in site_page.read_text(encoding="utf-8")


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file the conversion wrote but the slug registry, which also remembers the slugs of
    earlier versions of an article (so that its URL stays: see test_input)."""
    return snapshot(folder, skip=frozenset({".nghiquyet-slugs.json"}))


def test_incremental_builds_equal_a_build_from_scratch(tmp_path, monkeypatch):
    """After each kind of change (title, date, a new event and province, an article deleted or
    added, period pages damaged by hand), the output of an incremental build (period pages
    whose inputs did not change are kept as written) is byte for byte that of a build from
    scratch; and the period pages rendered again are only those that show the change."""
    from nghiquyet.pages import listing
    from nghiquyet.pipeline import convert
    from nghiquyet.settings import Settings

    small = Settings(inline=8, latest=3, period_max=20)
    rendered: list[str] = []
    real = listing._period_page
    monkeypatch.setattr(listing, "_period_page", lambda path, *a: rendered.append(path) or real(path, *a))

    corpus, out, cache = tmp_path / "corpus", tmp_path / "out", tmp_path / "cache"
    write_corpus(corpus, 80, seed=33)
    report, _ = convert(corpus, out, cache, settings=small)
    every_period = set(rendered)
    assert len(every_period) > 30
    slug_of = {o.source_file: o.slug for o in report.outcomes}

    def rebuild(step: str) -> set[str]:
        rendered.clear()
        report, _ = convert(corpus, out, cache, settings=small)
        slug_of.update((o.source_file, o.slug) for o in report.outcomes)
        again = set(rendered)
        fresh = tmp_path / f"fresh-{step}"
        convert(corpus, fresh, settings=small)      # no cache, empty output folder
        assert _tree(out) == _tree(fresh), step
        return again

    files = sorted(corpus.glob("*.txt"))
    edit = lambda path, old, new: path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1),
                                                 encoding="utf-8")

    # A new title (and so a new slug): only period pages listing that article are rendered again.
    target = files[5]
    title = next(line for line in target.read_text(encoding="utf-8").splitlines() if "Nghị quyết" in line)
    edit(target, title, title + " (cập nhật)")
    again = rebuild("title")
    assert again and again < every_period
    assert all(f"bai-viet/{slug_of[target.name]}.md)" in (out / p).read_text(encoding="utf-8") for p in again)

    # A new publication date: a day later (same period, same slug), then a year earlier (the
    # article moves to other periods).
    target = files[12]
    stamp = lambda: next(line for line in target.read_text(encoding="utf-8").splitlines()
                         if re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", line))
    day = int(stamp()[:2])
    edit(target, stamp(), f"{day + 1 if day < 28 else day - 1:02d}" + stamp()[2:])
    again = rebuild("day")
    assert again and all(f"bai-viet/{slug_of[target.name]}.md)" in (out / p).read_text(encoding="utf-8") for p in again)
    edit(target, stamp(), stamp()[:6] + str(int(stamp()[6:10]) - 1) + stamp()[10:])
    rebuild("year")

    # A new paragraph with an event of another document in another province.
    event = ("Ngày 15/3/2021, Tỉnh ủy Cao Bằng tổ chức hội nghị quán triệt Nghị quyết số 26-NQ/TW ngày "
             "6/11/2024 của Bộ Chính trị.")
    files[20].write_text(files[20].read_text(encoding="utf-8") + f"\n{event}\n", encoding="utf-8")
    rebuild("event")

    # Another article reports the same event: the two become one timeline entry citing both.
    files[26].write_text(files[26].read_text(encoding="utf-8") + f"\n{event}\n", encoding="utf-8")
    rebuild("merged-event")
    export = json.loads((out / "du-lieu.json").read_text(encoding="utf-8"))
    both = {f"bai-viet/{slug_of[files[20].name]}/", f"bai-viet/{slug_of[files[26].name]}/"}
    assert any(both <= set(e["articles"]) for e in export["events"])

    # An article deleted, another added (a copy of one with its own title).
    files[30].unlink()
    copy = files[40].read_text(encoding="utf-8")
    copy_title = next(line for line in copy.splitlines() if "Nghị quyết" in line)
    (corpus / "zz_new.txt").write_text(copy.replace(copy_title, "Bài mới: " + copy_title, 1), encoding="utf-8")
    rebuild("add-delete")

    # Period pages damaged by hand are written again, and only they.
    deleted, changed = sorted(every_period & set(_tree(out)))[:2]
    (out / deleted).unlink()
    with (out / changed).open("a", encoding="utf-8") as fh:
        fh.write("\nsửa tay\n")
    assert rebuild("by-hand") == {deleted, changed}
