"""Command line: `nghiquyet build` and `nghiquyet convert --corpus DIR --out DIR`."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

from . import __version__
from .errors import DEBUG_ENV, BuildError
from .pipeline import convert, print_report
from .pages.report import SKIPPED
from .progress import PROGRESS_ENV


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nghiquyet", description=(
        "Turn Vietnamese news articles about the Party's regional development resolutions "
        "into a cross-linked MkDocs site."))
    p.add_argument("--version", action="version", version=f"nghiquyet {__version__}")
    p.add_argument("--debug", action="store_true",
                   help="stop at the first error with its traceback instead of one line per problem")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    talk = argparse.ArgumentParser(add_help=False)
    talk.add_argument("-q", "--quiet", action="store_true", help="print only the files that were skipped, and errors")
    talk.add_argument("-v", "--verbose", action="store_true",
                      help="print every file's fate and MkDocs's own messages")

    b = sub.add_parser("build", parents=[talk], help="convert corpus/ into content/ and render the site into site/",
                       description="Convert every article of the corpus into pages under the MkDocs docs "
                                   "folder, then render the whole site with MkDocs.")
    b.add_argument("--root", type=Path, default=Path("."), help="project folder holding mkdocs.yml (default: .)")
    b.add_argument("--corpus", type=Path, help="corpus folder (default: ROOT/corpus)")
    b.add_argument("--content", type=Path, help="MkDocs docs folder (default: ROOT/content)")
    b.add_argument("--site", type=Path, help="output folder (default: ROOT/site)")
    b.add_argument("--strict", action="store_true",
                   help="exit non-zero if any file was skipped or MkDocs raised a warning")
    b.add_argument("--jobs", type=int, help="worker processes for conversion (default: one per core)")
    b.add_argument("--no-cache", action="store_true",
                   help="convert every file again and render every page, instead of reusing "
                        "ROOT/.cache/nghiquyet")
    b.add_argument("--full", action="store_true",
                   help="render every page from scratch even when only some articles changed")

    c = sub.add_parser("convert", parents=[talk], help="write only the generated Markdown pages, no rendering",
                       description="Convert the articles in --corpus into Markdown pages under --out.")
    c.add_argument("--corpus", type=Path, required=True, help="folder of raw articles")
    c.add_argument("--out", type=Path, required=True, help="folder to write the Markdown pages into")
    c.add_argument("--strict", action="store_true", help="exit non-zero if any file was skipped")
    c.add_argument("--cache", type=Path, help="folder of the conversion cache (default: no cache)")
    c.add_argument("--jobs", type=int, help="worker processes for conversion (default: one per core)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.debug:
        os.environ[DEBUG_ENV] = "1"      # read by every step, in worker processes too
    args.verbosity = 0 if args.quiet else 2 if args.verbose else 1
    # A progress bar on a terminal only (not in CI logs or pipes), and not when asked to be quiet.
    os.environ[PROGRESS_ENV] = "1" if sys.stderr.isatty() and not args.quiet else "0"
    try:
        if args.command == "convert":
            report, stats = convert(args.corpus, args.out, args.cache, args.jobs)
            print_report(report, verbosity=args.verbosity)
            if args.verbosity:
                print(f"{len(stats.written)} pages written, {stats.unchanged} unchanged, "
                      f"{len(stats.removed)} removed in {args.out}", file=sys.stderr)
            return 1 if args.strict and report.count(SKIPPED) else 0
        return _build(args)
    except BuildError as exc:
        if args.debug:
            raise
        print(f"nghiquyet: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("nghiquyet: interrupted; previous output left as it was", file=sys.stderr)
        return 130


def _phase(args, text: str, end: str = " …") -> None:
    """One line on what the build is doing now (a large build is otherwise silent for a minute)."""
    if args.verbosity:
        print(f"nghiquyet: {text}{end}", file=sys.stderr, flush=True)


def _build(args) -> int:
    from .render.site import load_settings, render, source_date_epoch

    root = args.root
    corpus = args.corpus or root / "corpus"
    content = args.content or root / "content"
    site_dir = args.site or root / "site"
    cache = root / ".cache" / "nghiquyet"
    settings = load_settings(root / "mkdocs.yml")
    started = time.perf_counter()
    if corpus.is_dir():                 # else the conversion says so, in one line
        _phase(args, f"converting {corpus} into {content}")
    report, stats = convert(corpus, content, None if args.no_cache else cache, args.jobs, settings)
    print_report(report, verbosity=args.verbosity)
    _phase(args, f"converted in {time.perf_counter() - started:.1f} s ({report.converted} converted, "
           f"{report.cached} from the cache; {len(stats.written)} pages written); rendering with MkDocs "
           "and indexing for search")
    rendering = time.perf_counter()
    done = render(root / "mkdocs.yml", site_dir, source_date_epoch(report.newest), strict=args.strict,
                  state_dir=None if args.no_cache else cache, full=args.full, verbose=args.verbosity > 1,
                  prerendered=stats.prerendered)
    _phase(args, f"rendered and indexed in {time.perf_counter() - rendering:.1f} s, "
           f"{time.perf_counter() - started:.1f} s in all", end="")
    _phase(args, f"site written to {site_dir}: {done}", end="")
    return 1 if args.strict and report.count(SKIPPED) else 0


def run(argv: list[str] | None = None) -> None:
    """The `nghiquyet` command: main(), then exit. What the command made is left out of the
    interpreter's last cyclic collection at exit (gc.freeze): after a build of 5,000 articles
    that collection alone took half a second, with the site already written."""
    code = main(argv)
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
