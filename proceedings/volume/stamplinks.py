"""The DOI a paper's first page prints (:func:`workshop.core.citation.stamp_parts`) as a link
a reader can click: a link annotation with a web link (``https://doi.org/...``) over the
DOI's words, where the stamp draws them (:func:`proceedings.volume.stamps.citation_lines`),
on a page turned by ``/Rotate`` too."""

from __future__ import annotations

from collections.abc import Sequence

from proceedings.volume.pdfout import number, pdf_string
from proceedings.volume.stamps import ASCENT, DESCENT, StampFont, citation_lines, view_matrix

#: How the stamp writes a DOI: the address a reader follows.
DOI_ADDRESS = "https://doi.org/"


def doi_links(
    font: StampFont, citation: Sequence[str], box: tuple[float, float, float, float], rotate: int
) -> list[bytes]:
    """A link annotation (a complete dictionary) over each DOI the first page's ``citation``
    lines print; none for a DOI that is not plain ASCII (its address is written as it is)."""
    width, _, (a, b, c, d, e, f) = view_matrix(box, rotate)
    links = []
    for text, size, baseline in citation_lines(font, citation, width):
        at = text.find(DOI_ADDRESS)
        address = text[at:].split(" ")[0] if at >= 0 else ""
        if not address or not address.isascii():
            continue
        left = (width - font.text_width(text, size)) / 2 + font.text_width(text[:at], size)
        right = left + font.text_width(address, size)
        corners = [
            (a * x + c * y + e, b * x + d * y + f)
            for x in (left, right)
            for y in (baseline - DESCENT * size, baseline + ASCENT * size)
        ]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        rect = b" ".join(number(v) for v in (min(xs), min(ys), max(xs), max(ys)))
        links.append(
            b"<< /Type /Annot /Subtype /Link /Rect [%b] /Border [0 0 0] /A << /S /URI /URI %b >> >>"
            % (rect, pdf_string(address))
        )
    return links
