"""The authors' e-mail addresses, kept apart from the public data.

An import reads the addresses the submission system exports (EasyChair's ``author.csv``,
HotCRP's ``email``, OpenReview's ``authorids`` where they are addresses) and keeps them in
:data:`CONTACTS` in the data folder: a JSON file the repository's ``.gitignore`` keeps out
of git, readable by its owner only, read by ``proceedings check --letters`` and by nothing
else.  ``papers.yaml`` (public) never holds an address; the site skips the data folder, and
the volume, the packages and the exports read only ``papers.yaml`` and the workshop's data,
so no address reaches them.

The file: ``{"contacts": "...", "papers": {paper_id: [{"name", "email"}, ...]}}``, the
papers in id order.  An import replaces the entries of the papers it imports and keeps the
others (a paper typed by hand, an address a chair added).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from proceedings.imports.common import Export
from workshop.core.problems import WorkshopError, shown_path

#: The contacts file, in the data folder (git-ignored by name).
CONTACTS = "contacts.private.json"
_SAID = "the authors' e-mail addresses (private: never committed or published)"
#: The largest contacts file read (some hundred bytes a paper).
_MAX_BYTES = 64 * 2**20


def contacts_path(data_dir: Path) -> Path:
    return data_dir / CONTACTS


def read_contacts(data_dir: Path) -> dict[str, list[dict[str, str]]]:
    """Each paper's contacts (``{"name", "email"}``, in byline order); nothing when there is
    no file.  A file that is not one this tool wrote is an error naming it."""
    path = contacts_path(data_dir)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise WorkshopError(f"cannot be read ({error.strerror})", file=shown_path(path)) from None
    try:
        if len(raw) > _MAX_BYTES:
            raise ValueError("too large")
        papers = json.loads(raw)["papers"]
        return {
            str(paper): [{"name": str(c["name"]), "email": str(c["email"])} for c in people]
            for paper, people in papers.items()
        }
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        raise WorkshopError(
            "is not a contacts file this tool wrote: move it away and import the papers again to write it anew",
            file=shown_path(path),
        ) from None


def contacts_bytes(data_dir: Path, export: Export, ids: dict[int, str]) -> bytes | None:
    """The contacts file with the addresses of ``export``'s accepted papers (``ids``: each
    submission number's paper id) in place of their old entries; None when the export has
    no address and there is no file to keep."""
    kept = read_contacts(data_dir)
    new = {
        ids[s.number]: [{"name": a.name, "email": a.email} for a in s.authors if a.email]
        for s in export.accepted
        if s.number in ids
    }
    if not any(new.values()) and not kept:
        return None
    kept.update({paper: people for paper, people in new.items() if people})
    data = {"contacts": _SAID, "papers": {paper: kept[paper] for paper in sorted(kept)}}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def keep_private(data_dir: Path) -> None:
    """Make the contacts file readable by its owner only (where the system allows it)."""
    path = contacts_path(data_dir)
    if path.is_file() and not path.is_symlink():
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
