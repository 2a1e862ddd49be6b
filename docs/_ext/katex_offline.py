"""Math in the docs typeset by the KaTeX copy shipped inside symflat: no CDN, works offline.

Sphinx's default renderer (MathJax) loads its script from a CDN, so offline every formula
stays raw TeX. This extension registers a math renderer that writes each formula's TeX as the
text of a ``<span class="math">`` (inline) or ``<div class="math display">`` (display), the
markup the HTML report uses, and adds the report's own files to every page:
``katex/katex.min.js`` and its CSS and fonts, and ``render-math.js``, which typesets those
elements when the page has loaded. ``output-math.js`` (beside this file, in ``docs/_static``)
first marks ``$...$`` formulas in executed notebook outputs (the rich HTML displays of results)
so that they are typeset too, as Jupyter shows them. No URL outside the built site is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.math import get_node_equation_number

import symflat.report

#: The report's static files: katex/ (KaTeX, its CSS and fonts) and render-math.js.
STATIC = Path(symflat.report.__file__).resolve().parent / "static"


def _visit_math(self: Any, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math"))
    self.body.append(self.encode(node.astext()) + "</span>")
    raise nodes.SkipNode


def _visit_display(self: Any, node: nodes.math_block) -> None:
    if node.get("number"):
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})</span>')
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    tex = parts[0] if len(parts) == 1 else (
        r"\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}")
    self.body.append(self.starttag(node, "div", CLASS="math display"))
    self.body.append(self.encode(tex) + "</div>\n")
    raise nodes.SkipNode


def _use_shipped_katex(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC))
    config.html_math_renderer = "katex_offline"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_math_renderer("katex_offline", (_visit_math, None), (_visit_display, None))
    app.connect("config-inited", _use_shipped_katex)
    app.add_css_file("katex/katex.min.css")
    # Deferred scripts run in order once the page is parsed: mark, load KaTeX, typeset.
    app.add_js_file("output-math.js", defer="defer")
    app.add_js_file("katex/katex.min.js", defer="defer")
    app.add_js_file("render-math.js", defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
