"""The volume's PDF put together, and each paper's own stamped PDF beside it: the papers
copied in one at a time (:mod:`proceedings.volume.copy`), then the front matter and the
author index (:mod:`proceedings.volume.typeset`), the page tree, bookmarks, named
destinations, page labels and the catalog.  Everything it prints of the volume itself
comes from the :class:`~workshop.core.volumefacts.VolumeFacts` it is given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
from collections.abc import Hashable
from pathlib import Path

import pypdf

from proceedings.progress import Progress
from proceedings.volume.copy import OutlineItem, PageInfo, PaperCopy
from proceedings.volume.docinfo import write_metadata
from proceedings.volume.files import StampedFile, catalog_extra, close_paper_file, write_first_pages
from proceedings.volume.fpdfdoc import Typeset
from proceedings.volume.index import index_entries
from proceedings.volume.pdfout import array, number, pdf_string
from proceedings.volume.printable import Texts
from proceedings.volume.stamps import StampFont
from proceedings.volume.structure import (
    Bookmark,
    Leaf,
    dest,
    from_paper,
    outline_root,
    write_leaves,
    write_name_tree,
)
from proceedings.volume.typeset import ContentsEntry, typeset
from workshop.core import citation, wording
from workshop.core.load import Complete, Loaded
from workshop.core.manifest import FRONTMATTER, PAPERS, VOLUME, PaperResult, VolumeResult
from workshop.core.model import Paper
from workshop.core.plan import Pagination, Placement
from workshop.core.problems import in_repository
from workshop.core.volumefacts import VolumeFacts
from workshop.core.xmp import paper_metadata, volume_metadata
from workshop.engine.pdf.opener import open_paper


@dataclasses.dataclass
class Placed:
    """A paper copied into the volume: what the volume's later parts need of it."""

    placement: Placement
    base: int  # its first page's object number in the volume
    node: int  # its page-tree node
    pages: list[PageInfo]
    outline: list[OutlineItem]
    result: PaperResult


class Assembly:
    """The volume being written into ``staging``: :meth:`add_papers`, then :meth:`finish`."""

    def __init__(
        self,
        loaded: Loaded[Complete],
        facts: VolumeFacts,
        texts: Texts,
        staging: Path,
        moment: dt.datetime,
        max_bytes: int,
    ) -> None:
        self.loaded, self.facts, self.texts, self.staging = loaded, facts, texts, staging
        self.moment, self.max_bytes = moment, max_bytes
        self.font = StampFont(texts.stamp)
        self.font_objects = self.font.objects()
        self.file = StampedFile(staging / VOLUME, self.font_objects)
        self.out = self.file.out
        self.placed: list[Placed] = []
        self.leaves: list[Leaf] = []

    # --- papers
    def add_papers(self, papers: list[Paper], progress: bool) -> None:
        pagination = Pagination()
        (self.staging / PAPERS).mkdir()
        with Progress("building the volume", len(papers), enabled=progress) as bar:
            for paper in papers:
                self.add_paper(paper, pagination)
                bar.advance(paper.id)

    def add_paper(self, paper: Paper, pagination: Pagination) -> None:
        """Copy ``paper`` into the volume (its pages, destinations and page-tree node) and
        into its own stamped PDF."""
        path = self.loaded.pdf_path(paper.pdf)
        reader, sha256 = open_paper(path, self.max_bytes)
        placement = pagination.place(paper, len(reader.pages))
        labels: list[str | None] = [str(placement.first + i) for i in range(placement.pages)]
        node = self.out.reserve()
        volume_target = self.file.target(node)
        own = StampedFile(self.staging / PAPERS / f"{paper.id}.pdf", self.font_objects)
        own_target = own.target(own.pages)
        line = ("\n".join(citation.stamp_parts(self.facts, placement)),)
        copy = PaperCopy(reader, path, paper.id, self.font, self.facts.footer, line)
        try:
            copy.copy([volume_target, own_target], labels)
        except BaseException:
            own.handle.close()
            raise
        self.out.next_number = volume_target.base + copy.count
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
        close_paper_file(own, own_target, copy, paper_metadata(self.facts, placement), self.moment)
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
        self.placed.append(Placed(placement, volume_target.base, node, copy.pages, copy.outline, result))

    # --- the pages laid out here
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
        copy = PaperCopy(reader, Path("front matter and index"), "volume", self.font, self.facts.footer)
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
        facts = self.facts
        write_first_pages(
            self.staging / FRONTMATTER,
            doc.pdf,
            labels,
            (self.font, facts.footer, self.font_objects),
            b" /PageLabels << /Nums [0 << /S /r >>] >>",
            lambda out: write_metadata(
                out, volume_metadata(facts, f"{facts.title}: front matter"), self.moment
            ),
        )

    def _typeset(self, index_first: int) -> Typeset:
        """The front matter (its contents listing each paper and the index) and the index."""
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
        workshop = self.loaded.workshop
        return typeset(
            workshop,
            self.facts,
            [text for _, _, text in self.texts.printed],
            contents,
            index_entries([(p.placement.paper, p.placement.first) for p in self.placed]),
            self.moment,
            [self.loaded.pdf_path(s.logo) if s.logo else None for s in workshop.info.sponsors],
        )

    def finish(self) -> VolumeResult:
        """Lay out the front matter and index, then write them, the page tree, bookmarks,
        named destinations, page labels and the catalog."""
        index_first = self.placed[-1].placement.last + 1
        doc = self._typeset(index_first)
        front_count, index_count = doc.front_pages, doc.pages - doc.front_pages
        # The title page unnumbered, the rest of the front matter in roman numerals.
        labels: list[str | None] = [None] + [wording.roman(i + 1) for i in range(1, front_count)]
        labels += [str(index_first + i) for i in range(index_count)]
        targets: dict[Hashable, bytes] = {
            ("paper", p.placement.paper.id): dest(p.base, p.pages[0]) for p in self.placed
        }
        front_node, index_node, base, pages = self.add_typeset(doc, labels, targets)
        self.write_front_matter(doc, labels[:front_count])
        total = doc.pages + sum(p.placement.pages for p in self.placed)
        kids = [front_node, *(p.node for p in self.placed), index_node]
        self.out.put(self.file.pages, b"<< /Type /Pages /Kids %b /Count %d >>" % (array(kids), total))
        index_dest = dest(base + front_count, pages[front_count])
        outline = outline_root(self.out, self._bookmarks(doc, base, pages, index_dest))
        # The volume's own names start with a capital, which no paper id (nor its prefix) does.
        contents = dict(doc.marks)["Contents"]
        self.leaves += write_leaves(
            self.out,
            sorted([(b"Contents", dest(base + contents, pages[contents])), (b"AuthorIndex", index_dest)]),
        )
        names = write_name_tree(self.out, self.leaves)
        page_labels = b"<< /Nums [0 << /S /r >> %d << /S /D >>] >>" % front_count
        info, metadata = write_metadata(self.out, volume_metadata(self.facts), self.moment)
        self.file.close(catalog_extra(page_labels, outline, names) + metadata, info)
        return VolumeResult(
            self.staging, total, front_count, index_first, tuple(p.result for p in self.placed)
        )

    def _bookmarks(self, doc: Typeset, base: int, pages: list[PageInfo], index_dest: bytes) -> list[Bookmark]:
        """The front matter (its parts below it), each paper (its own outline below it), the index."""
        front = [
            Bookmark(pdf_string(title), dest(base + page, pages[page]), [])
            for title, page in doc.marks
            if page < doc.front_pages
        ]
        bookmarks = [Bookmark(pdf_string("Front Matter"), front[0].dest, front, open=True)]
        for placed in self.placed:
            children = from_paper(placed.outline, functools.partial(self._resolve, placed))
            title = pdf_string(placed.placement.paper.title)
            bookmarks.append(Bookmark(title, dest(placed.base, placed.pages[0]), children))
        bookmarks.append(Bookmark(pdf_string("Author Index"), index_dest, []))
        return bookmarks

    def _resolve(self, placed: Placed, key: Hashable) -> int:
        """A paper's page (by index) or a shared object (by name), as the volume numbers it."""
        if isinstance(key, int):
            return placed.base + key
        if isinstance(key, str):
            return self.file.shared[key]
        raise KeyError(key)

    def close(self) -> None:
        """Close the volume's file (finished or not: the staging folder goes either way)."""
        self.file.handle.close()
