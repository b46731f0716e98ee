"""A talk's materials: slides, poster, video, code, data and supplementary material, each a
web address or a file of the data folder that the site publishes beside the pages.

A paper's materials are its own (``links`` under the paper in ``papers.yaml``); an invited
talk's, its slot's (``links`` under the slot).  A paper talk shows its paper's, each kind
replaced by the slot's where the slot names one.  Files are published only when they are
what they say they are (:func:`inspect`): a file inside the repository, of a type the site
publishes (PDF, PNG, JPEG, zip, gzip, UTF-8 text, slides as PPTX or ODP), whose first bytes
are that type's, no program (an ELF, Windows or Mach-O executable, a script), and at most
:data:`MAX_BYTES`.  Anything else is one problem at its line (``material``), and the file
stays out of the site.  A video is a link; it is embedded in the paper's page only where
the data asks (``embed_video: true``) and only from a host that plays it without tracking
cookies (:func:`embed_url`), and then only once the reader presses play.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path, PurePosixPath
from typing import Annotated
from urllib.parse import parse_qs, urlsplit

from pydantic import AfterValidator

from workshop.core import paths
from workshop.core.fields import Line, Model, WebUrl

#: The kinds of material, in the order they are shown, with what a reader is told.
KINDS = {
    "slides": "Slides",
    "poster": "Poster",
    "video": "Video",
    "code": "Code",
    "data": "Data",
    "supplementary": "Supplementary material",
}
#: The largest file the site publishes (25 MB): hosts such as Read the Docs keep builds small,
#: and a reader on a phone downloads it.
MAX_BYTES = 25_000_000
#: How much of a file is read to tell its type (a text file is checked this far).
HEAD = 64 * 1024


def _check_material(value: str) -> str:
    if re.fullmatch(r"https?://\S+", value):
        return value
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise ValueError(
            f"{value!r} is neither a web address (https://...) nor a file of the data folder: "
            "write the whole address, or a path relative to the data folder"
        )
    if PurePosixPath(value).is_absolute() or "\\" in value:
        raise ValueError(f"{value!r} must be a relative path with '/' separators (or a web address)")
    return value


#: A web address (http or https), or a file relative to the data folder.
Material = Annotated[Line, AfterValidator(_check_material)]


class Materials(Model):
    """``links`` of a paper or a slot: where each material is.  ``video`` is a link only;
    ``embed_video: true`` plays it in the paper's page (YouTube and Vimeo only)."""

    #: The slides: a web address, or a PDF of the data folder (copied into the site).
    slides: Material | None = None
    #: The poster: a web address, or a PDF or image of the data folder.
    poster: Material | None = None
    #: A recording: a web address only.
    video: WebUrl | None = None
    #: The paper's code: a web address (a repository), or a file of the data folder.
    code: Material | None = None
    #: The paper's data: a web address, or a file of the data folder.
    data: Material | None = None
    #: Anything else readers may want: a web address, or a file of the data folder.
    supplementary: Material | None = None
    #: Play the video in the paper's page (YouTube, via youtube-nocookie, and Vimeo only).
    embed_video: bool = False


def is_file(value: str) -> bool:
    """Whether a material is a file of the data folder (else a web address)."""
    return not re.match(r"https?://", value)


@dataclasses.dataclass(frozen=True)
class Item:
    """One material as readers get it: its kind and label, and where it is: a web address,
    or (for a file) ``path`` in the data folder and ``site_path`` in the site."""

    kind: str
    label: str
    value: str
    site_path: str | None = None

    @property
    def address(self) -> str:
        """The web address, or the file's place in the site (relative to its root)."""
        return self.site_path or self.value


def site_path(owner: str, kind: str, value: str) -> str:
    """Where the site publishes a material file: ``materials/<owner>/<kind><suffixes>``
    (``owner``: ``paper-<id>`` or ``slot-<key>``)."""
    return f"materials/{owner}/{kind}{_suffix(value)}"


def items(sources: list[tuple[Materials | None, str]]) -> list[Item]:
    """The materials of ``sources`` ((materials, owner) pairs, the first naming a kind
    wins: a paper talk's slot before its paper) in the order of :data:`KINDS`; a file is
    published under its own source's ``owner`` (:func:`site_path`)."""
    found = []
    for kind, label in KINDS.items():
        for given, owner in sources:
            value = getattr(given, kind) if given is not None else None
            if value:
                found.append(
                    Item(kind, label, value, site_path(owner, kind, value) if is_file(value) else None)
                )
                break
    return found


# --- the files ----------------------------------------------------------------------------------

#: The types the site publishes: suffix -> (what it is, the first bytes it starts with; None: text).
TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("a PDF", (b"%PDF-",)),
    ".png": ("a PNG image", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("a JPEG image", (b"\xff\xd8\xff",)),
    ".jpeg": ("a JPEG image", (b"\xff\xd8\xff",)),
    ".zip": ("a zip archive", (b"PK\x03\x04", b"PK\x05\x06")),
    ".pptx": ("PowerPoint slides (PPTX)", (b"PK\x03\x04",)),
    ".odp": ("OpenDocument slides (ODP)", (b"PK\x03\x04",)),
    ".tar.gz": ("a gzip-compressed tar archive", (b"\x1f\x8b",)),
    ".tgz": ("a gzip-compressed tar archive", (b"\x1f\x8b",)),
    ".gz": ("a gzip-compressed file", (b"\x1f\x8b",)),
    ".csv": ("CSV text", None),
    ".tsv": ("tab-separated text", None),
    ".json": ("JSON text", None),
    ".txt": ("plain text", None),
    ".md": ("Markdown text", None),
}
#: Programs, whatever their name says: never published.
PROGRAMS = (
    (b"\x7fELF", "an ELF executable (a Linux program)"),
    (b"\xfe\xed\xfa\xce", "a Mach-O executable (a macOS program)"),
    (b"\xfe\xed\xfa\xcf", "a Mach-O executable (a macOS program)"),
    (b"\xce\xfa\xed\xfe", "a Mach-O executable (a macOS program)"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable (a macOS program)"),
    (b"\xca\xfe\xba\xbe", "a Mach-O or Java program"),
    (b"#!", "a script"),
)


def _suffix(value: str) -> str:
    """The suffix that tells a file's type: ``.pdf``, ``.tar.gz``; ``""`` for none known."""
    name = PurePosixPath(value).name.lower()
    return next((s for s in sorted(TYPES, key=len, reverse=True) if name.endswith(s)), "")


def inspect(data_dir: Path, value: str, root: Path) -> tuple[str, str]:
    """Whether the material file ``value`` may be published: ``("", "")`` when it may,
    else (a problem code, what is wrong and what to do)."""
    found = paths.locate(data_dir, value, root)
    if not found.ok:
        return found.code, found.message
    suffix = _suffix(value)
    shown = repr(value)
    try:
        size = found.path.stat().st_size
        with found.path.open("rb") as handle:
            head = handle.read(HEAD)
    except OSError as error:
        return "missing-file", f"{shown} cannot be read ({error.strerror}): check the file"
    program = next((what for start, what in PROGRAMS if head.startswith(start)), None)
    if _windows_program(head):
        program = "a Windows program"
    if program is not None:
        return "material", f"{shown} is {program}: programs are not published; link the code instead"
    if not suffix:
        listed = ", ".join(sorted(TYPES))
        return "material", f"{shown} is not a type the site publishes ({listed}): convert it, or link it"
    what, starts = TYPES[suffix]
    if size > MAX_BYTES:
        return (
            "material",
            (
                f"{shown} is {size / 1e6:.1f} MB, more than the {MAX_BYTES // 1_000_000} MB a file of the site "
                "may have: make it smaller, or put it elsewhere (Zenodo, a repository) and link it"
            ),
        )
    if starts is not None and not head.startswith(starts):
        return "material", f"{shown} is not {what}, whatever its name says: save it as {what} again"
    if starts is None and not _text(head, size > HEAD):
        return "material", f"{shown} is not {what} (UTF-8 text without control characters): save it as such"
    return "", ""


def _windows_program(head: bytes) -> bool:
    """An MZ header whose offset leads to a PE (or NE, LE) header: ``MZ`` alone is text too."""
    if not head.startswith(b"MZ") or len(head) < 0x40:
        return False
    offset = int.from_bytes(head[0x3C:0x40], "little")
    return head[offset : offset + 2] in (b"PE", b"NE", b"LE") if offset + 2 <= len(head) else True


def _text(head: bytes, cut: bool) -> bool:
    """Whether ``head`` is UTF-8 text (its last character may be cut short at ``HEAD``)."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if not (cut and error.start >= len(head) - 3):
            return False
        text = head[: error.start].decode("utf-8")
    return not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)


# --- an embedded video --------------------------------------------------------------------------

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")


def embed_url(video: str) -> str | None:
    """Where a video can be played without tracking cookies, or None when its host has no
    such player: YouTube from ``www.youtube-nocookie.com``, Vimeo with ``dnt=1``."""
    parts = urlsplit(video)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    segments = [s for s in parts.path.split("/") if s]
    found: str | None = None
    if host in ("youtube.com", "youtube-nocookie.com"):
        if segments[:1] == ["watch"]:
            found = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live"):
            found = segments[1]
        if found and _YOUTUBE_ID.fullmatch(found):
            return f"https://www.youtube-nocookie.com/embed/{found}"
    elif host == "youtu.be" and len(segments) == 1 and _YOUTUBE_ID.fullmatch(segments[0]):
        return f"https://www.youtube-nocookie.com/embed/{segments[0]}"
    elif host in ("vimeo.com", "player.vimeo.com"):
        number = next((s for s in segments if s.isdigit()), None)
        if number is not None:
            return f"https://player.vimeo.com/video/{number}?dnt=1"
    return None


def publishable(sources: list[tuple[Materials | None, str]], data_dir: Path, root: Path) -> dict[str, Path]:
    """The files of ``sources`` ((materials, owner) pairs) that the site publishes: their
    place in the site -> the file (the others are the loader's problems)."""
    found = {}
    for given, owner in sources:
        for item in items([(given, owner)]):
            if item.site_path and not inspect(data_dir, item.value, root)[0]:
                found[item.site_path] = paths.locate(data_dir, item.value, root).path
    return found


def file_type(value: str) -> str:
    """``PDF``, ``TAR.GZ``: a file's type as a link says it."""
    return _suffix(value).lstrip(".").upper()
