"""The accepted papers: ``{workshop-papers}`` lists each paper of ``papers.yaml``, in the
order of the proceedings volume (the program's order when there is one, then papers not
on it), compactly, so that the page reads at 400 papers: the title linking the paper's
own page (:mod:`workshop.site.paperpages`, where the abstract, the BibTeX and the
scholarly metadata are), the authors, the track and the pages in the volume, and the PDF.

Each entry keeps the anchor and label ``paper-<id>`` the page's sections had, so a reader's
old link to ``papers.html#paper-<id>`` (or a page's ``{ref}`paper-<id>```) lands on the
entry that links the paper's page.  Where each
paper sits in the volume comes from the volume itself (:mod:`workshop.site.volume`); with
one, the page offers the whole volume too.  ``schedule.yaml`` is not needed: accepted
papers are known weeks before the program.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from workshop.core import paths
from workshop.core.load import Loaded, WithPapers
from workshop.core.manifest import FRONTMATTER, VOLUME, VOLUME_BIB
from workshop.core.model import Paper
from workshop.core.plan import paper_order
from workshop.site import domain
from workshop.site.base import WorkshopDirective
from workshop.site.paperlinks import paper_link
from workshop.site.volume import SiteVolume, resolve_setting


def paper_anchor(paper_id: str) -> str:
    """The id of a paper's entry on the accepted-papers page (as its sections had)."""
    return f"paper-{paper_id}"


class PapersDirective(WorkshopDirective):
    # The order follows the program when there is one; the volume's check reads the PDFs.
    optional_parts = ("schedule",)

    def run(self) -> list[nodes.Node]:
        loaded = self.data(WithPapers)
        if loaded is None:
            return []
        papers = paper_order(loaded.workshop)
        # The paper pages name this page as their parent.
        domain.of(self.env).note_paper_list(self.env.docname)
        volume = domain.build_data(self.env).volume(self.config)
        for path in volume.depends:
            self.env.note_dependency(str(path))
        if volume.problem:  # said here, at the page offering the volume (else by the paper pages)
            self.warn(volume.problem, "proceedings")
        out: list[nodes.Node] = []
        if volume.folder is not None:
            out.append(self.volume_links(volume.folder))
        listing = nodes.bullet_list(classes=["workshop-papers"])
        for paper in papers:
            listing += self.paper_item(loaded, paper, volume)
        out.append(listing)
        return out

    def volume_links(self, folder: Path) -> nodes.paragraph:
        para = nodes.paragraph(classes=["workshop-paper-links", "workshop-volume"])
        para += self.download(folder / VOLUME, "The proceedings volume (PDF)")
        if paths.locate(folder, FRONTMATTER, folder).ok:  # volumes built before it had none
            para += nodes.Text(" \u00b7 ")
            para += self.download(folder / FRONTMATTER, "Front matter (PDF)")
        para += nodes.Text(" \u00b7 ")
        para += self.download(folder / VOLUME_BIB, "BibTeX of every paper")
        return para

    def paper_item(self, loaded: Loaded[WithPapers], paper: Paper, volume: SiteVolume) -> nodes.list_item:
        anchor = paper_anchor(paper.id)
        item = nodes.list_item(classes=["workshop-paper"])
        # The title is the entry's anchor and a label named by it, as the papers' sections
        # were: {ref}`paper-<id>` in a page's prose still lands here (titled), as does
        # papers.html#paper-<id>.
        title = nodes.rubric("", "", ids=[anchor], names=[anchor], classes=["workshop-paper-title"])
        self.state.document.note_explicit_target(title)
        title += paper_link(nodes.inline("", paper.title), paper.id)
        item += title
        authors = "; ".join(person.display for person in paper.authors)
        item += nodes.paragraph("", authors, classes=["workshop-authors"])
        track = loaded.workshop.info.track(paper.track)
        facts = track.name if track else paper.track
        placement = volume.placement(paper)
        if placement is not None:
            facts += f" \u00b7 pages {placement.page_range.replace('-', chr(0x2013))}"
        item += nodes.paragraph("", facts, classes=["workshop-track"])
        return item


def setup(app: Sphinx) -> None:
    # The folder `python -m proceedings build` wrote, relative to the configuration folder
    # (unset: no volume on the site, papers link their camera-ready PDFs).
    app.add_config_value("workshop_proceedings", None, "env", (str, type(None)))
    app.connect("config-inited", resolve_setting)
    app.add_directive("workshop-papers", PapersDirective)
