"""What the check is asked to read: a :class:`~workshop.engine.paper.Task` for every accepted
paper of the data, or for each file named on the command line, each with its track (limits
and format) and the chair's decision from the workshop's rules
(:func:`workshop.core.checkrules.rules_of`: the one value the engine takes), and where the
margin finding's pictures go."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from workshop.core.checkrules import rules_of
from workshop.core.load import Loaded
from workshop.core.problems import WorkshopError, in_repository, shown_path, terminal
from workshop.core.rules import Rules
from workshop.engine.paper import Task
from workshop.engine.pdf.opener import DEFAULT_MAX_BYTES

#: Where the check keeps what it leaves beside the report, relative to the repository:
#: the margin finding's pictures and the cache of records.
PROCEEDINGS_DIR = Path("_build/proceedings")
FINDINGS = "findings"


def _rules(loaded: Loaded) -> Rules:
    info = loaded.workshop.info
    if info is None:  # the proceedings' loader stops at a workshop.yaml with problems
        raise WorkshopError("cannot be read", file=loaded.files["workshop"])
    return rules_of(info, loaded.workshop.papers)


def paper_tasks(
    loaded: Loaded, max_bytes: int = DEFAULT_MAX_BYTES, out_dir: Path | None = None
) -> list[Task]:
    """A task for every accepted paper of the data, in the order of papers.yaml; the
    margin finding's pictures go to ``out_dir``/findings (``_build/proceedings`` of the
    repository by default)."""
    papers = loaded.workshop.papers
    findings = pictures_folder((out_dir or loaded.root / PROCEEDINGS_DIR) / FINDINGS)
    if loaded.workshop.info is None or papers is None:
        raise WorkshopError(
            "has no accepted papers: add papers.yaml to the data folder", file=loaded.data_dir
        )
    rules = _rules(loaded)
    tasks = []
    for paper in papers.papers:
        track = rules.track(paper.track)
        if track is None:  # the loader's cross-checks refuse this already; say it plainly anyway
            raise WorkshopError(
                f"names the unknown track {paper.track!r}",
                file=loaded.files["papers"],
                field=f"papers[{paper.id}].track",
            )
        path = loaded.pdf_path(paper.pdf)
        shown = in_repository(path, loaded.root)
        decision = rules.decision(paper.id)
        tasks.append(
            Task(
                path, shown, paper.id, track, decision, rules.strict_format, max_bytes, findings, loaded.root
            )
        )
    return tasks


def file_tasks(
    loaded: Loaded, files: Sequence[str], track_id: str | None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Task]:
    """Tasks for ad-hoc files.  A file that is an accepted paper keeps its track and the
    chair's decision; any other needs ``track_id``.  Raises :class:`WorkshopError`
    (a usage error) when a file's track is unknown."""
    rules = _rules(loaded)
    forced = None
    if track_id is not None:
        forced = rules.track(track_id)
        if forced is None:
            known = ", ".join(t.id for t in rules.tracks)
            raise WorkshopError(f"unknown track {track_id!r}: the data defines {known}", field="--track")
    by_path = {t.path: t for t in paper_tasks(loaded, max_bytes)} if loaded.workshop.papers else {}
    pictures = pictures_folder(loaded.root / PROCEEDINGS_DIR / FINDINGS)
    tasks = []
    for name in files:
        path = _resolved(Path(name))
        known_paper = by_path.get(path)
        if known_paper is not None:
            tasks.append(dataclasses.replace(known_paper, shown=name, track=forced or known_paper.track))
        elif forced is not None:
            tasks.append(
                Task(path, name, None, forced, None, rules.strict_format, max_bytes, pictures, loaded.root)
            )
        else:
            known = "|".join(t.id for t in rules.tracks)
            raise WorkshopError(
                f"is not an accepted paper of {loaded.data_dir}: say which limits apply with --track {known}",
                file=name,
            )
    return tasks


def pictures_folder(folder: Path) -> Path | None:
    """Where the margin finding's pictures go: ``folder``, or None (no pictures) when it is a
    symbolic link, which may lead anywhere: pictures are never written, nor old ones
    removed, through one (:func:`say_pictures` says so once a run)."""
    return None if os.path.islink(folder) else folder


def say_pictures(folder: Path) -> None:
    if pictures_folder(folder) is None:
        print(
            terminal(
                f"note: {shown_path(folder)}: is a symbolic link: the margin pictures are not written "
                "through it (nor old ones removed); make it a folder to have them"
            ),
            file=sys.stderr,
        )


def _resolved(path: Path) -> Path:
    """The absolute path, links followed; a link that loops is left as written, for the
    opener to say so (pathlib raises RuntimeError on one before Python 3.13)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
