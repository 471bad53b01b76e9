"""Property tests: untrusted text never breaks conversion and never becomes markup."""

from __future__ import annotations

import html
import re

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from nghiquyet.pages import frontmatter
from nghiquyet.ingest.clean import clean
from nghiquyet.errors import ArticleError
from nghiquyet.extract.article import extract
from nghiquyet.pages.markup import escape
from nghiquyet.ingest.read import read_text
from nghiquyet.records import RawDocument
from nghiquyet.text import normalise_line

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
# MkDocs adds toc, tables and fenced_code to the extensions mkdocs.yml names.
EXTENSIONS = list(dict.fromkeys(["toc", "tables", "fenced_code"] + [e if isinstance(e, str) else next(iter(e))
                                                                     for e in CONFIG["markdown_extensions"]]))
META = list("<>&*_`#[]()!|-+.\\{}:=~^$\"'/") + ["---", "===", "~~~", "```", "1. ", "# ", "> ", "    ", "<script>", "javascript:",
                                                  "title: x", "{: .x}", "![a](b)", "\n", "\n\n", "&amp;"]
TEXT = st.lists(st.one_of(st.sampled_from(META), st.text(min_size=1, max_size=12)), max_size=40).map("".join)


def _render(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


@given(st.text(max_size=200).map(normalise_line))
@settings(max_examples=300)
def test_escaped_text_renders_as_itself(text):
    """Any cleaned line (NFC, no control characters, spaces collapsed) renders as itself."""
    out = _render(escape(text))
    assert re.sub(r"</?p>", "", out).count("<") == 0     # no element other than the paragraph
    assert html.unescape(re.sub(r"</?p>", "", out)).strip() == text.strip()


LINE = TEXT.map(normalise_line)          # Markdown's marks, packed: one cleaned line


def _text_of(html_out: str, tag: str) -> str:
    """The text of the one `tag` element of rendered HTML (asserting there is nothing else)."""
    m = re.fullmatch(rf"(?s)(.*?)<{tag}(?: [^>]*)?>(.*)</{tag}>(.*)", html_out.strip())
    assert m and "<" not in m[2], html_out
    return m[2]


def test_a_code_fence_in_text_stays_text():
    """"~~~" and "```" open a fenced code block (MkDocs enables fenced_code) when a later line
    closes it: in escaped text they are text."""
    for fence in ("~~~", "```", "~~~~"):
        text = f"{fence} a\nb\n{fence}"
        out = _render(escape(text))
        assert "<pre>" not in out and "<code" not in out, out
        assert " ".join(html.unescape(re.sub(r"</?p>", " ", out)).split()) == " ".join(text.split())


@given(st.lists(LINE, max_size=6).map("\n".join))
@settings(max_examples=400, deadline=None)
def test_escaped_lines_render_as_themselves(text):
    """Text of several lines, dense with Markdown's marks at line starts and elsewhere, renders
    as paragraphs of exactly that text: no list, heading, rule, code, link or other element."""
    out = _render(escape(text))
    assert re.sub(r"</?p>", "", out).count("<") == 0, out
    assert " ".join(html.unescape(re.sub(r"</?p>", " ", out)).split()) == " ".join(text.split())


@given(LINE, LINE)
@settings(max_examples=300, deadline=None)
def test_escaped_text_stays_text_where_pages_put_it(a, b):
    """Escaped text in a list item, a heading, a table cell, and around a link (the article body
    is text, links, text): each renders as itself, and the link stays the only link."""
    assert html.unescape(_text_of(_render(f"- {escape(a)}"), "li")) == a.strip()
    if a.strip():
        assert html.unescape(_text_of(_render(f"# {escape(a)}"), "h1")) == a.strip()
    cell = _text_of(_render(f"| h |\n|---|\n| {escape(a)} |"), "td")
    assert html.unescape(cell) == a.strip()
    linked = _render(f"{escape(a)}[x](target.md){escape(b)}")
    assert linked.count("<a ") == 1 and linked.count("<") == 4, linked        # <p>, <a>, </a>, </p>
    assert html.unescape(re.sub(r"<[^>]+>", "", linked)).strip() == f"{a}x{b}".strip()
    assert "](" not in escape(a)          # listing._memo moves links by their "](" to deeper pages


@given(TEXT)
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_conversion_never_raises_and_front_matter_validates(text):
    raw = RawDocument("fuzz.txt", text.encode("utf-8"))
    try:
        article = extract(clean(read_text(raw)))
    except ArticleError as exc:
        assert exc.source_file == "fuzz.txt" and exc.reason
        return
    data = frontmatter.to_dict(article)
    frontmatter.validate(data, "fuzz.txt")
    assert frontmatter.parse(frontmatter.render(data, "fuzz.txt") + "\nbody\n") == data
    for block in article.blocks:
        rendered = _render(escape(block.text))
        assert "<script" not in rendered and "<img" not in rendered and "href=" not in rendered


@given(st.binary(max_size=400))
@settings(max_examples=200, deadline=None)
def test_random_bytes_are_read_or_refused_cleanly(data):
    try:
        source = read_text(RawDocument("bytes.bin.txt", data))
    except ArticleError as exc:
        assert exc.source_file == "bytes.bin.txt"
        return
    assert all("\x00" not in line for line in source.lines)


VIETNAMESE = st.text(alphabet="aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
                              "ĐÂƠƯNghịquyết “”‘’–—…,.:;0123456789 ", min_size=20, max_size=300)


@settings(max_examples=300, deadline=None)
@given(VIETNAMESE, st.sampled_from(["cp1252", "latin-1"]))
def test_mojibake_check_never_changes_what_ftfy_would_give(text, codec):
    """read.decode runs ftfy only on text with a lead-byte/continuation-byte pair: for UTF-8
    read once as Windows-1252 or Latin-1 the result is the same as running ftfy always, clean
    text keeps what ftfy would give or stays as it is, and the garbled text comes back as the
    original whenever ftfy can repair it."""
    import re as _re

    import ftfy

    from nghiquyet.ingest import read

    original = text.strip()
    if sum(map(str.isalpha, original)) < 0.25 * len(original):
        return                                       # not enough letters to count as text
    try:
        garbled = original.encode("utf-8").decode(codec)
    except UnicodeDecodeError:
        return                                       # bytes Windows-1252 leaves undefined
    def outcome(t: str) -> str:
        try:
            return read.decode(RawDocument("a.txt", t.encode("utf-8")))
        except ArticleError as exc:
            return f"error: {exc.reason}"

    checked = [outcome(t) for t in (original, garbled)]
    saved, read._MOJIBAKE_PAIR = read._MOJIBAKE_PAIR, _re.compile("")
    try:
        always = [outcome(t) for t in (original, garbled)]
    finally:
        read._MOJIBAKE_PAIR = saved
    # Clean text: ftfy's result, or the text untouched where ftfy itself would garble it
    # (it reads "ă”‘" as mojibake: found by this test). Garbled text: always ftfy's result.
    assert checked[0] in (always[0], read.nfc(original))
    assert checked[1] == always[1]
    if ftfy.fix_encoding(garbled) == original:
        assert checked[1] == read.nfc(original)
