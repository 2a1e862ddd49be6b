"""The package's imports, read from its source: no module cycle, and each layer imports only
the layers below it (README's layout table).

The graph counts every import statement, at the top of a module or inside a function (a lazy
import is a cycle put off, not removed), except those under ``if TYPE_CHECKING:``, which never
run. ``from package import name`` depends on the module ``package.name`` when there is one, else
on ``package``; the parents a Python import loads on the way are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import symflat

#: The package's folder.
SYMFLAT = Path(symflat.__file__).parent

#: The layers from the bottom up: a module imports only from its own layer and those before it.
#: ``symflat`` itself (the Python API) and ``__main__`` are above everything.
LAYERS = ("errors", "version", "files", "executor", "exact", "display", "layout", "_callable",
          "nets", "paper", "width", "verify", "report", "cli")


def module_names(folder: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file under ``folder``."""
    names = {}
    for path in sorted(folder.rglob("*.py")):
        parts = [package, *path.relative_to(folder).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _type_checking_only(node: ast.AST) -> bool:
    test = getattr(node, "test", None) if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _statements(tree: ast.AST):
    """Every import statement of ``tree`` that can run: anywhere but ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        if _type_checking_only(node):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool,
             known: set[str]) -> set[str]:
    """The modules of ``known`` that the statement ``node`` in ``module`` depends on."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names} & known
    base = node.module or ""
    if node.level:  # relative: from the package that holds ``module``
        anchor = module.split(".")[: len(module.split(".")) + is_package - node.level]
        base = ".".join(anchor + ([base] if base else []))
    found = set()
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        found.add(sub if sub in known else base)
    return found & known


def package_imports(folder: Path = SYMFLAT, package: str = "symflat"
                    ) -> dict[str, list[ast.Import | ast.ImportFrom]]:
    """Every import statement that can run, by module of ``package``."""
    return {module: list(_statements(ast.parse(path.read_text(encoding="utf-8"),
                                               filename=str(path))))
            for module, path in module_names(folder, package).items()}


def import_graph(folder: Path, package: str) -> nx.DiGraph:
    """Module -> the package modules it imports, read from the source without importing it."""
    names = module_names(folder, package)
    graph = nx.DiGraph()
    graph.add_nodes_from(names)
    for module, statements in package_imports(folder, package).items():
        is_package = names[module].name == "__init__.py"
        for node in statements:
            for target in imported(node, module, is_package, set(names)):
                if target != module:
                    graph.add_edge(module, target)
    return graph


def layer(module: str) -> int:
    """The position of ``module``'s layer in :data:`LAYERS` (``symflat`` itself is the top)."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return len(LAYERS)
    return LAYERS.index(parts[1])


def test_the_graph_sees_lazy_imports_and_skips_type_checking(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from . import b\n")
    (package / "a.py").write_text("from typing import TYPE_CHECKING\nimport pkg.sub\n"
                                  "if TYPE_CHECKING:\n    from pkg.c import C\n")
    (package / "sub" / "b.py").write_text("def f():\n    from pkg import a\n    return a\n")
    (package / "c.py").write_text("from .sub.b import f\n")
    graph = import_graph(package, "pkg")
    assert set(graph.edges) == {("pkg.a", "pkg.sub"), ("pkg.sub", "pkg.sub.b"),
                                ("pkg.sub.b", "pkg.a"), ("pkg.c", "pkg.sub.b")}
    assert sorted(map(sorted, nx.simple_cycles(graph))) == [["pkg.a", "pkg.sub", "pkg.sub.b"]]


def test_no_import_cycle_between_modules():
    graph = import_graph(SYMFLAT, "symflat")
    assert graph.number_of_edges() > 100  # the reading found the package's imports
    cycles = [" -> ".join([*cycle, cycle[0]]) for cycle in nx.simple_cycles(graph)]
    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))


def test_each_layer_imports_only_the_layers_below_it():
    graph = import_graph(SYMFLAT, "symflat")
    upward = [f"{u} -> {v}" for u, v in graph.edges if layer(v) > layer(u)]
    assert not upward, "imports of a higher layer:\n" + "\n".join(sorted(upward))


def package_of(module: str) -> str:
    """``symflat.verify.checks.bits`` -> ``verify``; the top-level modules are their own."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_no_private_name_is_imported_from_another_package():
    crossing = []
    for module, statements in package_imports().items():
        for node in statements:
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
                    "symflat.") or node.level:
                continue
            if package_of(node.module) == package_of(module) or module == "symflat":
                continue  # a package's own private modules, and the API's
            private = [part for part in node.module.split(".") if part.startswith("_")
                       and not part.startswith("__")]
            private += [a.name for a in node.names if a.name.startswith("_")
                        and not a.name.startswith("__")]
            if private:
                crossing.append(f"{module}: from {node.module} import {', '.join(private)}")
    assert not crossing, "private names imported across packages:\n" + "\n".join(crossing)


def test_no_module_is_longer_than_800_lines():
    long = {module: len(path.read_text(encoding="utf-8").splitlines())
            for module, path in module_names(SYMFLAT, "symflat").items()}
    assert max(long.values()) > 300  # the files were read
    assert not {m: n for m, n in long.items() if n > 800}


def test_interval_arithmetic_lives_in_one_module():
    """Only ``symflat.exact.interval`` imports the interval library (mpmath); every other
    module encloses values through it."""
    mpmath_importers = {}
    for module, statements in package_imports().items():
        for node in statements:
            roots = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""])
            if any(root.split(".")[0] == "mpmath" for root in roots):
                mpmath_importers.setdefault(module, node.lineno)
    assert set(mpmath_importers) == {"symflat.exact.interval"}
