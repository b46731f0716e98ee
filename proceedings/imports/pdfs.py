"""The papers' PDFs, from a zip or a folder whose file names carry the submission number.

A file belongs to a submission when its name (without ``.pdf``) is one its system gives
it (an OpenReview note id), or else when the last number in its name is the
submission's (``MLBench23_paper_12.pdf``, ``paper12.pdf``, ``12.pdf``).  Two files for one
paper are a warning, and neither is taken.

Nothing from the archive or folder decides where anything is written: a PDF is copied
to ``DATA/papers/<paper id>.pdf`` only.  Still, an archive that is not what a submission
system writes is refused whole, before anything is read from it: a member whose name
leads outside it (``../``, an absolute path), a symbolic link, an encrypted member, a
member larger than a paper can be or packed tighter than a PDF packs (a zip bomb), more
in all than a proceedings holds.  From a folder, a PDF must be a regular file inside it
(a symbolic link that leads out is refused), no larger than a paper can be.  Bytes are
counted as they are read, whatever a header claims.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import IO

from proceedings.imports.common import Submission, submission_number
from workshop.core.paths import locate
from workshop.core.problems import WorkshopError, shown_path

#: The largest PDF taken (a paper with its appendices is a few megabytes).
MAX_PDF = 64 * 2**20
#: The most that is read from an archive or folder in all: 10,000 papers (the most an
#: import takes) of 3 MB each.
MAX_TOTAL = 32 * 2**30
#: The most a member may be compressed, and all the members read from an archive may
#: expand to against its size: PDFs, compressed already, pack to little less.
MAX_RATIO = 50
#: The most files an archive or folder may hold (every submission's PDF, and some more).
MAX_FILES = 60_000
_HEAD = 1024  # a PDF's "%PDF-" stands within its first kilobyte
_CHUNK = 2**20
#: A zip member's local file header (PKWARE's APPNOTE.TXT 4.3.7, as zipfile reads it): its
#: layout, size and signature; the names and extra fields follow it.
_HEADER_LAYOUT = "<4s2B4HL2L2H"
_HEADER_SIZE = struct.calcsize(_HEADER_LAYOUT)
_HEADER_SIGNATURE = b"PK\x03\x04"


@dataclasses.dataclass(frozen=True)
class Origin:
    """Where a PDF is: a zip's member or a folder's file; ``label`` names it in messages."""

    label: str
    #: The file's own name, without its folders (the zip member's, the file's).
    name: str
    size: int
    #: The zip and its member, or the folder's file (a link followed).
    where: tuple[zipfile.ZipFile, zipfile.ZipInfo] | Path


def _shown(path: Path) -> str:
    """A file as messages name it, itself rather than what a symbolic link leads to."""
    return str(Path(shown_path(path.parent)) / path.name)


def _number(stem: str) -> int | None:
    """The last number in a file's name (ASCII digits), when it can be a submission's."""
    numbers = re.findall(r"[0-9]+", stem)
    return submission_number(numbers[-1].lstrip("0") or "0") if numbers else None


def overlapping(archive: zipfile.ZipFile, stream: IO[bytes]) -> zipfile.ZipInfo | None:
    """The first member whose data runs into the next member's header (or the central
    directory), as CPython 3.12's zipfile checks: members that share their compressed
    bytes make a bomb of a small file whatever each one's own ratio (Python 3.11 does not
    look).  Each member's local header is read for its real length, from ``stream`` (the
    archive's file, opened apart)."""
    members = sorted(archive.infolist(), key=lambda info: info.header_offset)
    ends = [info.header_offset for info in members[1:]] + [archive.start_dir]
    for info, end in zip(members, ends, strict=True):
        stream.seek(info.header_offset)
        header = stream.read(_HEADER_SIZE)
        if len(header) < _HEADER_SIZE or header[:4] != _HEADER_SIGNATURE:
            return info
        fields = struct.unpack(_HEADER_LAYOUT, header)
        start = info.header_offset + _HEADER_SIZE + fields[10] + fields[11]
        if start + info.compress_size > end:
            return info
    return None


class Shelf:
    """The PDFs of a zip or a folder, by the submission they belong to.  What is read from
    it is counted as it is read (:meth:`stage`), whatever its headers say: each file at most
    :data:`MAX_PDF`, all of them at most :data:`MAX_TOTAL` and, from an archive,
    :data:`MAX_RATIO` times the archive's size."""

    def __init__(self, source: Path) -> None:
        self.source, self.zip = source, None
        self.budget, self.spent = MAX_TOTAL, 0
        try:
            if source.is_dir():
                self.files = list(self._folder_files(source))
            elif source.is_file():
                self.zip = zipfile.ZipFile(source)
                self.budget = min(MAX_TOTAL, MAX_RATIO * source.stat().st_size)
                self.files = list(self._zip_members(self.zip))
            else:
                raise WorkshopError(
                    "does not exist: give the zip or the folder of the papers' PDFs", file=shown_path(source)
                )
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
            self.close()
            raise WorkshopError(
                f"cannot be read as a zip archive ({error}): download the PDFs again, or give "
                "the folder they are unpacked in",
                file=shown_path(source),
            ) from None
        except WorkshopError:
            self.close()
            raise
        if sum(f.size for f in self.files) > MAX_TOTAL:
            self.close()
            raise WorkshopError(
                f"holds more than {MAX_TOTAL // 2**30} GB of PDFs, more than a proceedings "
                "has: give the accepted papers' PDFs only",
                file=shown_path(source),
            )

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()

    def _refuse(self, name: str, why: str) -> WorkshopError:
        return WorkshopError(
            f"{name!r} {why}: refused, nothing imported; download the archive again from the "
            "submission system",
            file=shown_path(self.source),
        )

    def _zip_members(self, archive: zipfile.ZipFile) -> Iterable[Origin]:
        members = archive.infolist()
        if len(members) > MAX_FILES:
            raise self._refuse(f"{len(members)} members", f"are more than {MAX_FILES}")
        with self.source.open("rb") as stream:
            overlap = overlapping(archive, stream)
        if overlap is not None:
            raise self._refuse(
                overlap.filename,
                "overlaps the next member of the archive (members that share their bytes: a zip bomb)",
            )
        for info in members:
            name = info.filename.replace("\\", "/")
            parts = PurePosixPath(name).parts
            if name.startswith("/") or re.match(r"[A-Za-z]:", name) or ".." in parts:
                raise self._refuse(info.filename, "leads outside the archive")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise self._refuse(info.filename, "is a symbolic link")
            if info.is_dir() or not name.lower().endswith(".pdf"):
                continue
            if info.flag_bits & 0x1:
                raise self._refuse(info.filename, "is encrypted")
            if info.file_size > MAX_PDF:
                raise self._refuse(
                    info.filename,
                    f"is {info.file_size / 2**20:.0f} MB, more than a paper can be ({MAX_PDF // 2**20} MB)",
                )
            if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > _CHUNK:
                raise self._refuse(
                    info.filename,
                    f"is packed {info.file_size // max(info.compress_size, 1)} times "
                    "tighter than a PDF can be (a zip bomb)",
                )
            yield Origin(
                f"{shown_path(self.source)}:{info.filename}",
                PurePosixPath(name).name,
                info.file_size,
                (archive, info),
            )

    def _folder_files(self, folder: Path) -> Iterable[Origin]:
        inside, count = folder.resolve(), 0
        for top, dirs, names in os.walk(folder):  # symbolic links to folders are not followed
            dirs.sort()
            count += len(names) + len(dirs)
            if count > MAX_FILES:
                raise WorkshopError(
                    f"holds more than {MAX_FILES} files: give the folder of the PDFs itself",
                    file=shown_path(folder),
                )
            for name in sorted(names):
                path = Path(top) / name
                if not name.lower().endswith(".pdf"):
                    continue
                where = locate(Path(top), name, inside)
                if where.code == "path-escape":
                    raise WorkshopError(
                        f"is a symbolic link to {where.path}, outside {shown_path(folder)}: copy the "
                        "file itself into the folder",
                        file=_shown(path),
                    )
                if where.code:  # a link that loops or leads nowhere, a pipe, a device
                    message = where.message.removeprefix(repr(name)).strip()
                    raise WorkshopError(f"{message}; or take it out of the folder", file=_shown(path))
                real = where.path
                size = real.stat().st_size
                if size > MAX_PDF:
                    raise WorkshopError(
                        f"is {size / 2**20:.0f} MB, more than a paper can be "
                        f"({MAX_PDF // 2**20} MB): check that this is the paper",
                        file=_shown(path),
                    )
                yield Origin(_shown(path), name, size, real)

    def assign(self, accepted: list[Submission]) -> tuple[dict[int, Origin], dict[int, str]]:
        """Each accepted submission's PDF, and for those that have none to take, why (two
        files for it, or one that is no PDF).  A submission with no file at all is in neither."""
        named = {name: s.number for s in accepted for name in s.pdf_names}
        wanted = {s.number for s in accepted}
        candidates: dict[int, list[Origin]] = {}
        for origin in self.files:
            stem = PurePosixPath(origin.name).stem
            number = named[stem] if stem in named else _number(stem)
            if number in wanted:
                candidates.setdefault(number, []).append(origin)
        found, problems = {}, {}
        for number, origins in sorted(candidates.items()):
            if len(origins) > 1:
                shown = ", ".join(o.label for o in origins)
                problems[number] = f"{len(origins)} PDFs ({shown}): none taken; leave one"
            elif b"%PDF-" not in self._head(origins[0]):
                problems[number] = f"{origins[0].label} is not a PDF (no %PDF- at its start): not taken"
            else:
                found[number] = origins[0]
        return found, problems

    def _open(self, origin: Origin) -> IO[bytes]:
        try:
            if not isinstance(origin.where, Path):
                archive, member = origin.where
                return archive.open(member)
            handle = os.open(origin.where, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                os.close(handle)
                raise WorkshopError(
                    "is no longer a regular file: copy the PDF itself there", file=origin.label
                )
            return os.fdopen(handle, "rb")
        except (OSError, zipfile.BadZipFile, NotImplementedError, RuntimeError) as error:
            raise WorkshopError(f"cannot be read ({error}): replace it", file=origin.label) from None

    def _head(self, origin: Origin) -> bytes:
        with self._open(origin) as stream:
            return self._read(stream, origin, _HEAD)

    def _read(self, stream: IO[bytes], origin: Origin, size: int) -> bytes:
        try:
            chunk = stream.read(size)
        except (OSError, zipfile.BadZipFile, EOFError, ValueError) as error:  # a corrupt member (CRC, data)
            raise WorkshopError(f"cannot be read ({error}): replace it", file=origin.label) from None
        self.spent += len(chunk)
        if self.spent > self.budget:
            whole = (
                "a proceedings has" if self.budget == MAX_TOTAL else f"{MAX_RATIO} times the archive's size"
            )
            raise WorkshopError(
                f"expands to more than {whole} ({self.budget / 2**20:,.0f} MB; a zip bomb?): refused, "
                "nothing imported; give the accepted papers' PDFs only",
                file=shown_path(self.source),
            )
        return chunk

    def copy(self, origin: Origin, out: IO[bytes]) -> None:
        """Copy ``origin`` to ``out``: never more bytes than the file said it has, nor than a
        paper may have, nor (counted with every file read before) than :attr:`budget`."""
        with self._open(origin) as stream:
            written = 0
            while chunk := self._read(stream, origin, _CHUNK):
                written += len(chunk)
                if written > min(origin.size, MAX_PDF):
                    raise WorkshopError(
                        "holds more than its header says (a zip bomb?): refused, nothing imported",
                        file=origin.label,
                    )
                out.write(chunk)
