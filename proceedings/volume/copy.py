"""One paper's PDF copied into the volume (and into its own stamped PDF), object by object.

What is copied is what the paper's pages reach: their content, resources and
annotations, each object once, by the walk of :mod:`proceedings.volume.walk` and cleaned
by :mod:`proceedings.volume.clean`.  Each page gets a new page dictionary: the paper's
content wrapped in ``q``/``Q`` and followed by the stamp (:mod:`proceedings.volume.stamps`),
the stamp's font added to its resources.  The paper's named destinations and bookmarks
are read here too, for the volume to place.

What is kept and what is *not* carried in (counted in :attr:`PaperCopy.removed` for the
report) is the policy of :mod:`proceedings.volume.sanitize`: in short, only go-to actions inside
the paper and web links (http, https, mailto) survive; scripts, other actions, forms,
files and other annotations do not.  Named destinations are renamed with the paper's
prefix (``<id>/<name>``) so that two papers defining the same names keep their links
inside themselves; explicit destinations point at the paper's own pages.
"""

from __future__ import annotations

import dataclasses
import io
import zlib
from collections.abc import Callable, Hashable
from pathlib import Path

import pypdf
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    StreamObject,
    TextStringObject,
)

from proceedings.internal import InternalError
from proceedings.volume.clean import Clean
from proceedings.volume.pdfout import Key, Template, literal
from proceedings.volume.sanitize import PAGE_KEYS, dropped_key
from proceedings.volume.stamplinks import doi_links
from proceedings.volume.stamps import CitationTooLong, StampFont, stamp_content
from proceedings.volume.walk import Walk, name, template
from workshop.core.problems import WorkshopError, shown_path
from workshop.engine.pdf.document import reading
from workshop.engine.pdf.objects import catalog, rotation, visible_box
from workshop.engine.pdf.objects import name_tree as _name_tree
from workshop.engine.pdf.objects import resolve as _resolve
from workshop.engine.pdf.opener import UnreadablePdf


@dataclasses.dataclass
class OutlineItem:
    """A bookmark of the paper: its title (a PDF string) and destination, as templates."""

    title: bytes
    dest: Template | None
    children: list[OutlineItem]
    open: bool = False


@dataclasses.dataclass(frozen=True)
class PageInfo:
    """What the volume needs to know of a copied page to link to it."""

    box: tuple[float, float, float, float]
    rotate: int

    @classmethod
    def of(cls, page: pypdf.PageObject) -> PageInfo:
        """The page as a reader sees it (as the check measured it: :func:`rotation`)."""
        return cls(visible_box(page), rotation(page))

    @property
    def top(self) -> float:
        return self.box[3]


@dataclasses.dataclass(frozen=True)
class Target:
    """A file the paper is copied into: objects of the paper are numbered ``base + i``
    there, and ``shared`` gives the numbers of what the file provides (the page tree
    node ``parent``, the stamp font, the ``q`` stream)."""

    write: Callable[[int, Template, Callable[[Key], int]], None]
    base: int
    shared: dict[Hashable, int]

    def number(self, key: Key) -> int:
        return self.base + key if isinstance(key, int) else self.shared[key]


class PaperCopy(Clean, Walk):
    """Copies one PDF into targets.  Use :meth:`copy`, then read :attr:`pages`,
    :attr:`outline`, :attr:`dests` (templates referencing the paper's pages by index),
    :attr:`count` (objects used), :attr:`removed` and :attr:`warnings`."""

    def __init__(
        self,
        reader: pypdf.PdfReader,
        path: Path,
        prefix: str,
        font: StampFont,
        footer: str,
        citation: tuple[str, ...] | None = None,
    ) -> None:
        Clean.__init__(self)
        Walk.__init__(self)
        self.reader, self.path, self.font, self.footer = reader, path, font, footer
        #: What the first page prints in the number's and footer's place: a paper's citation
        #: line, and a footnote (CEUR's copyright) when it has one.
        self.citation = citation
        self.prefix = prefix.encode("utf-8") + b"/"
        self.warnings: list[str] = []
        self.pages: list[PageInfo] = []
        self.outline: list[OutlineItem] = []
        #: Named destinations: (name with the paper's prefix, destination array).
        self.dests: list[tuple[bytes, Template]] = []
        self._page_index: dict[int, int] = {}
        self._dest_names: dict[bytes, object] = {}

    # --- the paper as a whole ----------------------------------------------------------

    def _read_dest_names(self) -> dict[bytes, object]:
        """Every named destination of the paper: the catalog's /Dests and the name tree."""
        root = catalog(self.reader)
        found: dict[bytes, object] = {}
        old = _resolve(root.get("/Dests"))
        if isinstance(old, DictionaryObject):
            for key, value in old.items():
                found.setdefault(key[1:].encode("utf-8"), value)
        names = _resolve(root.get("/Names"))
        if isinstance(names, DictionaryObject):
            for key, value in _name_tree(names.get("/Dests")):
                found.setdefault(key, value)
        return found

    def _read_outline(self, first: object, seen: set[int], depth: int = 0) -> list[OutlineItem]:
        items = []
        node = first
        while isinstance(node, IndirectObject) and node.idnum not in seen and depth < 50:
            seen.add(node.idnum)
            item = _resolve(node)
            if not isinstance(item, DictionaryObject):
                break
            title = item.get("/Title")
            buffer = io.BytesIO()
            (
                title if isinstance(title, (TextStringObject, ByteStringObject)) else TextStringObject("")
            ).write_to_stream(buffer)
            dest = None
            if "/Dest" in item:
                dest = self.clean_dest(item.raw_get("/Dest"))
            elif "/A" in item:
                action = self.clean_action(item.raw_get("/A"))  # anything but a go-to or web link: counted
                if action is not None and action["/S"] == "/GoTo":
                    dest = action["/D"]
                elif action is not None:
                    self.removed["web link of a bookmark"] += 1  # (a bookmark here only goes to a page)
            count = item.get("/Count", 0)
            items.append(
                OutlineItem(
                    title=buffer.getvalue(),
                    dest=self.template(dest) if dest is not None else None,
                    children=self._read_outline(
                        item.raw_get("/First") if "/First" in item else None, seen, depth + 1
                    ),
                    open=isinstance(count, int) and count > 0,
                )
            )
            node = item.raw_get("/Next") if "/Next" in item else None
        return items

    def copy(
        self,
        targets: list[Target],
        labels: list[str | None],
        annotations: dict[int, list[bytes]] | None = None,
        parents: list[str] | None = None,
    ) -> None:
        """Copy every page, stamped with ``labels[i]`` and the footer, into ``targets``;
        the paper's objects are numbered from each target's base.  ``annotations`` adds
        annotation dictionaries (complete, with object numbers) to pages by index;
        ``parents`` names each page's page-tree node among the targets' shared objects
        (default: ``parent`` for every page)."""
        self._extra = annotations or {}
        self._parents = parents
        try:
            self._copy(targets, labels)
        except RecursionError:
            raise WorkshopError("nests objects too deeply to copy: export it again", file=self.path) from None
        except UnreadablePdf as error:  # the reading layer's word for a page it cannot read
            raise WorkshopError(str(error), file=self.path) from None
        except PyPdfError as error:  # pypdf's, for an object it cannot read as the copy reaches it
            raise WorkshopError(
                f"cannot be copied ({type(error).__name__}: {error}): export it again", file=self.path
            ) from None
        except (WorkshopError, OSError):  # said by the build: a disk that fills, refuses
            raise
        except Exception as error:  # a bug, not the paper's fault: said as one, naming the paper
            raise InternalError.of(shown_path(self.path), "copying it into the volume", error) from None

    def _copy(self, targets: list[Target], labels: list[str | None]) -> None:
        reader = self.reader
        pages = reader.pages
        count = len(pages)
        for index, page in enumerate(pages):
            if page.indirect_reference is not None:  # a page written whole into its parent has none
                self._page_index[page.indirect_reference.idnum] = index
        self.count = 2 * count  # pages, then the stamp of each
        self._dest_names = self._read_dest_names()
        self.document_removals()

        def emit(key: int, template: Template) -> None:
            for target in targets:
                target.write(target.base + key, template, target.number)

        for index, page in enumerate(pages):
            emit(index, self._page(page, labels[index], count + index, emit, first=index == 0))

        for dest_name, dest in self._dest_names.items():
            cleaned = self.clean_dest(dest)
            if cleaned is not None:
                self.dests.append((self.prefix + dest_name, self.template(cleaned)))
        self.dests.sort(key=lambda item: item[0])
        outlines = _resolve(catalog(reader).get("/Outlines"))
        if isinstance(outlines, DictionaryObject) and "/First" in outlines:
            self.outline = self._read_outline(outlines.raw_get("/First"), set())

        while self._queue:
            key, obj = self._queue.popleft()
            emit(key, self.stream_or_value(obj))
        if self._unembedded:
            self.warnings.append("fonts not embedded: " + ", ".join(sorted(self._unembedded)))

    def _page(
        self, page: pypdf.PageObject, label: str | None, stamp_key: int, emit, first: bool = False
    ) -> Template:
        """The page's new dictionary (its stamp emitted as ``stamp_key``): the paper's keys
        that are carried, its resources with the stamp's fonts added, its content followed
        by the stamp, its annotations as cleaned."""
        with reading(len(self.pages) + 1):
            info = PageInfo.of(page)
        self.pages.append(info)
        out: list[bytes | None] = [b"<< /Type /Page /Parent ", None]
        refs: list[Key] = [self._parents[len(self.pages) - 1] if self._parents else "parent"]
        for key in PAGE_KEYS:
            if key in page:
                out.append(name(key) + b" ")
                self.value(page.raw_get(key), out, refs)
                out.append(b" ")
        if "/AA" in page:
            self.removed["additional actions"] += 1
        font_names = self._resources(page, out, refs)
        out.extend([b">> >> /Contents [", None, b" "])
        refs.extend([*self.font.keys, "q-stream"])
        for content in _contents(page):
            self.value(content, out, refs)
            out.append(b" ")
        out.extend([None, b"]"])
        refs.append(stamp_key)
        citation = self.citation if first else None
        try:
            drawn = stamp_content(self.font, font_names, label, self.footer, info.box, info.rotate, citation)
            links = doi_links(self.font, citation, info.box, info.rotate) if citation else []
        except CitationTooLong as error:
            raise WorkshopError(str(error), file=self.path) from None
        self._annotations(page, out, refs, links)
        out.append(b" >>")
        stamp = zlib.compress(drawn, 6)
        emit(stamp_key, Template(b"<< /Length %d /Filter /FlateDecode >>" % len(stamp), (), stamp))
        return template(out, refs)

    def _resources(self, page: pypdf.PageObject, out: list[bytes | None], refs: list[Key]) -> list[str]:
        """The page's resources as carried (what sanitize drops counted), its fonts with the
        stamp's added under names of their own; those names."""
        resources = _resolve(page.raw_get("/Resources")) if "/Resources" in page else None
        resources = resources if isinstance(resources, DictionaryObject) else DictionaryObject()
        fonts = _resolve(resources.raw_get("/Font")) if "/Font" in resources else None
        fonts = fonts if isinstance(fonts, DictionaryObject) else DictionaryObject()
        font_names = []
        for i in range(len(self.font.keys)):
            font_name = "VolumeStamp" + (str(i) if i else "")
            while f"/{font_name}" in fonts:
                font_name += "X"
            font_names.append(font_name)
        out.append(b"/Resources <<")
        for key, item in resources.items():
            why = dropped_key(resources, key)
            if why:
                self.removed[why] += 1
            if key == "/Font" or why is not None:
                continue
            out.append(name(key) + b" ")
            self.value(item, out, refs)
            out.append(b" ")
        out.append(b"/Font <<")
        for key, item in fonts.items():
            out.append(name(key) + b" ")
            self.value(item, out, refs)
            out.append(b" ")
        for font_name in font_names:
            out.extend([name("/" + font_name) + b" ", None, b" "])
        return font_names

    def _annotations(
        self, page: pypdf.PageObject, out: list[bytes | None], refs: list[Key], links: list[bytes]
    ) -> None:
        """The page's /Annots as carried (annotations removed, or links whose target was,
        left out), with the volume's own for the page and the stamp's ``links``."""
        annotations = _resolve(page.raw_get("/Annots")) if "/Annots" in page else None
        parts: list[bytes | None] = [
            literal(extra) + b" " for extra in self._extra.get(len(self.pages) - 1, ())
        ]
        annotation_refs: list[Key] = []
        for annotation in annotations if isinstance(annotations, ArrayObject) else ():
            resolved = _resolve(annotation)
            if not isinstance(resolved, DictionaryObject) or self.cleaned(resolved, annotation=True) is None:
                continue  # removed (counted), or a link whose target was removed
            if isinstance(annotation, IndirectObject):
                key = self.ref(annotation)
                if key is not None:
                    parts.extend([None, b" "])
                    annotation_refs.append(key)
            elif isinstance(annotation, DictionaryObject):
                before = len(parts)
                self.value(annotation, parts, annotation_refs)
                if parts[before:] == [b"null"]:
                    del parts[before:]
                else:
                    parts.append(b" ")
        parts.extend(literal(link) + b" " for link in links)  # the stamp's, at the foot: last
        if parts:
            out.append(b" /Annots [")
            out.extend(parts)
            out.append(b"]")
            refs.extend(annotation_refs)


# --- helpers ---------------------------------------------------------------------------------


def _contents(page: pypdf.PageObject) -> list[object]:
    """The page's content streams, as references or direct values."""
    if "/Contents" not in page:
        return []
    raw = page.raw_get("/Contents")
    resolved = _resolve(raw)
    if isinstance(resolved, ArrayObject):
        return list(resolved)
    return [raw] if isinstance(resolved, StreamObject) else []
