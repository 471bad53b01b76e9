"""Shared fixtures: the repository root, the seed expectations, a scratch copy of the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seeds() -> list[dict]:
    return yaml.safe_load((FIXTURES / "seeds.yaml").read_text(encoding="utf-8"))


def snapshot(folder: Path, skip: frozenset[str] = frozenset()) -> dict[str, bytes]:
    """Every file under folder (but those named in skip): its path relative to folder -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in skip}


def make_project(dest: Path, corpus: Path | None = None) -> Path:
    """A copy of the project's site sources (config, hand-written pages, corpus) in dest."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    content = dest / "content"
    content.mkdir(exist_ok=True)
    shutil.copy(ROOT / "content" / "gioi-thieu.md", content / "gioi-thieu.md")
    shutil.copytree(ROOT / "content" / "stylesheets", content / "stylesheets", dirs_exist_ok=True)
    shutil.copytree(ROOT / "content" / "javascripts", content / "javascripts", dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides", dest / "overrides", dirs_exist_ok=True)
    shutil.copytree(corpus or ROOT / "corpus", dest / "corpus", dirs_exist_ok=True)
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The five corpus articles built once into a scratch project (site/ and content/)."""
    from nghiquyet.cli import main

    root = make_project(tmp_path_factory.mktemp("built") / "project")
    assert main(["build", "--root", str(root), "--strict"]) == 0
    return root
