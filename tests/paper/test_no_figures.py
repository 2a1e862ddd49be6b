"""The paper's objects are drawn once, by the report: symflat.paper imports no plotting library
(the Section III figures used to be drawn both here and in symflat.report.figures.section3)."""

import ast
from pathlib import Path

import symflat.paper


def test_the_paper_package_draws_nothing():
    folder = Path(symflat.paper.__file__).parent
    drawing = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            drawing += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "matplotlib"]
    assert len(list(folder.glob("*.py"))) > 10 and drawing == []
