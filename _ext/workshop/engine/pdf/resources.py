"""The fonts a PDF's pages list in their resources (their figures' forms included), as the
volume's copy of a page carries them: which of them are not embedded.  The same test as
the volume's warning (:func:`workshop.engine.pdf.fonts.embedded`), so that the check and the
volume cannot disagree."""

from __future__ import annotations

from collections import defaultdict

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from workshop.engine.pdf.fonts import base_name, embedded
from workshop.engine.pdf.objects import BROKEN_OR_NESTED, resolve


def unembedded_fonts(reader: PdfReader, pages: int) -> dict[str, set[int]]:
    """Font name -> the pages (of the first ``pages``) that list it without embedding it."""
    found: dict[str, set[int]] = defaultdict(set)
    verdicts: dict[int, tuple[str, bool]] = {}
    seen_forms: set[tuple[int, int]] = set()

    def visit(resources: object, number: int, depth: int) -> None:
        resources = resolve(resources)
        if depth > 8 or not isinstance(resources, DictionaryObject):
            return
        fonts = resolve(resources.get("/Font"))
        for ref in fonts.values() if isinstance(fonts, DictionaryObject) else ():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            if key not in verdicts:
                font = resolve(ref)
                verdicts[key] = (
                    (base_name(font), embedded(font)) if isinstance(font, DictionaryObject) else ("", True)
                )
            name, carried = verdicts[key]
            if not carried:
                found[name].add(number)
        xobjects = resolve(resources.get("/XObject"))
        for ref in xobjects.values() if isinstance(xobjects, DictionaryObject) else ():
            form = resolve(ref)
            key = ref.idnum if isinstance(ref, IndirectObject) else id(form)
            if (
                isinstance(form, DictionaryObject)
                and form.get("/Subtype") == "/Form"
                and (key, number) not in seen_forms
            ):
                seen_forms.add((key, number))
                visit(form.get("/Resources"), number, depth + 1)

    for number, page in enumerate(reader.pages[:pages], start=1):
        try:
            visit(page.get("/Resources"), number, 0)
        except BROKEN_OR_NESTED:  # a broken branch of a damaged file: the rest is still looked at
            continue
    return found
