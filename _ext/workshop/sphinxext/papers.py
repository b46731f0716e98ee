"""The accepted papers: ``{workshop-papers}`` renders each paper of ``papers.yaml`` as a
section with the label ``paper-<id>`` (program rows link there): title, authors with
affiliations, track, abstract and the PDF."""

from __future__ import annotations

import os

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..model import Paper, WorkshopInfo
from .base import WorkshopDirective
from .schedule import paper_target


class PapersDirective(WorkshopDirective):
    parts = ("info", "papers")

    def run(self) -> list[nodes.Node]:
        loaded = self.data()
        if loaded is None:
            return []
        sections: list[nodes.Node] = []
        for paper in loaded.workshop.papers.papers:
            pdf = loaded.pdf_path(paper.pdf)
            self.env.note_dependency(str(pdf))
            sections.append(self.paper_section(loaded.workshop.info, paper, pdf))
        return sections

    def paper_section(self, info: WorkshopInfo, paper: Paper, pdf) -> nodes.section:
        label = paper_target(paper.id)
        section = nodes.section(ids=[label], names=[label], classes=["workshop-paper"])
        self.state.document.note_explicit_target(section)
        section += nodes.title("", paper.title)
        authors = nodes.paragraph(classes=["workshop-authors"])
        for i, person in enumerate(paper.authors):
            if i:
                authors += nodes.Text("; ")
            authors += nodes.Text(person.display)
        section += authors
        track = info.track(paper.track)
        section += nodes.paragraph("", f"Track: {track.name if track else paper.track}", classes=["workshop-track"])
        if paper.abstract:
            section += nodes.paragraph("", paper.abstract, classes=["workshop-abstract"])
        if pdf.is_file():
            link = nodes.paragraph()
            link += addnodes.download_reference(
                "", "", nodes.literal("", "PDF"), reftarget="/" + os.path.relpath(pdf, self.env.srcdir),
                refexplicit=True,
                refdoc=self.env.docname, refdomain="", reftype="download",
            )
            section += link
        else:
            self.warn(f"{paper.id}: the PDF {paper.pdf} does not exist", "missing-file")
        return section


def setup(app: Sphinx) -> None:
    app.add_directive("workshop-papers", PapersDirective)
