"""An in-place update of the site folder that a failure takes back.

A render after a few articles changed writes a handful of files into a site of thousands. Making
the new site as a linked copy of the old one (and swapping it in) creates every folder again: at
5,000 pages that is over a second of `mkdir` for one changed page. Instead, every file the render
is about to write or delete is first moved aside, into a folder beside the site; a render that
fails (an exception, Ctrl-C) puts them back and deletes what it had added, so the site is the old
one again; a render that succeeds discards them. (A process killed outright leaves the site part
old, part new: the render state was forgotten before it started, so the next build renders every
page from scratch.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from ..output.writer import prune_empty

PREFIX = "-undo-"


def leftovers(site: Path) -> list[Path]:
    """Folders of updates that never ended (the process was killed)."""
    return sorted(site.parent.glob(f".{site.name}{PREFIX}*"))


class Undo:
    """The files of `site` an update replaces or removes (moved aside), and the ones it adds."""

    def __init__(self, site: Path):
        self.site = site.resolve()
        self.folder = Path(tempfile.mkdtemp(prefix=f".{site.name}{PREFIX}", dir=self.site.parent))
        self.moved: list[str] = []
        self.added: set[str] = set()

    def set_aside(self, rel: str) -> bool:
        """Move site/rel (a file, a link or a folder) aside before it is written again or removed;
        True when there was one. A path that does not exist yet is noted as added."""
        path = self.site / rel
        if rel in self.moved or rel in self.added:
            return False
        if not (path.is_symlink() or path.exists()):
            self.added.add(rel)
            return False
        if self.site not in path.resolve().parents and not path.is_symlink():
            return False            # never outside the site
        target = self.folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        self.moved.append(rel)
        prune_empty(self.site, path.parent)
        return True

    def rollback(self, written: Iterable[str] = ()) -> None:
        """Put the site back as it was: what was added (or written, `written`) is removed, what
        was moved aside comes back."""
        for rel in sorted(self.added | set(written) | set(self.moved), reverse=True):
            path = self.site / rel
            if path.is_symlink() or path.is_file():
                path.unlink()
            elif path.is_dir():
                shutil.rmtree(path)
            if rel not in self.moved:
                prune_empty(self.site, path.parent)
        for rel in self.moved:
            path = self.site / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.folder / rel, path)
        shutil.rmtree(self.folder, ignore_errors=True)

    def commit(self, background: bool = False) -> None:
        """The update is complete: the old files are deleted (by a process of its own when they
        are many, so that the maintainer does not wait for it)."""
        discard(self.folder, background)


def discard(folder: Path, background: bool) -> None:
    if background:
        try:
            subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(folder)],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
            return
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)
