"""Stage 2, clean: decoded lines -> lines with a role each, the title and the body blocks.

The page is read as three zones: a head (chrome, title, stamps, bylines) before the first
body paragraph, the body (paragraphs with captions between them), and a tail after the last
paragraph (captions, then a byline or source line, then site chrome). A line's role comes from
its zone and general signals (length, end punctuation, capitalisation, lexical cues in
vocabulary.yaml), never from a list of known lines.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .. import records as R
from .dates import STAMP_PART, is_stamp
from .heading import find_heading, join_cut_dates
from .lines import (MENU_WORDS, NUMBERED_HEADING, WRAP_MAX, _PAGINATION, _TERMINAL, _byline_prefixed,
                    _is_related_marker, _is_source, _weak_caption_cue, byline_author, ends_with_credit, goes_on, has_caption_cue, is_chrome, is_credit,
                    is_menu_row, is_paragraph, name_before_weekday)

from ..errors import ArticleError, debug, describe
from ..records import Block, Cleaned, Line, SourceText
from ..text import match_key, normalise_line, word_count

# A dateline opening the first paragraph: "(Chinhphu.vn) - ", "Hà Nội (TTXVN) - ", "(ABO) ",
# "LCĐT - ", "VOV.VN - ", "BR-VT - ": the outlet's tag, in parentheses or in capitals before a dash.
_DATELINE = re.compile(r"^(?:(?:[A-ZĐÀ-Ỹ][\w.]*(?:\s+[A-ZĐÀ-Ỹ][\w.]*){0,3}(?:\s*,\s*\d{1,2}/\d{1,2}(?:/\d{4})?)?\s+)?"
                       r"\((?P<src>[^()]{2,40})\)\s*[-–—:]?\s*"
                       r"|(?P<tag>[A-ZĐ][\w]*(?:[.\-][\w]+)*)\s+[-–—]\s+)(?=\S)")
# "(LĐ online) - Ngày 20/11, …": an outlet's tag in brackets opens a lead, never a headline.
_BRACKETED_DATELINE = re.compile(r"^\([^()]{2,40}\)\s*[-–—]\s*\S")
_FOOTNOTE = re.compile(r"^\(?\*+\)?\s")
# The headline again as an image's alt text, numbered: "<headline> ảnh 1", "<headline> -0".
_IMAGE_NUMBER = re.compile(r"(?:\s+(?:ảnh|hình|photo)\s*\d{1,2}|\s*-\s*\d{1,2})$")
TITLE_MAX_WORDS = 30        # a line longer than this is never a headline
GUESSED_TITLE_WORDS = 16    # a title guessed from a paragraph keeps this many words


def _join_soft_wraps(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines of one paragraph.

    In a hard-wrapped file (no line longer than WRAP_MAX and several runs of long lines),
    a line that reaches most of the wrap width continues on the next line. Elsewhere only a
    line with no end punctuation followed by a line starting in lower case is joined."""
    width = max((len(x) for x in lines), default=0)
    wrapped = 40 <= width <= WRAP_MAX and sum(
        1 for a, b in zip(lines, lines[1:]) if len(a) >= 0.6 * width and b) >= 3
    out: list[str] = []
    joinable = False
    for line in lines:
        if out and out[-1] and line and (
                (wrapped and joinable and not _new_block(out[-1], line))
                or (line[0].islower() and word_count(out[-1]) >= 8 and not _TERMINAL.search(out[-1]))):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joinable = bool(line) and len(line) >= 0.6 * width
    return out


def _new_block(previous: str, line: str) -> bool:
    """In a hard-wrapped file, a line in capitals after text (or text after capitals: a
    document's kind and subject, "NGHỊ QUYẾT") or a numbered heading ("I- Tình hình …", "1- …")
    starts a block of its own."""
    return previous.isupper() != line.isupper() or bool(NUMBERED_HEADING.match(line))


def clean(source: SourceText) -> Cleaned:
    """Give every line a role and build the body blocks. Nothing readable is lost: when the
    rules find no title, one is guessed (and noted); when they fail, the text is kept as
    paragraphs under a guessed title. Only a file with no readable line is refused."""
    lines = join_cut_dates([_unlabelled_title(x) for x in _join_soft_wraps([normalise_line(x) for x in source.lines])])
    if not any(_readable(x) for x in lines):
        raise ArticleError(source.source_file, "no readable text")
    try:
        return _clean(source, lines)
    except ArticleError:
        raise
    except Exception as exc:  # noqa: BLE001 - the article is kept, its structure is lost
        if debug():
            raise
        return _fallback(source, lines, f"cleaning failed, text kept as paragraphs ({describe(exc)})")


_TITLE_LABEL = re.compile(r"^(?:chủ đề|tiêu đề|tên bài|title|topic)\s*:\s*(?P<rest>[^,;#|]+)$", re.I)


def _unlabelled_title(line: str) -> str:
    """"Chủ đề: Từ Nghị quyết 21 đến Nghị quyết 13 …" (a forum thread's or a dump's title line):
    the title without its label. A tag row ("Chủ đề: Nghị quyết 11, Kinh tế") is left as it is."""
    m = _TITLE_LABEL.match(line)
    return m["rest"].strip() if m and word_count(m["rest"]) >= 6 else line


def _readable(line: str) -> bool:
    return sum(ch.isalpha() for ch in line) >= 3


def _clean(source: SourceText, lines: list[str]) -> Cleaned:
    roles = [R.BLANK if not x else None for x in lines]
    notes: list[str] = []
    heading = find_heading(lines)
    if heading:         # a formal document's own text: its kind and subject are the headline
        lines = list(lines)
        lines[heading.at] = heading.title
        for i in range(heading.at + 1, heading.end):
            if roles[i] is None:
                roles[i] = R.CHROME
        title_at = heading.at
    else:
        title_at = _find_title(lines, roles, source.title_hint)
    if title_at is None:
        return _fallback(source, lines, "title guessed")
    paragraphs = [i for i in range(title_at + 1, len(lines)) if roles[i] is None and is_paragraph(lines[i])
                  and not is_chrome(lines[i]) and not is_credit(lines[i]) and not ends_with_credit(lines[i])]
    if not paragraphs:
        # A short article: every readable line after the title that is no chrome or stamp.
        paragraphs = [i for i in range(title_at + 1, len(lines)) if roles[i] is None and _readable(lines[i])
                      and word_count(lines[i]) > MENU_WORDS and not is_chrome(lines[i])
                      and not is_stamp(lines[i])]
        if not paragraphs:
            return _fallback(source, lines, "title guessed")
        notes.append("short article: every line after the title kept as body")
    first, last = paragraphs[0], paragraphs[-1]

    for i in range(title_at):
        if roles[i] is None:
            roles[i] = R.STAMP if is_stamp(lines[i]) else R.CHROME
    roles[title_at] = R.TITLE
    _head(lines, roles, title_at + 1, first, cache(lambda: set(_words(" ".join(lines[i] for i in paragraphs)))))
    _body(lines, roles, first, last)
    for i in paragraphs:
        roles[i] = R.BODY
    _tail(lines, roles, last + 1)
    return replace(_assemble(source, lines, roles, title_at), notes=tuple(notes), formal=heading is not None,
                   number=heading.number if heading else None, issued=heading.date if heading else None)


def guess_title(line: str) -> str:
    """A headline made from a line of text: its first sentence, cut to a few words."""
    sentence = re.split(r"(?<=[.!?…])\s+", line, maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= GUESSED_TITLE_WORDS:
        return sentence
    return " ".join(words[:GUESSED_TITLE_WORDS]).rstrip(",;:-–") + " …"


def _fallback(source: SourceText, lines: list[str], note: str) -> Cleaned:
    """The page when the rules found no structure: the first readable line that is no chrome or
    stamp gives the title; the other such lines are paragraphs. A line too long to be a headline
    stays in the body under its shortened form. A file of nothing but chrome is no article."""
    readable = [i for i, x in enumerate(lines) if _readable(x)]
    keep = [i for i in readable if not _quiet(lambda: is_chrome(lines[i]) or is_stamp(lines[i]))]
    if not keep:
        raise ArticleError(source.source_file, "no article text found (only menus, stamps and other page chrome)")
    # Lines that end with a photo credit are captions: never the title, nor paragraphs.
    captions = {i for i in keep if ends_with_credit(lines[i])}
    # Nor is a line that goes on in the next ("Kính thưa các đồng chí …,") a headline.
    title_at = next((i for i in keep if i not in captions and not goes_on(lines[i])), keep[0])
    # A headline's length, ending with no full stop, and more text after it: the headline whole.
    whole = word_count(lines[title_at]) <= TITLE_MAX_WORDS and not _TERMINAL.search(lines[title_at]) and len(keep) > 1
    title = lines[title_at] if whole else guess_title(lines[title_at])
    body = [i for i in keep if i != title_at or title != lines[title_at]] or [title_at]
    roles = [R.CAPTION if i in body and i in captions and i != title_at else R.BODY if i in body
             else R.TITLE if i == title_at else R.BLANK if not x else R.CHROME for i, x in enumerate(lines)]
    stamps = tuple(x for i, x in enumerate(lines) if i not in body and _quiet(lambda: is_stamp(x)))
    blocks = [Block("caption" if roles[i] == R.CAPTION else "paragraph", lines[i]) for i in body]
    first = next((n for n, b in enumerate(blocks) if b.kind == "paragraph"), None)
    credited = None
    if first is not None:   # "(LĐ online) - Ngày 20/11, …": the tag is no text
        credited, text = _dateline(blocks[first].text)
        blocks[first] = Block("paragraph", text)
    return Cleaned(source_file=source.source_file, lines=tuple(Line(x, r) for x, r in zip(lines, roles)),
                   title=title, blocks=tuple(blocks), stamps=stamps,
                   bylines=_quiet(lambda: _stamp_bylines(stamps), ()),
                   sources=(credited,) if credited else (), hints=source, notes=(note,))


def _dateline(line: str) -> tuple[str | None, str]:
    """The outlet a first paragraph's dateline credits ("(Chinhphu.vn) - …"; none for a tag in
    capitals, "LCĐT - …"), and the paragraph without the dateline."""
    m = _DATELINE.match(line)
    if not m or not (m["src"] or 2 <= len(m["tag"]) <= 15) or len(line) <= m.end():
        return None, line
    return (m["src"].strip() if m["src"] else None), line[m.end():]


def _quiet(test, default=False):
    """A rule's answer, or `default` when the rule itself fails (the fallback must not)."""
    try:
        return test()
    except Exception:  # noqa: BLE001
        return default


def _find_title(lines, roles, hint) -> int | None:
    """The title: among the lines before the first body paragraph that ends a sentence, the one
    the page metadata names (or that the metadata title contains, "Title - Site name"), else the
    longest that is not chrome, a stamp, a byline or a caption."""
    first_body = next((i for i, x in enumerate(lines) if roles[i] is None and is_paragraph(x)
                       and _TERMINAL.search(x) and not is_chrome(x)), len(lines))
    candidates = [i for i in range(first_body) if roles[i] is None and not is_chrome(lines[i])
                  and not is_menu_row(lines[i])
                  and not is_stamp(lines[i]) and word_count(lines[i]) >= 3
                  and byline_author(lines[i]) is None and not has_caption_cue(lines[i])
                  and not _BRACKETED_DATELINE.match(lines[i]) and not lines[i].rstrip().endswith(",")]
    if hint:
        hint_key = match_key(hint)
        for i in candidates:
            if match_key(lines[i]) == hint_key:
                return i
        inside = [i for i in candidates if word_count(lines[i]) >= 4 and match_key(lines[i]) in hint_key]
        if inside:
            return max(inside, key=lambda i: len(lines[i]))
    if not candidates:
        # The headline itself reads as a sentence ("Vì sao …?", "Hỏi - đáp: …"): the first body
        # line is the title when it is short enough and more text follows it.
        later = [i for i in range(first_body + 1, len(lines)) if roles[i] is None and _readable(lines[i])]
        # A lead paragraph ends with a full stop: it is never taken for the title.
        if (first_body < len(lines) and later and word_count(lines[first_body]) <= TITLE_MAX_WORDS
                and not lines[first_body].endswith(".")):
            return first_body
        return None
    # The longest, among those whose words the text mostly uses again: a sidebar's or a
    # "most read" box's headline above the article's own ("Tài xế … tại Hà Nội" over a page on
    # Tây Nguyên) shares few words with the text.
    if len(candidates) == 1:
        return candidates[0]
    text_words = set(_words(" ".join(lines[first_body:])))
    on_topic = [i for i in candidates if _shared(lines[i], text_words) >= ON_TOPIC]
    return max(on_topic or candidates, key=lambda i: (len(_words(lines[i])), -i))


ON_TOPIC = 0.5      # the share of a headline's words its text uses again


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.casefold())


def _shared(line: str, text_words: set[str]) -> float:
    words = _words(line)
    return sum(w in text_words for w in words) / len(words) if words else 0.0


def _head(lines, roles, start, end, text_words=None) -> None:
    """Roles of the lines between the title and the first paragraph. A line that would be a
    caption but shares few words with the text is a sidebar's headline ("Tài xế … tại Hà Nội"
    under a page on Tây Nguyên). `text_words()` gives the text's words (computed when first asked)."""
    for i in range(start, end):
        if roles[i] is not None:
            continue
        line = lines[i]
        if is_stamp(line):
            roles[i] = R.STAMP
        elif is_chrome(line) or _FOOTNOTE.match(line) or is_menu_row(line):
            roles[i] = R.CHROME      # "* Học viện Chính trị khu vực III": the author's affiliation
        elif _is_source(line):
            roles[i] = R.SOURCE
        elif _byline_prefixed(line) and byline_author(line):
            roles[i] = R.BYLINE
        elif has_caption_cue(line):
            roles[i] = R.CAPTION
        elif byline_author(line):
            roles[i] = R.BYLINE
        elif word_count(line) <= MENU_WORDS:
            roles[i] = R.CHROME
        elif _TERMINAL.search(line) or goes_on(line):
            roles[i] = R.BODY      # a short lead paragraph, a salutation ("Thưa các đồng chí,")
        elif text_words and text_words() and _shared(line, text_words()) < OFF_TOPIC:
            roles[i] = R.CHROME
        else:
            roles[i] = R.CAPTION


OFF_TOPIC = 0.3     # below this share of its words in the text, a line in the head is a sidebar's


def _body(lines, roles, start, end) -> None:
    in_related = False
    for i in range(start, end + 1):
        if roles[i] is not None:
            continue
        line = lines[i]
        if ends_with_credit(line):          # "… Đông Nam Bộ (Ảnh: T.N.).": long, but a photo's caption
            roles[i] = R.CAPTION
        elif is_paragraph(line) and not is_chrome(line):
            roles[i] = R.BODY
            in_related = False
        elif _is_related_marker(line):
            roles[i] = R.CHROME
            in_related = True
        elif in_related or is_chrome(line) or _PAGINATION.match(line):
            roles[i] = R.CHROME
        elif is_stamp(line):
            roles[i] = R.STAMP
        elif has_caption_cue(line):
            roles[i] = R.CAPTION
        elif _TERMINAL.search(line) and not _weak_caption_cue(line) or goes_on(line):
            roles[i] = R.BODY
        else:
            roles[i] = R.CAPTION


def _tail(lines, roles, start) -> None:
    byline_seen = False
    for i in range(start, len(lines)):
        if roles[i] is not None:
            continue
        line = lines[i]
        if is_stamp(line):
            roles[i] = R.STAMP
        elif is_chrome(line) or _is_related_marker(line):
            roles[i] = R.CHROME
            if _is_related_marker(line):
                byline_seen = True   # what follows a related-news marker is a list of links
        elif _is_source(line):
            roles[i] = R.SOURCE
        elif byline_seen:
            roles[i] = R.CHROME
        elif _byline_prefixed(line) and byline_author(line):
            roles[i] = R.BYLINE     # "Tin, ảnh: Văn Lợi" names the author, though it says "ảnh"
            byline_seen = True
        elif has_caption_cue(line):
            roles[i] = R.CAPTION
        elif byline_author(line):
            roles[i] = R.BYLINE
            byline_seen = True
        elif _weak_caption_cue(line):
            roles[i] = R.CAPTION
        elif word_count(line) <= MENU_WORDS:
            roles[i] = R.CHROME
        else:
            roles[i] = R.CAPTION


def _stamp_bylines(stamps) -> tuple[str, ...]:
    """"08/04/2023 10:20 | Tác giả: Minh Tâm": a stamp line may carry the byline too."""
    parts = [p for line in stamps for p in STAMP_PART.split(line)]
    return tuple(p for p in parts if not is_stamp(p) and byline_author(p)) + tuple(filter(None, map(name_before_weekday, parts)))


# A date in brackets after a headline ("… các tỉnh Tây Nguyên (10/1/2023)"): the page's stamp.
_TITLE_DATE = re.compile(r"\s*\(\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\s*\)$"
                         # "… tỉnh Vĩnh Long 03/10/2025 10:24": the page's stamp glued to the headline
                         r"|\s+\d{1,2}/\d{1,2}/\d{4}(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
# "[Photo] …", "(Video) …": a media label before a headline is no part of it; nor "null …", a template's empty value.
_MEDIA_LABEL = re.compile(r"^[\[(]\s*(?:photo|ảnh|video|clip|infographics?|inforgraphics?|emagazine|e-magazine|"
                          r"longform|podcast|audio|trực tiếp|live)\s*[\])]\s*|^(?-i:null|undefined)\s+(?=(?-i:[A-ZĐÀ-Ỹ]))", re.I)


def _same_as_title(line: str, title_key: str) -> bool:
    key = match_key(line)
    return key.startswith(title_key) and _IMAGE_NUMBER.sub("", key) == title_key


def _assemble(source, lines, roles, title_at) -> Cleaned:
    title = _MEDIA_LABEL.sub("", _TITLE_DATE.sub("", lines[title_at])) or lines[title_at]
    title_key = match_key(title)
    blocks: list[Block] = []
    seen_captions: set[str] = set()
    sources: list[str] = []
    for i, (line, role) in enumerate(zip(lines, roles)):
        if i > title_at and role in (R.BODY, R.CAPTION) and _same_as_title(line, title_key):
            roles[i] = R.CHROME
            continue
        if role == R.BODY:
            if not blocks:
                credited, line = _dateline(line)
                if credited:
                    sources.append(credited)
            if match_key(line) == title_key or (blocks and blocks[-1] == Block("paragraph", line)):
                roles[i] = R.CHROME
                continue
            blocks.append(Block("paragraph", line))
        elif role == R.CAPTION:
            key = match_key(line)
            if key in seen_captions:
                continue
            seen_captions.add(key)
            blocks.append(Block("caption", line))
        elif role == R.SOURCE:
            sources.append(line)
    return Cleaned(
        source_file=source.source_file,
        lines=tuple(Line(x, r) for x, r in zip(lines, roles)),
        title=title,
        blocks=tuple(blocks),
        stamps=tuple(x for x, r in zip(lines, roles) if r == R.STAMP),
        bylines=tuple(x for x, r in zip(lines, roles) if r == R.BYLINE)
        + _stamp_bylines(x for x, r in zip(lines, roles) if r == R.STAMP),
        sources=tuple(sources),
        hints=source,
    )
