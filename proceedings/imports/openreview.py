"""OpenReview's submissions as API v2 notes (JSON).

A venue's submissions come from OpenReview's API v2 (``openreview-py``:
``client.get_all_notes(invitation="<venue>/-/Submission")``, each note's ``to_json()``;
or the API's own answer): ``{"notes": [...]}`` or a plain list.  Each note has its
``number`` in the venue, its ``id`` and ``forum``, and ``content``, whose fields are each
``{"value": ...}``: ``title``, ``authors`` (names), ``authorids`` (profile ids or e-mail
addresses, not imported), ``abstract``, ``venue`` ("MLBench 2023 Poster", "Submitted to
MLBench 2023"), ``venueid`` (``MLBench/2023/Workshop`` once accepted, ``.../Submission``,
``.../Rejected_Submission``, ``.../Withdrawn_Submission`` otherwise) and ``pdf``.

Accepted: a ``venueid`` equal to ``--venueid`` when given; otherwise a note whose venue is
neither a submission nor a rejection or withdrawal.  Notes carry no affiliations: the
authors are imported without them (the summary says so), and affiliations a chair adds to
``papers.yaml`` are kept by later imports.
"""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path, PurePosixPath
from typing import Any

from proceedings.imports.common import (
    Author,
    Export,
    Submission,
    check_scale,
    excerpt_json,
    json_kind,
    json_path,
    one_line,
    paragraphs,
    read_json,
    submission_number,
    whole_name,
)
from workshop.core.problems import WorkshopError, shown_path

_DOWNLOAD = (
    "export the venue's submissions again with OpenReview's API v2 (openreview-py: "
    "get_all_notes(invitation='<venue id>/-/Submission'), each note's to_json())"
)
#: Words of a venue that say a note is not (or no longer) accepted.
_OUT = ("submitted to", "withdrawn", "rejected", "desk rejected")


def _notes(data: Any, path: Path) -> tuple[list[Any], tuple[str, ...]]:
    if isinstance(data, list):
        return data, ()
    if isinstance(data, dict) and isinstance(data.get("notes"), list):
        return data["notes"], ("notes",)
    raise WorkshopError(
        f'holds {json_kind(data)}, not OpenReview notes ({{"notes": [...]}} or a list): {_DOWNLOAD}',
        file=shown_path(path),
    )


def _verdict(venueid: str, venue: str, wanted: str | None) -> tuple[bool, str]:
    """Whether a note is accepted, and why not."""
    withdrawn = venueid.endswith("Withdrawn_Submission") or "withdrawn" in venue.casefold()
    if withdrawn:
        return False, "withdrawn in OpenReview"
    shown = f"venue {venue!r}" if venue else (f"venueid {venueid!r}" if venueid else "no venue yet")
    if wanted is not None:
        return venueid == wanted, f"{shown}, not venueid {wanted!r}"
    last = venueid.rsplit("/", 1)[-1]
    if not venueid or last == "Submission" or last.endswith("_Submission") or "/-/" in venueid:
        return False, shown
    if venue.casefold().startswith(_OUT[0]) or any(word in venue.casefold() for word in _OUT[1:]):
        return False, shown
    return True, ""


def read(path: Path, venueid: str | None = None) -> Export:
    """Every note of the export; the accepted ones with their authors (no affiliations)."""
    items, base = _notes(read_json(path, "the OpenReview notes"), path)
    check_scale(len(items), path, "notes")
    reader = _Reader(path, base)
    found: dict[int, Submission] = {}
    for i, note in enumerate(items):
        number, submission = reader.submission((i,), note, venueid, found)
        found[number] = submission
    notes = []
    if any(s.accepted for s in found.values()):
        notes.append(
            "OpenReview notes carry no affiliations: the authors of new papers have none; add them in "
            "papers.yaml (later imports keep them)"
        )
    return Export("openreview", [path], list(found.values()), notes)


class _Reader:
    """The notes of one export file: each read into a :class:`Submission`, or one error at
    its place in the file (``base``: where the notes stand in it)."""

    def __init__(self, path: Path, base: tuple[str | int, ...]) -> None:
        self.path, self.base = path, base

    def fail(self, where: tuple[str | int, ...], message: str) -> WorkshopError:
        return WorkshopError(message, file=shown_path(self.path), field=json_path(*self.base, *where))

    def value(self, content: dict, here: tuple[str | int, ...], key: str, kind: type) -> Any:
        """An API v2 field's value (``{"value": ...}``) of ``kind``; missing: ``kind()``."""
        field = content.get(key)
        if field is None:
            return kind()
        if not isinstance(field, dict) or "value" not in field:
            raise self.fail(
                here + ("content", key),
                f"is {json_kind(field)}, not an API v2 field "
                f'({{"value": ...}}; API v1 notes are not read): {_DOWNLOAD}',
            )
        if not isinstance(field["value"], kind):
            raise self.fail(
                here + ("content", key, "value"),
                f"is {json_kind(field['value'])}, where OpenReview writes {json_kind(kind())}: {_DOWNLOAD}",
            )
        return field["value"]

    def submission(
        self, here: tuple[str | int, ...], note: Any, venueid: str | None, taken: Container[int]
    ) -> tuple[int, Submission]:
        """(its number, the submission) of the note at ``here`` (``taken``: the numbers of
        the notes above it)."""
        if not isinstance(note, dict) or not isinstance(note.get("content"), dict):
            what = json_kind(note) if not isinstance(note, dict) else "a note without content"
            raise self.fail(here, f"is {what}, where OpenReview writes a note with its content: {_DOWNLOAD}")
        content = note["content"]
        number = submission_number(note.get("number")) if not isinstance(note.get("number"), str) else None
        if number is None:
            shown = "missing" if "number" not in note else excerpt_json(note["number"])
            raise self.fail(here + ("number",), f"is {shown}, not a submission number: {_DOWNLOAD}")
        if number in taken:
            raise self.fail(here + ("number",), f"submission {number} appears twice: {_DOWNLOAD}")
        its_venueid = one_line(self.value(content, here, "venueid", str))
        accepted, why = _verdict(its_venueid, one_line(self.value(content, here, "venue", str)), venueid)
        title = one_line(self.value(content, here, "title", str))
        if not accepted:
            seen = repr(its_venueid) if its_venueid else "no venue id"
            return number, Submission(number, title, accepted=False, why_not=why, seen=seen)
        if not title:
            raise self.fail(
                here + ("content", "title"), f"is missing or empty for an accepted paper: {_DOWNLOAD}"
            )
        byline = self.authors(content, here)
        pdf_names = self.pdf_names(note, content, here)
        abstract = paragraphs(self.value(content, here, "abstract", str))
        return number, Submission(number, title, byline, abstract, pdf_names=pdf_names)

    def authors(self, content: dict, here: tuple[str | int, ...]) -> tuple[Author, ...]:
        """An accepted paper's byline: at least one author, each a name."""
        byline = []
        for j, name in enumerate(self.value(content, here, "authors", list)):
            person = whole_name(name) if isinstance(name, str) else None
            if person is None:
                raise self.fail(
                    here + ("content", "authors", "value", j),
                    f"is {json_kind(name) if not isinstance(name, str) else 'empty'}, not an author's name: "
                    f"{_DOWNLOAD}",
                )
            byline.append(person)
        if not byline:
            raise self.fail(
                here + ("content", "authors"), f"lists no author of an accepted paper: {_DOWNLOAD}"
            )
        return tuple(byline)

    def pdf_names(self, note: dict, content: dict, here: tuple[str | int, ...]) -> tuple[str, ...]:
        """What the paper's PDF may be named in a zip: the note's id and forum, its pdf's stem."""
        pdf = self.value(content, here, "pdf", str)
        names = {str(note[key]) for key in ("id", "forum") if isinstance(note.get(key), str) and note[key]}
        if pdf:
            names.add(PurePosixPath(pdf).stem)
        return tuple(sorted(names))
