"""The accepted papers: ``{workshop-papers}`` renders each paper of ``papers.yaml``, in the
order of the proceedings volume (the program's order, then papers not on it), as a section
with the label ``paper-<id>`` (program rows link there): title, authors with
affiliations, track, pages in the volume, abstract, the PDF, and its BibTeX to copy.

Where each paper sits in the volume comes from the volume itself: when
``workshop_proceedings`` names the folder ``python -m proceedings build`` wrote (``nox -s
docs`` builds the volume first and sets it), its manifest (:mod:`workshop.core.manifest`)
gives each paper's pages, stamped PDF and ``.bib`` file, and the page offers the whole
volume too.  The manifest records the digest of every camera-ready PDF it was made from,
so a volume built from other papers or PDFs is refused with a warning.  Without a volume
the page links the camera-ready PDFs and cites the papers without pages.  No PDF is
opened here: the site needs no PDF library.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from workshop.core import bibtex, paths
from workshop.core.load import Loaded
from workshop.core.manifest import MANIFEST, VOLUME, VOLUME_BIB, PaperResult, built_papers, digest
from workshop.core.model import Paper, WorkshopInfo
from workshop.core.plan import Placement, paper_order
from workshop.site.base import WorkshopDirective
from workshop.site.schedule import paper_target


class PapersDirective(WorkshopDirective):
    # The order comes from the schedule, BibTeX names the editors (people) and the volume.
    parts = ("info", "papers", "schedule", "people")

    def run(self) -> list[nodes.Node]:
        loaded = self.data()
        if loaded is None:
            return []
        papers = paper_order(loaded.workshop)
        volume = self.volume(loaded, papers)
        out: list[nodes.Node] = []
        if volume is not None:
            out.append(self.volume_links(volume[0]))
        for paper in papers:
            out.append(self.paper_section(loaded, paper, volume))
        return out

    def volume(self, loaded: Loaded, papers: list[Paper]) -> tuple[Path, dict[str, PaperResult]] | None:
        """The folder the volume build wrote, if ``workshop_proceedings`` names one, and its
        papers by id; warns when it holds no volume, or one built from other papers or PDFs."""
        setting = self.config.workshop_proceedings
        if not setting or not papers:  # no papers (yet): no volume
            return None
        folder = (Path(self.env.app.confdir) / setting).resolve()
        self.env.note_dependency(str(folder / MANIFEST))
        built = built_papers(folder)
        if built is None:
            self.warn(
                f"workshop_proceedings: {folder} holds no proceedings volume: run "
                "`python -m proceedings build` first (nox -s docs does)",
                "proceedings",
            )
            return None
        for name in (VOLUME, VOLUME_BIB, *(n for p in built for n in (p.pdf, p.bib))):
            if not paths.locate(folder, name, folder).ok:  # missing, or a link out of the folder
                self.warn(
                    f"workshop_proceedings: the volume in {folder} has no file {name!r} inside it: "
                    "run `python -m proceedings build` again",
                    "proceedings",
                )
                return None
        if [p.id for p in built] != [p.id for p in papers] or any(
            not self.same_pdf(loaded, paper, result) for paper, result in zip(papers, built, strict=True)
        ):
            self.warn(
                f"workshop_proceedings: the volume in {folder} was built from other papers or PDFs: "
                "run `python -m proceedings build` again",
                "proceedings",
            )
            return None
        return folder, {p.id: p for p in built}

    def same_pdf(self, loaded: Loaded, paper: Paper, result: PaperResult) -> bool:
        """Whether the volume's copy of ``paper`` was made from its camera-ready PDF as it is now
        (a PDF the loader refused -- outside the repository, no file -- is never read)."""
        pdf = loaded.locate(paper.pdf)
        if pdf.code in ("path-escape", "not-a-file"):
            return False
        self.env.note_dependency(str(pdf.path))
        return pdf.ok and digest(pdf.path) == result.sha256

    # --- rendering

    def download(self, path: Path, text: str) -> addnodes.download_reference:
        """A link to a file the build copies into the site (and tracks as a dependency)."""
        return addnodes.download_reference(
            "",
            "",
            nodes.inline("", text),
            reftarget="/" + os.path.relpath(path, self.env.srcdir),
            refexplicit=True,
            refdoc=self.env.docname,
            refdomain="",
            reftype="download",
        )

    def links(self, *items: nodes.Node) -> nodes.paragraph:
        para = nodes.paragraph(classes=["workshop-paper-links"])
        for i, item in enumerate(items):
            if i:
                para += nodes.Text(" \u00b7 ")
            para += item
        return para

    def volume_links(self, folder: Path) -> nodes.paragraph:
        para = self.links(
            self.download(folder / VOLUME, "The proceedings volume (PDF)"),
            self.download(folder / VOLUME_BIB, "BibTeX of every paper"),
        )
        para["classes"].append("workshop-volume")
        return para

    def paper_section(
        self, loaded: Loaded, paper: Paper, volume: tuple[Path, dict[str, PaperResult]] | None
    ) -> nodes.section:
        built = volume[1][paper.id] if volume is not None else None
        placement = Placement(paper, built.first, built.last - built.first + 1) if built else None
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
        if volume is not None and built is not None:
            folder = volume[0]
            links += [self.download(folder / built.pdf, "PDF"), self.download(folder / built.bib, "BibTeX")]
        elif (pdf := loaded.locate(paper.pdf)).ok:
            links.append(self.download(pdf.path, "PDF"))
        if links:
            section += self.links(*links)
        entry = bibtex.paper_entry(loaded.workshop, paper, placement)
        block = nodes.literal_block(entry, entry, language="bibtex", classes=["workshop-bibtex"])
        section += nodes.container("", nodes.rubric("", "BibTeX"), block, classes=["workshop-cite"])
        return section


def setup(app: Sphinx) -> None:
    # The folder `python -m proceedings build` wrote, relative to the configuration folder
    # (unset: no volume on the site, papers link their camera-ready PDFs).
    app.add_config_value("workshop_proceedings", None, "env", (str, type(None)))
    app.add_directive("workshop-papers", PapersDirective)
