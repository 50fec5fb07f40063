"""The import structure of catalog/: no cycles between modules or between packages, imports at
module level (except the app factory's and lazy WeasyPrint), and a rulebook free of Flask, SQL
and the web layer. Read from the source with `ast`; imports inside functions are listed too, so a
cycle cannot hide there."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "catalog"

# Imports allowed inside a function: (module, function) -> why.
LAZY = {
    ("catalog", "create_app"): "the app factory imports the app's parts when an app is made",
    ("catalog.specsheet.render", "__init__"): "WeasyPrint is heavy: loaded with the printer",
    ("catalog.specsheet.render", "pdf"): "WeasyPrint is heavy: loaded with the printer",
}
# What the pure rulebook may never import (at any depth of a dotted name).
NOT_IN_RULEBOOK = (
    "flask",
    "flask_babel",
    "flask_login",
    "flask_smorest",
    "flask_wtf",
    "werkzeug",
    "sqlite3",
    "sqlite_utils",
    "catalog.web",
    "catalog.api",
    "catalog.store",
    "catalog.db",
    "catalog.services",
    "catalog.auth",
)


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted (a package means its __init__)
    line: int
    function: str | None  # the enclosing function, None at module level


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def imports(root: Path) -> list[Import]:
    known = modules(root)
    out: list[Import] = []
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, function in _walk(tree, None):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                targets = _from_targets(node, package, known)
            else:
                continue
            out += [Import(name, t, node.lineno, function) for t in targets]
    return out


def _walk(node: ast.AST, function: str | None) -> Iterator[tuple[ast.AST, str | None]]:
    for child in ast.iter_child_nodes(node):
        inner = function
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            inner = function or child.name
        yield child, inner
        yield from _walk(child, inner)


def _from_targets(node: ast.ImportFrom, package: str, known: dict[str, Path]) -> list[str]:
    if node.level:
        base_parts = package.split(".")
        base_parts = base_parts[: len(base_parts) - (node.level - 1)]
        base = ".".join([*base_parts, node.module] if node.module else base_parts)
    else:
        base = node.module or ""
    # `from pkg import mod` imports the module; `from mod import name` imports mod
    return [
        f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names
    ]


def internal_edges(root: Path) -> set[tuple[str, str]]:
    """Module-level imports between modules of the package (self-imports dropped)."""
    known = modules(root)
    return {
        (i.module, i.target)
        for i in imports(root)
        if i.function is None and i.target in known and i.target != i.module
    }


def cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan), each sorted."""
    graph: dict[str, list[str]] = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
        graph.setdefault(b, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def package_edges(edges: set[tuple[str, str]], packages: set[str]) -> set[tuple[str, str]]:
    """For each package, the imports between its direct children (sub-packages and modules)."""
    out = set()
    for a, b in edges:
        for package in packages:
            prefix = package + "."
            if a.startswith(prefix) and b.startswith(prefix):
                child_a = prefix + a[len(prefix) :].split(".")[0]
                child_b = prefix + b[len(prefix) :].split(".")[0]
                if child_a != child_b:
                    out.add((child_a, child_b))
    return out


def all_cycles(root: Path) -> list[list[str]]:
    known = modules(root)
    packages = {n for n, p in known.items() if p.name == "__init__.py"}
    edges = internal_edges(root)
    found = cycles(edges) + cycles(package_edges(edges, packages))
    return sorted({tuple(c): c for c in found}.values())  # a module cycle is a package's too


def test_no_import_cycle_between_modules_or_packages() -> None:
    assert all_cycles(PACKAGE) == []


def test_imports_inside_functions_are_only_the_lazy_ones() -> None:
    inside = [
        f"{i.module}:{i.line} in {i.function}() imports {i.target}"
        for i in imports(PACKAGE)
        if i.function is not None and (i.module, i.function) not in LAZY
    ]
    assert inside == []


def test_the_rulebook_imports_no_flask_sql_or_web_layer() -> None:
    bad = [
        f"{i.module}:{i.line} imports {i.target}"
        for i in imports(PACKAGE)
        if i.module.startswith("catalog.rulebook")
        and any(i.target == b or i.target.startswith(b + ".") for b in NOT_IN_RULEBOOK)
    ]
    assert bad == []


def test_nothing_in_web_imports_api_or_the_reverse() -> None:
    crossing = [
        f"{i.module}:{i.line} imports {i.target}"
        for i in imports(PACKAGE)
        if (i.module.startswith("catalog.web") and i.target.startswith("catalog.api"))
        or (i.module.startswith("catalog.api") and i.target.startswith("catalog.web"))
    ]
    assert crossing == []


# The checker itself, on small made-up packages: it must see what it is there to see.


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (  # two modules importing each other
            {"__init__.py": "", "a.py": "from . import b\n", "b.py": "from .a import x\n"},
            [["pkg.a", "pkg.b"]],
        ),
        (  # two sub-packages importing each other through different modules
            {
                "__init__.py": "",
                "one/__init__.py": "",
                "one/x.py": "from ..two import y\n",
                "one/z.py": "",
                "two/__init__.py": "",
                "two/y.py": "",
                "two/w.py": "from ..one.z import q\n",
            },
            [["pkg.one", "pkg.two"]],
        ),
        (  # a chain is not a cycle
            {"__init__.py": "", "a.py": "from . import b\n", "b.py": "import os\n"},
            [],
        ),
    ],
)
def test_the_checker_finds_module_and_package_cycles(
    tmp_path: Path, files: dict[str, str], expected: list[list[str]]
) -> None:
    assert all_cycles(_package(tmp_path, files)) == expected


def test_the_checker_counts_an_import_hidden_in_a_function(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {"__init__.py": "", "a.py": "def f():\n    from . import b\n", "b.py": "from . import a\n"},
    )
    hidden = [i for i in imports(root) if i.function == "f"]
    assert [(i.module, i.target) for i in hidden] == [("pkg.a", "pkg.b")]
