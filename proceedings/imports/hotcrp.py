"""HotCRP's JSON paper download (``paper.json``, or whatever the conference prefix names it).

On HotCRP's search page a chair selects the papers and downloads *Paper information >
JSON*: a list of objects, one a paper, with ``pid``, ``title``, ``abstract``, ``authors``
(each ``first``, ``last``, ``email``, ``affiliation``; older versions and hand-made
exports may give ``name`` whole, and leave out ``affiliation``), ``status``
(``accepted``, ``rejected``, ``deskrejected``, ``submitted``, ``withdrawn``, ``draft``)
and ``decision`` (the decision's name: "Accepted", "Accept (Poster)").  HotCRP's API
answers with the same list under ``papers``, which is read too.

Accepted: ``status`` is ``accepted``; or, where the status says nothing of the decision
(older versions, or ``submitted``), a decision that reads "accept".  Withdrawn papers
(``status: withdrawn`` or ``withdrawn: true``) are never accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from proceedings.imports.common import (
    ACCEPT_WORDS,
    Author,
    Export,
    Submission,
    author,
    check_scale,
    excerpt_json,
    is_accepted,
    json_kind,
    json_path,
    one_line,
    paragraphs,
    read_json,
    submission_number,
    whole_name,
)
from workshop.core.problems import WorkshopError, shown_path

_DOWNLOAD = "download it again from HotCRP's search page (select the papers, then Download > JSON)"
#: Statuses that settle the question whatever the decision says.
_NOT_ACCEPTED = {"withdrawn", "rejected", "deskrejected", "draft"}


class _Reader:
    def __init__(self, path: Path, base: tuple[str | int, ...]) -> None:
        self.path, self.base = path, base

    def fail(self, where: tuple[str | int, ...], message: str) -> WorkshopError:
        return WorkshopError(message, file=shown_path(self.path), field=json_path(*self.base, *where))

    def text(self, item: dict, where: tuple[str | int, ...], key: str, required: bool = False) -> str:
        value = item.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            found = "missing" if value is None else json_kind(value)
            raise self.fail(where + (key,), f"is {found}, where HotCRP writes a string: {_DOWNLOAD}")
        return value

    def authors(self, paper: dict, where: tuple[str | int, ...]) -> tuple[Author, ...]:
        people = paper.get("authors")
        if not isinstance(people, list) or not people:
            found = "missing" if people is None else ("empty" if people == [] else json_kind(people))
            raise self.fail(
                where + ("authors",),
                f"is {found}: HotCRP leaves the authors out of a download by someone who may not see "
                f"them (or of an anonymous export); as a chair who sees the authors, {_DOWNLOAD}",
            )
        byline = []
        for i, person in enumerate(people):
            here = where + ("authors", i)
            if not isinstance(person, dict):
                raise self.fail(
                    here, f"is {json_kind(person)}, where HotCRP writes an author object: {_DOWNLOAD}"
                )
            affiliation = self.text(person, here, "affiliation")
            if "first" in person or "last" in person:
                named = author(self.text(person, here, "first"), self.text(person, here, "last"), affiliation)
            else:
                named = whole_name(self.text(person, here, "name"), affiliation)
            if named is None:
                raise self.fail(
                    here, f"has no name (first, last or name): fill it in HotCRP, then {_DOWNLOAD}"
                )
            byline.append(named)
        return tuple(byline)


def _papers(data: Any, path: Path) -> tuple[list[Any], tuple[str, ...]]:
    if isinstance(data, list):
        return data, ()
    if isinstance(data, dict) and isinstance(data.get("papers"), list):
        return data["papers"], ("papers",)
    raise WorkshopError(
        f"holds {json_kind(data)}, not HotCRP's list of papers: {_DOWNLOAD}", file=shown_path(path)
    )


def _seen(status: str, decision: str, withdrawn: bool) -> str:
    """How a paper not accepted is counted when an import accepts nothing."""
    if withdrawn:
        return "withdrawn"
    said = f"status {status!r}" if status else "no status"
    return f"{said}, decision {decision!r}" if decision else said


def read(path: Path, accept: Sequence[str] = ACCEPT_WORDS) -> Export:
    """Every paper of the download; the accepted ones with their authors.  ``accept``: the
    decisions that mean accepted where the status does not settle it."""
    items, base = _papers(read_json(path, "HotCRP's JSON paper download"), path)
    check_scale(len(items), path, "papers")
    reader = _Reader(path, base)
    found: dict[int, Submission] = {}
    for i, paper in enumerate(items):
        here: tuple[str | int, ...] = (i,)
        if not isinstance(paper, dict):
            raise reader.fail(here, f"is {json_kind(paper)}, where HotCRP writes a paper object: {_DOWNLOAD}")
        pid = submission_number(paper.get("pid")) if not isinstance(paper.get("pid"), str) else None
        if pid is None:
            shown = "missing" if "pid" not in paper else excerpt_json(paper["pid"])
            raise reader.fail(here + ("pid",), f"is {shown}, not a paper number: {_DOWNLOAD}")
        if pid in found:
            raise reader.fail(here + ("pid",), f"paper {pid} appears twice: {_DOWNLOAD}")
        status = reader.text(paper, here, "status").strip().casefold()
        decision = one_line(reader.text(paper, here, "decision"))
        withdrawn = status == "withdrawn" or paper.get("withdrawn") is True
        if withdrawn:
            accepted, why = False, "withdrawn in HotCRP"
        elif status == "accepted":
            accepted, why = True, ""
        elif status in _NOT_ACCEPTED:
            accepted, why = False, f"status {status!r}" + (f", decision {decision!r}" if decision else "")
        else:
            accepted = is_accepted(decision, accept)
            why = f"decision {decision!r}" if decision else "no decision"
        if not accepted:
            found[pid] = Submission(
                pid,
                one_line(paper.get("title") if isinstance(paper.get("title"), str) else ""),
                accepted=False,
                why_not=why,
                seen=_seen(status, decision, withdrawn),
            )
            continue
        title = one_line(reader.text(paper, here, "title", required=True))
        if not title:
            raise reader.fail(
                here + ("title",), f"is empty: give the paper its title in HotCRP, then {_DOWNLOAD}"
            )
        found[pid] = Submission(
            pid, title, reader.authors(paper, here), paragraphs(reader.text(paper, here, "abstract"))
        )
    return Export("hotcrp", [path], list(found.values()))
