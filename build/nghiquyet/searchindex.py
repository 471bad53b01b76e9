"""Run Pagefind over the rendered site, then make its output reproducible.

Pagefind writes its filter index in hash-map order, so two runs over the same pages give
differently ordered filter files, different file names and a different entry file (Pagefind
issue #638: fragments were made stable in 1.3, filter indexes were not). This module rewrites
the filter files with their values sorted, names them by their content, and rewrites the
metadata file and entry file that point to them. Search results are unchanged.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import cbor2

from .errors import BuildError

SIGNATURE = b"pagefind_dcd"


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise BuildError(f"unexpected Pagefind file format: {path.name}")
    return cbor2.loads(raw[len(SIGNATURE):])


def _write(folder: Path, prefix: str, suffix: str, data, digits: int) -> str:
    payload = SIGNATURE + cbor2.dumps(data)
    name = f"{prefix}{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, mtime=0))
    return name


def run_pagefind(site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
                            capture_output=True, text=True)
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise BuildError(f"Pagefind failed to index the site: {detail[0]}")


def stabilise(bundle: Path) -> None:
    """Rewrite the filter, metadata and entry files of a Pagefind bundle in a fixed order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, file_hash in sorted(meta[3]):
            path = bundle / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = _read(path)
            path.unlink()
            ordered = [filter_name, sorted([value, sorted(pages)] for value, pages in values)]
            filters.append([name, _write(bundle / "filter", f"{lang}_", ".pf_filter", ordered, 7)])
        meta[3] = filters
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{lang}_", ".pf_meta", meta, 10)[len("pagefind."):]
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def index_search(site: Path) -> None:
    """site/pagefind/: a chunked, tone-folding search index, byte-identical for the same pages."""
    run_pagefind(site)
    stabilise(site / "pagefind")
