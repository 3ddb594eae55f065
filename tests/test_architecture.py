"""The layers of docs/architecture.md, enforced: which package of recoupe may import which.

Every ``import`` is counted, lazy ones inside functions included: an import
hidden in a function is still a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "recoupe"

# package (or top-level module) -> the packages of recoupe it may import
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "fr": {"model"},
    "corpus": {"model"},
    "ingest": {"model"},
    "nlp": {"fr", "model"},
    "link": {"fr", "model", "corpus"},
    "compare": {"fr", "model", "corpus", "link"},
    "render": {"model", "corpus"},
    "evaluate": {"fr", "model", "corpus", "ingest", "nlp", "render"},
    "batch": {"fr", "model", "corpus", "ingest", "nlp"},
    "api": {"fr", "model", "corpus", "ingest", "nlp", "link", "compare", "batch"},
    "store": {
        "fr",
        "model",
        "corpus",
        "ingest",
        "nlp",
        "link",
        "compare",
        "render",
        "api",
        "batch",
    },
    "serve": {
        "fr",
        "model",
        "corpus",
        "ingest",
        "nlp",
        "link",
        "compare",
        "render",
        "api",
        "batch",
        "store",
    },
    "cli": {
        "fr",
        "model",
        "corpus",
        "ingest",
        "nlp",
        "link",
        "compare",
        "render",
        "api",
        "batch",
        "store",
        "serve",
        "evaluate",
    },
    "__init__": {"api", "model"},
}


def _package_of(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0]


def _imported(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, package of recoupe) for every import of the module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "recoupe":
                names = [f"recoupe.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "recoupe" and len(parts) > 1:
                yield node.lineno, parts[1]


def _edges() -> dict[tuple[str, str], list[str]]:
    """(importer, imported) -> where, for every import across packages."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        package = _package_of(path)
        for line, imported in _imported(ast.parse(path.read_text("utf-8"))):
            if imported != package:
                edges.setdefault((package, imported), []).append(f"{path.relative_to(SRC)}:{line}")
    return edges


def test_every_package_has_a_layer() -> None:
    packages = {_package_of(p) for p in SRC.rglob("*.py")}
    assert packages <= set(ALLOWED), (
        f"add {sorted(packages - set(ALLOWED))} to ALLOWED and docs/architecture.md"
    )


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_lower_layers(package: str) -> None:
    forbidden = {
        imported: where
        for (importer, imported), where in _edges().items()
        if importer == package and imported not in ALLOWED[package]
    }
    assert not forbidden, f"recoupe.{package} may not import {forbidden} (see docs/architecture.md)"


def test_the_rules_the_layers_rest_on() -> None:
    assert ALLOWED["fr"] == {"model"}
    assert "nlp" not in ALLOWED["link"] | ALLOWED["compare"]
    assert "serve" not in ALLOWED["store"]
    assert "store" in ALLOWED["serve"]


def test_no_import_cycle_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for importer, imported in _edges():
        graph.setdefault(importer, set()).add(imported)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(p for p in graph if reaches(p, p, {p}))
    assert not cycles, f"packages in an import cycle: {cycles}"


def test_the_language_layer_needs_no_spacy() -> None:
    heavy = {"spacy", "thinc"}
    found = [
        f"{path.relative_to(SRC)}:{node.lineno}"
        for path in sorted((SRC / "fr").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if (isinstance(node, ast.Import) and any(a.name.split(".")[0] in heavy for a in node.names))
        or (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in heavy)
    ]
    assert not found, f"recoupe.fr imports spaCy at {found}"
