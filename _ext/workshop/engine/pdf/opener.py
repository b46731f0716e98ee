"""Opening a paper's PDF: the one way the check, the volume and the site's page count do it.

Only a regular file is read, and only up to a size.  A named pipe would block the reader
until something writes to it (for ever, in a build), a device such as ``/dev/zero`` would
be read without end, and pypdf holds the whole file in memory, so a file of gigabytes would
take them.  The path is looked at before it is opened (``stat``) and again once it is
(``fstat`` of the descriptor, opened without blocking, so that a pipe swapped in between
cannot block either); the file is read whole, at most ``max_bytes`` and one byte more.

What pypdf decodes from the file is bounded by its own limits (:class:`pypdf.Configuration`:
75 MB out of one stream however small it is in the file, a budget of work per content
stream, depths of trees ...): a file that reaches one is a decompression bomb or broken,
and is said so in one line like any other file that cannot be read.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import stat
import warnings
from pathlib import Path
from typing import Any

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

from workshop.core.problems import WorkshopError
from workshop.engine.pdf import DEFAULT_MAX_MB, MB
from workshop.engine.pdf.objects import BROKEN_FILE, BROKEN_OR_NESTED

DEFAULT_MAX_BYTES = DEFAULT_MAX_MB * MB
#: How far from its end a PDF may carry its ``%%EOF`` marker (PDF 32000-1, 7.5.5, is
#: lenient: readers look in the last kilobyte).
EOF_WINDOW = 1024
#: How a path that is no regular file is named, by the type ``stat`` gives.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)
_FIX = "check the path (and the pdf field of papers.yaml)"
_NAME_IT = "name the PDF file itself (check the path, and the pdf field of papers.yaml)"


#: What a file that reaches one of pypdf's limits is said to do.
TOO_MUCH = "holds more than a PDF reader should unpack, a decompression bomb or a broken file"


class UnreadablePdf(WorkshopError):
    """The file cannot be judged at all: the message says why and what to do."""


def cannot_decrypt(encryption: str | None) -> UnreadablePdf:
    """An encrypted file that pypdf cannot decrypt here: AES needs `cryptography`, which the
    chairs' tool has and the self-check page (Pyodide) has not."""
    return UnreadablePdf(
        f"is encrypted ({encryption or 'AES'}) and cannot be decrypted here: export it again "
        "without encryption (no password, no restrictions)"
    )


def one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) < 160 else text[:157] + "..."


def _not_regular(mode: int) -> UnreadablePdf | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    if kind == "a folder":
        return UnreadablePdf(f"is a folder, not a PDF file: {_NAME_IT}")
    return UnreadablePdf(f"is {kind}, not a regular file: {_NAME_IT}")


def _os_problem(error: OSError) -> UnreadablePdf:
    if error.errno == errno.ENOENT:
        return UnreadablePdf(f"does not exist: {_FIX}")
    if error.errno == errno.ELOOP:
        return UnreadablePdf(f"is a symbolic link that leads round in a loop: {_NAME_IT}")
    if error.errno == errno.ENOTDIR:
        return UnreadablePdf(f"does not exist (a part of its path is a file, not a folder): {_FIX}")
    if error.errno in (errno.EACCES, errno.EPERM):
        return UnreadablePdf("cannot be read (permission denied): make it readable (chmod a+r) and run again")
    return UnreadablePdf(f"cannot be read: {error.strerror or one_line(error)}")


def _too_big(size: int, max_bytes: int) -> UnreadablePdf:
    mb = size / MB
    shown = f"{mb:,.1f}".removesuffix(".0") if mb >= 1 else f"{mb:.2g}"
    return UnreadablePdf(
        f"is {shown} MB ({size:,} bytes), more than the {max_bytes / MB:g} MB a paper's PDF may be: ask the "
        "authors for a smaller file (images compressed), or raise the limit with --max-pdf-size MB"
    )


def read_pdf_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, if it is no larger than ``max_bytes``;
    else :class:`UnreadablePdf` saying what the path is and what to do.  Never blocks on
    a pipe or a device and never reads more than ``max_bytes + 1`` bytes."""
    try:
        problem = _not_regular(os.stat(path).st_mode)
        if problem is not None:
            raise problem
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        with os.fdopen(descriptor, "rb") as handle:  # buffered: read(n) reads on until n or the end
            info = os.fstat(descriptor)  # the file opened, which may not be the one looked at
            problem = _not_regular(info.st_mode)
            if problem is not None:
                raise problem
            if info.st_size > max_bytes:
                raise _too_big(info.st_size, max_bytes)
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grew since fstat: read on, never past the limit
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as error:
        raise _os_problem(error) from None
    except RuntimeError:  # pathlib's word for a symbolic link loop (before Python 3.13)
        raise _os_problem(OSError(errno.ELOOP, os.strerror(errno.ELOOP))) from None
    if len(data) > max_bytes:
        raise _too_big(len(data), max_bytes)
    return data


def bounded(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """``data`` (a PDF's bytes given whole: the self-check page's), if it is no larger than
    ``max_bytes``; else :class:`UnreadablePdf`, as :func:`read_pdf_bytes` says it of a file."""
    if len(data) > max_bytes:
        raise _too_big(len(data), max_bytes)
    return data


def open_pdf(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[PdfReader, str | None]:
    """A reader for ``path`` and, when the file is encrypted but opens with the empty
    password, a description of its encryption.  Raises :class:`UnreadablePdf`."""
    return reader_of(read_pdf_bytes(path, max_bytes))


def reader_of(data: bytes) -> tuple[PdfReader, str | None]:
    """:func:`open_pdf` for bytes already read (by :func:`read_pdf_bytes`)."""
    if b"%PDF-" not in data[:1024]:
        kind = "is empty" if not data else "is not a PDF (it does not start with %PDF-)"
        raise UnreadablePdf(f"{kind}: export the paper to PDF again")
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise UnreadablePdf(
            "is truncated (it has no %%EOF end marker): the upload or copy was cut short; "
            "ask the authors for the complete file"
        )
    encryption = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                encryption = describe_encryption(reader)
                if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                    raise UnreadablePdf(
                        f"needs a password to open ({encryption}): ask the authors for a file "
                        "without a password"
                    )
            if len(reader.pages) == 0:
                raise UnreadablePdf("has no pages: export the paper to PDF again")
    except UnreadablePdf:
        raise
    except DependencyError:  # AES, where `cryptography` is not installed (the self-check page)
        raise cannot_decrypt(encryption) from None
    except FileNotDecryptedError:
        raise UnreadablePdf("needs a password to open: ask the authors for a file without one") from None
    except LimitReachedError as error:
        raise UnreadablePdf(f"{TOO_MUCH} ({one_line(error)}): export it again") from None
    except BROKEN_OR_NESTED as error:
        raise UnreadablePdf(f"is damaged and cannot be read ({one_line(error)}): export it again") from None
    return reader, encryption


def open_paper(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[PdfReader, str]:
    """:func:`open_pdf` for the volume: a reader and the SHA-256 of the bytes it reads (the
    manifest records it: the file is read once), or :class:`WorkshopError` naming the file."""
    try:
        data = read_pdf_bytes(path, max_bytes)
        return reader_of(data)[0], hashlib.sha256(data).hexdigest()
    except UnreadablePdf as error:
        raise WorkshopError(str(error), file=path) from None


def describe_encryption(reader: PdfReader) -> str:
    """``AES-256``, ``AES-128`` or ``RC4 40-bit``, from the file's /Encrypt dictionary."""
    try:
        encrypt: Any = reader.trailer["/Encrypt"].get_object()  # anything, in a broken file: see except
        version = int(encrypt.get("/V", 0))
        if version >= 4:
            filters = encrypt.get("/CF", {}).get_object()
            default = encrypt.get("/StmF", "/Identity")
            method = filters.get(default, {}).get_object().get("/CFM", "/None")
            return {"/AESV3": "AES-256", "/AESV2": "AES-128", "/V2": "RC4 128-bit"}.get(method, str(method))
        bits = int(encrypt.get("/Length", 40))
        return f"RC4 {bits}-bit"
    except BROKEN_FILE:
        return "encrypted"
