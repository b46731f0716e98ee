"""The handbook (the program as a printed booklet) offered on the program page, as the
papers page offers the volume: from the folder ``workshop_proceedings`` names, read
through its manifest (:mod:`workshop.core.booklet`), never by opening the PDF.  A booklet
made from other data (the program changed since) is not offered: a ``workshop.proceedings``
warning says to make it again.  Without a folder, or a booklet in it, nothing is offered.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes

from workshop.core import paths
from workshop.core.booklet import HANDBOOK, MANIFEST, digest, read
from workshop.core.model import Workshop
from workshop.site.base import WorkshopDirective
from workshop.site.downloads import LIST_CLASS


def offer(directive: WorkshopDirective, workshop: Workshop) -> list[nodes.Node]:
    """The link to ``handbook.pdf`` for ``directive``'s page (which shows ``workshop``'s
    program), or nothing (a warning when stale)."""
    setting = directive.config.workshop_proceedings
    if not setting:
        return []
    folder = Path(setting)
    directive.env.note_dependency(str(folder / MANIFEST))
    booklet = read(folder)
    if booklet is None or not paths.locate(folder, HANDBOOK, folder).ok:
        return []
    if booklet.digest != digest(workshop):
        directive.warn(
            f"workshop_proceedings: the handbook in {folder} was made from other data than the site's: "
            "run `python -m proceedings handbook` (or build) again; it is not offered",
            "proceedings",
        )
        return []
    # (The download's dependency, on the PDF itself, is Sphinx's: it copies the file.)
    para = nodes.paragraph(classes=["workshop-paper-links", "workshop-handbook", LIST_CLASS])
    para += directive.download(
        folder / HANDBOOK, f"The program as a printed booklet (PDF, {booklet.pages} pages)"
    )
    return [para]
