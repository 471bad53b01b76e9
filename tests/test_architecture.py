"""The package's folders are the pipeline's stages, and a stage never reaches into a later one:

    foundation (records, errors, text, vocabulary, patterns, fingerprint, settings, names, progress)
    -> ingest (read, containers, lines, dates, clean) -> extract -> catalog -> pages
    -> output (writer, cache) -> search (Pagefind) -> render (MkDocs, feeds)
    -> entry points (pipeline, cli and __main__, plugin)

Every import is checked, those inside functions too; no import cycle; no module over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "build" / "nghiquyet"
STAGES = ["foundation", "ingest", "extract", "catalog", "pages", "output", "search", "render", "entry"]
FOUNDATION = {"__init__", "records", "errors", "text", "vocabulary", "patterns", "fingerprint", "settings", "names",
              "progress"}
ENTRY = {"pipeline", "cli", "plugin", "__main__"}
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    return ".".join(rel.parts)


def _stage(module: str) -> str:
    head = module.split(".")[0]
    if head in STAGES:
        return head
    if head in FOUNDATION:
        return "foundation"
    if head in ENTRY:
        return "entry"
    raise AssertionError(f"module {module} belongs to no stage: put it in a stage folder")


def _imports(path: Path) -> set[str]:
    """The package's modules a module imports (absolute names inside the package)."""
    here = _name(path).split(".")
    package = here[:-1] if path.name != "__init__.py" else here[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
            prefix = base + (node.module.split(".") if node.module else [])
            if node.module:
                found.add(".".join(prefix))
            for alias in node.names:
                candidate = ".".join(prefix + [alias.name])
                if (PACKAGE / Path(*candidate.split("."))).with_suffix(".py").exists():
                    found.add(candidate)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found |= {n[len("nghiquyet."):] for n in names if n.startswith("nghiquyet.")}
    return {m for m in found if m and (PACKAGE / Path(*m.split("."))).with_suffix(".py").exists()
            or (PACKAGE / Path(*m.split(".")) / "__init__.py").exists()}


GRAPH = {_name(p): _imports(p) for p in MODULES}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_module_imports_a_later_stage(module):
    mine = STAGES.index(_stage(module))
    later = [m for m in GRAPH[module] if STAGES.index(_stage(m)) > mine]
    assert not later, f"{module} ({_stage(module)}) imports a later stage: {later}"


def test_no_import_cycle():
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for other in GRAPH.get(module, ()):
            other = other if other in GRAPH else other + ".__init__"
            if state.get(other) == 1:
                raise AssertionError(" -> ".join(path + [module, other]))
            if other in GRAPH and not state.get(other):
                visit(other, path + [module])
        state[module] = 2

    for module in sorted(GRAPH):
        if not state.get(module):
            visit(module, [])


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400
