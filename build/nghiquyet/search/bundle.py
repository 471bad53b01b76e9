"""The folder the merged search bundle is written to: a new one, or the last build's updated in
place.

After one article changed, the merged bundle differs from the last one in a few hundred files
of over five thousand (its fragments, one a page, are named by their content, and most word
chunks hold the same bytes). Writing it into a new folder created every file and link again,
and deleting the old folder removed as many: at 5,000 articles about a second of the file
system's time for each edit. In place, a file already there with the same bytes is kept, and
every change goes through the render's undo.Undo: a file replaced or no longer part of the
bundle is moved aside, a new one is noted as added, so a failure puts the old bundle back.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..fingerprint import files_under


class Bundle:
    def __init__(self, folder: Path, undo=None, rel: str = "pagefind"):
        """`folder`: the bundle's folder (site/`rel`); `undo`: the render's undo.Undo when the
        bundle is updated in place, None when it is written afresh."""
        self.folder, self.undo, self.rel = folder, undo, rel
        self.old: set[str] = set()
        if undo is not None and folder.is_dir() and not folder.is_symlink():
            self.old = set(files_under(folder))
        elif undo is not None:
            undo.set_aside(rel)                 # a link (the preview's) or nothing: a new folder
        folder.mkdir(parents=True, exist_ok=True)
        self.kept: set[str] = set()
        self.taken: set[str] = set()

    def name(self, sub: str, prefix: str, suffix: str, digest: str, digits: int) -> str:
        """A file's name from its digest, one digit longer while another file of this bundle has it."""
        name = f"{prefix}{digest[:digits]}"
        while f"{sub}/{name}{suffix}" in self.taken:
            name = f"{prefix}{digest[:len(name) - len(prefix) + 1]}"
        self.taken.add(f"{sub}/{name}{suffix}")
        return name

    def _changing(self, rel: str) -> None:
        """rel is part of the bundle and about to be written: the old file, if any, is set aside
        (a new one is noted as added)."""
        self.kept.add(rel)
        if self.undo is not None:
            self.undo.set_aside(f"{self.rel}/{rel}")

    def write(self, rel: str, data: bytes) -> None:
        path = self.folder / rel
        if rel in self.old:
            self.kept.add(rel)
            if path.read_bytes() == data:
                return
        self._changing(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def link(self, rel: str, source: str) -> None:
        """A file named by its content (a page's fragment), linked from where Pagefind wrote it."""
        if rel in self.old or rel in self.kept:
            self.kept.add(rel)
            return
        self._changing(rel)
        target = os.path.join(self.folder, rel)
        try:
            os.link(source, target)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    def finish(self) -> None:
        """The last build's files this one did not write again leave the bundle."""
        for rel in sorted(self.old - self.kept):
            self.undo.set_aside(f"{self.rel}/{rel}")
