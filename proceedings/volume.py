"""The proceedings volume: front matter, the papers stamped with their volume page
numbers, bookmarks, page labels and an author index, in one PDF; each paper's stamped
pages as a PDF of its own; BibTeX; and a manifest that says what was built and what was
removed from the papers.

The build streams: each paper is opened, copied into the volume and into its own PDF
(:mod:`proceedings.papercopy`), and let go, so memory does not grow with the volume.
The front matter and index are laid out (:mod:`proceedings.typeset`) once the papers'
places are known, and written after them (page order is set by the page tree, not by
where objects sit in the file).

Outputs are written into a staging folder and moved into place only when all of them
are complete, the volume and its manifest last; a file whose bytes did not change is
left alone (so the site does not rebuild for nothing).  A failed or interrupted build
leaves the previous outputs as they were.

The parts: :mod:`~proceedings.layout` (order and pages, shared with the site),
:mod:`~proceedings.pdffile` (a paper's PDF opened), :mod:`~proceedings.papercopy` (a paper's
objects, cleaned by the rules of :mod:`~proceedings.sanitize`, into the files),
:mod:`~proceedings.stamps` (number and footer on each page), :mod:`~proceedings.typeset`
(front matter and index), :mod:`~proceedings.structure` (bookmarks, named destinations,
document information), :mod:`~proceedings.pdfout` (the files, object by object),
:mod:`~proceedings.names` and :mod:`~proceedings.bibtex` (citations),
:mod:`~proceedings.manifest` (what was built), :mod:`~proceedings.publish` (outputs into place).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from collections.abc import Hashable, Sequence
from pathlib import Path

import pypdf
from workshop import epoch
from workshop.load import Loaded
from workshop.model import Paper, Person, Workshop
from workshop.problems import shown_path

from . import bibtex
from .data import shown
from .errors import ProceedingsError, cannot_write
from .layout import Pagination, Placement, editors, footer_text, paper_order, volume_title
from .manifest import MANIFEST, PAPERS, VOLUME, VOLUME_BIB, PaperResult, VolumeResult, built_papers
from .names import index_heading, sort_key, split_name
from .papercopy import OutlineItem, PageInfo, PaperCopy, Target
from .pdffile import DEFAULT_MAX_BYTES, open_paper
from .pdfout import PdfOut, array, number, pdf_string
from .printable import check_printable
from .progress import Progress
from .publish import publish, staging
from .records import Verdict
from .sanitize import OPENING_VIEW
from .stamps import StampFont
from .structure import (
    Bookmark,
    Leaf,
    dest,
    from_paper,
    outline_root,
    write_info,
    write_leaves,
    write_name_tree,
)
from .typeset import ContentsEntry, IndexEntry, Typeset, typeset


def roman(number: int) -> str:
    """Lower-case roman numerals, as front matter is paged."""
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def build_moment(workshop: Workshop) -> dt.datetime:
    """The date written into the PDFs (:func:`workshop.epoch.build_moment`: the one rule
    for every dated output), or :class:`ProceedingsError` naming ``SOURCE_DATE_EPOCH``."""
    try:
        return epoch.build_moment(workshop.info)
    except epoch.EpochError as error:
        raise ProceedingsError(error.message, field=epoch.VARIABLE) from None


# --- the files ---------------------------------------------------------------------------------


class _File:
    """A PDF being written with the objects every stamped file shares: the catalog, the
    page tree's root, the ``q`` stream that opens each page, the stamp font."""

    def __init__(self, path: Path, font_objects: dict[str, tuple[bytes, list[str], bytes | None]]) -> None:
        self.handle = path.open("wb")
        self.out = PdfOut(self.handle)
        self.catalog, self.pages = self.out.reserve(), self.out.reserve()
        self.shared = {"q-stream": self.out.reserve()}
        self.shared.update({key: self.out.reserve() for key in font_objects})
        self.out.put(self.shared["q-stream"], b"<< /Length 2 >>", b"q\n")
        for key, (body, refs, stream) in font_objects.items():
            self.out.put(self.shared[key], body % tuple(self.shared[r] for r in refs), stream)

    def target(self, parent: int) -> Target:
        return Target(self.out.put_template, self.out.next_number, {**self.shared, "parent": parent})

    def close(self, catalog_extra: bytes, info: int) -> None:
        self.out.put(self.catalog, b"<< /Type /Catalog /Pages %d 0 R%b >>" % (self.pages, catalog_extra))
        self.out.finish(self.catalog, info)
        self.handle.close()


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
    def __init__(self, loaded: Loaded, staging: Path, moment: dt.datetime, progress: bool, max_bytes: int) -> None:
        self.loaded, self.staging, self.moment, self.progress = loaded, staging, moment, progress
        self.max_bytes = max_bytes
        self.workshop = loaded.workshop
        self.info = self.workshop.info
        self.footer = footer_text(self.info)
        self.font = StampFont(self.footer)
        self.font_objects = self.font.objects()
        self.file = _File(staging / VOLUME, self.font_objects)
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
        reader = open_paper(path, self.max_bytes)
        placement = pagination.place(paper, len(reader.pages))
        labels = [str(placement.first + i) for i in range(placement.pages)]
        node = self.out.reserve()
        volume_target = self.file.target(node)
        own = _File(self.staging / PAPERS / f"{paper.id}.pdf", self.font_objects)
        own_target = own.target(own.pages)
        copy = PaperCopy(reader, path, paper.id, self.font, self.footer)
        try:
            copy.copy([volume_target, own_target], labels)
        except BaseException:
            own.handle.close()
            raise
        self.out.next_number = volume_target.base + copy.count
        own.out.next_number = own_target.base + copy.count
        kids = array(range(volume_target.base, volume_target.base + placement.pages))
        self.out.put(node, b"<< /Type /Pages /Parent %d 0 R /Kids %b /Count %d >>"
                     % (self.file.pages, kids, placement.pages))
        first_page = PageInfo(copy.pages[0].box, copy.pages[0].rotate)
        # Named destinations: the paper's own (prefixed), and "<id>" for its first page.
        self.leaves += write_leaves(self.out, [(k, t.render(volume_target.number)) for k, t in copy.dests])
        self.leaves += write_leaves(self.out, [(paper.id.encode(), dest(volume_target.base, first_page))])

        # The paper's own PDF: its pages, bookmarks, destinations, labels with volume numbers.
        own.out.put(own.pages, b"<< /Type /Pages /Kids %b /Count %d >>"
                    % (array(range(own_target.base, own_target.base + placement.pages)), placement.pages))
        outline = outline_root(own.out, from_paper(copy.outline, own_target.number))
        names = write_name_tree(own.out, write_leaves(own.out, [(k, t.render(own_target.number))
                                                                  for k, t in copy.dests]))
        extra = b" /PageLabels << /Nums [0 << /S /D /St %d >>] >>" % placement.first
        if outline:
            extra += b" /Outlines %d 0 R /PageMode /UseOutlines" % outline
        if names:
            extra += b" /Names << /Dests %d 0 R >>" % names
        subject = f"{volume_title(self.info)}, pages {placement.page_range}"
        own.close(extra, write_info(own.out, paper.title, ", ".join(a.name for a in paper.authors), subject,
                               self.moment))

        result = PaperResult(
            id=paper.id, title=paper.title, first=placement.first, last=placement.last,
            pdf=f"{PAPERS}/{paper.id}.pdf", bib=f"{PAPERS}/{paper.id}.bib",
            source=shown(path, self.loaded.root), removed=dict(sorted(copy.removed.items())),
            warnings=tuple(copy.warnings),
        )
        self.placed.append(_Placed(placement, volume_target.base, node, copy.pages, copy.outline, result))

    # --- typeset parts
    def add_typeset(self, doc: Typeset, labels: list[str | None], targets: dict[Hashable, bytes]
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
        targets = {**targets, "index": dest(target.base + doc.front_pages, _page_info(reader, doc.front_pages))}
        annotations: dict[int, list[bytes]] = {}
        for link in doc.links:
            rect = b" ".join(number(v) for v in link.rect)
            annotations.setdefault(link.page, []).append(
                b"<< /Type /Annot /Subtype /Link /Rect [%b] /Border [0 0 0] /Dest %b >>" % (rect, targets[link.target]))
        parents = ["front"] * doc.front_pages + ["index"] * (doc.pages - doc.front_pages)
        copy = PaperCopy(reader, Path("front matter and index"), "volume", self.font, self.footer)
        copy.copy([target], labels, annotations, parents)
        self.out.next_number = target.base + copy.count
        for node, first, count in ((front, 0, doc.front_pages), (index, doc.front_pages, doc.pages - doc.front_pages)):
            kids = array(range(target.base + first, target.base + first + count))
            self.out.put(node, b"<< /Type /Pages /Parent %d 0 R /Kids %b /Count %d >>" % (self.file.pages, kids, count))
        return front, index, target.base, copy.pages

    def index_entries(self) -> list[IndexEntry]:
        """Every author once (the same ORCID, or the same name, is one person), filed by
        family name, with the first pages of their papers."""
        people: dict[str, tuple[Person, list[_Placed]]] = {}
        orcids_of: dict[str, set[str]] = {}  # a name -> the ORCIDs seen with it
        for placed in self.placed:
            for author in placed.placement.paper.authors:
                if author.orcid:
                    orcids_of.setdefault(_plain(author.name), set()).add(author.orcid)
        for placed in self.placed:
            for author in placed.placement.paper.authors:
                key = _identity(author, orcids_of)
                person, papers = people.setdefault(key, (author, []))
                if placed not in papers:
                    papers.append(placed)
        entries = []
        shown: dict[str, list[Person]] = {}
        for person, _ in people.values():
            shown.setdefault(split_name(person).inverted, []).append(person)
        for person, papers in sorted(people.values(), key=lambda item: sort_key(item[0])):
            name = split_name(person).inverted
            if len(shown[name]) > 1 and person.affiliation:  # two people with one name
                name = f"{name} ({person.affiliation})"
            entries.append(IndexEntry(
                name=name, letter=index_heading(person),
                pages=tuple((str(p.placement.first), ("paper", p.placement.paper.id)) for p in papers),
            ))
        return entries

    def finish(self) -> VolumeResult:
        """Lay out the front matter and index, then write them, the page tree, bookmarks,
        named destinations, page labels and the catalog."""
        out = self.out
        index_first = self.placed[-1].placement.last + 1
        contents = [ContentsEntry(p.placement.paper.title, tuple(a.name for a in p.placement.paper.authors),
                                  str(p.placement.first), ("paper", p.placement.paper.id)) for p in self.placed]
        contents.append(ContentsEntry("Author Index", (), str(index_first), "index"))
        doc = typeset(self.workshop, contents, self.index_entries(), self.moment)
        front_count, index_count = doc.front_pages, doc.pages - doc.front_pages
        labels: list[str | None] = [None] + [roman(i + 1) for i in range(1, front_count)]  # title page unnumbered
        labels += [str(index_first + i) for i in range(index_count)]
        targets: dict[Hashable, bytes] = {("paper", p.placement.paper.id): dest(p.base, p.pages[0])
                                          for p in self.placed}
        front_node, index_node, base, pages = self.add_typeset(doc, labels, targets)

        total = doc.pages + sum(p.placement.pages for p in self.placed)
        kids = [front_node, *(p.node for p in self.placed), index_node]
        out.put(self.file.pages, b"<< /Type /Pages /Kids %b /Count %d >>" % (array(kids), total))

        # Bookmarks: the front matter, each paper (its own outline below it), the index.
        marks = dict(doc.marks)
        front = [Bookmark(pdf_string(title), dest(base + page, pages[page]), [])
                 for title, page in doc.marks if page < front_count]
        bookmarks = [Bookmark(pdf_string("Front Matter"), front[0].dest, front, open=True)]
        for placed in self.placed:
            children = from_paper(placed.outline, lambda key, p=placed: (
                p.base + key if isinstance(key, int) else self.file.shared[key]))
            bookmarks.append(Bookmark(pdf_string(placed.placement.paper.title),
                                       dest(placed.base, placed.pages[0]), children))
        index_dest = dest(base + front_count, pages[front_count])
        bookmarks.append(Bookmark(pdf_string("Author Index"), index_dest, []))
        outline = outline_root(out, bookmarks)

        # The volume's own names start with a capital, which no paper id (nor its prefix) does.
        self.leaves += write_leaves(out, sorted([
            (b"Contents", dest(base + marks["Contents"], pages[marks["Contents"]])), (b"AuthorIndex", index_dest)]))
        names = write_name_tree(out, self.leaves)
        page_labels = b"<< /Nums [0 << /S /r >> %d << /S /D >>] >>" % front_count
        extra = b" /PageLabels %b /Outlines %d 0 R /PageMode /UseOutlines /Names << /Dests %d 0 R >>" % (
            page_labels, outline, names)
        people = editors(self.workshop)
        info = write_info(out, volume_title(self.info), ", ".join(p.name for p in people),
                     f"{self.info.short_name}, {self.info.conference.short_name}", self.moment)
        self.file.close(extra, info)
        return VolumeResult(self.staging, total, front_count, index_first, tuple(p.result for p in self.placed))

    def close(self) -> None:
        """Close the volume's file (finished or not: the staging folder goes either way)."""
        self.file.handle.close()


def _plain(name: str) -> str:
    return " ".join(name.split()).casefold()


def _page_info(reader: pypdf.PdfReader, index: int) -> PageInfo:
    page = reader.pages[index]
    box = page.cropbox
    return PageInfo((float(box.left), float(box.bottom), float(box.right), float(box.top)), page.rotation % 360)


def _identity(author: Person, orcids_of: dict[str, set[str]]) -> str:
    """Who an author is for the index: the same ORCID is one person; the same name is one
    person, unless ORCIDs tell two people of that name apart."""
    if author.orcid:
        return f"orcid:{author.orcid}"
    name = _plain(author.name)
    orcids = orcids_of.get(name, set())
    return f"orcid:{next(iter(orcids))}" if len(orcids) == 1 else f"name:{name}"


# --- outputs, atomically ---------------------------------------------------------------------


def _write_bibtex(workshop: Workshop, result: VolumeResult, placements: list[Placement]) -> None:
    entries = []
    for placement, paper in zip(placements, result.papers, strict=True):
        entry = bibtex.paper_entry(workshop, placement)
        (result.folder / paper.bib).write_text(entry, encoding="utf-8")
        entries.append(entry)
    (result.folder / VOLUME_BIB).write_text("\n".join([bibtex.volume_entry(workshop), *entries]),
                                            encoding="utf-8")


def build_volume(loaded: Loaded, out_dir: Path, *, progress: bool = True,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> VolumeResult:
    """Build the volume and everything beside it into ``out_dir`` (reading no paper's PDF
    larger than ``max_bytes``); raises :class:`ProceedingsError` (and leaves ``out_dir``
    as it was) on any problem."""
    workshop = loaded.workshop
    papers = paper_order(workshop)
    if not papers:
        raise ProceedingsError("lists no accepted papers: there is no volume to build",
                               file=loaded.files["papers"])
    if workshop.people is None:
        raise ProceedingsError("is needed for the volume's front matter (the committees)",
                               file=loaded.files["people"])
    check_printable(loaded)  # before the papers are copied: a name the fonts cannot print stops the build
    try:
        return _build(loaded, papers, out_dir, progress, max_bytes)
    except OSError as error:  # a full disk, a read-only folder: the staging folder is gone, the outputs stay
        if error.filename and not Path(os.path.abspath(error.filename)).is_relative_to(os.path.abspath(out_dir)):
            raise ProceedingsError(f"cannot be read: {error.strerror}", file=shown_path(error.filename)) from None
        raise cannot_write(error, shown_path(out_dir), command="build", elsewhere="--out DIR") from None


def _build(loaded: Loaded, papers: list[Paper], out_dir: Path, progress: bool, max_bytes: int) -> VolumeResult:
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
        previous = [f for p in built_papers(out_dir) or [] for f in (p.pdf, p.bib) if f.startswith(f"{PAPERS}/")]
        publish(folder, out_dir, last=[VOLUME, MANIFEST], gone=previous)
    return dataclasses.replace(result, folder=out_dir)


# --- what the chair reads ----------------------------------------------------------------------


def refused(records: Sequence, papers_file: Path | str = "papers.yaml") -> ProceedingsError | None:
    """The error that stops the build when a paper is not admitted by the check, else None.

    ``records`` are :class:`~proceedings.records.CheckRecord` of the accepted papers: a
    paper goes into the volume when it passes or a chair's decision in the data admits it."""
    bad = [r for r in records if not r.admitted]
    if not bad:
        return None
    lines = []
    for record in bad:
        why = [r for r in record.reasons[1:]] or list(record.reasons[:1]) or ["no verdict"]
        lines.append(f"  {record.paper_id or record.file} ({record.verdict}): {'; '.join(why)}")
    count = f"{len(bad)} paper{'s' if len(bad) > 1 else ''}"
    them = "them" if len(bad) > 1 else "it"
    # A decision admits a paper the check judged; a file it cannot read must be replaced.
    if all(r.verdict == Verdict.ERROR for r in bad):
        advice = "Fix the PDF (or its path): no chair's decision admits a file that cannot be read."
    else:
        advice = ("Fix the PDF, or record the chair's decision (decision: references_start_page, or exception: "
                  "{pages, reason, approved_by}) for the paper in papers.yaml"
                  + ("; a file that cannot be read must be fixed." if any(r.verdict == Verdict.ERROR for r in bad)
                     else "."))
    return ProceedingsError(
        f"the volume is not built: {count} did not pass the page-limit check and no chair's decision "
        f"admits {them}:\n" + "\n".join(lines) + "\n" + advice,
        file=shown_path(papers_file),
    )


def summary(result: VolumeResult) -> str:
    """What was built, and what was left out of which paper (a paper's opening view, left
    out of nearly every one, in one line for all)."""
    papers = result.papers
    lines = [
        f"volume: {result.volume} ({result.pages} pages: front matter i-{roman(result.front_matter_pages)}, "
        f"{len(papers)} paper{'s' if len(papers) != 1 else ''} on pages 1-{papers[-1].last}, "
        f"author index from page {result.index_first})",
        f"each paper's stamped PDF and BibTeX: {result.folder / PAPERS}/; all BibTeX: {result.folder / VOLUME_BIB}",
    ]
    views = 0  # harmless, and in nearly every paper: said once, not a line per paper
    for paper in papers:
        views += OPENING_VIEW in paper.removed
        removed = [f"{what} ({count})" if count > 1 else what
                   for what, count in paper.removed.items() if what != OPENING_VIEW]
        if removed:
            lines.append(f"{paper.id}: not carried into the volume: {', '.join(removed)}")
        lines.extend(f"{paper.id}: {warning}" for warning in paper.warnings)
    if views:
        lines.append(f"opening view of {views} paper{'s' if views != 1 else ''} (where a viewer opens the file: "
                     "most PDF writers set one) not carried in: the volume and each stamped paper open at "
                     "their first page")
    lines.append(f"manifest: {result.folder / MANIFEST}")
    return "\n".join(lines)
