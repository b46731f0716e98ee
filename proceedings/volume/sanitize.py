"""What of a paper's PDF may reach the volume, and the name the report gives what may not.

:mod:`proceedings.volume.copy` copies what a paper's pages reach, object by object; this
module is the policy it applies to each object, each entry and each action.

Kept: the pages (their content and resources: fonts, images, forms), markup annotations
and links (:data:`KEPT_ANNOTATIONS`); of actions, only a go-to inside the paper and a web
link whose address, read as a viewer reads it (:func:`web_link`), has one of
:data:`WEB_SCHEMES`, written again as plain ASCII.

Removed, and counted under the names the report gives them (``removed`` in volume.json,
a line of the build's summary): JavaScript (``javascript:`` links too); every other action
(launch, links to other files, form and multimedia actions, ...: :data:`ACTION_NAMES`)
wherever it stands: an annotation's ``/A`` or ``/PA``, a bookmark, an action chained after
another by ``/Next``, any other dictionary; additional actions (``/AA``) on anything; open
actions; form fields; embedded files, file attachments and references to other files;
annotations other than markup and links; web links with any other scheme (``file:``,
``data:``, ...) or none (a relative address).

Left out without a word: the paper's document information and XMP (the volume's PDFs
carry their own, made from the data: :mod:`proceedings.volume.docinfo`), and the XMP and
private data (``/Metadata``, ``/PieceInfo``) of any object carried in, a figure's or a
font's, which a tool reading the file's metadata might take for the paper's.
"""

from __future__ import annotations

import re

from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    StreamObject,
    TextStringObject,
    decode_pdfdocencoding,
)

from workshop.engine.pdf.objects import name_bytes, resolve

#: The schemes of the web links kept (compared without regard to case).
WEB_SCHEMES = frozenset({"http", "https", "mailto"})
#: Annotations kept: markup and links.  Everything else (widgets, file attachments,
#: screen, movie, sound, rich media, 3D, ...) can act or carry data, and is removed.
KEPT_ANNOTATIONS = frozenset(
    {
        "/Link",
        "/Text",
        "/FreeText",
        "/Line",
        "/Square",
        "/Circle",
        "/Polygon",
        "/PolyLine",
        "/Highlight",
        "/Underline",
        "/Squiggly",
        "/StrikeOut",
        "/Stamp",
        "/Caret",
        "/Ink",
        "/Popup",
    }
)
#: Annotation subtypes refused even without ``/Type /Annot`` (which is optional).
_ANNOTATION_SUBTYPES = frozenset(
    {
        "/Screen",
        "/Movie",
        "/Sound",
        "/RichMedia",
        "/3D",
        "/TrapNet",
        "/PrinterMark",
        "/Watermark",
        "/Redact",
        "/Projection",
    }
)
#: Page keys carried over; the rest (actions, thumbnails, metadata, structure, beads,
#: associated files, transitions) are dropped with the old page.
PAGE_KEYS = (
    "/MediaBox",
    "/CropBox",
    "/BleedBox",
    "/TrimBox",
    "/ArtBox",
    "/BoxColorInfo",
    "/Rotate",
    "/Group",
    "/UserUnit",
    "/Tabs",
    "/VP",
)
#: How the report names an action that is removed.
ACTION_NAMES = {
    "/JavaScript": "JavaScript",
    "/Launch": "launch action",
    "/SubmitForm": "form action",
    "/ResetForm": "form action",
    "/ImportData": "form action",
    "/GoToR": "link to another file",
    "/GoToE": "link into an embedded file",
    "/GoToDp": "link to a document part",
    "/Rendition": "multimedia action",
    "/Movie": "multimedia action",
    "/Sound": "multimedia action",
    "/RichMediaExecute": "multimedia action",
    "/Hide": "form action",
    "/SetOCGState": "layer action",
    "/Thread": "article action",
    "/Trans": "transition action",
    "/GoTo3DView": "3D action",
    "/Named": "viewer menu action",
}
#: Every type of action (``/S``): a dictionary with one is an action wherever it stands.
ACTION_TYPES = frozenset(ACTION_NAMES) | {"/GoTo", "/URI"}
#: How many actions chained after one (``/Next``) are counted; a longer chain is hostile.
MAX_CHAIN = 64

#: A URI's scheme (RFC 3986, 3.1).
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
#: What a viewer drops around an address (the WHATWG URL standard: C0 controls and space)
#: and anywhere in it (tab and newlines): "\x01JaVaScRiPt:" and "java\nscript:" are
#: ``javascript:`` to a browser.
_AROUND = "".join(map(chr, range(0x21)))
_INSIDE = str.maketrans("", "", "\t\n\r")
#: Characters written as they are in a kept address; the rest are percent-encoded (UTF-8).
_PLAIN = frozenset(map(chr, range(0x21, 0x7F))) - set('"<>\\^`{|}')
_BOMS = ((b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"), (b"\xef\xbb\xbf", "utf-8"))
_LABEL = re.compile(r"[A-Za-z0-9]{1,32}")


def _name(value: object) -> str | None:
    return str(value) if isinstance(value, NameObject) else None


def _label(name: str | None) -> str:
    """A name from the file as the report may print it: letters and digits, or "unknown"
    (a name can hold any byte, a terminal's escape sequences too)."""
    return name[1:] if name and _LABEL.fullmatch(name[1:]) else "unknown"


def is_action(obj: DictionaryObject) -> bool:
    """Whether a dictionary is an action (its ``/S`` says, or its ``/Type``)."""
    return _name(obj.get("/Type")) == "/Action" or _name(obj.get("/S")) in ACTION_TYPES


def action_name(action: DictionaryObject) -> str:
    """How the report names an action that is removed."""
    kind = _name(action.get("/S"))
    if kind in ACTION_NAMES:
        return ACTION_NAMES[kind]
    return f"unknown action ({_label(kind)})" if kind else "action"


def chained_name(action: DictionaryObject) -> str:
    """How the report names an action chained after another: only the first is ever kept."""
    return "chained action" if _name(action.get("/S")) in ("/GoTo", "/URI") else action_name(action)


def refusal(obj: DictionaryObject) -> str | None:
    """Why a dictionary (or stream) is not carried in at all: the name the report counts it
    under, ``""`` for the paper's own document structure (catalog, page tree, pages,
    outlines: the volume writes its own), or None when it is carried (its entries cleaned)."""
    kind, subtype = _name(obj.get("/Type")), _name(obj.get("/Subtype"))
    if kind in ("/Catalog", "/Pages", "/Page", "/Outlines"):
        return ""
    if kind == "/EmbeddedFile" or "/EF" in obj or subtype == "/FileAttachment":
        return "embedded file"
    if kind == "/Filespec":  # names a file: what refers to one (a launch, a link to it) is removed too
        return "link to another file"
    if subtype == "/Widget" or "/FT" in obj:
        return "form field"
    if (kind == "/Annot" or subtype in _ANNOTATION_SUBTYPES) and subtype not in KEPT_ANNOTATIONS:
        return f"{_label(subtype)} annotation"
    return None


def annotation_refusal(obj: DictionaryObject) -> str | None:
    """:func:`refusal` for an entry of a page's ``/Annots``, which a viewer takes for an
    annotation whatever its ``/Type``: anything but a kept kind is removed."""
    why = refusal(obj)
    if why is None and _name(obj.get("/Subtype")) not in KEPT_ANNOTATIONS:
        return f"{_label(_name(obj.get('/Subtype')))} annotation"
    return why


def dropped_key(obj: DictionaryObject, key: str) -> str | None:
    """Why an entry of a dictionary that is carried in is left out: the name the report
    counts it under, ``""`` when it is left out without a word, None when it is kept."""
    if key == "/AA":
        return "additional actions"
    if key == "/JS":
        return "JavaScript"
    if key == "/AF":
        return "embedded file"
    if key == "/Next":
        return ""  # a chain of actions: counted where its first action is judged
    if key in ("/Metadata", "/PieceInfo"):
        return (
            ""  # a figure's or font's own XMP, an editor's private data: the volume's PDFs say what they are
        )
    if isinstance(obj, StreamObject) and key in ("/F", "/FFilter", "/FDecodeParms"):
        return "link to another file"  # the stream's data in another file
    if key in ("/Ref", "/OPI") and _name(obj.get("/Subtype")) in ("/Form", "/Image"):
        return "link to another file"  # a page or image of another file
    return None


def decode_text(raw: bytes) -> str | None:
    """A PDF string as a viewer reads it: UTF-16 or UTF-8 after a byte order mark, else
    PDFDocEncoding; None when it is not what its mark says."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        return decode_pdfdocencoding(raw)
    except UnicodeDecodeError:  # a byte PDFDocEncoding leaves undefined
        return raw.decode("latin-1")


def web_link(value: object) -> tuple[str | None, str]:
    """A URI action's ``/URI`` read as a viewer reads it: ``(address, "")`` when its scheme
    is one of :data:`WEB_SCHEMES`, the address written plainly (the scheme in lower case,
    what is not printable ASCII percent-encoded); else ``(None, the name the report counts
    it under)``."""
    value = resolve(value)
    raw = value.original_bytes if isinstance(value, (TextStringObject, ByteStringObject)) else None
    text = decode_text(raw) if raw is not None else None
    if text is None:
        return None, "unreadable link"
    text = text.strip(_AROUND).translate(_INSIDE)
    match = _SCHEME.match(text)
    if match is None:
        return None, "relative link"
    scheme = match.group(1).lower()
    if scheme == "javascript":
        return None, "JavaScript"
    if scheme not in WEB_SCHEMES:
        return None, f"{scheme}: link" if len(scheme) <= 16 else "link of an unknown kind"
    rest = text[match.end(1) :]
    return scheme + "".join(
        c if c in _PLAIN else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in rest
    ), ""


def only_a_view(open_action: object) -> bool:
    """Whether a catalog's /OpenAction only says where to open: an explicit destination
    (a page and a zoom), a named one, or a go-to action with no further action chained."""
    value = resolve(open_action)
    if isinstance(value, ArrayObject) or name_bytes(value) is not None:
        return True
    return isinstance(value, DictionaryObject) and value.get("/S") == "/GoTo" and "/Next" not in value
