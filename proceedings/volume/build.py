"""The proceedings volume: front matter, the papers stamped with their volume page
numbers, bookmarks, page labels and an author index, in one PDF; each paper's stamped
pages as a PDF of its own; BibTeX; and a manifest that says what was built and what was
removed from the papers.

The build streams: each paper is opened, copied into the volume and into its own PDF
(:mod:`proceedings.volume.copy`), and let go, so memory does not grow with the volume.
The front matter and index are laid out (:mod:`proceedings.volume.typeset`) once the papers'
places are known, and written after them (page order is set by the page tree, not by
where objects sit in the file).

Outputs are written into a staging folder and moved into place only when all of them
are complete, the volume and its manifest last; a file whose bytes did not change is
left alone (so the site does not rebuild for nothing).  A failed or interrupted build
leaves the previous outputs as they were.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from collections.abc import Hashable
from pathlib import Path

import pypdf

from proceedings.progress import Progress
from proceedings.volume.copy import OutlineItem, PageInfo, PaperCopy
from proceedings.volume.files import StampedFile, write_first_pages
from proceedings.volume.index import index_entries
from proceedings.volume.pdfout import array, number, pdf_string
from proceedings.volume.printable import check_printable, check_stamp
from proceedings.volume.stamps import StampFont
from proceedings.volume.structure import (
    Bookmark,
    Leaf,
    dest,
    from_paper,
    outline_root,
    write_info,
    write_leaves,
    write_name_tree,
)
from proceedings.volume.typeset import ContentsEntry, Typeset, typeset
from workshop.core import bibtex, citation, epoch, wording
from workshop.core.load import Loaded
from workshop.core.manifest import (
    FRONTMATTER,
    MANIFEST,
    PAPERS,
    VOLUME,
    VOLUME_BIB,
    PaperResult,
    VolumeResult,
    built_papers,
)
from workshop.core.model import Paper, Workshop
from workshop.core.outputs import cannot_write, publish, staging
from workshop.core.plan import Pagination, Placement, editors, footer_text, paper_order, volume_title
from workshop.core.problems import WorkshopError, in_repository, shown_path
from workshop.engine.pdf.opener import DEFAULT_MAX_BYTES, open_paper


def build_moment(workshop: Workshop) -> dt.datetime:
    """The date written into the PDFs (:func:`workshop.core.epoch.build_moment`: the one rule
    for every dated output; an :class:`~workshop.core.epoch.EpochError` names
    ``SOURCE_DATE_EPOCH``)."""
    assert workshop.info is not None  # the volume needs workshop.yaml, loaded without a problem
    return epoch.build_moment(workshop.info)


# --- the build ---------------------------------------------------------------------------------


@dataclasses.dataclass
class _Placed:
    """A paper copied into the volume: what the volume's later parts need of it."""

    placement: Placement
    base: int  # its first page's object number in the volume
    node: int  # its page-tree node
    pages: list[PageInfo]
    outline: list[OutlineItem]
    result: PaperResult


class _Volume:
    def __init__(
        self, loaded: Loaded, staging: Path, moment: dt.datetime, progress: bool, max_bytes: int
    ) -> None:
        self.loaded, self.staging, self.moment, self.progress = loaded, staging, moment, progress
        self.max_bytes = max_bytes
        self.workshop = loaded.workshop
        self.info = self.workshop.info
        self.footer = footer_text(self.info)
        # Every character the stamps print: the footer, and the citation lines (any pages).
        sample = citation.citation_line(self.info, Placement(loaded.workshop.papers.papers[0], 1, 2))
        self.font = StampFont(self.footer + sample)
        self.font_objects = self.font.objects()
        self.file = StampedFile(staging / VOLUME, self.font_objects)
        self.out = self.file.out
        self.placed: list[_Placed] = []
        self.leaves: list[Leaf] = []

    # --- papers
    def add_papers(self, papers: list[Paper]) -> None:
        pagination = Pagination()
        (self.staging / PAPERS).mkdir()
        with Progress("building the volume", len(papers), enabled=self.progress) as bar:
            for paper in papers:
                self.add_paper(paper, pagination)
                bar.advance(paper.id)

    def add_paper(self, paper: Paper, pagination: Pagination) -> None:
        path = self.loaded.pdf_path(paper.pdf)
        reader, sha256 = open_paper(path, self.max_bytes)
        placement = pagination.place(paper, len(reader.pages))
        labels = [str(placement.first + i) for i in range(placement.pages)]
        node = self.out.reserve()
        volume_target = self.file.target(node)
        own = StampedFile(self.staging / PAPERS / f"{paper.id}.pdf", self.font_objects)
        own_target = own.target(own.pages)
        copy = PaperCopy(
            reader, path, paper.id, self.font, self.footer, citation.citation_line(self.info, placement)
        )
        try:
            copy.copy([volume_target, own_target], labels)
        except BaseException:
            own.handle.close()
            raise
        self.out.next_number = volume_target.base + copy.count
        own.out.next_number = own_target.base + copy.count
        kids = array(range(volume_target.base, volume_target.base + placement.pages))
        self.out.put(
            node,
            b"<< /Type /Pages /Parent %d 0 R /Kids %b /Count %d >>"
            % (self.file.pages, kids, placement.pages),
        )
        first_page = PageInfo(copy.pages[0].box, copy.pages[0].rotate)
        # Named destinations: the paper's own (prefixed), and "<id>" for its first page.
        self.leaves += write_leaves(self.out, [(k, t.render(volume_target.number)) for k, t in copy.dests])
        self.leaves += write_leaves(self.out, [(paper.id.encode(), dest(volume_target.base, first_page))])

        # The paper's own PDF: its pages, bookmarks, destinations, labels with volume numbers.
        own.out.put(
            own.pages,
            b"<< /Type /Pages /Kids %b /Count %d >>"
            % (array(range(own_target.base, own_target.base + placement.pages)), placement.pages),
        )
        outline = outline_root(own.out, from_paper(copy.outline, own_target.number))
        names = write_name_tree(
            own.out, write_leaves(own.out, [(k, t.render(own_target.number)) for k, t in copy.dests])
        )
        extra = b" /PageLabels << /Nums [0 << /S /D /St %d >>] >>" % placement.first
        if outline:
            extra += b" /Outlines %d 0 R /PageMode /UseOutlines" % outline
        if names:
            extra += b" /Names << /Dests %d 0 R >>" % names
        subject = f"{volume_title(self.info)}, pages {placement.page_range}"
        own.close(
            extra,
            write_info(own.out, paper.title, ", ".join(a.name for a in paper.authors), subject, self.moment),
        )

        result = PaperResult(
            id=paper.id,
            title=paper.title,
            first=placement.first,
            last=placement.last,
            pdf=f"{PAPERS}/{paper.id}.pdf",
            bib=f"{PAPERS}/{paper.id}.bib",
            source=in_repository(path, self.loaded.root),
            sha256=sha256,
            removed=dict(sorted(copy.removed.items())),
            warnings=tuple(copy.warnings),
        )
        self.placed.append(_Placed(placement, volume_target.base, node, copy.pages, copy.outline, result))

    # --- typeset parts
    def add_typeset(
        self, doc: Typeset, labels: list[str | None], targets: dict[Hashable, bytes]
    ) -> tuple[int, int, int, list[PageInfo]]:
        """Copy the laid-out pages into the volume with their links: the front matter under
        one page-tree node, the index under another.  Links may target ``"index"``, the
        index's first page.  Returns the two nodes, the first page's object number and the
        pages."""
        reader = pypdf.PdfReader(io.BytesIO(doc.pdf))
        front, index = self.out.reserve(), self.out.reserve()
        target = self.file.target(0)
        target.shared.update({"front": front, "index": index})
        # Page i of the copy is object base + i (PaperCopy numbers pages first).
        targets = {
            **targets,
            "index": dest(target.base + doc.front_pages, PageInfo.of(reader.pages[doc.front_pages])),
        }
        annotations: dict[int, list[bytes]] = {}
        for link in doc.links:
            rect = b" ".join(number(v) for v in link.rect)
            annotations.setdefault(link.page, []).append(
                b"<< /Type /Annot /Subtype /Link /Rect [%b] /Border [0 0 0] /Dest %b >>"
                % (rect, targets[link.target])
            )
        parents = ["front"] * doc.front_pages + ["index"] * (doc.pages - doc.front_pages)
        copy = PaperCopy(reader, Path("front matter and index"), "volume", self.font, self.footer)
        copy.copy([target], labels, annotations, parents)
        self.out.next_number = target.base + copy.count
        for node, first, count in (
            (front, 0, doc.front_pages),
            (index, doc.front_pages, doc.pages - doc.front_pages),
        ):
            kids = array(range(target.base + first, target.base + first + count))
            self.out.put(
                node, b"<< /Type /Pages /Parent %d 0 R /Kids %b /Count %d >>" % (self.file.pages, kids, count)
            )
        return front, index, target.base, copy.pages

    def write_front_matter(self, doc: Typeset, labels: list[str | None]) -> None:
        """``frontmatter.pdf``: the front matter on its own, as archives ask for it, stamped
        and paged as in the volume (its contents' links lead into the volume: left out)."""
        people = ", ".join(p.name for p in editors(self.workshop))
        subject = f"{self.info.short_name}, {self.info.conference.short_name}"
        write_first_pages(
            self.staging / FRONTMATTER,
            doc.pdf,
            labels,
            (self.font, self.footer, self.font_objects),
            b" /PageLabels << /Nums [0 << /S /r >>] >>",
            lambda out: write_info(
                out, f"{volume_title(self.info)}: front matter", people, subject, self.moment
            ),
        )

    def finish(self) -> VolumeResult:
        """Lay out the front matter and index, then write them, the page tree, bookmarks,
        named destinations, page labels and the catalog."""
        out = self.out
        index_first = self.placed[-1].placement.last + 1
        contents = [
            ContentsEntry(
                p.placement.paper.title,
                tuple(a.name for a in p.placement.paper.authors),
                str(p.placement.first),
                ("paper", p.placement.paper.id),
            )
            for p in self.placed
        ]
        contents.append(ContentsEntry("Author Index", (), str(index_first), "index"))
        doc = typeset(
            self.workshop,
            contents,
            index_entries([(p.placement.paper, p.placement.first) for p in self.placed]),
            self.moment,
            [self.loaded.pdf_path(s.logo) if s.logo else None for s in self.info.sponsors],
        )
        front_count, index_count = doc.front_pages, doc.pages - doc.front_pages
        labels: list[str | None] = [None] + [
            wording.roman(i + 1) for i in range(1, front_count)
        ]  # title page unnumbered
        labels += [str(index_first + i) for i in range(index_count)]
        targets: dict[Hashable, bytes] = {
            ("paper", p.placement.paper.id): dest(p.base, p.pages[0]) for p in self.placed
        }
        front_node, index_node, base, pages = self.add_typeset(doc, labels, targets)
        self.write_front_matter(doc, labels[:front_count])

        total = doc.pages + sum(p.placement.pages for p in self.placed)
        kids = [front_node, *(p.node for p in self.placed), index_node]
        out.put(self.file.pages, b"<< /Type /Pages /Kids %b /Count %d >>" % (array(kids), total))

        # Bookmarks: the front matter, each paper (its own outline below it), the index.
        marks = dict(doc.marks)
        front = [
            Bookmark(pdf_string(title), dest(base + page, pages[page]), [])
            for title, page in doc.marks
            if page < front_count
        ]
        bookmarks = [Bookmark(pdf_string("Front Matter"), front[0].dest, front, open=True)]
        for placed in self.placed:
            children = from_paper(
                placed.outline,
                lambda key, p=placed: p.base + key if isinstance(key, int) else self.file.shared[key],
            )
            bookmarks.append(
                Bookmark(
                    pdf_string(placed.placement.paper.title), dest(placed.base, placed.pages[0]), children
                )
            )
        index_dest = dest(base + front_count, pages[front_count])
        bookmarks.append(Bookmark(pdf_string("Author Index"), index_dest, []))
        outline = outline_root(out, bookmarks)

        # The volume's own names start with a capital, which no paper id (nor its prefix) does.
        self.leaves += write_leaves(
            out,
            sorted(
                [
                    (b"Contents", dest(base + marks["Contents"], pages[marks["Contents"]])),
                    (b"AuthorIndex", index_dest),
                ]
            ),
        )
        names = write_name_tree(out, self.leaves)
        page_labels = b"<< /Nums [0 << /S /r >> %d << /S /D >>] >>" % front_count
        extra = b" /PageLabels %b /Outlines %d 0 R /PageMode /UseOutlines /Names << /Dests %d 0 R >>" % (
            page_labels,
            outline,
            names,
        )
        people = editors(self.workshop)
        info = write_info(
            out,
            volume_title(self.info),
            ", ".join(p.name for p in people),
            f"{self.info.short_name}, {self.info.conference.short_name}",
            self.moment,
        )
        self.file.close(extra, info)
        return VolumeResult(
            self.staging, total, front_count, index_first, tuple(p.result for p in self.placed)
        )

    def close(self) -> None:
        """Close the volume's file (finished or not: the staging folder goes either way)."""
        self.file.handle.close()


# --- outputs, atomically ---------------------------------------------------------------------


def _write_bibtex(workshop: Workshop, result: VolumeResult, placements: list[Placement]) -> None:
    entries = []
    for placement, paper in zip(placements, result.papers, strict=True):
        entry = bibtex.paper_entry(workshop, placement.paper, placement)
        (result.folder / paper.bib).write_text(entry, encoding="utf-8")
        entries.append(entry)
    (result.folder / VOLUME_BIB).write_text(
        "\n".join([bibtex.volume_entry(workshop), *entries]), encoding="utf-8"
    )


def build_volume(
    loaded: Loaded, out_dir: Path, *, progress: bool = True, max_bytes: int = DEFAULT_MAX_BYTES
) -> VolumeResult:
    """Build the volume and everything beside it into ``out_dir`` (reading no paper's PDF
    larger than ``max_bytes``); raises :class:`WorkshopError` (and leaves ``out_dir``
    as it was) on any problem."""
    workshop = loaded.workshop
    papers = paper_order(workshop)
    if not papers:
        raise WorkshopError(
            "lists no accepted papers: there is no volume to build", file=loaded.files["papers"]
        )
    if workshop.people is None:
        raise WorkshopError(
            "is needed for the volume's front matter (the committees)", file=loaded.files["people"]
        )
    check_printable(loaded)  # before the papers are copied: a name the fonts cannot print stops the build
    check_stamp(loaded)
    try:
        return _build(loaded, papers, out_dir, progress, max_bytes)
    except OSError as error:  # a full disk, a read-only folder: the staging folder is gone, the outputs stay
        if error.filename and not Path(os.path.abspath(error.filename)).is_relative_to(
            os.path.abspath(out_dir)
        ):
            raise WorkshopError(
                f"cannot be read: {error.strerror}", file=shown_path(error.filename)
            ) from None
        words = cannot_write(error, again="run the build again", elsewhere="--out DIR")
        raise WorkshopError(words, file=shown_path(out_dir)) from None


def _build(
    loaded: Loaded, papers: list[Paper], out_dir: Path, progress: bool, max_bytes: int
) -> VolumeResult:
    workshop = loaded.workshop
    with staging(out_dir) as folder:
        volume = _Volume(loaded, folder, build_moment(workshop), progress, max_bytes)
        try:
            volume.add_papers(papers)
            result = volume.finish()
        finally:
            volume.close()
        _write_bibtex(workshop, result, [p.placement for p in volume.placed])
        result.write_manifest()
        # The volume and its manifest last; the files of papers no longer in it go.
        previous = [
            f for p in built_papers(out_dir) or [] for f in (p.pdf, p.bib) if f.startswith(f"{PAPERS}/")
        ]
        publish(folder, out_dir, move=True, last=[VOLUME, MANIFEST], gone=previous)
    return dataclasses.replace(result, folder=out_dir)
