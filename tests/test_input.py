"""Bad and unusual input: encodings, empty and binary files, duplicates, hostile text, the CLI."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT
from nghiquyet.cli import main
from nghiquyet.pages.frontmatter import parse, validate
from nghiquyet.pipeline import convert

SAMPLE = (ROOT / "corpus" / "002_0692e5aa9f69369b.txt").read_text(encoding="utf-8")


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps base letters precomposed and writes tone marks as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


ENCODED = {
    "utf8.txt": SAMPLE.encode("utf-8"),
    "utf8-bom.txt": b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode("utf-8"),
    "utf16.txt": SAMPLE.encode("utf-16"),
    "cp1258.txt": to_cp1258(SAMPLE),
    "mojibake.txt": SAMPLE.encode("utf-8").decode("latin-1").encode("utf-8"),
    "cr-only.txt": SAMPLE.replace("\n", "\r").encode("utf-8"),
    "nul-bytes.txt": SAMPLE.replace("Bản kế hoạch", "Bản\x00 kế hoạch", 1).encode("utf-8"),
    "decomposed.txt": unicodedata.normalize("NFD", SAMPLE).encode("utf-8"),
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def _meta(out: Path) -> list[dict]:
    return [parse(p.read_text(encoding="utf-8")) for p in sorted((out / "bai-viet").glob("*.md"))
            if p.name != "index.md"]


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_every_encoding_gives_the_same_article(corpus, tmp_path, name):
    (corpus / name).write_bytes(ENCODED[name])
    report, _ = convert(corpus, tmp_path / "out")
    assert report.count("published") == 1, report.lines()
    (meta,) = _meta(tmp_path / "out")
    assert meta["title"] == "Triển khai Nghị quyết số 11-NQ/TW (khóa XIII) của Bộ Chính trị"
    assert meta["documents"] == ["11-NQ/TW-2022"]
    assert meta["provinces"] == ["Hà Giang"]
    page = next((tmp_path / "out" / "bai-viet").glob("trien-khai*.md")).read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", page) and "\x00" not in page and "\r" not in page


def test_bad_files_are_skipped_with_a_reason_and_nothing_is_lost(corpus, tmp_path):
    (corpus / "good.txt").write_text(SAMPLE, encoding="utf-8")
    (corpus / "copy of good.txt").write_text(SAMPLE.replace("\n", "\r\n"), encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_bytes(b"  \n\n \t\n")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (corpus / "menu-only.txt").write_text("Trang chủ\nĐăng nhập\nTin tức\n", encoding="utf-8")
    (corpus / "Bài viết số 2 (bản cuối).txt").write_text(SAMPLE.replace("Ngày 26/5", "Ngày 27/5"), encoding="utf-8")
    report, _ = convert(corpus, tmp_path / "out")
    status = {o.source_file: o for o in report.outcomes}
    assert report.count("published") + report.count("duplicate") + report.count("skipped") == report.files == 8
    # The same article saved twice: the first by name is published, the other merged into it.
    assert status["copy of good.txt"].status == "published"
    assert status["good.txt"].status == "duplicate"
    assert status["good.txt"].duplicate_of == "copy of good.txt"
    assert status["good.txt"].slug == status["copy of good.txt"].slug
    assert status["Bài viết số 2 (bản cuối).txt"].status == "published"
    for name, reason in [("empty.txt", "empty"), ("blank.txt", "empty"), ("binary.txt", "not text"),
                         ("image.png", "unsupported format"), ("menu-only.txt", "no article text")]:
        assert status[name].status == "skipped" and reason in status[name].reason, (name, status[name])
    # Two different articles with the same title: two pages, two URLs.
    slugs = {status["copy of good.txt"].slug, status["Bài viết số 2 (bản cuối).txt"].slug}
    assert len(slugs) == 2 and all(s.isascii() and len(s) <= 80 for s in slugs)
    data = json.loads((tmp_path / "out" / "bao-cao.json").read_text(encoding="utf-8"))
    assert data["files"] == 8 and data["skipped"] == 5 and data["duplicates"] == 1


def test_hostile_text_stays_text(corpus, tmp_path):
    hostile = SAMPLE.replace(
        "Bản kế hoạch là căn cứ",
        "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) *đậm* <b>b</b> "
        "| a | b | `code` Bản kế hoạch là căn cứ") + "\n\n---\ntitle: hacked\n---\n\n# Tiêu đề giả với đủ độ dài để là một đoạn văn bản thân bài của bài báo này.\n\n1. Mục một của danh sách được viết ra như một đoạn văn dài trong thân bài bài báo.\n"
    (corpus / "hostile.txt").write_text(hostile, encoding="utf-8")
    root = tmp_path / "project"
    from conftest import make_project
    make_project(root, corpus)
    assert main(["build", "--root", str(root)]) == 0
    (meta,) = _meta(root / "content")
    assert meta["title"].startswith("Triển khai Nghị quyết")
    html = "".join(p.read_text(encoding="utf-8") for p in (root / "site" / "bai-viet").rglob("index.html"))
    assert "<script>alert" not in html and "onerror=" not in html.replace("onerror=alert(2)&gt;", "")
    assert 'href="javascript:' not in html and "<b>b</b>" not in html and "<em>đậm</em>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<h1" not in html.split("Tiêu đề giả")[0][-200:]
    assert "1. Mục một" in html


@pytest.mark.parametrize("module", ["nghiquyet.cli", "nghiquyet"])
def test_cli_errors_are_one_line(tmp_path, module):
    for args in (["convert", "--corpus", str(tmp_path / "missing"), "--out", str(tmp_path / "o")],
                 ["build", "--root", str(tmp_path), "--corpus", str(tmp_path / "missing")]):
        result = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True)
        assert result.returncode != 0
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "corpus folder not found" in lines[0] and "missing" in lines[0]


def test_strict_fails_when_a_file_was_skipped(corpus, tmp_path):
    (corpus / "good.txt").write_text(SAMPLE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    assert main(["convert", "--corpus", str(corpus), "--out", str(tmp_path / "o")]) == 0
    assert main(["convert", "--corpus", str(corpus), "--out", str(tmp_path / "o"), "--strict"]) == 1


@pytest.mark.parametrize("command", [[], ["build"], ["convert"]])
def test_every_command_has_help(command):
    result = subprocess.run([sys.executable, "-m", "nghiquyet.cli", *command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and len(result.stdout) > 200
    assert "usage: nghiquyet" in result.stdout


def test_writer_prunes_stale_pages_and_keeps_hand_written(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "gioi-thieu.md").write_text("# hand written\n", encoding="utf-8")
    (corpus / "a.txt").write_text(SAMPLE, encoding="utf-8")
    convert(corpus, out)
    page = next((out / "bai-viet").glob("trien-khai*.md"))
    (corpus / "a.txt").unlink()
    (corpus / "b.txt").write_text(SAMPLE.replace("Triển khai Nghị quyết số 11-NQ/TW (khóa XIII)",
                                                 "Kế hoạch thực hiện Nghị quyết 11-NQ/TW (khóa XIII)"), encoding="utf-8")
    _, stats = convert(corpus, out)
    assert not page.exists() and page.relative_to(out).as_posix() in stats.removed
    assert (out / "gioi-thieu.md").read_text(encoding="utf-8") == "# hand written\n"
    _, again = convert(corpus, out)
    assert again.written == () and again.removed == ()


def test_interrupted_build_leaves_previous_output(tmp_path, monkeypatch, capsys):
    from conftest import make_project, snapshot
    import nghiquyet.output.writer as writer

    root = make_project(tmp_path / "project")
    assert main(["build", "--root", str(root)]) == 0
    assert gc.isenabled()                   # conversion pauses the cyclic collector, then resumes it
    assert gc.get_freeze_count() == 0       # and the render freezes what it found, then thaws it
    content, site = snapshot(root / "content"), snapshot(root / "site")
    (root / "corpus" / "extra.txt").write_text(SAMPLE.replace("Ngày 26/5", "Ngày 27/5"), encoding="utf-8")
    for name in sorted((root / "corpus").iterdir())[:2]:
        name.write_text(name.read_text(encoding="utf-8") + "\nThêm một đoạn văn bản mới vào cuối bài viết này để nội dung thay đổi.\n",
                        encoding="utf-8")

    calls = {"n": 0}
    real_stage = writer._stage

    def failing_stage(target, data):      # the disk fills up in the middle of writing
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device", str(target))
        return real_stage(target, data)

    monkeypatch.setattr(writer, "_stage", failing_stage)
    assert main(["build", "--root", str(root)]) == 2
    assert gc.isenabled()                   # also when the conversion step failed half-way
    assert snapshot(root / "content") == content and snapshot(root / "site") == site
    assert not list((root / "content").rglob(".tmp-*"))

    monkeypatch.setattr(writer, "_stage", real_stage)

    import mkdocs.commands.build
    real_build = mkdocs.commands.build.build

    def failing_build(cfg, **options):     # MkDocs dies half-way through rendering
        real_build(cfg, **options)
        raise KeyboardInterrupt
    monkeypatch.setattr(mkdocs.commands.build, "build", failing_build)
    # Rendering only the changed pages (over links to the old site's files), then all of them.
    for extra in ([], ["--full"]):
        assert main(["build", "--root", str(root), *extra]) == 130
        assert snapshot(root / "site") == site
        assert not [p for p in root.iterdir() if p.name.startswith(".site-")]
    monkeypatch.setattr(mkdocs.commands.build, "build", real_build)
    assert main(["build", "--root", str(root)]) == 0
    site = snapshot(root / "site")
    (root / "corpus" / "extra.txt").write_text(SAMPLE.replace("Ngày 26/5", "Ngày 28/5"), encoding="utf-8")

    seen = []
    import nghiquyet.search.shards as shards
    real_merge = shards.merge

    def failing_merge(parts, bundle, *args, **kwargs):     # the disk fills up once the index is written
        seen.append(bundle.folder)
        real_merge(parts, bundle, *args, **kwargs)
        bundle.write("index/half-written.pf_index", b"x")
        raise OSError(28, "No space left on device", str(bundle.folder))
    monkeypatch.setattr(shards, "merge", failing_merge)
    # An update renders in the site folder itself, and updates the search bundle there: what it
    # wrote is taken back.
    assert main(["build", "--root", str(root)]) == 2
    assert seen == [(root / "site").resolve() / "pagefind"]
    assert "cannot write the site: [Errno 28] No space left on device" in capsys.readouterr().err
    assert snapshot(root / "site") == site
    assert not [p for p in root.iterdir() if p.name.startswith(".site-")]
    monkeypatch.undo()
    assert main(["build", "--root", str(root)]) == 0
    assert snapshot(root / "site") != site


def test_whole_build_errors_are_one_clear_line(tmp_path):
    from conftest import make_project
    root = make_project(tmp_path / "project")
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder", encoding="utf-8")
    cases = [
        (["convert", "--corpus", str(root / "corpus"), "--out", str(blocked / "out")], "cannot create output folder"),
        (["build", "--root", str(tmp_path / "nowhere"), "--corpus", str(root / "corpus"),
          "--content", str(tmp_path / "c")], "MkDocs configuration not found"),
    ]
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + "\ntheme: [not, valid\n",
                                     encoding="utf-8")
    cases.append((["build", "--root", str(root)], "MkDocs failed"))
    for args, message in cases:
        result = subprocess.run([sys.executable, "-m", "nghiquyet.cli", *args], capture_output=True, text=True)
        last = result.stderr.strip().splitlines()[-1]     # after the per-file summary, if any
        assert result.returncode == 2, result.stderr
        assert message in last and "Traceback" not in result.stderr, result.stderr


def test_urls_stay_stable_as_the_corpus_changes(corpus, tmp_path):
    """Registered slugs survive new same-title articles, removals and renames."""
    out = tmp_path / "out"
    first = SAMPLE
    twin = SAMPLE.replace("Ngày 26/5", "Ngày 27/5")          # same title, other text
    (corpus / "b.txt").write_text(first, encoding="utf-8")
    report, _ = convert(corpus, out)
    (slug,) = [o.slug for o in report.outcomes]
    assert slug == "trien-khai-nghi-quyet-so-11-nq-tw-khoa-xiii-cua-bo-chinh-tri"
    (corpus / "a.txt").write_text(twin, encoding="utf-8")    # sorts first, same title
    report, _ = convert(corpus, out)
    slugs = {o.source_file: o.slug for o in report.outcomes}
    assert slugs["b.txt"] == slug and slugs["a.txt"] != slug and slugs["a.txt"].startswith(slug[:40])
    (corpus / "b.txt").rename(corpus / "renamed copy.txt")     # re-saved under another name
    report, _ = convert(corpus, out)
    slugs2 = {o.source_file: o.slug for o in report.outcomes}
    assert slugs2["renamed copy.txt"] == slug and slugs2["a.txt"] == slugs["a.txt"]
    assert (out / "bai-viet" / f"{slug}.md").exists()
    registry = json.loads((out / ".nghiquyet-slugs.json").read_text(encoding="utf-8"))
    assert sorted(registry.values()) == sorted({slug, slugs["a.txt"]})


def test_incremental_rebuild_converts_and_rewrites_only_what_changed(tmp_path):
    """Change one article: only it is converted again; only pages whose text changed are written."""
    import sys as _sys
    _sys.path.insert(0, str(ROOT / "tools"))
    from synth import write_corpus

    corpus, out, cache = tmp_path / "corpus", tmp_path / "out", tmp_path / "cache"
    write_corpus(corpus, 60, seed=7)
    first, stats = convert(corpus, out, cache)
    assert (first.converted, first.cached) == (60, 0)
    again, stats = convert(corpus, out, cache)
    assert (again.converted, again.cached) == (0, 60) and stats.written == ()

    target = sorted(corpus.glob("*.txt"))[10]
    text = target.read_text(encoding="utf-8")
    assert "Dự hội nghị có lãnh đạo" in text
    target.write_text(text.replace("Dự hội nghị có lãnh đạo", "Tham dự hội nghị có lãnh đạo", 1), encoding="utf-8")
    changed, stats = convert(corpus, out, cache)
    assert (changed.converted, changed.cached) == (1, 59)
    (slug,) = [o.slug for o in changed.outcomes if o.source_file == target.name]
    assert f"bai-viet/{slug}.md" in stats.written
    # Only the article's own page and the export (which carries its text) change: the edit did not
    # touch its title, date, documents, places or events, so no listing or index page shows it.
    assert set(stats.written) == {f"bai-viet/{slug}.md", "du-lieu.json"}, stats.written


@pytest.mark.parametrize("library", ["trafilatura", "ftfy", "charset-normalizer", "python-slugify", "text-unidecode"])
def test_an_upgraded_library_converts_every_article_again(tmp_path, monkeypatch, library):
    """The cache key holds the versions of the libraries that shape a converted article: after an
    upgrade (faked here) nothing comes from the cache."""
    from importlib import metadata

    from nghiquyet import fingerprint

    corpus, out, store = tmp_path / "corpus", tmp_path / "out", tmp_path / "cache"
    corpus.mkdir()
    for path in sorted((ROOT / "corpus").iterdir()):
        (corpus / path.name).write_bytes(path.read_bytes())
    first, _ = convert(corpus, out, store)
    again, _ = convert(corpus, out, store)
    assert (again.converted, again.cached) == (0, first.converted) and first.converted == 5

    real = metadata.version
    monkeypatch.setattr(fingerprint.metadata, "version", lambda name: "999.0" if name == library else real(name))
    fingerprint.code_fingerprint.cache_clear()
    try:
        upgraded, _ = convert(corpus, out, store)
    finally:
        monkeypatch.undo()
        fingerprint.code_fingerprint.cache_clear()
    assert (upgraded.converted, upgraded.cached) == (5, 0)


def test_listing_pages_are_kept_or_rebuilt_as_their_fields_change(tmp_path):
    """A body edit leaves every listing page as the last build wrote it (not even rebuilt); a new
    title rebuilds the listings that show it; a listing page deleted by hand comes back."""
    import sys as _sys
    _sys.path.insert(0, str(ROOT / "tools"))
    from synth import write_corpus
    from dataclasses import replace as _replace

    from nghiquyet.pages import build as build_module
    from nghiquyet.pages.kinds import registry

    corpus, out, cache = tmp_path / "corpus", tmp_path / "out", tmp_path / "cache"
    write_corpus(corpus, 30, seed=9)
    report, _ = convert(corpus, out, cache)
    home = (out / "index.md").read_text(encoding="utf-8")
    # An article the home page lists (its latest articles), so a new title must reach it.
    target = next(corpus / o.source_file for o in report.outcomes if o.slug and f"bai-viet/{o.slug}.md)" in home)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Dự hội nghị có lãnh đạo", "Tham dự hội nghị có lãnh đạo", 1), encoding="utf-8")
    calls = []
    kinds = registry()
    # The document pages' render, counted (the registry is what build_pages asks).
    build_module.registry = lambda: tuple(
        _replace(k, render=lambda index, subject, periods, render=k.render: calls.append(subject)
                 or render(index, subject, periods)) if k.name == "document" else k for k in kinds)
    try:
        body_edit, stats = convert(corpus, out, cache)
        assert calls == [] and body_edit.converted == 1            # listings not even rebuilt
        assert (out / "dong-thoi-gian" / "index.md").is_file() and (out / "index.md").is_file()
        lines = target.read_text(encoding="utf-8").splitlines()
        new_title = next(line for line in lines if line.strip() and len(line) > 30)     # the title line
        target.write_text(target.read_text(encoding="utf-8").replace(new_title, new_title + " (cập nhật)", 1),
                          encoding="utf-8")
        _, stats = convert(corpus, out, cache)
        assert calls and "bai-viet/index.md" in stats.written and "index.md" in stats.written
        calls.clear()
        (out / "dong-thoi-gian" / "index.md").unlink()
        _, stats = convert(corpus, out, cache)
        assert calls and "dong-thoi-gian/index.md" in stats.written and (out / "dong-thoi-gian" / "index.md").is_file()
    finally:
        build_module.registry = registry


def test_generated_pages_get_ordinary_permissions(tmp_path):
    import os
    import stat as _stat

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Tiêu đề bài viết về Nghị quyết 11-NQ/TW\n\n" + "Nội dung bài viết dài. " * 30,
                                  encoding="utf-8")
    convert(corpus, tmp_path / "out")
    mask = os.umask(0)
    os.umask(mask)
    for page in (tmp_path / "out").rglob("*.md"):
        assert _stat.S_IMODE(page.stat().st_mode) == 0o666 & ~mask, page


def test_an_edit_that_keeps_the_size_is_seen(tmp_path):
    """Unchanged files are not read again (size and time match what the cache recorded), but an
    edit that keeps the byte count is still found: its modification time differs."""
    import os
    import sys as _sys
    _sys.path.insert(0, str(ROOT / "tools"))
    from synth import write_corpus

    corpus, out, cache = tmp_path / "corpus", tmp_path / "out", tmp_path / "cache"
    write_corpus(corpus, 12, seed=5)
    old = 1_600_000_000
    for path in corpus.glob("*.txt"):
        os.utime(path, (old, old))          # long before the cache records them
    convert(corpus, out, cache)
    target = sorted(corpus.glob("*.txt"))[3]
    text = target.read_text(encoding="utf-8")
    same_size = text.replace("Dự hội nghị", "Xự hội nghị", 1)
    assert same_size != text and len(same_size.encode()) == len(text.encode())
    target.write_text(same_size, encoding="utf-8")
    os.utime(target, (old + 60, old + 60))
    again, _ = convert(corpus, out, cache)
    assert (again.converted, again.cached) == (1, 11)
    (slug,) = [o.slug for o in again.outcomes if o.source_file == target.name]
    assert "Xự hội nghị" in (out / "bai-viet" / f"{slug}.md").read_text(encoding="utf-8")


def test_parallel_conversion_gives_the_same_articles(tmp_path):
    import sys as _sys
    _sys.path.insert(0, str(ROOT / "tools"))
    from synth import write_corpus
    from nghiquyet.pipeline import convert_all
    from nghiquyet.settings import DEFAULT
    PARALLEL_FROM = DEFAULT.parallel_from

    write_corpus(tmp_path / "c", PARALLEL_FROM + 6, seed=3)
    one, _ = convert_all(tmp_path / "c", None, 1)
    two, _ = convert_all(tmp_path / "c", None, 2)
    assert [c.page for c in one] == [c.page for c in two] and len(one) == PARALLEL_FROM + 6
