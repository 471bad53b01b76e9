"""MkDocs at the edge: render the converted content/ into site/ (built beside, then swapped)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from pathlib import Path

from .errors import BuildError
from .searchindex import index_search


def source_date_epoch(newest: str | None) -> str:
    """A fixed timestamp for MkDocs' sitemap: the newest article's date (reproducible output)."""
    when = dt.datetime.fromisoformat(newest or "2000-01-01").replace(tzinfo=dt.timezone.utc)
    return str(int(when.timestamp()))


def render(config_file: Path, site_dir: Path, epoch: str, strict: bool = False) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        raise BuildError(f"MkDocs configuration not found: {config_file}")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        cfg = load_config(str(config_file), site_dir=str(staging), strict=strict)
        build(cfg)
        index_search(staging)
    except MkDocsException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildError(f"MkDocs failed: {exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
        site_dir.rename(old)
    staging.rename(site_dir)
    if old:
        shutil.rmtree(old, ignore_errors=True)
