"""Fingerprints: what the caches and the incremental build compare between builds. The code and
data of the package with the versions of the libraries that shape its output, a file tree, an
article as listing pages show it.
"""

from __future__ import annotations

import hashlib
import os
import sys
import unicodedata
from dataclasses import fields
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Callable

# The distributions whose behaviour shapes a converted article (decoding, repair, HTML extraction,
# slugs, YAML output, the gazetteer), with what they depend on for it.
CONVERTERS = ("trafilatura", "htmldate", "justext", "lxml", "lxml_html_clean", "courlan", "ftfy",
              "charset-normalizer", "python-slugify", "text-unidecode", "PyYAML", "fastjsonschema",
              "vietnam-provinces")

def tree_digest(digest, folder: Path, wanted: Callable[[str], bool]) -> None:
    """Feed digest every file under folder whose relative path is `wanted`, in path order: its
    path and size (so no two trees give the same stream), then its bytes."""
    for rel in sorted(files_under(folder), key=lambda rel: rel.split("/")):   # as paths sort
        if wanted(rel):
            data = (folder / rel).read_bytes()
            digest.update(f"{rel}\0{len(data)}\0".encode())
            digest.update(data)


def files_under(folder: Path) -> list[str]:
    """The files under a folder (links to files included), relative, with `/`, in no order.
    Folder entries tell whether they are files without a call to stat each: content/ holds 5,000
    generated pages, and a no-change build lists it (pathlib's rglob and is_file took 0.2 s)."""
    return _files(str(folder), "")


def _files(top: str, prefix: str) -> list[str]:
    out = []
    try:
        entries = list(os.scandir(top))
    except OSError:
        return out
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            out += _files(entry.path, f"{prefix}{entry.name}/")
        elif entry.is_file():
            out.append(prefix + entry.name)
    return out


def versions(names) -> list[str]:
    """"name=version" of each installed distribution ("name=none" when it is not installed)."""
    out = []
    for name in names:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=none")
    return out


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """Hash of every module and data file of the package, of the versions of the libraries that
    shape its output, of Python's and of its Unicode tables: any of them new means a new cache."""
    digest = hashlib.sha256()
    digest.update("\n".join(versions(CONVERTERS) + [f"python={sys.version_info[:2]}",
                                                     f"unicode={unicodedata.unidata_version}"]).encode())
    tree_digest(digest, Path(str(resources.files("nghiquyet"))), lambda rel: rel.endswith((".py", ".yaml", ".json")))
    return digest.hexdigest()


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def listing_hash(article, listed: tuple[str, ...] | None = None) -> str:
    """A hash of the fields of an article that listing pages show (`listed`: the union of what
    the page kinds declare, pages.kinds.listed_fields; all fields but its slug and body when not
    given), computed once, when the article is converted."""
    names = listed or tuple(f.name for f in fields(article) if f.name not in ("blocks", "links"))
    values = tuple(getattr(article, name) for name in names if name != "slug")
    return hashlib.sha256(repr(values).encode()).hexdigest()


def listings_key(hashes: dict[str, str], settings: str = "") -> str:
    """A hash of everything the listing pages are built from: the pipeline's code and data, the
    settings, and each published article's slug with its listing hash."""
    digest = hashlib.sha256(f"{code_fingerprint()}\0{settings}".encode())
    for slug in sorted(hashes):
        digest.update(f"{slug}\0{hashes[slug]}\n".encode())
    return digest.hexdigest()
