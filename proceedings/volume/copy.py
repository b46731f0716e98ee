"""One paper's PDF copied into the volume (and into its own stamped PDF), object by object.

What is copied is what the paper's pages reach: their content, resources and
annotations, each object once.  Stream data is copied as it is in the file (still
compressed; an uncompressed stream is compressed), never decoded and re-encoded.
Each page gets a new page dictionary: the paper's content wrapped in ``q``/``Q`` and
followed by the stamp (:mod:`proceedings.volume.stamps`), the stamp's font added to its
resources.

What is kept and what is *not* carried in (counted in :attr:`PaperCopy.removed` for the
report) is the policy of :mod:`proceedings.volume.sanitize`: in short, only go-to actions inside
the paper and web links (http, https, mailto) survive; scripts, other actions, forms,
files and other annotations do not.  Named destinations are renamed with the paper's
prefix (``<id>/<name>``) so that two papers defining the same names keep their links
inside themselves; explicit destinations point at the paper's own pages.
"""

from __future__ import annotations

import collections
import dataclasses
import io
import zlib
from collections.abc import Callable
from pathlib import Path

import pypdf
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from proceedings.pdf.objects import name_bytes as _name_bytes
from proceedings.pdf.objects import name_tree as _name_tree
from proceedings.pdf.objects import resolve as _resolve
from proceedings.volume.pdfout import Key, Template, literal
from proceedings.volume.sanitize import (
    MAX_CHAIN,
    PAGE_KEYS,
    action_name,
    annotation_refusal,
    chained_name,
    dropped_key,
    is_action,
    only_a_view,
    refusal,
    web_link,
)
from proceedings.volume.stamps import StampFont, stamp_content
from workshop.core.manifest import OPENING_VIEW
from workshop.core.problems import WorkshopError

#: Nesting deeper than this in one object is a broken or hostile file.
MAX_DEPTH = 200


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
    shared: dict[str, int]

    def number(self, key: Key) -> int:
        return self.base + key if isinstance(key, int) else self.shared[key]


_NAME_CACHE: dict[str, bytes] = {}


def _name(name: str) -> bytes:
    cached = _NAME_CACHE.get(name)
    if cached is None:
        buffer = io.BytesIO()
        NameObject(name).write_to_stream(buffer)
        cached = _NAME_CACHE[name] = literal(buffer.getvalue())
    return cached


class PaperCopy:
    """Copies one PDF into targets.  Use :meth:`copy`, then read :attr:`pages`,
    :attr:`outline`, :attr:`dests` (templates referencing the paper's pages by index),
    :attr:`count` (objects used), :attr:`removed` and :attr:`warnings`."""

    def __init__(self, reader: pypdf.PdfReader, path: Path, prefix: str, font: StampFont, footer: str) -> None:
        self.reader, self.path, self.font, self.footer = reader, path, font, footer
        self.prefix = prefix.encode("utf-8") + b"/"
        self.removed: collections.Counter[str] = collections.Counter()
        self.warnings: list[str] = []
        self.pages: list[PageInfo] = []
        self.outline: list[OutlineItem] = []
        #: Named destinations: (name with the paper's prefix, destination array).
        self.dests: list[tuple[bytes, Template]] = []
        self._page_index: dict[int, int] = {}
        self._local: dict[int, int | None] = {}
        self._queue: collections.deque[tuple[int, object]] = collections.deque()
        self.count = 0
        self._unembedded: set[str] = set()
        #: id(dictionary) -> (the dictionary, kept alive so the id stays its own; its entries)
        self._cleaned: dict[int, tuple[object, list | None]] = {}

    # --- the walk ---------------------------------------------------------------------

    def _allocate(self) -> int:
        self.count += 1
        return self.count - 1

    def ref(self, reference: IndirectObject) -> int | None:
        """The key of a referenced object in the copy (queued on first sight), or None
        when it is not carried (missing, refused, or a page of the page tree itself)."""
        idnum = reference.idnum
        page = self._page_index.get(idnum)
        if page is not None:
            return page
        if idnum in self._local:
            return self._local[idnum]
        try:
            target = reference.get_object()
        except (PdfReadError, ValueError, KeyError, TypeError, OSError):
            target = None
        key = None
        if target is not None and not isinstance(target, NullObject) and (
                not isinstance(target, DictionaryObject) or self.cleaned(target) is not None):
            key = self._allocate()
            self._queue.append((key, target))
        self._local[idnum] = key
        return key

    def _note_font(self, font: DictionaryObject) -> None:
        subtype = font.get("/Subtype")
        if subtype in ("/Type3", "/Type0"):
            return  # Type 3 glyphs are content; a Type 0 font's descendant says
        descriptor = _resolve(font.get("/FontDescriptor"))
        if not isinstance(descriptor, DictionaryObject) or not any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            self._unembedded.add(str(font.get("/BaseFont", "?")).lstrip("/"))

    def value(self, obj: object, out: list, refs: list, depth: int = 0) -> None:
        """Append the bytes of a direct value to ``out`` (``None`` for a reference, whose
        key goes to ``refs``)."""
        if depth > MAX_DEPTH:
            raise WorkshopError("nests objects too deeply to copy: export it again", file=self.path)
        kind = type(obj)
        if kind is IndirectObject:
            key = self.ref(obj)
            if key is None:
                out.append(b"null")
            else:
                out.append(None)
                refs.append(key)
        elif kind is NameObject:
            out.append(_name(obj))
        elif kind is BooleanObject:
            out.append(b"true" if obj.value else b"false")
        elif kind is NumberObject:
            out.append(b"%d" % obj)
        elif isinstance(obj, DictionaryObject):
            cleaned = self.cleaned(obj)
            if cleaned is None:
                out.append(b"null")
                return
            out.append(b"<<")
            for key, item in cleaned:
                out.append(_name(key))
                out.append(b" ")
                self.value(item, out, refs, depth + 1)
                out.append(b" ")
            out.append(b">>")
        elif isinstance(obj, list):
            out.append(b"[")
            for item in obj:
                self.value(item, out, refs, depth + 1)
                out.append(b" ")
            out.append(b"]")
        elif isinstance(obj, NullObject) or obj is None:
            out.append(b"null")
        else:  # strings and reals: pypdf writes them (escaping strings)
            buffer = io.BytesIO()
            obj.write_to_stream(buffer)
            out.append(literal(buffer.getvalue()))

    def template(self, obj: object, stream: bytes | None = None) -> Template:
        out: list[bytes | None] = []
        refs: list[Key] = []
        self.value(obj, out, refs)
        return _template(out, refs, stream)

    # --- what is cleaned -----------------------------------------------------------------

    def cleaned(self, obj: DictionaryObject, annotation: bool = False) -> list[tuple[str, object]] | None:
        """The entries of a dictionary as carried in, or None when it is not carried at all,
        judged once per dictionary (what is removed is counted once): an action wherever it
        stands (:meth:`clean_action`), else by :mod:`proceedings.volume.sanitize`'s refusals (those
        of an entry of a page's /Annots when ``annotation``), then :meth:`clean`."""
        key = id(obj)
        if key not in self._cleaned:
            if is_action(obj):
                action = self.clean_action(obj)
                entries = None if action is None else list(action.items())
            else:
                why = annotation_refusal(obj) if annotation else refusal(obj)
                if why:
                    self.removed[why] += 1
                elif why is None and obj.get("/Type") == "/Font":
                    self._note_font(obj)
                entries = self.clean(obj) if why is None else None
            self._cleaned[key] = (obj, entries)
        return self._cleaned[key][1]

    def clean(self, obj: DictionaryObject) -> list[tuple[str, object]] | None:
        """The entries of a dictionary that may be carried in (None: drop it whole)."""
        items = []
        for key, item in obj.items():
            why = dropped_key(obj, key)
            if why is not None:
                if why:
                    self.removed[why] += 1
                continue
            if key in ("/A", "/PA"):
                item = self.clean_action(item)
            elif key == "/Dest":
                item = self.clean_dest(item)
            elif isinstance(item, IndirectObject):
                item = item if self.ref(item) is not None else None
            elif isinstance(item, DictionaryObject):
                item = item if self.cleaned(item) is not None else None
            if item is None:
                continue  # removed (and counted), or nothing: the key goes too
            items.append((key, item))
        if obj.get("/Subtype") == "/Link" and not any(k in ("/A", "/Dest") for k, _ in items):
            return None  # a link whose target was removed
        return items

    def clean_action(self, action: object) -> DictionaryObject | None:
        """A go-to inside the paper or a web link, written anew (nothing else of the action
        and nothing chained after it); None for any other action (counted)."""
        action = _resolve(action)
        if not isinstance(action, DictionaryObject):
            return None
        if "/Next" in action:
            self._count_chain(action.raw_get("/Next"))
        kind = action.get("/S")
        if kind == "/GoTo":
            dest = self.clean_dest(action.raw_get("/D") if "/D" in action else None)
            if dest is None:
                return None
            return DictionaryObject({NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): dest})
        if kind == "/URI":
            uri, why = web_link(action.raw_get("/URI") if "/URI" in action else None)
            if uri is None:
                self.removed[why] += 1
                return None
            return DictionaryObject({NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(uri)})
        self.removed[action_name(action)] += 1
        return None

    def _count_chain(self, chained: object) -> None:
        """Count the actions chained after one (``/Next``: one, or an array of them, each
        with chains of its own), which are never carried in."""
        todo, seen, counted = [chained], set(), 0
        while todo and counted < MAX_CHAIN:
            item = todo.pop()
            if isinstance(item, IndirectObject):
                if item.idnum in seen:
                    continue
                seen.add(item.idnum)
            item = _resolve(item)
            if isinstance(item, ArrayObject):
                todo.extend(reversed(item[:MAX_CHAIN]))
            elif isinstance(item, DictionaryObject):
                counted += 1
                self.removed[chained_name(item)] += 1
                if "/Next" in item:
                    todo.append(item.raw_get("/Next"))

    def clean_dest(self, dest: object) -> object | None:
        """A destination inside this paper: a named one renamed with the paper's prefix,
        an explicit one kept if it targets one of the paper's pages; else None."""
        dest = _resolve(dest)
        name = _name_bytes(dest)
        if name is not None:
            return ByteStringObject(self.prefix + name) if name in self._dest_names else None
        if isinstance(dest, DictionaryObject) and "/D" in dest:
            return self.clean_dest(dest.raw_get("/D"))
        if isinstance(dest, ArrayObject) and dest:
            first = dest[0]
            if isinstance(first, IndirectObject) and first.idnum in self._page_index:
                return dest
        return None

    # --- the paper as a whole ----------------------------------------------------------

    def _read_dest_names(self) -> dict[bytes, object]:
        """Every named destination of the paper: the catalog's /Dests and the name tree."""
        root = self.reader.trailer["/Root"]
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

    def _document_removals(self) -> None:
        root = self.reader.trailer["/Root"]
        if "/OpenAction" in root:
            self.removed[OPENING_VIEW if only_a_view(root.raw_get("/OpenAction")) else "open action"] += 1
        if "/AA" in root:
            self.removed["additional actions"] += 1
        names = _resolve(root.get("/Names"))
        if isinstance(names, DictionaryObject):
            for key, what in (("/JavaScript", "JavaScript"), ("/EmbeddedFiles", "embedded file")):
                count = sum(1 for _ in _name_tree(names.get(key)))
                if count:
                    self.removed[what] += count
        form = _resolve(root.get("/AcroForm"))
        if isinstance(form, DictionaryObject):
            fields = _resolve(form.get("/Fields"))
            if isinstance(fields, ArrayObject) and fields:
                self.removed["form"] += 1

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
            (title if isinstance(title, (TextStringObject, ByteStringObject)) else TextStringObject("")
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
            items.append(OutlineItem(
                title=buffer.getvalue(), dest=self.template(dest) if dest is not None else None,
                children=self._read_outline(item.raw_get("/First") if "/First" in item else None, seen, depth + 1),
                open=isinstance(count, int) and count > 0,
            ))
            node = item.raw_get("/Next") if "/Next" in item else None
        return items

    def copy(self, targets: list[Target], labels: list[str | None],
             annotations: dict[int, list[bytes]] | None = None, parents: list[str] | None = None) -> None:
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
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise WorkshopError(f"cannot be copied ({type(error).__name__}: {error}): export it again",
                                   file=self.path) from None

    def _copy(self, targets: list[Target], labels: list[str | None]) -> None:
        reader = self.reader
        pages = reader.pages
        count = len(pages)
        for index, page in enumerate(pages):
            self._page_index[page.indirect_reference.idnum] = index
        self.count = 2 * count  # pages, then the stamp of each
        self._dest_names = self._read_dest_names()
        self._document_removals()

        def emit(key: int, template: Template) -> None:
            for target in targets:
                target.write(target.base + key, template, target.number)

        for index, page in enumerate(pages):
            emit(index, self._page(page, labels[index], count + index, emit))

        for name, dest in self._dest_names.items():
            cleaned = self.clean_dest(dest)
            if cleaned is not None:
                self.dests.append((self.prefix + name, self.template(cleaned)))
        self.dests.sort(key=lambda item: item[0])
        outlines = _resolve(reader.trailer["/Root"].get("/Outlines"))
        if isinstance(outlines, DictionaryObject) and "/First" in outlines:
            self.outline = self._read_outline(outlines.raw_get("/First"), set())

        while self._queue:
            key, obj = self._queue.popleft()
            emit(key, self._object(obj))
        if self._unembedded:
            self.warnings.append("fonts not embedded: " + ", ".join(sorted(self._unembedded)))

    def _object(self, obj: object) -> Template:
        if not isinstance(obj, StreamObject):
            return self.template(obj)
        data = obj._data  # the bytes as stored in the file: copied, not decoded
        entries = [(k, v) for k, v in self.cleaned(obj) or () if k != "/Length"]
        if len(data) > 64 and not any(k in ("/Filter", "/DecodeParms") for k, _ in entries):
            data = zlib.compress(data, 6)
            entries.append(("/Filter", NameObject("/FlateDecode")))
        out: list[bytes | None] = [b"<<"]
        refs: list[Key] = []
        for key, item in entries:
            out.append(_name(key) + b" ")
            self.value(item, out, refs)
            out.append(b" ")
        out.append(b"/Length %d >>" % len(data))
        return _template(out, refs, data)

    def _page(self, page: pypdf.PageObject, label: str | None, stamp_key: int, emit) -> Template:
        box = _box(page)
        rotate = page.rotation % 360
        self.pages.append(PageInfo(box, rotate))
        out: list[bytes | None] = [b"<< /Type /Page /Parent ", None]
        refs: list[Key] = [self._parents[len(self.pages) - 1] if self._parents else "parent"]
        for key in PAGE_KEYS:
            if key in page:
                out.append(_name(key) + b" ")
                self.value(page.raw_get(key), out, refs)
                out.append(b" ")
        if "/AA" in page:
            self.removed["additional actions"] += 1

        resources = _resolve(page.raw_get("/Resources")) if "/Resources" in page else None
        resources = resources if isinstance(resources, DictionaryObject) else DictionaryObject()
        fonts = _resolve(resources.raw_get("/Font")) if "/Font" in resources else None
        fonts = fonts if isinstance(fonts, DictionaryObject) else DictionaryObject()
        font_name = "VolumeStamp"
        while f"/{font_name}" in fonts:
            font_name += "X"
        out.append(b"/Resources <<")
        for key, item in resources.items():
            why = dropped_key(resources, key)
            if why:
                self.removed[why] += 1
            if key == "/Font" or why is not None:
                continue
            out.append(_name(key) + b" ")
            self.value(item, out, refs)
            out.append(b" ")
        out.append(b"/Font <<")
        for key, item in fonts.items():
            out.append(_name(key) + b" ")
            self.value(item, out, refs)
            out.append(b" ")
        out.extend([_name("/" + font_name) + b" ", None, b" >> >> /Contents [", None, b" "])
        refs.extend(["stamp-font", "q-stream"])
        for content in _contents(page):
            self.value(content, out, refs)
            out.append(b" ")
        out.extend([None, b"]"])
        refs.append(stamp_key)

        annotations = _resolve(page.raw_get("/Annots")) if "/Annots" in page else None
        parts: list[bytes | None] = [literal(extra) + b" " for extra in self._extra.get(len(self.pages) - 1, ())]
        annotation_refs: list[Key] = []
        if isinstance(annotations, ArrayObject) and annotations:
            for annotation in annotations:
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
        if parts:
            out.append(b" /Annots [")
            out.extend(parts)
            out.append(b"]")
            refs.extend(annotation_refs)
        out.append(b" >>")

        stamp = zlib.compress(stamp_content(self.font, font_name, label, self.footer, box, rotate), 6)
        emit(stamp_key, Template(b"<< /Length %d /Filter /FlateDecode >>" % len(stamp), (), stamp))
        return _template(out, refs)


# --- helpers ---------------------------------------------------------------------------------


def _template(out: list[bytes | None], refs: list[Key], stream: bytes | None = None) -> Template:
    body = b"".join(b"%d 0 R" if part is None else part for part in out)
    if not refs:
        body = body.replace(b"%%", b"%")
    return Template(body, tuple(refs), stream)


def _contents(page: pypdf.PageObject) -> list[object]:
    """The page's content streams, as references or direct values."""
    if "/Contents" not in page:
        return []
    raw = page.raw_get("/Contents")
    resolved = _resolve(raw)
    if isinstance(resolved, ArrayObject):
        return list(resolved)
    return [raw] if isinstance(resolved, StreamObject) else []


def _box(page: pypdf.PageObject) -> tuple[float, float, float, float]:
    """The visible box of a page: the crop box within the media box."""
    media = page.mediabox
    crop = page.cropbox
    x0, y0 = max(float(media.left), float(crop.left)), max(float(media.bottom), float(crop.bottom))
    x1, y1 = min(float(media.right), float(crop.right)), min(float(media.top), float(crop.top))
    if x1 <= x0 or y1 <= y0:
        x0, y0, x1, y1 = float(media.left), float(media.bottom), float(media.right), float(media.top)
    return (x0, y0, x1, y1)

