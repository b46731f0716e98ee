"""The page-limit check of one PDF, of ad-hoc files, and of every accepted paper.

:func:`check_pdf` opens a file, applies the rule (:mod:`proceedings.check.rule`) and
the format checks (:mod:`proceedings.check.findings`), weighs the chair's decision, and
returns one :class:`~proceedings.check.records.CheckRecord`.  It never raises for a bad
PDF: a file that cannot be judged is a record with the verdict ``error``.

:func:`check_papers` and :func:`check_files` run it over many files, on every core
when there are enough of them (each paper is independent and the work is CPU-bound
pure Python, so processes, not threads), with a progress bar.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import logging
import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from pathlib import Path

from pypdf.errors import LimitReachedError

from proceedings.check.findings import format_findings
from proceedings.check.records import CheckRecord, Verdict, describe_decision, pages_phrase
from proceedings.check.rule import count_pages
from proceedings.pdf.opener import DEFAULT_MAX_BYTES, TOO_MUCH, UnreadablePdf, one_line, open_pdf
from proceedings.pdf.text import PageText, read_page
from proceedings.progress import Progress
from workshop.core.load import Loaded
from workshop.core.model import Decision, Track, WorkshopInfo
from workshop.core.problems import WorkshopError, in_repository

#: Below this many files a process pool costs more than it saves.
PARALLEL_FROM = 6


@dataclasses.dataclass(frozen=True)
class Task:
    """One file to check and what the data says about it (picklable for workers)."""

    path: Path
    shown: str  # how reports name the file
    paper_id: str | None
    track: Track
    decision: Decision | None = None
    strict_format: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES  # the largest file read (--max-pdf-size)


def check_pdf(task: Task) -> CheckRecord:
    """Check one PDF; every problem with the file becomes an ``error`` record."""
    base = CheckRecord(
        file=task.shown,
        paper_id=task.paper_id,
        track=task.track.id,
        pages_total=None,
        pages_counted=None,
        reference_pages=(),
        verdict=Verdict.ERROR,
        reasons=(),
        warnings=(),
        min_pages=task.track.min_pages,
        max_pages=task.track.max_pages,
        decision=task.decision,
    )
    try:
        with quiet_pypdf():
            return _check(task, base)
    except UnreadablePdf as error:
        return dataclasses.replace(base, reasons=(f"{task.shown} {error}",))
    except RecursionError:
        return dataclasses.replace(
            base, reasons=(f"{task.shown} is nested too deeply to read: export it again",)
        )
    except Exception as error:
        return dataclasses.replace(
            base,
            reasons=(
                f"{task.shown} cannot be read ({type(error).__name__}: {one_line(error)}): export it again",
            ),
        )


@contextlib.contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf logs what it repairs in a damaged file ("incorrect startxref pointer"): noise
    a chair cannot act on, printed between the report's lines.  The verdict says what
    matters."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _check(task: Task, base: CheckRecord) -> CheckRecord:
    reader, encryption = open_pdf(task.path, task.max_bytes)
    total = len(reader.pages)
    read: dict[int, PageText] = {}

    def page(number: int) -> PageText:
        try:
            read[number] = read_page(reader, number)
        except RecursionError:
            raise
        except LimitReachedError as error:  # pypdf's bounds on what it unpacks: kept to, and said
            raise UnreadablePdf(f"page {number} {TOO_MUCH} ({one_line(error)}): export it again") from None
        except Exception as error:
            raise UnreadablePdf(
                f"page {number} cannot be read ({one_line(error)}): export it again"
            ) from None
        return read[number]

    track, decision = task.track, task.decision
    start_page = decision.references_start_page if decision else None
    count = count_pages(page, total, max_pages=track.max_pages, start_page=start_page)
    findings = format_findings(reader, read, encryption)

    reasons: list[str] = []
    warnings = list(count.notes)
    limits = f"{track.pages} for {track.name.lower()}"
    counted = count.pages_counted
    if counted is not None:
        refs = (
            f"references only on {pages_phrase(count.reference_pages)}"
            if count.reference_pages
            else "no page holds only references"
        )
        where = (
            f"; references begin at {count.heading.describe()}"
            if count.heading is not None
            else f"; references begin on page {start_page} (chair's decision)"
        )
        if count.end is not None:
            where += f"; they end at {count.end.describe()}"
        summary = f"{counted} of {total} pages count ({limits}): {refs}{where}"
    else:
        summary = f"{total} pages; the counted length is unknown ({limits})"
    # No page can count that is not there: a file shorter than the minimum fails even
    # when its references cannot be found (or it is a scan).
    short_in_all = counted is None and total < track.min_pages
    too_short = (counted is not None and counted < track.min_pages) or short_in_all
    too_long = counted is not None and counted > track.max_pages
    if short_in_all:
        reasons.append(
            f"too short: {total} pages in all, even counting every page; the minimum is {track.min_pages}"
        )
    elif too_short:
        reasons.append(f"too short: {counted} counted pages, the minimum is {track.min_pages}")
    if too_long:
        reasons.append(f"too long: {counted} counted pages, the maximum is {track.max_pages}")
    reasons.extend(count.unsure)
    # Format findings fail the paper only where the data says format is strict.
    strict = findings if task.strict_format else []
    reasons.extend(f"format (strict): {f.message}" for f in strict)
    if not task.strict_format:
        warnings.extend(f.message for f in findings)

    if strict or short_in_all:
        verdict = Verdict.FAIL
    elif count.unsure:
        verdict = Verdict.REVIEW
    elif too_short or too_long:
        verdict = Verdict.FAIL
    else:
        verdict = Verdict.PASS
    reasons.insert(0, summary)

    admitted = False
    if decision is not None and decision.exception is not None and verdict != Verdict.PASS and not strict:
        allowed = decision.exception.pages
        length = counted if counted is not None else total
        low, high = min(track.min_pages, allowed), max(track.max_pages, allowed)
        admitted = low <= length <= high
        warnings.append(
            f"the chair's exception {'admits' if admitted else 'does not cover'} {length} pages "
            f"({describe_decision(decision)})"
        )

    return dataclasses.replace(
        base,
        pages_total=total,
        pages_counted=counted,
        reference_pages=count.reference_pages,
        verdict=verdict,
        reasons=tuple(reasons),
        warnings=tuple(warnings),
        references_heading=count.heading,
        references_end=count.end,
        candidates=count.candidates,
        pages_read=count.pages_read,
        findings=tuple(findings),
        admitted_by_decision=admitted,
    )


# --- many files ------------------------------------------------------------------------------


def _strict_format(info: WorkshopInfo) -> bool:
    """Whether the data makes format findings fail a paper."""
    return bool(info.proceedings and info.proceedings.strict_format)


def paper_tasks(loaded: Loaded, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Task]:
    """A task for every accepted paper of the data, in the order of papers.yaml."""
    info, papers = loaded.workshop.info, loaded.workshop.papers
    if info is None or papers is None:
        raise WorkshopError(
            "has no accepted papers: add papers.yaml to the data folder", file=loaded.data_dir
        )
    strict = _strict_format(info)
    tasks = []
    for paper in papers.papers:
        track = info.track(paper.track)
        if track is None:  # the loader's cross-checks refuse this already; say it plainly anyway
            raise WorkshopError(
                f"names the unknown track {paper.track!r}",
                file=loaded.files["papers"],
                field=f"papers[{paper.id}].track",
            )
        path = loaded.pdf_path(paper.pdf)
        tasks.append(
            Task(path, in_repository(path, loaded.root), paper.id, track, paper.decision, strict, max_bytes)
        )
    return tasks


def file_tasks(
    loaded: Loaded, files: Sequence[str], track_id: str | None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Task]:
    """Tasks for ad-hoc files.  A file that is an accepted paper keeps its track and the
    chair's decision; any other needs ``track_id``.  Raises :class:`WorkshopError`
    (a usage error) when a file's track is unknown."""
    info = loaded.workshop.info
    assert info is not None
    forced = None
    if track_id is not None:
        forced = info.track(track_id)
        if forced is None:
            known = ", ".join(t.id for t in info.tracks)
            raise WorkshopError(f"unknown track {track_id!r}: the data defines {known}", field="--track")
    by_path = {t.path: t for t in paper_tasks(loaded, max_bytes)} if loaded.workshop.papers else {}
    tasks = []
    for name in files:
        path = _resolved(Path(name))
        known_paper = by_path.get(path)
        if known_paper is not None:
            tasks.append(dataclasses.replace(known_paper, shown=name, track=forced or known_paper.track))
        elif forced is not None:
            tasks.append(Task(path, name, None, forced, None, _strict_format(info), max_bytes))
        else:
            known = "|".join(t.id for t in info.tracks)
            raise WorkshopError(
                f"is not an accepted paper of {loaded.data_dir}: say which limits apply with --track {known}",
                file=name,
            )
    return tasks


def run_tasks(tasks: Sequence[Task], *, jobs: int | None = None, progress: bool = True) -> list[CheckRecord]:
    """Check every task, in parallel when it pays; records come back in task order."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(tasks) < PARALLEL_FROM:
        records = []
        with Progress("checking", len(tasks), enabled=progress) as bar:
            for task in tasks:
                records.append(check_pdf(task))
                bar.advance(task.shown)
        return records
    # fork (where there is one) shares the imported modules: no re-import per worker.
    # The pool forks before the progress bar starts its thread.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    chunk = max(1, min(8, len(tasks) // (jobs * 8)))
    records = []
    with (
        context.Pool(min(jobs, len(tasks)), initializer=_quiet_worker) as pool,
        Progress("checking", len(tasks), enabled=progress) as bar,
    ):
        for record in pool.imap(check_pdf, tasks, chunksize=chunk):
            records.append(record)
            bar.advance(record.file)
    return records


def _quiet_worker() -> None:
    """Ctrl-C reaches every process of the terminal: the workers leave it to the main
    process, which stops the pool and says "interrupted" (each worker would print a
    traceback of its own).  Where the main process is killed (it cannot stop its pool),
    Linux ends the workers with it: left alone, each would print a BrokenPipeError
    traceback, or wait forever for a lock the other one died holding."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):  # not Linux: no such call
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


#: prctl(2): the signal a process gets when its parent dies.
PR_SET_PDEATHSIG = 1


def check_papers(
    loaded: Loaded, *, jobs: int | None = None, progress: bool = True, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[CheckRecord]:
    """Check every accepted paper of the loaded data (the contract the volume build uses);
    a file larger than ``max_bytes`` is an ``error`` record."""
    return run_tasks(paper_tasks(loaded, max_bytes), jobs=jobs, progress=progress)


def check_files(
    loaded: Loaded,
    files: Sequence[str],
    *,
    track_id: str | None = None,
    jobs: int | None = None,
    progress: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[CheckRecord]:
    return run_tasks(file_tasks(loaded, files, track_id, max_bytes), jobs=jobs, progress=progress)


def _resolved(path: Path) -> Path:
    """The absolute path, links followed; a link that loops is left as written, for the
    opener to say so (pathlib raises RuntimeError on one before Python 3.13)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
