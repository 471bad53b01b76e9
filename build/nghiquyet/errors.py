"""Domain errors. Each carries the file it concerns so the CLI can print one clear line."""

from __future__ import annotations

import os

DEBUG_ENV = "NGHIQUYET_DEBUG"     # set by `nghiquyet --debug`; worker processes inherit it


def debug() -> bool:
    """Whether errors inside a step should be raised with their traceback instead of costing
    one field (or one file) with a one-line reason."""
    return bool(os.environ.get(DEBUG_ENV))


def describe(exc: BaseException) -> str:
    """An exception as one line: "KeyError: 'I'"."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())


class NghiquyetError(Exception):
    """Base class of every error this package raises on purpose."""


class ArticleError(NghiquyetError):
    """One corpus file cannot become a page. The build skips it and goes on."""

    def __init__(self, source_file: str, reason: str):
        super().__init__(f"{source_file}: {reason}")
        self.source_file = source_file
        self.reason = reason


class BuildError(NghiquyetError):
    """The whole build cannot go on (missing corpus folder, unwritable output, bad config)."""
