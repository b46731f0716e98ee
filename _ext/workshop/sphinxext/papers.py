"""The accepted papers: ``{workshop-papers}`` renders each paper of ``papers.yaml``, in the
order of the proceedings volume (the program's order, then papers not on it), as a section
with the label ``paper-<id>`` (program rows link there): title, authors with
affiliations, track, pages in the volume, abstract, the PDF, and its BibTeX to copy.

Where the paper sits in the volume and its BibTeX come from the proceedings package
(:mod:`proceedings.layout`, :mod:`proceedings.bibtex`): the same functions the volume
build uses, over the same model and the same PDFs' page counts, so the site and the
volume cannot disagree.

When ``workshop_proceedings`` names the folder ``python -m proceedings build`` wrote
(``nox -s docs`` builds the volume first and sets it), the page also offers the whole
volume and its BibTeX, and each paper's PDF is its stamped copy from the volume, with
its ``.bib`` file; otherwise it links the camera-ready PDF.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from proceedings import bibtex
from proceedings.errors import ProceedingsError
from proceedings.layout import Pagination, Placement, count_pages, paper_order
from proceedings.manifest import MANIFEST, VOLUME, VOLUME_BIB, PaperResult, built_papers

from .. import paths
from ..load import Loaded
from ..model import Paper, WorkshopInfo
from .base import WorkshopDirective
from .schedule import paper_target


class PapersDirective(WorkshopDirective):
    # The order comes from the schedule, BibTeX names the editors (people) and the volume.
    parts = ("info", "papers", "schedule", "people")

    def run(self) -> list[nodes.Node]:
        loaded = self.data()
        if loaded is None:
            return []
        papers = paper_order(loaded.workshop)
        placements = self.placements(loaded, papers)
        volume = self.volume(placements)
        out: list[nodes.Node] = []
        if volume is not None:
            out.append(self.volume_links(volume[0]))
        for paper in papers:
            out.append(self.paper_section(loaded, paper, placements.get(paper.id), volume))
        return out

    # --- where the papers sit in the volume

    def placements(self, loaded: Loaded, papers: list[Paper]) -> dict[str, Placement]:
        """Each paper's pages in the volume; none when a PDF is missing or unreadable
        (the pages of every later paper depend on it), with a warning naming the PDF."""
        counts: dict[str, int] = {}
        for paper in papers:
            pdf = loaded.locate(paper.pdf)
            if pdf.code in ("path-escape", "not-a-file"):
                # Refused by the loader, with its own warning: never read, watched or copied.
                continue
            self.env.note_dependency(str(pdf.path))
            if not pdf.ok:
                self.warn(f"{paper.id}: the PDF {paper.pdf} does not exist", "missing-file")
                continue
            try:
                counts[paper.id] = count_pages(pdf.path)
            except ProceedingsError as error:
                self.warn(f"{paper.id}: {error}", "proceedings")
        if len(counts) < len(papers):
            return {}
        return {p.paper.id: p for p in Pagination.of(papers, counts)}

    def volume(self, placements: dict[str, Placement]) -> tuple[Path, dict[str, PaperResult]] | None:
        """The folder the volume build wrote, if ``workshop_proceedings`` names one, and its
        papers by id; warns when it holds no volume, or one built from other data."""
        setting = self.config.workshop_proceedings
        if not setting or not placements:  # no papers (yet), or their pages are unknown: no volume
            return None
        folder = (Path(self.env.app.confdir) / setting).resolve()
        self.env.note_dependency(str(folder / MANIFEST))
        built = built_papers(folder)
        if built is None:
            self.warn(f"workshop_proceedings: {folder} holds no proceedings volume: run "
                      "`python -m proceedings build` first (nox -s docs does)", "proceedings")
            return None
        for name in (VOLUME, VOLUME_BIB, *(n for p in built for n in (p.pdf, p.bib))):
            if not paths.locate(folder, name, folder).ok:  # missing, or a link out of the folder
                self.warn(f"workshop_proceedings: the volume in {folder} has no file {name!r} inside it: "
                          "run `python -m proceedings build` again", "proceedings")
                return None
        pages = {p.id: (p.first, p.last) for p in built}
        expected = {pid: (p.first, p.last) for pid, p in placements.items()}
        if expected and pages != expected:
            self.warn(f"workshop_proceedings: the volume in {folder} was built from other papers or PDFs: "
                      "run `python -m proceedings build` again", "proceedings")
            return None
        return folder, {p.id: p for p in built}

    # --- rendering

    def download(self, path: Path, text: str) -> addnodes.download_reference:
        """A link to a file the build copies into the site (and tracks as a dependency)."""
        return addnodes.download_reference(
            "", "", nodes.inline("", text), reftarget="/" + os.path.relpath(path, self.env.srcdir),
            refexplicit=True, refdoc=self.env.docname, refdomain="", reftype="download",
        )

    def links(self, *items: nodes.Node) -> nodes.paragraph:
        para = nodes.paragraph(classes=["workshop-paper-links"])
        for i, item in enumerate(items):
            if i:
                para += nodes.Text(" \u00b7 ")
            para += item
        return para

    def volume_links(self, folder: Path) -> nodes.paragraph:
        para = self.links(self.download(folder / VOLUME, "The proceedings volume (PDF)"),
                          self.download(folder / VOLUME_BIB, "BibTeX of every paper"))
        para["classes"].append("workshop-volume")
        return para

    def paper_section(self, loaded: Loaded, paper: Paper, placement: Placement | None,
                      volume: tuple[Path, dict[str, PaperResult]] | None) -> nodes.section:
        info: WorkshopInfo = loaded.workshop.info
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
        facts = f"Track: {track.name if track else paper.track}"
        if placement is not None:
            pages = placement.page_range.replace("-", "\u2013")
            facts += f" \u00b7 Pages {pages} of the proceedings"
        section += nodes.paragraph("", facts, classes=["workshop-track"])
        if paper.abstract:
            section += nodes.paragraph("", paper.abstract, classes=["workshop-abstract"])

        links: list[nodes.Node] = []
        if volume is not None:
            folder, built = volume
            own = built[paper.id]  # the volume holds every paper (its pages were compared above)
            links += [self.download(folder / own.pdf, "PDF"), self.download(folder / own.bib, "BibTeX")]
        elif (pdf := loaded.locate(paper.pdf)).ok:
            links.append(self.download(pdf.path, "PDF"))
        if links:
            section += self.links(*links)
        if placement is not None:
            entry = bibtex.paper_entry(loaded.workshop, placement)
            block = nodes.literal_block(entry, entry, language="bibtex", classes=["workshop-bibtex"])
            section += nodes.container("", nodes.rubric("", "BibTeX"), block, classes=["workshop-cite"])
        return section


def setup(app: Sphinx) -> None:
    # The folder `python -m proceedings build` wrote, relative to the configuration folder
    # (unset: no volume on the site, papers link their camera-ready PDFs).
    app.add_config_value("workshop_proceedings", None, "env", (str, type(None)))
    app.add_directive("workshop-papers", PapersDirective)
