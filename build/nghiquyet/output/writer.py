"""Stage 6, write: the one writer of the output folder.

It refuses paths outside the folder and generated pages over hand-written files, writes
UTF-8 with LF, leaves unchanged files untouched (so `mkdocs serve` sees only real changes),
and prunes generated files that are no longer generated. The manifest lists every generated
file with the SHA-256 and size of what was written: a page whose new text has the same hash,
and whose file still has that size, is known unchanged without reading it back.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError

MANIFEST = ".nghiquyet-manifest.json"


@dataclass(frozen=True)
class WriteStats:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]
    # The HTML of pages in place, made with their Markdown (records.Prerendered, pickled), by
    # path in the docs folder: the render takes it instead of converting their Markdown again.
    prerendered: dict = field(default_factory=dict)


def safe_target(root: Path, rel: str) -> str:
    """root/rel (a string: a Path for each of thousands of pages costs more than the rest of
    the check), refusing anything that would land outside root."""
    # String checks suffice: the writer creates no links, and root itself is resolved once.
    if not rel or rel.startswith("/") or "\\" in rel or "\0" in rel \
            or any(p in ("..", ".", "") for p in rel.split("/")):
        raise BuildError(f"refusing to write outside the output folder: {rel!r}")
    return os.path.join(_resolved(root), rel)


_ROOTS: dict[Path, str] = {}


def _resolved(root: Path) -> str:
    if root not in _ROOTS:
        _ROOTS[root] = str(root.resolve())
    return _ROOTS[root]


def read_manifest(root: Path) -> dict[str, tuple[str, int] | None]:
    """Generated file -> (hash, size) of what was written (None when unknown: older manifests)."""
    try:
        with open(root / MANIFEST, encoding="utf-8") as fh:
            return _manifest_entries(json.load(fh))
    except (OSError, ValueError):
        return {}


def _manifest_entries(data) -> dict[str, tuple[str, int] | None]:
    if isinstance(data, list):
        return {rel: None for rel in data if isinstance(rel, str)}
    if not isinstance(data, dict):
        return {}
    return {rel: (v[0], v[1]) if isinstance(v, list) and len(v) == 2 else None for rel, v in data.items()}


def _in_place(target: str, recorded: tuple[str, int] | None) -> bool:
    """Is the file still as the manifest recorded it (there, with the recorded size)?"""
    try:
        return recorded is not None and os.stat(target).st_size == recorded[1]
    except OSError:
        return False


def _unchanged(target: str, text: str | bytes, digest: str, recorded: tuple[str, int] | None) -> bool:
    if recorded is not None:
        return recorded[0] == digest and _in_place(target, recorded)
    return _read_bytes(target) == page_bytes(text)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()      # what open() would give a new file (mkstemp gives 0600)


def _stage(target: str, data: bytes) -> str:
    """Write data beside target under a temporary name; return that name."""
    folder = os.path.dirname(target)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        os.fchmod(fh.fileno(), _MODE)
        fh.write(data)
    return tmp


def page_bytes(text: str | bytes) -> bytes:
    """A page as written: UTF-8 with LF line ends (bytes are taken as such already)."""
    return text if isinstance(text, bytes) else text.replace("\r\n", "\n").encode("utf-8")


def page_digest(text: str | bytes) -> str:
    """The hash the manifest records for a page (of its text as written: LF, UTF-8)."""
    return hashlib.sha256(page_bytes(text)).hexdigest()


def still_written(root: Path, paths, previous: dict | None = None) -> bool:
    """Are these generated files all in place as the last build wrote them (same size)?"""
    previous = read_manifest(root) if previous is None else previous
    try:
        return all(_in_place(safe_target(root, rel), previous.get(rel)) for rel in paths)
    except BuildError:
        return False


def write_tree(root: Path, pages: dict[str, str | bytes], known: dict[str, str] | None = None,
               keep=(), previous: dict | None = None) -> WriteStats:
    """Write every page, as one transaction as far as a file system allows: all changed files
    are first written beside their targets, and only when every one is written are they
    renamed into place and stale pages removed. A failure before that leaves the old tree.
    `known` gives the hashes (page_digest) of pages computed before, so they are not hashed again;
    `keep` names generated files left as they are (their text is not given: see still_written);
    `previous` is the manifest when the caller has read it already."""
    known = known or {}
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create output folder {root}: {exc.strerror}") from None
    previous = read_manifest(root) if previous is None else previous
    targets = {rel: safe_target(root, rel) for rel in pages}
    for rel, target in targets.items():
        if rel not in previous and os.path.exists(target):
            raise BuildError(f"refusing to overwrite a hand-written file: {root / rel}")
    changes: list[tuple[str, str, bytes]] = []
    written: dict[str, tuple[str, int]] = {}
    for rel in sorted(pages):
        digest = known.get(rel) or page_digest(pages[rel])
        recorded = previous.get(rel)
        if _unchanged(targets[rel], pages[rel], digest, recorded):
            written[rel] = (digest, recorded[1]) if recorded else (digest, len(page_bytes(pages[rel])))
        else:
            data = page_bytes(pages[rel])
            changes.append((rel, targets[rel], data))
            written[rel] = (digest, len(data))
    for rel in keep:
        if rel not in pages and previous.get(rel) is not None:
            written[rel] = previous[rel]
    written = dict(sorted(written.items()))
    # One line: json's C encoder only runs without indent, and there is an entry per page.
    manifest = (json.dumps({rel: list(v) for rel, v in written.items()}, ensure_ascii=False,
                           separators=(",", ":")) + "\n").encode("utf-8")
    staged: list[tuple[str, str]] = []
    try:
        for rel, target, data in changes:
            staged.append((_stage(target, data), target))
        manifest_path = str(root / MANIFEST)
        if _read_bytes(manifest_path) != manifest:
            staged.append((_stage(manifest_path, manifest), manifest_path))
    except BaseException as exc:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise BuildError(f"cannot write into {root}: {exc.strerror}: {exc.filename}") from None
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    removed = []
    for rel in sorted(set(previous) - set(written)):
        stale = Path(safe_target(root, rel))
        if stale.exists():
            stale.unlink()
            removed.append(rel)
        prune_empty(root, stale.parent)
    return WriteStats(tuple(rel for rel, _, _ in changes), len(written) - len(changes), tuple(removed))


def _read_bytes(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def prune_empty(root: Path, folder: Path) -> None:
    """Remove folder, then its parents up to root (not root itself), while they are empty."""
    root = root.resolve()
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
