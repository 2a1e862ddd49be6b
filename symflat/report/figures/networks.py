"""Network drawings as report figures: the stored drawings, checked, embedded, never computed.

Each claim whose checker stored the drawing of the network it built (``network`` in its figure
data: the multiplication gate of Eq. 11, the flat product of Eq. 32, the product tree) gets
the figure ``net-<its anchor>``, placed in the claim; each verified depth-2 network a sweep
stored (``deep2`` → ``drawings``) gets ``deep2-net-<k>``, placed in "Smallest deep networks".
The SVG passes :func:`symflat.report.drawings.clean_svg` (a drawing that does not is left
out); the PDF is the same SVG converted by ``rsvg-convert``, empty when it is not installed
(the LaTeX then says the drawing is in the HTML report only).

Examples
--------
>>> svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><title>g</title></svg>'
>>> records = [{"id": "eq11", "anchor": "claim-eq11", "figure_data": {
...     "network": {"name": "eq11", "svg": svg, "caption": "the gate: 4 neurons"}}}]
>>> (figure,) = network_figures(records, {}, pdf=False)
>>> figure.name, figure.section, figure.caption.split(";")[0], figure.pdf
('net-claim-eq11', 'claim-eq11', 'the gate: 4 neurons', b'')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from symflat.report.drawings import clean_svg, svg_to_pdf
from symflat.report.figures.common import Figure, pdf_wanted

__all__ = ["figure_name", "network_figures"]


def figure_name(anchor: str) -> str:
    """The figure name of a claim's network drawing (a file stem LaTeX reads: no dot).

    Examples
    --------
    >>> figure_name("claim-.00003cscript.00003e")
    'net-claim-_00003cscript_00003e'
    """
    return "net-" + anchor.replace(".", "_")


def _figure(name: str, title: str, caption: str, stored: Any, section: str,
            pdf: bool) -> Figure | None:
    svg = clean_svg(stored)
    if svg is None:
        return None
    return Figure(name=name, title=title, caption=caption, svg=svg,
                  pdf=svg_to_pdf(svg) if pdf and pdf_wanted() else b"", section=section,
                  data={"kind": "network"})


def network_figures(records: Sequence[Mapping[str, Any]], deep2: Mapping[str, Any] | None, *,
                    pdf: bool = True) -> list[Figure]:
    """The drawings stored with the claims' verdicts and the depth-2 sweep results.

    Parameters
    ----------
    records : sequence of mapping
        Claim records (:func:`symflat.report.data.claim_record`).
    deep2 : mapping or None
        The "Smallest deep networks" view (:func:`symflat.report.views.deep2_view`).
    pdf : bool
        Convert the drawings to PDF too (for LaTeX).
    """
    figures = []
    for record in records:
        stored = (record.get("figure_data") or {}).get("network")
        if not isinstance(stored, Mapping):
            continue
        caption = str(stored.get("caption") or "")
        caption += ("; " if caption else "") + ("drawn when the claim was checked (in the "
                                                "HTML report, hovering a line or a node shows "
                                                "its exact value)")
        figure = _figure(figure_name(record["anchor"]), "The network checked", caption,
                         stored.get("svg"), record["anchor"], pdf)
        if figure is not None:
            figures.append(figure)
    for drawing in (deep2 or {}).get("drawings") or ():
        figure = _figure(drawing["figure"], drawing["title"], drawing["caption"],
                         drawing["svg"], "deep2", pdf)
        if figure is not None:
            figures.append(figure)
    return figures
