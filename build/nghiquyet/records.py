"""The typed, frozen records that flow through the pipeline.

RawDocument (bytes of one file) -> SourceText (decoded lines) -> Cleaned (lines with roles)
-> Article (everything the site needs). Stages return new records, never mutate them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class RawDocument:
    source_file: str          # name relative to the corpus folder, as given
    data: bytes


@dataclass(frozen=True)
class SourceText:
    source_file: str
    lines: tuple[str, ...]    # decoded, NFC; not yet cleaned
    title_hint: Optional[str] = None   # from HTML metadata, when there is one
    date_hint: Optional[str] = None    # ISO date from HTML metadata
    author_hint: Optional[str] = None
    site_hint: Optional[str] = None
    url_hint: Optional[str] = None     # the article's original address, when the container gives it
    host_hint: Optional[str] = None    # the web site the page was published on (canonical address, links)


# Roles a line of a page can play.
TITLE, STAMP, BODY, CAPTION, BYLINE, SOURCE, CHROME, BLANK = (
    "title", "stamp", "body", "caption", "byline", "source", "chrome", "blank")


@dataclass(frozen=True)
class Line:
    text: str
    role: str


@dataclass(frozen=True)
class Block:
    """A unit of the article body as shown: a paragraph or a caption."""
    kind: str                 # "paragraph" | "caption"
    text: str


@dataclass(frozen=True)
class Cleaned:
    source_file: str
    lines: tuple[Line, ...]
    title: str
    blocks: tuple[Block, ...]
    stamps: tuple[str, ...] = ()
    bylines: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    hints: SourceText = None  # the decoded text this came from (for metadata hints)
    notes: tuple[str, ...] = ()   # what was guessed or lost while cleaning ("title guessed")
    formal: bool = False          # the page is a formal document's own text (ingest/heading.py)
    number: Optional[str] = None  # the number that document prints ("Số: 27-KL/TW" -> "27-KL/TW")
    issued: Optional[str] = None  # the ISO date it prints ("Hà Nội, ngày 02 tháng 08 năm 2012")


@dataclass(frozen=True, order=True)
class DocumentRef:
    id: str                   # "11-NQ/TW-2022"
    number: str
    type: str                 # NQ, KL, QĐ …
    year: int
    date: Optional[str] = None        # issue date, when stated or catalogued
    year_source: str = "stated"       # stated | term | article | subject | catalogue | context


@dataclass(frozen=True, order=True)
class Event:
    date: str                 # ISO date
    kind: str
    document: Optional[str]
    summary: str
    inferred: bool = False    # the year was not written next to the day and month
    actor: Optional[str] = field(default=None, compare=False)     # "Tỉnh ủy Sơn La", "Chính phủ"
    province: Optional[str] = field(default=None, compare=False)  # the actor's province; None: central


@dataclass(frozen=True, order=True)
class Place:
    name: str
    kind: str                 # huyện, thị xã, xã, phường …
    province: Optional[str]   # province name valid on the article's date


@dataclass(frozen=True, order=True)
class Person:
    name: str
    role: Optional[str] = None


@dataclass(frozen=True)
class Article:
    source_file: str
    slug: str
    digest: str                       # hash of the cleaned text: identity for duplicates
    title: str
    date: Optional[str]
    blocks: tuple[Block, ...]
    date_inferred: bool = False       # the page's stamp printed no year: it was inferred
    author: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None         # the article's original address (scrapers' records, headers)
    site: Optional[str] = None        # the web site that published it (its domain, or its name)
    description: Optional[str] = None
    documents: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    people: tuple[Person, ...] = ()
    organisations: tuple[str, ...] = ()
    congress_resolutions: tuple[str, ...] = ()
    # Where documents and provinces are named in the body: (block, start, end, kind, target),
    # kind "document" (target an id) or "province" (a name). Not part of the front matter.
    links: tuple[tuple[int, int, int, str, str], ...] = field(default=(), compare=False)
    document_refs: tuple[DocumentRef, ...] = field(default=(), compare=False)
    # What was guessed ("title guessed") or lost ("documents: KeyError: 'I'") on the way: the
    # article is published with what was read, and the build report lists these.
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def when(self) -> Optional[str]:
        """The article's own time: its publication date, else the date of its latest event."""
        return self.date or max((e.date for e in self.events), default=None)

    @property
    def captions(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "caption")

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "paragraph")


@dataclass(frozen=True)
class Converted:
    """One converted corpus file, the unit the conversion cache keeps: the article as extracted,
    whole, and what later stages made of it once, at conversion: its page as written (UTF-8, LF;
    bytes, so thousands of cached pages load without being decoded), the page's SHA-256 (the
    writer's manifest compares it), its record in the JSON export without its URL (the members of
    a JSON object, UTF-8), the hash of the fields listing pages show of it, and the page's HTML
    as MkDocs would render it (pages/twin.py), when it can be made exactly: pickled, so that
    thousands of cached articles load without it being unpickled (the render's workers do)."""
    article: Article
    page: bytes
    page_hash: str
    export_members: bytes
    listing_hash: str
    prerendered: Optional[bytes] = None       # a pickled Prerendered (loads from the cache as bytes)


@dataclass(frozen=True)
class Prerendered:
    """A page's HTML as MkDocs' Markdown step gives it (pages/twin.py): `parts` alternate HTML and
    link targets as written in the Markdown (MkDocs resolves them at render time), with the
    page's table of contents (Python-Markdown's toc tokens), its first heading's text and the
    ids of its elements. `digest`: the SHA-256 of the Markdown it is the HTML of (what MkDocs
    reads after the front matter)."""
    digest: str
    parts: tuple[str, ...]
    toc: tuple
    title: Optional[str]
    ids: frozenset
