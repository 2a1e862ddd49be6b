"""Network drawings stored with the verdicts, checked before the report embeds them.

A checker that builds one of the paper's networks (the multiplication gate, the flat and the
deep product) stores its drawing, :func:`symflat.nets.drawing.to_svg`, with the verdict's
figure data under ``network`` (``{"name": ..., "svg": ...}``); a sweep stores the drawing of
each verified depth-2 network beside its bounds (``depth2`` → model → ``drawing``). The
report computes nothing: it only embeds those drawings.

A stored drawing is text from a file (the store) like any other, so it is not trusted as
markup: :func:`clean_svg` is the one path by which it becomes markup. It parses the SVG,
keeps only the elements and attributes symflat's drawings use (every attribute value checked
against the form symflat writes), and writes it again with every text and attribute value
escaped. A drawing with anything else (a script, an event handler, a link, an entity, a
foreign element) is refused as a whole and left out of the report. For LaTeX,
:func:`svg_to_pdf` converts the cleaned drawing with ``rsvg-convert`` (Debian's
``librsvg2-bin``); without it the PDF says that the drawing is in the HTML report only.

Examples
--------
>>> clean_svg('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
...           '<text x="1" y="2">x₁ &lt;b&gt;</text></svg>')
'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="1" y="2">x₁ &lt;b&gt;\
</text></svg>'
>>> clean_svg('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') is None
True
>>> clean_svg('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') is None
True
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

__all__ = ["RSVG_HINT", "clean_svg", "pdf_converter", "svg_to_pdf"]

_NS = "{http://www.w3.org/2000/svg}"

_NUMBER = r"-?\d+(?:\.\d+)?"
_COLOR = r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|none|white"

#: Every attribute a drawing may carry, with the form of its value (matched in full).
_ATTRIBUTES = {
    "x": _NUMBER, "y": _NUMBER, "dx": _NUMBER, "width": _NUMBER, "height": _NUMBER,
    "cx": _NUMBER, "cy": _NUMBER, "rx": _NUMBER, "ry": _NUMBER,
    "font-size": _NUMBER, "stroke-width": _NUMBER,
    "viewBox": rf"{_NUMBER} {_NUMBER} {_NUMBER} {_NUMBER}",
    "d": r"[MCL0-9.,\- ]+",
    "fill": _COLOR, "stroke": _COLOR,
    "stroke-dasharray": r"[0-9. ]+",
    "text-anchor": r"start|middle|end",
    "paint-order": r"stroke",
    "class": r"[a-z][a-z0-9 -]*",
    "role": r"img",
    "data-engine": r"dot|builtin",
    "style": r"max-width:100%;height:auto",
    "font-family": r"[A-Za-z0-9 ',-]+",
    "aria-label": r"[^\x00-\x1f]*",  # any text: it is escaped when written again
}
_ELEMENTS = {"svg", "title", "g", "path", "rect", "ellipse", "text", "tspan"}

#: What the PDF says in place of a drawing when rsvg-convert is not installed.
RSVG_HINT = ("drawn in the HTML report only: converting it for the PDF needs rsvg-convert "
             "(Debian: apt-get install librsvg2-bin)")


def _element(node: ET.Element) -> str | None:
    """One element and its children written again, or None when anything is not allowed."""
    tag = node.tag
    if not isinstance(tag, str) or not tag.startswith(_NS) or tag[len(_NS):] not in _ELEMENTS:
        return None
    tag = tag[len(_NS):]
    attrs = [' xmlns="http://www.w3.org/2000/svg"'] if tag == "svg" else []
    for name, value in node.attrib.items():
        form = _ATTRIBUTES.get(name)
        if form is None or re.fullmatch(form, value) is None:
            return None
        attrs.append(f' {name}="{html.escape(value)}"')
    inner = [html.escape(node.text or "", quote=False)]
    for child in node:
        written = _element(child)
        if written is None:
            return None
        inner.append(written + html.escape(child.tail or "", quote=False))
    body = "".join(inner)
    return f"<{tag}{''.join(attrs)}>{body}</{tag}>" if body else f"<{tag}{''.join(attrs)}/>"


def clean_svg(stored: object) -> str | None:
    """A stored drawing as safe SVG markup, or None when it is not a drawing symflat writes.

    Parameters
    ----------
    stored : object
        The stored text (anything else, e.g. a number from a tampered store, is refused).

    Returns
    -------
    str or None
        The SVG written again: allowed elements and attributes only, every value escaped, no
        line breaks between elements (none is needed inside a drawing).

    Examples
    --------
    >>> clean_svg('<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>')
    >>> clean_svg('<svg xmlns="http://www.w3.org/2000/svg"><a href="x"/></svg>')
    >>> clean_svg(42)
    """
    if not isinstance(stored, str) or "<!" in stored or "<?" in stored or len(stored) > 500_000:
        return None
    try:
        root = ET.fromstring(stored)
    except ET.ParseError:
        return None
    if root.tag != _NS + "svg":
        return None
    written = _element(root)
    return None if written is None else re.sub(r">\s*\n\s*<", "><", written)


def pdf_converter() -> str | None:
    """The path of ``rsvg-convert``, None when it is not installed.

    Examples
    --------
    >>> found = pdf_converter()
    >>> found is None or found.endswith("rsvg-convert")
    True
    """
    return shutil.which("rsvg-convert")


def svg_to_pdf(svg: str, *, timeout: float = 30.0) -> bytes:
    """A cleaned drawing (:func:`clean_svg`) as PDF bytes, empty when it cannot be converted.

    ``rsvg-convert`` reads the SVG on its standard input, run as an argument list (no shell);
    the drawing refers to no file, so it reads nothing else.

    Examples
    --------
    >>> svg = clean_svg('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
    ...                 '<rect x="1" y="1" width="9" height="9" fill="#fef3c7"/></svg>')
    >>> pdf = svg_to_pdf(svg)
    >>> pdf.startswith(b"%PDF") if pdf_converter() else pdf == b""
    True
    """
    converter = pdf_converter()
    if converter is None:
        return b""
    try:
        done = subprocess.run([converter, "--format=pdf"], input=svg.encode("utf-8"),
                              capture_output=True, timeout=timeout, check=True)
    except (OSError, subprocess.SubprocessError):
        return b""
    return done.stdout if done.stdout.startswith(b"%PDF") else b""
