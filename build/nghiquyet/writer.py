"""Stage 6, write: the one writer of the output folder.

It refuses paths outside the folder and generated pages over hand-written files, writes
UTF-8 with LF, leaves unchanged files untouched (so `mkdocs serve` sees only real changes),
and prunes generated files that are no longer generated (listed in a manifest).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import BuildError

MANIFEST = ".nghiquyet-manifest.json"


@dataclass(frozen=True)
class WriteStats:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def safe_target(root: Path, rel: str) -> Path:
    """root/rel, refusing anything that would land outside root."""
    pure = PurePosixPath(rel)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in rel:
        raise BuildError(f"refusing to write outside the output folder: {rel!r}")
    target = (root / Path(*pure.parts)).resolve()
    if root.resolve() not in target.parents:
        raise BuildError(f"refusing to write outside the output folder: {rel!r}")
    return target


def _read_manifest(root: Path) -> set[str]:
    try:
        return set(json.loads((root / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tree(root: Path, pages: dict[str, str]) -> WriteStats:
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create output folder {root}: {exc.strerror}") from None
    previous = _read_manifest(root)
    targets = {rel: safe_target(root, rel) for rel in pages}
    for rel, target in targets.items():
        if target.exists() and rel not in previous and rel != MANIFEST:
            raise BuildError(f"refusing to overwrite a hand-written file: {root / rel}")
    written, unchanged = [], 0
    try:
        for rel in sorted(pages):
            data = pages[rel].replace("\r\n", "\n").encode("utf-8")
            target = targets[rel]
            if target.exists() and target.read_bytes() == data:
                unchanged += 1
                continue
            _write_atomic(target, data)
            written.append(rel)
        removed = []
        for rel in sorted(previous - set(pages)):
            stale = safe_target(root, rel)
            if stale.exists():
                stale.unlink()
                removed.append(rel)
            _prune_empty(root, stale.parent)
        manifest = (json.dumps(sorted(pages), ensure_ascii=False, indent=0) + "\n").encode("utf-8")
        if not (root / MANIFEST).exists() or (root / MANIFEST).read_bytes() != manifest:
            _write_atomic(root / MANIFEST, manifest)
    except OSError as exc:
        raise BuildError(f"cannot write into {root}: {exc.strerror}: {exc.filename}") from None
    return WriteStats(tuple(written), unchanged, tuple(removed))


def _prune_empty(root: Path, folder: Path) -> None:
    root = root.resolve()
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
