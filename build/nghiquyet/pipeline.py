"""The whole conversion, top to bottom:

    read (bytes -> lines)  ->  clean (roles, title, body)  ->  extract (Article)
    -> de-duplicate and give unique slugs  ->  index (all articles + catalogue)
    -> pages (Markdown, front matter validated)  ->  write (one writer, one folder)

Every file is read and converted before anything is written; a file that fails is skipped
with its reason and the others go on.
"""

from __future__ import annotations

import os
import pickle
import sys
from stat import S_ISREG
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from .catalog import slugs
from .catalog.index import build_index
from .errors import ArticleError, BuildError, debug, describe
from .extract.article import extract, overridden
from .fingerprint import code_fingerprint, content_hash, listing_hash, listings_key
from .ingest.clean import clean
from .ingest.containers import is_sidecar, sidecar_fields, sidecar_of
from .ingest.read import read
from .ingest.scraped import SUFFIXES as RECORD_FILES, split_records
from .names import EXPORT, REPORT_JSON, REPORT_PAGE, STATS_PAGE, article_path
from .output.cache import ArticleCache, gc_paused
from .output.cache import key as cache_key
from .output.writer import WriteStats, page_bytes, page_digest, read_manifest, still_written, write_tree
from .pages import frontmatter
from .pages.build import build_pages
from .pages.export import export, export_members
from .pages.kinds import listed_fields
from .pages.kinds.article import article_page, article_twin
from .progress import bar
from .pages.listing import PeriodPages
from .pages.report import DUPLICATE, PUBLISHED, SKIPPED, Outcome, Report
from .pages.stats import stats_page
from .records import Article, Converted
from .settings import DEFAULT, Settings



def corpus_files(corpus: Path, sidecars: set[str] | None = None) -> list[tuple[Path, str]]:
    """The corpus's article files (path, name), sorted; its sidecar files' paths go into
    `sidecars` when given (one walk of the folder for both)."""
    if not corpus.is_dir():
        raise BuildError(f"corpus folder not found: {corpus}")
    found = []
    for folder, dirs, files in os.walk(corpus):
        dirs[:] = [d for d in dirs if not d.startswith(".")]        # hidden folders are skipped
        base = Path(folder)
        prefix = base.relative_to(corpus).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        for name in files:
            if name.startswith("."):
                continue
            if not is_sidecar(name):
                found.append((base / name, prefix + name))
            elif sidecars is not None:
                sidecars.add(str(base / name))
    return sorted(found, key=lambda x: x[1])


# What an article keeps when what was extracted from it cannot be written: its text and title.
_EXTRACTED_EMPTY = {"url": None, "documents": (), "regions": (), "provinces": (), "places": (), "events": (), "people": (),
                    "organisations": (), "congress_resolutions": (), "links": (), "document_refs": ()}


def convert_file(path: Path, name: str, data: bytes | None = None) -> Converted:
    """One corpus file -> its Article, whole, with its page rendered. Only a file with no
    readable text raises (ArticleError); when the extracted fields cannot be written or
    rendered, the page is written without them and the article notes why."""
    article = extract(clean(read(path, name, data)))
    side = sidecar_of(path) if "#" not in name else None
    if side is not None:
        article = overridden(article, sidecar_fields(side.read_bytes()))
    try:
        return _rendered(article, name)
    except Exception as exc:  # noqa: BLE001 - the article is kept, its extracted fields are not
        if debug():
            raise
        bare = replace(article, **_EXTRACTED_EMPTY,
                       notes=article.notes + (f"extracted fields dropped ({describe(exc)})",))
        return _rendered(bare, name)


def _rendered(article: Article, name: str) -> Converted:
    twin = article_twin(article)
    page = page_bytes(article_page(article, frontmatter.render(frontmatter.to_dict(article), name), twin))
    html = twin.prerendered()
    return Converted(article, page, page_digest(page), export_members(article), listing_hash(article, listed_fields()),
                     None if html is None else pickle.dumps(html, protocol=pickle.HIGHEST_PROTOCOL))


def _convert_one(path: Path, name: str, data: bytes | None = None) -> Converted | str:
    """The converted file, or the one-line reason it is skipped."""
    try:
        return convert_file(path, name, data)
    except ArticleError as exc:
        return exc.reason
    except RecursionError:
        return "too deeply nested to read"
    except Exception as exc:  # one bad article never stops the build
        if debug():
            raise
        return f"internal error ({describe(exc)})"



def _convert_path(item: tuple[str, str, bytes | None]) -> Converted | str:
    with gc_paused():
        return _convert_one(Path(item[0]), item[1], item[2])


def convert_all(corpus: Path, cache: ArticleCache | None = None, jobs: int | None = None,
                settings: Settings = DEFAULT) -> tuple[list[Converted], list[Outcome]]:
    """Convert every corpus file (cached ones are not converted again). With several jobs (and at
    least settings.parallel_from files to convert: below that, starting worker processes costs
    more), the files are shared among worker processes; the result does not depend on it."""
    cache = cache or ArticleCache(None)
    entries: dict[str, Converted | str] = {}
    todo: list[tuple[Path, str, str, bytes]] = []
    present: set[str] = set()
    for path, name in corpus_files(corpus, present):
        if path.suffix.lower() in RECORD_FILES:
            _records(path, name, cache, entries, todo)
            continue
        try:
            stat = path.stat()
            if not S_ISREG(stat.st_mode):            # a pipe or device is not an article
                continue
            side = sidecar_of(path, present)           # its metadata file is part of its key
            extra = side.read_bytes() if side else b""
            known = cache.known_hash(name, stat) if not side else None   # unchanged: not even read
            entry = cache.get(cache_key(name, b"", known)) if known else None
            if entry is None:
                data = path.read_bytes()
                known = content_hash(data + b"\0" + extra if side else data)
                k = cache_key(name, data, known)
                entry = cache.get(k)
                if entry is None:
                    todo.append((path, name, k, data))
        except OSError as exc:
            entries[name] = f"cannot be read ({exc.strerror})"
            continue
        if not side:      # a file's hash with its sidecar would outlive a deleted sidecar
            cache.record(name, stat, known)
        if entry is not None:
            entries[name] = entry
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    with bar(len(todo), "converting") as shown:
        if jobs > 1 and len(todo) >= settings.parallel_from:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                # Records travel with their bytes (their file holds many); files are read by the worker.
                results = []
                for entry in pool.map(_convert_path, [(str(p), n, d if "#" in n else None) for p, n, _, d in todo],
                                      chunksize=16):
                    results.append(entry)
                    shown.update()
        else:
            with gc_paused():
                results = []
                for p, n, _, d in todo:
                    results.append(_convert_one(p, n, d))
                    shown.update()
    for (_, name, k, _), entry in zip(todo, results):
        cache.put(k, entry)
        entries[name] = entry
    converted = [e for e in entries.values() if not isinstance(e, str)]
    skipped = [Outcome(n, SKIPPED, reason=e) for n, e in entries.items() if isinstance(e, str)]
    return converted, skipped


def _records(path: Path, name: str, cache: ArticleCache, entries: dict, todo: list) -> None:
    """A scrapers' file (JSON Lines, JSON): each record is converted (or taken from the cache) as
    an article of its own, named `<file>#<n>`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        entries[name] = f"cannot be read ({exc.strerror})"
        return
    for record_name, record in split_records(name, data):
        k = cache_key(record_name, record)
        entry = cache.get(k)
        if entry is None:
            todo.append((path, record_name, k, record))
        else:
            entries[record_name] = entry


def deduplicate(converted: list[Converted], registry: dict[str, str]) -> tuple[list[Converted], list[Outcome], dict]:
    """Same cleaned text -> one page (the first file by name); the rest are merged into it."""
    kept: dict[str, Converted] = {}
    duplicates: list[Article] = []
    for c in sorted(converted, key=lambda c: c.article.source_file):
        if c.article.digest in kept:
            duplicates.append(c.article)
        else:
            kept[c.article.digest] = c
    slugged, registry = slugs.assign([c.article for c in kept.values()], registry)
    unique = [replace(c, article=a) if a is not c.article else c for c, a in zip(kept.values(), slugged)]
    by_digest = {c.article.digest: c.article for c in unique}
    outcomes = [Outcome(a.source_file, DUPLICATE, slug=by_digest[a.digest].slug,
                        duplicate_of=by_digest[a.digest].source_file) for a in duplicates]
    return unique, outcomes, registry


def convert(corpus: Path, out: Path, cache_dir: Path | None = None,
            jobs: int | None = None, settings: Settings = DEFAULT) -> tuple[Report, WriteStats]:
    """Convert every file of `corpus` into pages under `out`; return what happened. With a
    cache folder, files converted before (same bytes, same code) are not converted again."""
    # Records, indexes and pages hold no reference cycles: collections triggered by their
    # number (with thousands of cached articles in memory) would only cost time.
    with gc_paused():
        return _convert(corpus, out, cache_dir, jobs, settings)


def _convert(corpus: Path, out: Path, cache_dir: Path | None, jobs: int | None,
             settings: Settings) -> tuple[Report, WriteStats]:
    cache = ArticleCache(cache_dir)
    converted, skipped = convert_all(corpus, cache, jobs, settings)
    unique, duplicates, registry = deduplicate(converted, slugs.load(out))
    index = build_index([c.article for c in unique], {c.article.slug: c.listing_hash for c in unique})
    # Listing pages depend on fewer fields than article pages: when none of those changed
    # since the last build (same key) and its listing pages are still in place, they are kept.
    key = listings_key(index.listing_hashes, repr(settings))
    last = cache.listings()
    kept = last["pages"] if last.get("key") == key else None
    manifest = read_manifest(out)
    if kept is not None and not still_written(out, kept, manifest):
        kept = None
    # Otherwise the period pages of long listings whose inputs did not change are kept.
    periods = PeriodPages(code_fingerprint(), last.get("periods"), lambda rel: still_written(out, [rel], manifest),
                          settings)
    pages = build_pages(index, listings=kept is None, periods=periods,
                        article_pages={c.article.slug: c.page for c in unique})
    outcomes = [Outcome(c.article.source_file, PUBLISHED, slug=c.article.slug, notes=c.article.notes)
                for c in unique] + duplicates + skipped
    report = Report(tuple(sorted(outcomes, key=lambda o: o.source_file)))
    pages[EXPORT] = export(index, {c.article.slug: c.export_members for c in unique})
    pages[STATS_PAGE] = stats_page(index)
    pages[REPORT_PAGE] = report.to_markdown()
    pages[REPORT_JSON] = report.to_json()
    known = {article_path(c.article.slug): c.page_hash for c in unique}
    stats = write_tree(out, pages, known, keep=kept or periods.kept, previous=manifest)
    stats = replace(stats, prerendered={article_path(c.article.slug): c.prerendered for c in unique
                                        if c.prerendered is not None})
    slugs.save(out, registry)
    cache.save()
    if kept is None:
        cache.save_listings(key, [p for p in pages if p not in known] + periods.kept, periods.keys)
    report = replace(report, converted=cache.misses, cached=cache.hits,
                     newest=max((c.article.when for c in unique if c.article.when), default=None))
    return report, stats


def print_report(report: Report, stream=None, verbosity: int = 1) -> None:
    """The build report on stderr: quiet (0) names only the skipped files, normal (1) also files
    published with notes and duplicates, then the summary; verbose (2) every file."""
    stream = stream or sys.stderr
    for line in report.lines(verbose=verbosity > 1):
        if verbosity > 0 or line.startswith("skipped:"):
            print(line, file=stream)
    if verbosity > 0:
        print(report.summary(), file=stream)
