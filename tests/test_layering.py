"""The folder tree is the architecture (STYLE.md, Layers): a module imports only from its own layer or below,
and no modules import each other in a circle. Read from the source with `ast`, so nothing is imported.

Layers, lowest first: indexer/ (files -> passages -> store), assistant/ (question -> answer), then the edges
that only translate: web/ and the CLI (the assistant/cli/ package, which STYLE.md puts beside web/). Imports inside
functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("indexer", "assistant", "web")
LAYER = {"indexer": 2, "assistant": 3, "web": 4}
EDGE_MODULES = {"assistant.cli": 4}
"""Modules (and the modules inside them) whose layer is not their folder's: the CLI translates argv like web/
translates HTTP."""
KNOWN_UPWARD_IMPORTS: set[tuple[str, str]] = set()
"""Empty: errors live in indexer/errors.py, the bottom layer, so nothing needs to reach up for them."""
KNOWN_CYCLE_IMPORTS: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files() -> dict[str, Path]:
    files = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "node_modules" not in path.parts:
                files[module_name(path)] = path
    return files


MODULES = source_files()


def imported_modules(name: str, path: Path) -> set[str]:
    """Our modules that `name` imports, anywhere in the file; `from a import b` is a.b when b is a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        found.update(owning_module(target) for target in targets if target.split(".")[0] in PACKAGES)
    found.discard(name)
    return found


def owning_module(target: str) -> str:
    """The longest of our module names that `target` is or lies inside (`indexer.errors.BadInput` -> errors)."""
    while target not in MODULES and "." in target:
        target = target.rpartition(".")[0]
    return target


def layer(module: str) -> int:
    edge = next((n for name, n in EDGE_MODULES.items() if module == name or module.startswith(name + ".")), None)
    return edge if edge is not None else LAYER[module.split(".")[0]]


GRAPH = {name: imported_modules(name, path) for name, path in MODULES.items()}
EDGES = {(importer, imported) for importer, targets in GRAPH.items() for imported in targets}
UPWARD = {(importer, imported) for importer, imported in EDGES if layer(imported) > layer(importer)}


def test_the_packages_are_all_read():
    assert {"indexer.build", "assistant.engine", "assistant.cli", "web"} <= MODULES.keys()
    assert "indexer.errors" in GRAPH["indexer.build"]


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_imports_from_a_layer_above_its_own(package):
    upward = {pair for pair in UPWARD - KNOWN_UPWARD_IMPORTS if pair[0].split(".")[0] == package}
    assert not upward, "upward imports (move the shared piece down a layer instead): " + ", ".join(
        f"{importer} imports {imported}" for importer, imported in sorted(upward)
    )


def test_known_violations_are_still_there():
    """The allow-lists only shrink: an entry whose import is gone must be deleted, so it cannot hide a new one."""
    assert not KNOWN_UPWARD_IMPORTS - UPWARD
    assert not KNOWN_CYCLE_IMPORTS - EDGES


def test_no_import_cycles():
    graph = {name: targets - {b for a, b in KNOWN_CYCLE_IMPORTS if a == name} for name, targets in GRAPH.items()}
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as cycle:
        # graphlib lists each module before the ones that import it; read backwards, it is the import chain.
        pytest.fail("modules import each other in a circle: " + " imports ".join(reversed(cycle.args[1])))


def test_a_planted_upward_import_is_found(tmp_path):
    """The checks above can fail: the same reading of the source finds relative and absolute upward imports."""
    planted = tmp_path / "indexer" / "planted.py"
    planted.parent.mkdir()
    planted.write_text("from ..web import api\nfrom web.api import bp\n", encoding="utf-8")
    assert imported_modules("indexer.planted", planted) == {"web.api"}
    assert layer("web.api") > layer("indexer.planted")
