"""The rules of :mod:`proceedings.volume.sanitize` applied to a paper's objects: what of
each dictionary is carried into the volume, actions rewritten or removed (and counted in
:attr:`Clean.removed`), destinations kept inside the paper.  Named destinations are
renamed with the paper's prefix (``<id>/<name>``) so that two papers defining the same
names keep their links inside themselves; explicit destinations point at the paper's own
pages.

:class:`Clean` is one part of :class:`~proceedings.volume.copy.PaperCopy`; it asks the
walk (:meth:`~proceedings.volume.walk.Walk.ref`) whether a referenced object is carried.
"""

from __future__ import annotations

import collections
from collections.abc import Callable

import pypdf
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

from proceedings.volume.sanitize import (
    MAX_CHAIN,
    action_name,
    annotation_refusal,
    chained_name,
    dropped_key,
    is_action,
    only_a_view,
    refusal,
    web_link,
)
from workshop.core.manifest import OPENING_VIEW
from workshop.engine.pdf.fonts import embedded
from workshop.engine.pdf.objects import catalog, name_bytes, name_tree, resolve


class Clean:
    """Judges dictionaries once each; :attr:`removed` counts what was left out, by kind.
    A mixin: the class it is mixed into provides ``ref`` (the walk's)."""

    ref: Callable[[IndirectObject], int | None]

    reader: pypdf.PdfReader
    prefix: bytes
    _page_index: dict[int, int]
    _dest_names: dict[bytes, object]

    def __init__(self) -> None:
        self.removed: collections.Counter[str] = collections.Counter()
        self._unembedded: set[str] = set()
        #: id(dictionary) -> (the dictionary, kept alive so the id stays its own; its entries)
        self._cleaned: dict[int, tuple[object, list | None]] = {}

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
        action = resolve(action)
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
            return DictionaryObject(
                {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(uri)}
            )
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
            item = resolve(item)
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
        dest = resolve(dest)
        name = name_bytes(dest)
        if name is not None:
            return ByteStringObject(self.prefix + name) if name in self._dest_names else None
        if isinstance(dest, DictionaryObject) and "/D" in dest:
            return self.clean_dest(dest.raw_get("/D"))
        if isinstance(dest, ArrayObject) and dest:
            first = dest[0]
            if isinstance(first, IndirectObject) and first.idnum in self._page_index:
                return dest
        return None

    def document_removals(self) -> None:
        """Count what the paper's catalog holds that the volume does not carry: its open
        action, additional actions, document scripts, embedded files, its form."""
        root = catalog(self.reader)
        if "/OpenAction" in root:
            self.removed[OPENING_VIEW if only_a_view(root.raw_get("/OpenAction")) else "open action"] += 1
        if "/AA" in root:
            self.removed["additional actions"] += 1
        names = resolve(root.get("/Names"))
        if isinstance(names, DictionaryObject):
            for key, what in (("/JavaScript", "JavaScript"), ("/EmbeddedFiles", "embedded file")):
                count = sum(1 for _ in name_tree(names.get(key)))
                if count:
                    self.removed[what] += count
        form = resolve(root.get("/AcroForm"))
        if isinstance(form, DictionaryObject):
            fields = resolve(form.get("/Fields"))
            if isinstance(fields, ArrayObject) and fields:
                self.removed["form"] += 1

    def _note_font(self, font: DictionaryObject) -> None:
        # A composite (Type 0) font is judged through its descendant, which the walk reaches.
        if font.get("/Subtype") != "/Type0" and not embedded(font):
            self._unembedded.add(str(font.get("/BaseFont", "?")).lstrip("/"))
