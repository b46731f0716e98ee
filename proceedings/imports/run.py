"""The import from end to end: the data, the export and the PDFs read; the merge; the new
``papers.yaml`` loaded by the data loader before anything is written; then the PDFs and
``papers.yaml`` put in place; and the summary.

Whole or not at all, and one at a time: under the data folder's lock, every PDF and the
new ``papers.yaml`` are staged, and put in place together only when all are ready
(:mod:`~proceedings.imports.commit`: a file whose bytes did not change is left alone, and
an import that changes nothing writes nothing).  A ``papers.yaml`` the loader would
refuse, or read otherwise than it was written, is never written.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from proceedings.data import load_edition
from proceedings.imports.commit import Commit, locked
from proceedings.imports.common import SYSTEMS, Export, check_scale
from proceedings.imports.merge import Change, Document, merge
from proceedings.imports.pdfs import Origin, Shelf
from proceedings.progress import Progress
from workshop.core.load import Loaded, WithInfo, load
from workshop.core.model import Paper, PaperSource
from workshop.core.problems import UsageError, WorkshopError, shown_path

_WIDTH = 56  # of a title in the summary's table


def _track(loaded: Loaded[WithInfo], wanted: str | None) -> Callable[[], str]:
    """The track of new papers, as a function asked only when there is a new paper."""
    info = loaded.workshop.info
    known = ", ".join(t.id for t in info.tracks)
    if wanted is not None and info.track(wanted) is None:
        raise UsageError(f"{wanted!r} is not a track of workshop.yaml (known: {known})", field="--track")

    def track() -> str:
        if wanted is not None:
            return wanted
        if len(info.tracks) == 1:
            return info.tracks[0].id
        raise UsageError(
            f"new papers need a track, and workshop.yaml has {len(info.tracks)} ({known}): name "
            "theirs with --track",
            field="--track",
        )

    return track


def _check(text: str, loaded: Loaded[WithInfo], doc: Document, system: str) -> None:
    """Load the new papers.yaml with the rest of the data, as the site and the volume will;
    one line and nothing written when the loader refuses it or reads it otherwise."""
    with tempfile.TemporaryDirectory(prefix="workshop-import-") as folder:
        for part, file in loaded.files.items():
            if part == "papers":
                (Path(folder) / file.name).write_text(text, encoding="utf-8")
            elif file.is_file():
                shutil.copyfile(file, Path(folder) / file.name)
        result = load(folder, root=folder)
    papers_file = loaded.files["papers"]
    if result.problems:
        problem = result.problems[0]
        entry = _entry_at(doc, problem.field)
        source = entry.get("source") if entry is not None else None
        which = f" ({SYSTEMS[system]} submission {source['number']})" if isinstance(source, dict) else ""
        raise WorkshopError(
            f"the papers.yaml this import would write is refused{which}: {problem.message}; "
            "nothing written: correct it in the submission system and export again",
            file=shown_path(papers_file),
            field=problem.field or None,
        )
    papers = result.workshop.papers.papers if result.workshop.papers else []
    for entry, paper in zip(doc.papers, papers, strict=True):
        if written(entry) != read_back(paper):
            raise WorkshopError(
                f"paper {paper.id!r} would not read back as imported: nothing written; please "
                "report this with the export",
                file=shown_path(papers_file),
            )


def written(entry: Any) -> tuple:
    """What the import put in an entry of papers.yaml, as :func:`read_back` gives it."""

    def text(value: Any) -> str | None:
        return str(value).strip() or None if value is not None else None

    source = entry.get("source")
    return (
        text(entry.get("id")),
        text(entry.get("title")),
        text(entry.get("abstract")),
        [
            (text(a.get("name")), text(a.get("affiliation")), text(a.get("sort_as")))
            for a in entry.get("authors")
        ],
        (str(source["system"]), PaperSource.model_validate(dict(source)).number)
        if isinstance(source, dict)
        else None,
    )


def read_back(paper: Paper) -> tuple:
    """A paper as the loader read it: what the import compares with what it wrote."""
    return (
        paper.id,
        paper.title,
        paper.abstract,
        [(a.name, a.affiliation, a.sort_as) for a in paper.authors],
        (paper.source.system, paper.source.number) if paper.source else None,
    )


def _entry_at(doc: Document, field: str):
    """The paper a loader's field (``papers[7].title``) is in."""
    if field.startswith("papers[") and "]" in field:
        index = int(field[len("papers[") : field.index("]")])
        if index < len(doc.papers) and isinstance(doc.papers[index], dict):
            return doc.papers[index]
    return None


def _row(change: Change, pdf: str) -> str:
    text = change.detail if change.kind in ("updated", "withdrawn") else change.title
    if change.kind == "withdrawn":
        text += "; still in papers.yaml: delete it there if it is out"
    elif len(text) > _WIDTH:
        text = text[: _WIDTH - 3].rstrip() + "..."
    return f"  {change.kind:<10} {change.paper_id:<32} #{change.number:<5} {pdf:<10} {text}"


def import_export(
    export: Export,
    data_dir: Path,
    *,
    pdfs: Path | None = None,
    track: str | None = None,
    dry_run: bool = False,
) -> str:
    """Merge ``export`` (and the PDFs of ``pdfs``) into the data folder; the summary.
    Writes nothing with ``dry_run`` (the summary then ends with the changes to papers.yaml).
    Under the data folder's lock (:func:`~proceedings.imports.commit.locked`): one import
    at a time reads and writes it."""
    check_scale(len(export.accepted), export.files[0], "accepted papers")
    guard: contextlib.AbstractContextManager[list[str]] = (
        locked(data_dir) if not dry_run and data_dir.is_dir() else contextlib.nullcontext([])
    )
    with guard as notes:
        summary = _import(export, data_dir, pdfs=pdfs, track=track, dry_run=dry_run)
    return "\n".join([*(f"note: {note}" for note in notes), summary])


def _import(export: Export, data_dir: Path, *, pdfs: Path | None, track: str | None, dry_run: bool) -> str:
    loaded = load_edition(data_dir)
    new_track = _track(loaded, track)
    papers_file, folder = loaded.files["papers"], loaded.data_dir / "papers"
    if not folder.resolve().is_relative_to(loaded.root):
        raise WorkshopError(
            f"leads outside the repository ({loaded.root}): the PDFs go into the data folder's "
            "papers/ folder, which must be inside it",
            file=shown_path(folder),
        )
    doc = Document(papers_file)
    shelf = Shelf(pdfs) if pdfs is not None else None
    commit = Commit(loaded.data_dir)
    try:
        found, problems = shelf.assign(export.accepted) if shelf else ({}, {})
        changes, ids = merge(doc, export, new_track, set(found))
        changed = any(c.kind in ("added", "updated") for c in changes)
        text = doc.dump() if changed else doc.text
        if changed:
            _check(text, loaded, doc, export.system)
        if not dry_run:  # everything read and checked: now staged, and put in place at the end
            if shelf is not None:  # (found only PDFs from it)
                with Progress("copying the PDFs", len(found)) as bar:
                    for number, origin in sorted(found.items()):
                        commit.stage(folder / f"{ids[number]}.pdf", functools.partial(shelf.copy, origin))
                        bar.advance(origin.name)
            if changed:
                commit.stage(papers_file, text.encode("utf-8"))
        diff = difflib.unified_diff(
            doc.text.splitlines(keepends=True),
            text.splitlines(keepends=True),
            f"a/{papers_file.name}",
            f"b/{papers_file.name}",
        )
        copied = [target for target in commit.targets if target != papers_file]
        summary = _summary(
            export, loaded, doc, changes, found, problems, copied, pdfs=pdfs, dry_run=dry_run, diff=diff
        )
        commit.apply()
    finally:
        commit.discard()
        if shelf is not None:
            shelf.close()
    return summary


def _summary(
    export: Export,
    loaded: Loaded[WithInfo],
    doc: Document,
    changes: list[Change],
    found: dict[int, Origin],
    problems: dict[int, str],
    copied: list[Path],
    *,
    pdfs: Path | None,
    dry_run: bool,
    diff: Iterable[str],
) -> str:
    """What the chair reads: a row per paper with its PDF, the counts, the warnings, and
    what was written (or, in a dry run, the changes to papers.yaml)."""
    papers_file, folder = loaded.files["papers"], loaded.data_dir / "papers"
    changed = any(c.kind in ("added", "updated") for c in changes)
    accepted, files = len(export.accepted), ", ".join(p.name for p in export.files)
    lines = [
        (
            f"{SYSTEMS[export.system]}: {accepted} accepted of {len(export.submissions)} submission(s) in "
            f"{files} -> {shown_path(papers_file)}"
        )
    ]
    warnings, missing = [], 0
    by_id = {str(e.get("id")): e for e in doc.papers if isinstance(e, dict)}
    for change in changes:
        pdf = ""
        if change.kind != "withdrawn":
            target = folder / f"{change.paper_id}.pdf"
            if change.number in found:
                pdf = "to copy" if dry_run else ("copied" if target in copied else "unchanged")
            elif os.path.isfile(loaded.pdf_path(str(by_id[change.paper_id].get("pdf")))):
                pdf = "in place"
            else:
                pdf, missing = "missing", missing + 1
                why = problems.get(change.number) or (
                    f"none for #{change.number} in {pdfs.name}" if pdfs else "no --pdfs given"
                )
                where = shown_path(loaded.pdf_path(str(by_id[change.paper_id].get("pdf"))))
                warnings.append(f"warning: {change.paper_id}: no PDF ({why}); put it at {where}")
        lines.append(_row(change, pdf))
    counts = {
        kind: sum(c.kind == kind for c in changes) for kind in ("added", "updated", "unchanged", "withdrawn")
    }
    lines.append(", ".join(f"{n} {kind}" for kind, n in counts.items()) + f", {missing} missing PDF")
    lines += warnings + [f"note: {note}" for note in export.notes]
    if dry_run:
        lines.append("dry run: nothing written" + (f"; {len(found)} PDF(s) would be copied" if found else ""))
        lines += [line.rstrip("\n") for line in diff]
    elif changed or copied:
        wrote = [shown_path(papers_file)] if changed else []
        if copied:
            wrote.append(f"{len(copied)} PDF(s) into {shown_path(folder)}")
        lines.append(f"wrote {' and '.join(wrote)}")
    else:
        lines.append("nothing to write: papers.yaml and the PDFs are up to date")
    return "\n".join(lines)
