"""An export merged into ``papers.yaml``, read and written by a round-trip YAML writer
(ruamel.yaml), so that comments, order, quoting and the layout of what the import does
not change stay as the chair left them.

A paper is found again by its ``source`` (system and number), whatever its id or title
has become; a paper typed by hand before any import (no ``source``) is taken as the
submission of the same title, and gets its ``source``.  What the system holds is brought
up to date: the title, the authors (names and affiliations) and the abstract; what it
does not hold is the chair's and is kept: the id, the track, the PDF's path (unless the
import brings the PDF), a ``decision``, an author's ``sort_as``, ``orcid``, ``url`` and
``email``, and a value the system leaves empty (OpenReview's affiliations, say).  A paper
imported before and no longer accepted is reported, never deleted: the chair decides.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML, YAMLError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.scalarstring import LiteralScalarString

from proceedings.imports.common import SYSTEMS, Author, Export, Submission, base_id
from workshop.core.model import PaperSource
from workshop.core.names import fold
from workshop.core.problems import WorkshopError, shown_path

#: The head of a papers.yaml the import starts.
HEADER = (
    "The accepted papers, imported by `python -m proceedings import` (see the README).  Importing\n"
    "again updates titles, authors and abstracts from the submission system and keeps the rest:\n"
    "ids, tracks, decisions, sort_as, comments."
)


class LoaderSafeEmitter(RoundTripEmitter):
    """ruamel's round-trip emitter, writing a value plain (unquoted) only where the
    project's loader reads it back as the same text.

    ruamel writes YAML 1.2, where a plain value may start with ``?``, ``:`` or ``-``
    followed by a character other than a space (``?x Lab``, ``:x``); the loader (PyYAML,
    libyaml) reads YAML 1.1, where in a flow mapping (``{name: ..., affiliation: ...}``, as
    authors are written) such a value is not plain at all, and the file would be refused
    as not YAML.  So a value is plain only when PyYAML's own emitter would write it plain
    in the same place; otherwise ruamel quotes it, as it does any value it cannot write
    plain."""

    _pyyaml = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)

    def analyze_scalar(self, scalar: Any) -> Any:
        analysis = super().analyze_scalar(scalar)
        theirs = yaml.emitter.Emitter.analyze_scalar(self._pyyaml, scalar)
        analysis.allow_flow_plain = analysis.allow_flow_plain and theirs.allow_flow_plain
        analysis.allow_block_plain = analysis.allow_block_plain and theirs.allow_block_plain
        return analysis


@dataclasses.dataclass
class Change:
    """What the import did to one paper: ``added``, ``updated``, ``unchanged`` or ``withdrawn``."""

    kind: str
    paper_id: str
    number: int
    title: str
    #: For ``updated``, the fields changed; for ``withdrawn``, why it is out.
    detail: str = ""


class Document:
    """``papers.yaml`` as a round-trip YAML document (a new one when the file is absent)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = path.read_text(encoding="utf-8") if path.is_file() else ""
        self.yaml = YAML()
        self.yaml.Emitter = LoaderSafeEmitter
        self.yaml.preserve_quotes = True
        self.yaml.width = 4096  # long titles stay on their line, as the chair wrote them
        try:
            sequence, offset = _indents(self.text)
            self.yaml.indent(mapping=max(sequence - offset, 2), sequence=sequence, offset=offset)
            data = self.yaml.load(self.text) if self.text.strip() else None
        except YAMLError as error:
            raise WorkshopError(
                f"cannot be read by the round-trip YAML writer ({error})", file=shown_path(path)
            ) from None
        if data is None:
            data = CommentedMap()
            data.yaml_set_start_comment(HEADER)
        if not isinstance(data, CommentedMap):
            raise WorkshopError("must be a mapping with 'papers:'", file=shown_path(path))
        if data.get("papers") is None:
            data["papers"] = CommentedSeq()
        self.data = data

    @property
    def papers(self) -> CommentedSeq:
        return self.data["papers"]

    def dump(self) -> str:
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        return out.getvalue()


#: A block sequence's first entry: the dash's indentation, and the spaces after it.
_ENTRY = re.compile(r"^( *)-( +)(?=[^\s#])", re.MULTILINE)


def _indents(text: str) -> tuple[int, int]:
    """How the file indents a list's entries (the column of their content, of their dash),
    as the chair's file has them (``  - id: x``: 4 and 2, the default).  Read from the text
    itself: ruamel's own guess parses the whole file once more (the most of an import of
    10,000 papers), and stops on an entry whose dash ends its line."""
    found = _ENTRY.search(text)
    if found is None:
        return 4, 2
    return len(found[1]) + 1 + len(found[2]), len(found[1])


def _flow(**values: Any) -> CommentedMap:
    """A mapping written on one line, as the example's authors are."""
    result = CommentedMap((k, v) for k, v in values.items() if v is not None)
    result.fa.set_flow_style()
    return result


def _plain(value: Any) -> Any:
    """A YAML value as plain Python, to compare."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return None if value is None else str(value).strip()


def _text(value: str) -> str:
    """A multi-line abstract as a literal block (its lines as they read), else plain."""
    return LiteralScalarString(value) if "\n" in value else value


def _authors(entry: CommentedMap, byline: tuple[Author, ...]) -> list[dict]:
    """The system's byline, each author keeping what the chair added to the same name."""
    old = [a for a in (entry.get("authors") or []) if isinstance(a, dict)]
    merged: list[dict] = []
    for person in byline:
        same = next((a for a in old if fold(str(a.get("name", ""))) == fold(person.name)), None)
        if same is None:
            merged.append(_flow(name=person.name, affiliation=person.affiliation, sort_as=person.sort_as))
            continue
        old.remove(same)
        same["name"] = person.name
        if person.affiliation:
            same["affiliation"] = person.affiliation
        if person.sort_as and not same.get("sort_as"):
            same["sort_as"] = person.sort_as
        merged.append(same)
    return merged


def _update(entry: CommentedMap, submission: Submission) -> list[str]:
    """Bring ``entry`` up to what the system holds; the fields that changed."""
    changed = []
    if str(entry.get("title", "")).strip() != submission.title:
        entry["title"] = submission.title
        changed.append("title")
    before = _plain(entry.get("authors"))
    authors = _authors(entry, submission.authors)
    if _plain(authors) != before:
        if isinstance(entry.get("authors"), CommentedSeq):  # the same list, so its style stays
            del entry["authors"][:]
            entry["authors"].extend(authors)
        else:
            entry["authors"] = CommentedSeq(authors)
        changed.append("authors")
    if submission.abstract and str(entry.get("abstract") or "").strip() != submission.abstract:
        entry["abstract"] = _text(submission.abstract)
        changed.append("abstract")
    return changed


def _entry(paper_id: str, submission: Submission, system: str, track: str) -> CommentedMap:
    entry = CommentedMap()
    entry["id"] = paper_id
    entry["title"] = submission.title
    entry["track"] = track
    entry["pdf"] = f"papers/{paper_id}.pdf"
    entry["source"] = _flow(system=system, number=submission.number)
    entry["authors"] = CommentedSeq(
        _flow(name=a.name, affiliation=a.affiliation, sort_as=a.sort_as) for a in submission.authors
    )
    if submission.abstract:
        entry["abstract"] = _text(submission.abstract)
    return entry


def _source_of(entry: Any, system: str, path: Path, seen: dict[int, str]) -> int | None:
    source = entry.get("source") if isinstance(entry, dict) else None
    if not isinstance(source, dict) or source.get("system") != system:
        return None
    # The loader has checked it is a number, and read it by the model's rule ("12.0" is 12): the same rule here.
    number = PaperSource.model_validate({"system": system, "number": str(source.get("number"))}).number
    if number in seen:
        raise WorkshopError(
            f"papers {seen[number]!r} and {entry.get('id')!r} both have source {system} {number}: keep it on the "
            "paper it belongs to",
            file=shown_path(path),
        )
    seen[number] = str(entry.get("id"))
    return number


def merge(
    doc: Document, export: Export, track: Callable[[], str], with_pdf: set[int]
) -> tuple[list[Change], dict[int, str]]:
    """Merge ``export`` into ``doc``; what happened to each paper, and each accepted
    submission's paper id.  ``track()`` names the track of a new paper (asked only when
    there is one); the papers of ``with_pdf`` get ``pdf: papers/<id>.pdf``."""
    found: dict[int, CommentedMap] = {}
    seen: dict[int, str] = {}
    by_title: dict[str, CommentedMap] = {}
    for entry in doc.papers:
        number = _source_of(entry, export.system, doc.path, seen)
        if number is not None:
            found[number] = entry
        elif isinstance(entry, CommentedMap) and "source" not in entry:  # (every mapping it reads)
            by_title.setdefault(fold(str(entry.get("title", ""))), entry)
    taken = {str(e.get("id")) for e in doc.papers if isinstance(e, dict)}
    changes, ids = [], {}
    for submission in export.accepted:
        entry = found.get(submission.number) or by_title.pop(fold(submission.title), None)
        if entry is None:
            paper_id = base = base_id(submission)
            suffix = 2
            while paper_id in taken:
                paper_id, suffix = f"{base}-{suffix}", suffix + 1
            taken.add(paper_id)
            doc.papers.append(_entry(paper_id, submission, export.system, track()))
            changes.append(Change("added", paper_id, submission.number, submission.title))
            ids[submission.number] = paper_id
            continue
        paper_id = str(entry["id"])
        changed = _update(entry, submission)
        if "source" not in entry:  # typed by hand, found by its title
            keys = list(entry)
            entry.insert(
                keys.index("pdf") + 1 if "pdf" in keys else len(keys),
                "source",
                _flow(system=export.system, number=submission.number),
            )
            changed.append("source (found by its title)")
        if submission.number in with_pdf and entry.get("pdf") != f"papers/{paper_id}.pdf":
            entry["pdf"] = f"papers/{paper_id}.pdf"
            changed.append("pdf")
        changes.append(
            Change(
                "updated" if changed else "unchanged",
                paper_id,
                submission.number,
                submission.title,
                ", ".join(changed),
            )
        )
        ids[submission.number] = paper_id
    out = {s.number: s for s in export.submissions if not s.accepted}
    for number, entry in sorted(found.items()):
        if number not in ids:
            why = out[number].why_not if number in out else f"not in this {SYSTEMS[export.system]} export"
            changes.append(Change("withdrawn", str(entry["id"]), number, str(entry.get("title", "")), why))
    return changes, ids
