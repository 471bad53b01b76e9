"""Stage 3, extract: a cleaned page -> an `Article` with every field of the front matter."""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import replace
import re
from collections import Counter
from functools import lru_cache
from typing import Optional


from . import documents as D
from ..ingest.clean import byline_author
from ..ingest.dates import DateMatch, find_dates, is_running_date, labelled_stamp, stamp_date, stamp_day_month
from ..errors import debug, describe
from .actors import central_actors
from .events import anchors, carried_out, classify, find_events, summarise
from .people import find_organisations, find_people
from .places import find_places, find_regions
from ..records import BODY, CHROME, STAMP, TITLE, Article, Cleaned, Event
from ..text import match_key, slugify, web_address
from ..vocabulary import catalogue, vocabulary
from .site import SOURCE_PREFIX as _SOURCE_PREFIX, host_of, site_of

SLUG_CHARS = 80
DESCRIPTION_CHARS = 200


class _Guard:
    """Runs each field's rule; a rule that raises costs that field (its empty value) and a note,
    never the article (with --debug it raises)."""

    def __init__(self):
        self.notes: list[str] = []

    def __call__(self, name: str, rule, empty):
        try:
            return rule()
        except Exception as exc:  # noqa: BLE001 - one field lost, the article kept
            if debug():
                raise
            self.notes.append(f"{name}: {describe(exc)}")
            return empty


def extract(cleaned: Cleaned) -> Article:
    guard = _Guard()
    paragraphs = [b.text for b in cleaned.blocks if b.kind == "paragraph"]
    captions = [b.text for b in cleaned.blocks if b.kind == "caption"]
    texts = [cleaned.title] + paragraphs + captions
    published, date_inferred = guard("date", lambda: _published(cleaned, paragraphs), (None, False))
    context_year = int(published[:4]) if published else guard("date", lambda: _context_year(cleaned, texts), None)

    mentions = guard("documents", lambda: D.find_mentions(texts, context_year, published), [])
    refs = guard("documents", lambda: D.documents_of(mentions), [])
    own, formal = guard("events", lambda: _formal_event(cleaned, published, mentions), (None, None))
    if own and own.id not in {r.id for r in refs}:
        refs.insert(0, own)
    doc_ids = [r.id for r in refs]
    counts = Counter(D.mention_id(m) for m in mentions)
    primary = counts.most_common(1)[0][0] if counts else None

    by_block: dict[int, list] = {}
    for m in mentions:
        if 1 <= m.block <= len(paragraphs):
            by_block.setdefault(m.block - 1, []).append(m)
    known_dates = [r.date for r in refs if r.date]
    facts = guard("events", lambda: anchors(texts, known_dates), [])
    if not published:
        facts += guard("events", lambda: _elapsed_facts(texts), [])
    until = published or guard("date", lambda: _month_of(cleaned), None)
    events = guard("events", lambda: find_events(paragraphs, by_block, primary, until, facts), [])
    if formal and not any((e.date, e.kind, e.document) == (formal.date, formal.kind, formal.document) for e in events):
        events = sorted(events + [formal])

    on = published or guard("date", lambda: _reference_date(events, facts), None)
    provinces, places, province_spans_by_text = guard(
        "provinces", lambda: find_places(texts, on), ([], [], [[] for _ in texts]))
    regions = guard("regions", lambda: find_regions(texts), [])
    for ref in refs:
        for rid in catalogue().get(ref.id, {}).get("regions", []):
            if rid not in regions:
                regions.append(rid)
    links = guard("links", lambda: _links(cleaned, mentions, province_spans_by_text, len(paragraphs)), ())
    digest = hashlib.sha256("\n".join([cleaned.title] + [f"{b.kind}:{b.text}" for b in cleaned.blocks])
                            .encode("utf-8")).hexdigest()
    return Article(
        source_file=cleaned.source_file,
        slug=slugify(cleaned.title, max_length=SLUG_CHARS, word_boundary=True, save_order=True) or digest[:12],
        digest=digest,
        title=cleaned.title,
        date=published,
        date_inferred=date_inferred and published is not None,
        blocks=cleaned.blocks,
        author=guard("author", lambda: _author(cleaned), None),
        source=guard("source", lambda: _source(cleaned), None),
        url=cleaned.hints.url_hint if cleaned.hints else None,
        site=guard("site", lambda: site_of(cleaned, None), None),
        description=_description(paragraphs),
        documents=tuple(doc_ids),
        regions=tuple(regions),
        provinces=tuple(provinces),
        places=tuple(places),
        events=tuple(events),
        people=tuple(guard("people", lambda: find_people(texts), [])),
        organisations=tuple(guard("organisations", lambda: find_organisations(texts), [])),
        congress_resolutions=tuple(guard("documents", lambda: D.congress_resolutions(texts), [])),
        links=links,
        document_refs=tuple(refs),
        notes=cleaned.notes + tuple(f"{n} (field lost)" for n in guard.notes),
    )


def _links(cleaned: Cleaned, mentions, province_spans_by_text, n_paragraphs) -> tuple:
    """Spans of each body block that name a document or a province, without overlaps.
    Mention block numbers count [title] + paragraphs + captions; map them to body blocks."""
    order = {"paragraph": 1, "caption": 1 + n_paragraphs}
    seen = {"paragraph": 0, "caption": 0}
    text_index = []
    for block in cleaned.blocks:
        text_index.append(order[block.kind] + seen[block.kind])
        seen[block.kind] += 1
    by_text: dict[int, list] = {}
    for m in mentions:
        by_text.setdefault(m.block, []).append(m)
    out = []
    for b, block in enumerate(cleaned.blocks):
        spans = [(m.start, m.end, "document", D.mention_id(m)) for m in by_text.get(text_index[b], [])]
        spans += [(s, e, "province", name) for s, e, name in province_spans_by_text[text_index[b]]]
        end = -1
        for s, e, kind, target in sorted(spans):
            if s >= end:
                out.append((b, s, e, kind, target))
                end = e
    return tuple(out)


def _published(cleaned: Cleaned, paragraphs: list[str]) -> tuple[Optional[str], bool]:
    """The publication date and whether its year was inferred: a stamp with a year, else the
    page's metadata, else a stamp without a year ("Cập nhật: 15:42 - 06/07") in the latest year
    the article's dates allow (not after any of them by more than the stamp's own month).
    Stamps between the headline and the text come first: one above the headline may be the
    site's clock ("Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27", the day the page was saved)."""
    if cleaned.formal and cleaned.issued:
        return cleaned.issued, False    # a document's own text: the date it was issued on
    stamps = _stamps_in_order(cleaned)
    for line in stamps:
        iso = stamp_date(line)
        if iso:
            return iso, False
    for line in stamps:
        iso = labelled_stamp(line)
        if iso:
            return iso, False
    hint = cleaned.hints.date_hint if cleaned.hints else None
    if hint and re.fullmatch(r"\d{4}-\d{2}-\d{2}", hint[:10]):
        return hint[:10], False
    for line in cleaned.stamps:
        day_month = stamp_day_month(line)
        if day_month:
            return _in_its_year(cleaned, paragraphs, day_month), True
    return _today(cleaned, paragraphs)


def _in_its_year(cleaned: Cleaned, paragraphs: list[str], day_month: tuple[int, int]) -> Optional[str]:
    """A day and month without a year, in the year the article's dates allow (_with_year), else
    in the article's year (_context_year)."""
    iso = _with_year(day_month, paragraphs)
    if iso:
        return iso
    year = _context_year(cleaned, [cleaned.title] + paragraphs)
    return f"{year:04d}-{day_month[0]:02d}-{day_month[1]:02d}" if year else None


def _today(cleaned: Cleaned, paragraphs: list[str]) -> tuple[Optional[str], bool]:
    """A lead that names its own day ("Hôm nay (27/8), tại …") when the page prints no stamp:
    that day, in the year it gives, else in the year the article's dates allow (inferred)."""
    for text in paragraphs[:2]:
        m = _TODAY().search(text)
        if not m:
            continue
        day, month = int(m["d"]), int(m["m"])
        if m["y"]:
            found = [d for d in find_dates(m.group(0)) if d.precision == "day"]
            if found:
                return f"{found[0].year:04d}-{found[0].month:02d}-{found[0].day:02d}", False
        if 1 <= day <= 31 and 1 <= month <= 12:
            iso = _in_its_year(cleaned, paragraphs, (month, day))
            if iso:
                return iso, True
    return None, False


@lru_cache(maxsize=None)
def _TODAY() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(vocabulary()["today_words"], key=len, reverse=True))
    return re.compile(rf"(?i)\b(?:{words})\s*(?:\(|,)\s*(?:(?:thứ\s+\w+|chủ nhật)\s*,?\s*)?(?:ngày\s*)?"
                      r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?\b")


def _context_year(cleaned: Cleaned, texts: list[str]) -> Optional[int]:
    """The article's year when it prints no date: the year a dump record gives ("date 2023-09"),
    else the later of its latest full date and the years it says have passed since a document it
    cites ("gần 18 năm triển khai Nghị quyết 39" of 2004 -> 2022)."""
    hint = cleaned.hints.date_hint if cleaned.hints else None
    if hint and re.match(r"\d{4}-\d{2}", hint):
        return int(hint[:4])
    latest = _latest_year(texts[1:])
    elapsed = _elapsed_year(texts)
    return max(latest or 0, elapsed or 0) or None


@lru_cache(maxsize=None)
def _ELAPSED() -> re.Pattern:
    verbs = "|".join(re.escape(w) for w in sorted(vocabulary()["elapsed_verbs"], key=len, reverse=True))
    # (the period the years span may stand between: "Sau 17 năm (2004-2020) thực hiện Nghị quyết 37")
    return re.compile(rf"(?i)\b(?P<n>\d{{1,2}})\s+năm\s+(?:\(\s*(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\s*\)\s*)?"
                      rf"(?P<verb>(?:\w+\s+){{0,3}}?(?:{verbs})\b)?")


def _elapsed_year(texts: list[str]) -> Optional[int]:
    years = [d.year for d in _elapsed_facts(texts)]
    return max(years) if years else None


def _elapsed_facts(texts: list[str]) -> list[DateMatch]:
    """The years an article says have passed since a document it cites ("tổng kết 15 năm thực
    hiện Nghị quyết số 45-NQ/TW về … Cần Thơ": 2005 + 15), as facts of that year. Only documents
    whose year the text fixes (a date, a term, the subject named after it) count."""
    if not any(_ELAPSED().search(text) for text in texts):
        return []
    mentions = [m for m in D.find_mentions(texts) if m.year_source in ("stated", "term", "article", "subject")]
    out = []
    for b, text in enumerate(texts):
        for m in _ELAPSED().finditer(text):
            # "gần 18 năm triển khai Nghị quyết 39", or the document right after the years
            # ("tổng kết 10 năm Nghị quyết 26"; not "5 năm tới, Nghị quyết …").
            reach = 24 if m["verb"] else 0
            cited = [x for x in mentions if x.block == b and m.end() <= x.start <= m.end() + reach]
            if cited and 0 < int(m["n"]) < 60:
                out.append(DateMatch(m.start(), m.end(), cited[0].year + int(m["n"]), 1, None, "year"))
    return out


def _month_of(cleaned: Cleaned) -> Optional[str]:
    """The last day of the month a dump record dates the article in ("date 2022-07"), the
    latest day its day-and-month dates can fall on."""
    hint = cleaned.hints.date_hint if cleaned.hints else None
    if not (hint and re.fullmatch(r"\d{4}-\d{2}", hint[:7]) and 1 <= int(hint[5:7]) <= 12):
        return None
    year, month = int(hint[:4]), int(hint[5:7])
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _stamps_in_order(cleaned: Cleaned) -> list[str]:
    """The page's stamps: those between the headline and the text first, then the others; not
    a portal's running date above the headline (dates.is_running_date)."""
    roles = [line.role for line in cleaned.lines]
    title_at = roles.index(TITLE) if TITLE in roles else -1
    body_at = roles.index(BODY, title_at + 1) if BODY in roles[title_at + 1:] else len(roles)
    below = [line.text for line in cleaned.lines[title_at + 1:body_at] if line.role == STAMP]
    top = title_at if title_at >= 0 else (roles.index(BODY) if BODY in roles else 0)    # (a guessed title: the text)
    running = {line.text for line in cleaned.lines[:top] if is_running_date(line.text)}
    return below + [x for x in cleaned.stamps if x not in below and x not in running]


def _with_year(day_month: tuple[int, int], paragraphs: list[str]) -> Optional[str]:
    """A page stamp's day and month in the year of the article's latest dated fact, or the next
    year when that fact falls after the stamp's day in its own year (a page is not published
    before what it reports)."""
    dated = [d for text in paragraphs for d in find_dates(text, dated_only=True) if d.precision == "day"]
    if not dated:
        return None
    month, day = day_month
    latest = max((d.year, d.month, d.day) for d in dated)
    year = latest[0] + (1 if (month, day) < latest[1:] else 0)
    return f"{year:04d}-{month:02d}-{day:02d}"


def _latest_year(paragraphs: list[str]) -> Optional[int]:
    years = [d.year for text in paragraphs for d in find_dates(text, dated_only=True) if d.precision == "day"]
    return max(years) if years else None


def _formal_event(cleaned: Cleaned, published: Optional[str], mentions) -> tuple:
    """A page that is a formal document's own text (ingest/heading.py) reports its issuance on
    the date it prints: a Party document's own ("Số: 27-KL/TW"), else what its headline says it
    does with the Party document it names ("QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH TRIỂN KHAI THỰC HIỆN KẾT
    LUẬN SỐ 27-KL/TW …": a Government plan carrying it out). The document's reference when the
    page is a Party document, and the event."""
    if not (cleaned.formal and published):
        return None, None
    year, month, day = published.split("-")
    # The title names the issuer after the kind ("KẾT LUẬN CỦA BỘ CHÍNH TRỊ …"), else the lines
    # around it do (a Party document's letterhead names the Central Committee whoever issued it).
    by = re.match(r"^(?:\S+\s+){1,3}?của\s+(?P<issuer>.{1,40})", match_key(cleaned.title))
    actor = (_issuer(by["issuer"]) if by else None) or \
        _issuer(" ".join(line.text for line in cleaned.lines if line.role == CHROME))
    summary = summarise(cleaned.title)
    if cleaned.number:
        own = D.find_mentions([f"{cleaned.number} ngày {int(day)}/{int(month)}/{year}"])
        if own:
            ref = D.documents_of(own)[0]
            return ref, Event(published, "issued", ref.id, summary, False, actor, None)
    kind = classify(cleaned.title)
    named = [m for m in mentions if m.block == 0]
    if kind and named:
        return None, Event(published, carried_out(kind, cleaned.title, actor), D.mention_id(named[0]), summary,
                           False, actor, None)
    return None, None


def _issuer(text: str) -> Optional[str]:
    """The central body a text names first, in capitals or not ("THỦ TƯỚNG CHÍNH PHỦ")."""
    key = match_key(text)
    found = [(key.find(k), name) for k, name in central_actors().items() if k in key]
    return min(found)[1] if found else None


def _reference_date(events, facts) -> Optional[str]:
    """The article's own time when it prints no date: its latest event, else its latest fact."""
    if events:
        return max(e.date for e in events)
    dated = [f for f in facts if f.year and f.day]
    if dated:
        latest = max(dated, key=lambda f: (f.year, f.month, f.day))
        return f"{latest.year:04d}-{latest.month:02d}-{latest.day:02d}"
    return None


_AFFILIATION = re.compile(r"\s*\((?P<unit>[^()]{3,60})\)\s*$")
# Academic and professional titles before an author's name ("PGS.TS.", "ThS.", "PGS, TS"):
# the titles are vocabulary (vocabulary.yaml `academic_titles`).
_ACADEMIC = re.compile(r"^(?:(?:%s)\s*[.,]?\s*)+(?=[^\W\d_])" % "|".join(
    re.escape(t) for t in sorted(vocabulary()["academic_titles"], key=len, reverse=True)))


def _author(cleaned: Cleaned) -> Optional[str]:
    # A formal document's copy (its heading found) ends with its signature block, which names
    # the issuer ("TM. CHÍNH PHỦ"): no reporter wrote it.
    for line in () if cleaned.formal else cleaned.bylines:
        author = byline_author(line)
        if author:
            author = _AFFILIATION.sub("", author) or author
            author = author.rstrip("*† ")                   # a footnote mark after the name
            return _ACADEMIC.sub("", author) or author     # "ThS. Lê Thị Thu Hà": the name
    return cleaned.hints.author_hint if cleaned.hints else None


def _source(cleaned: Cleaned) -> Optional[str]:
    for line in cleaned.bylines:
        m = _AFFILIATION.search(line) if byline_author(line) else None
        if m:
            return m["unit"]     # "Văn Thanh (Báo Phú Thọ)": the paper is the source
    for line in cleaned.sources:
        value = _SOURCE_PREFIX.sub("", line).strip(" .")
        if value:
            return value
    return cleaned.hints.site_hint if cleaned.hints else None


def _description(paragraphs: list[str]) -> Optional[str]:
    if not paragraphs:
        return None
    text = paragraphs[0]
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[:DESCRIPTION_CHARS].rsplit(" ", 1)[0] + " …"


def overridden(article: Article, meta: dict) -> Article:
    """The article with what a sidecar file says of it (url, date, source, author) in place of
    what its text said."""
    changes = {}
    if web_address(meta.get("url")):
        changes["url"] = web_address(meta["url"])
        changes["site"] = host_of(changes["url"]) or article.site
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", (meta.get("date") or "")[:10]):
        changes["date"], changes["date_inferred"] = meta["date"][:10], False
    for name in ("source", "author"):
        if meta.get(name):
            changes[name] = meta[name]
    return replace(article, **changes) if changes else article
