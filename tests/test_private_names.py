"""A name with a leading underscore is private to its module: no other module of symflat
imports it (a helper used elsewhere is a public name of its module, or moves there)."""

import ast
from pathlib import Path

import symflat


def test_no_module_imports_a_private_name_of_another():
    root = Path(symflat.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("symflat"):
                found += [f"{path.relative_to(root)}: {node.module}.{alias.name}"
                          for alias in node.names
                          if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert found == []
