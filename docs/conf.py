"""Sphinx configuration of the symflat documentation.

Two pages are generated at build time, so they can never fall behind the code: the API
reference (one page per module of the package, found by walking it) and the claim catalog
(read from ``proofs/`` with the same loader ``symflat verify`` uses).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import symflat
from symflat.report.texmath import split_statement
from symflat.verify.claims import load_claims

HERE = Path(__file__).resolve().parent
GENERATED = HERE / "_generated"
sys.path.insert(0, str(HERE / "_ext"))

project = "symflat"
author = "the symflat developers"
copyright = "2026, the symflat developers"
release = symflat.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "katex_offline",  # formulas typeset by the KaTeX shipped in symflat: no CDN
    "myst_nb",
]
html_static_path = ["_static"]
myst_enable_extensions = ["dollarmath", "amsmath"]
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
# A package documents what it defines; its re-exported names are documented where they live.
autodoc_default_options = {"members": True, "show-inheritance": True, "ignore-module-all": True}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# Type aliases and third-party classes named in signatures are not documented here.
nitpicky = False
suppress_warnings = ["autodoc.import_object"]

nb_execution_mode = "force"
nb_execution_timeout = 600
nb_execution_raise_on_error = True

html_theme = "pydata_sphinx_theme"
html_title = "symflat"
html_theme_options = {"navigation_with_keys": False, "show_toc_level": 2}
exclude_patterns = ["_build", "**.ipynb_checkpoints", "jupyter_execute"]

# Modules that run the command line when imported are not documented as modules.
_SKIP = {"__main__"}


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(symflat.__path__, "symflat."):
        if info.name.rsplit(".", 1)[-1] in _SKIP:
            continue
        names.append(info.name)
    return sorted(names)


def _heading(text: str, mark: str) -> str:
    return f"{text}\n{mark * len(text)}\n"


def _write_api() -> None:
    folder = GENERATED / "api"
    folder.mkdir(parents=True, exist_ok=True)
    names = _modules()
    for name in names:
        importlib.import_module(name)  # a module that cannot be imported fails the build here
        text = _heading(f"``{name}``", "=") + f"\n.. automodule:: {name}\n"
        _write_if_changed(folder / f"{name}.rst", text)
    for stale in set(folder.glob("*.rst")) - {folder / f"{name}.rst" for name in names}:
        stale.unlink()  # a module moved or removed since the last build
    toctree = "\n".join(f"   api/{name}" for name in names)
    index = (_heading("API reference", "=")
             + "\nEvery module of the package, with its docstrings. The public names are gathered"
             + " in :mod:`symflat`.\n\n.. toctree::\n   :maxdepth: 1\n\n" + toctree + "\n")
    _write_if_changed(GENERATED / "api.rst", index)


def _rst_text(text: str) -> str:
    special = "\\`*_|[]<>:"
    return "".join("\\" + c if c in special else c for c in text).replace("\n", " ")


def _rst_statement(statement: str) -> str:
    parts = []
    for segment in split_statement(statement):
        if segment.kind == "text" or not segment.safe:
            parts.append(_rst_text(segment.content))
        elif segment.kind == "math":
            parts.append(f"\\ :math:`{segment.content.replace('`', '')}`\\ ")
        else:
            body = segment.content.replace("\n", " ")
            parts.append(f"\n\n.. math::\n\n   {body}\n\n")
    return "".join(parts).strip()


def _write_claims() -> None:
    claims = load_claims()
    lines = [_heading("The claim catalog", "="),
             "Every statement of the paper that ``symflat verify`` checks, read from the TOML "
             "files in ``proofs/`` (their schema is in ``proofs/README.md``), exactly as printed. "
             f"{len(claims)} claims.", ""]
    for claim in claims:
        where = f"Sec. {claim.section}" + (f", Eq. {claim.equation}" if claim.equation else "")
        lines += [_heading(f"{claim.id}: {_rst_text(claim.title)}", "-"),
                  f"*{_rst_text(where)}*, checker ``{claim.checker}``"
                  + (f", convention *{claim.convention}*" if claim.convention else "") + ".", "",
                  _rst_statement(claim.statement), ""]
        if claim.hypotheses:
            lines += ["Hypotheses:", ""]
            lines += [f"- {_rst_statement(h)}" for h in claim.hypotheses] + [""]
        if claim.depends:
            lines += ["Depends on: " + ", ".join(f"``{d}``" for d in claim.depends) + ".", ""]
    _write_if_changed(GENERATED / "claims.rst", "\n".join(lines) + "\n")


def _write_if_changed(path: Path, text: str) -> None:
    # An unchanged page keeps its timestamp, so an incremental build does not redo it.
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


_write_api()
_write_claims()
