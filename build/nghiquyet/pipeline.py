"""The whole conversion, top to bottom:

    read (bytes -> lines)  ->  clean (roles, title, body)  ->  extract (Article)
    -> de-duplicate and give unique slugs  ->  index (all articles + catalogue)
    -> pages (Markdown, front matter validated)  ->  write (one writer, one folder)

Every file is read and converted before anything is written; a file that fails is skipped
with its reason and the others go on.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from . import frontmatter, slugs
from .clean import clean
from .errors import ArticleError, BuildError
from .extract import extract
from .export import EXPORT, export
from .stats import STATS_PAGE, stats_page
from .index import build_index
from .pages import build_pages
from .read import read
from .records import Article
from .report import DUPLICATE, PUBLISHED, REPORT_JSON, REPORT_PAGE, SKIPPED, Outcome, Report
from .writer import WriteStats, write_tree



def corpus_files(corpus: Path) -> list[tuple[Path, str]]:
    if not corpus.is_dir():
        raise BuildError(f"corpus folder not found: {corpus}")
    found = []
    for path in corpus.rglob("*"):
        rel = path.relative_to(corpus).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(corpus).parts):
            found.append((path, rel))
    return sorted(found, key=lambda x: x[1])


def convert_file(path: Path, name: str) -> Article:
    article = extract(clean(read(path, name)))
    frontmatter.validate(frontmatter.to_dict(article), name)
    return article


def convert_all(corpus: Path) -> tuple[list[Article], list[Outcome]]:
    articles: list[Article] = []
    skipped: list[Outcome] = []
    for path, name in corpus_files(corpus):
        try:
            articles.append(convert_file(path, name))
        except ArticleError as exc:
            skipped.append(Outcome(name, SKIPPED, reason=exc.reason))
        except RecursionError:
            skipped.append(Outcome(name, SKIPPED, reason="too deeply nested to read"))
        except Exception as exc:  # one bad article never stops the build
            skipped.append(Outcome(name, SKIPPED, reason=f"internal error ({type(exc).__name__}: {exc})"))
    return articles, skipped


def deduplicate(articles: list[Article], registry: dict[str, str]) -> tuple[list[Article], list[Outcome], dict]:
    """Same cleaned text -> one page (the first file by name); the rest are merged into it."""
    kept: dict[str, Article] = {}
    duplicates: list[Article] = []
    for a in sorted(articles, key=lambda a: a.source_file):
        if a.digest in kept:
            duplicates.append(a)
        else:
            kept[a.digest] = a
    unique, registry = slugs.assign(list(kept.values()), registry)
    by_digest = {a.digest: a for a in unique}
    outcomes = [Outcome(a.source_file, DUPLICATE, slug=by_digest[a.digest].slug,
                        duplicate_of=by_digest[a.digest].source_file) for a in duplicates]
    return unique, outcomes, registry


def convert(corpus: Path, out: Path) -> tuple[Report, WriteStats]:
    """Convert every file of `corpus` into pages under `out`; return what happened."""
    articles, skipped = convert_all(corpus)
    unique, duplicates, registry = deduplicate(articles, slugs.load(out))
    index = build_index(unique)
    pages = build_pages(index)
    outcomes = [Outcome(a.source_file, PUBLISHED, slug=a.slug) for a in unique] + duplicates + skipped
    report = Report(tuple(sorted(outcomes, key=lambda o: o.source_file)))
    pages[EXPORT] = export(index)
    pages[STATS_PAGE] = stats_page(index)
    pages[REPORT_PAGE] = report.to_markdown()
    pages[REPORT_JSON] = report.to_json()
    stats = write_tree(out, pages)
    slugs.save(out, registry)
    return report, stats


def print_report(report: Report, stream=sys.stderr) -> None:
    for line in report.lines():
        print(line, file=stream)
    print(report.summary(), file=stream)
