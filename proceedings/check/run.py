"""The page-limit check of ad-hoc files and of every accepted paper.

:func:`check_papers` and :func:`check_files` make a :class:`~proceedings.check.paper.Task`
of each file (its track's limits, the chair's decision and the format from the data)
and run :func:`~proceedings.check.paper.check_pdf` over them, on every core when there
are enough of them (each paper is independent and the work is CPU-bound pure Python,
so processes, not threads), with a progress bar.  A paper whose record the cache holds
for the same bytes, rule and data (:mod:`proceedings.check.cache`) is not read again.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import multiprocessing
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from proceedings.check.cache import CACHE_NAME, Cache, cached_run
from proceedings.check.paper import Task, check_pdf, quiet_pypdf
from proceedings.check.records import CheckRecord
from proceedings.pdf.opener import DEFAULT_MAX_BYTES
from proceedings.progress import Progress
from workshop.core.load import Loaded
from workshop.core.model import WorkshopInfo
from workshop.core.problems import WorkshopError, in_repository, shown_path, terminal

__all__ = ["Task", "check_files", "check_papers", "check_pdf", "run_tasks"]

#: Where the check keeps what it leaves beside the report, relative to the repository:
#: the margin finding's pictures and the cache of records.
PROCEEDINGS_DIR = Path("_build/proceedings")
FINDINGS = "findings"

#: Below this many files a process pool costs more than it saves.
PARALLEL_FROM = 6


# --- many files ------------------------------------------------------------------------------


def _strict_format(info: WorkshopInfo) -> bool:
    """Whether the data makes format findings fail a paper."""
    return bool(info.proceedings and info.proceedings.strict_format)


def paper_tasks(
    loaded: Loaded, max_bytes: int = DEFAULT_MAX_BYTES, out_dir: Path | None = None
) -> list[Task]:
    """A task for every accepted paper of the data, in the order of papers.yaml; the
    margin finding's pictures go to ``out_dir``/findings (``_build/proceedings`` of the
    repository by default)."""
    info, papers = loaded.workshop.info, loaded.workshop.papers
    findings = pictures_folder((out_dir or loaded.root / PROCEEDINGS_DIR) / FINDINGS)
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
            Task(
                path,
                in_repository(path, loaded.root),
                paper.id,
                track,
                paper.decision,
                strict,
                max_bytes,
                info.format_of(track),
                findings,
                loaded.root,
            )
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
            track = forced or known_paper.track
            tasks.append(
                dataclasses.replace(known_paper, shown=name, track=track, format=info.format_of(track))
            )
        elif forced is not None:
            tasks.append(
                Task(
                    path,
                    name,
                    None,
                    forced,
                    None,
                    _strict_format(info),
                    max_bytes,
                    info.format_of(forced),
                    pictures_folder(loaded.root / PROCEEDINGS_DIR / FINDINGS),
                    loaded.root,
                )
            )
        else:
            known = "|".join(t.id for t in info.tracks)
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


def run_tasks(
    tasks: Sequence[Task], *, jobs: int | None = None, progress: bool = True, cache: Cache | None = None
) -> list[CheckRecord]:
    """Check every task, in parallel when it pays; records come back in task order.  With
    a ``cache``, a task whose record it holds is not read again, and it learns the others."""
    if cache is not None:
        return cached_run(tasks, cache, lambda todo: run_tasks(todo, jobs=jobs, progress=progress))
    if not tasks:
        return []
    with quiet_pypdf():  # once for the run, not twice a paper
        return _run(tasks, jobs, progress)


def _run(tasks: Sequence[Task], jobs: int | None, progress: bool) -> list[CheckRecord]:
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
    loaded: Loaded,
    *,
    jobs: int | None = None,
    progress: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    out_dir: Path | None = None,
    use_cache: bool = True,
) -> list[CheckRecord]:
    """Check every accepted paper of the loaded data (the contract the volume build uses);
    a file larger than ``max_bytes`` is an ``error`` record.  The pictures and the cache
    go to ``out_dir`` (``_build/proceedings`` of the repository by default); without
    ``use_cache`` every paper is read (and the cache written afresh).  The pictures of
    papers that no longer have a margin finding are removed."""
    folder = out_dir or loaded.root / PROCEEDINGS_DIR
    say_pictures(folder / FINDINGS)
    tasks = paper_tasks(loaded, max_bytes, folder)
    records = run_tasks(tasks, jobs=jobs, progress=progress, cache=Cache(folder / CACHE_NAME, read=use_cache))
    if pictures_folder(folder / FINDINGS) is not None:
        _prune_pictures(folder / FINDINGS, records, loaded.root)
    return records


def check_files(
    loaded: Loaded,
    files: Sequence[str],
    *,
    track_id: str | None = None,
    jobs: int | None = None,
    progress: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    use_cache: bool = True,
) -> list[CheckRecord]:
    """Check ad-hoc files (see :func:`file_tasks`), with the data check's cache."""
    cache = Cache(loaded.root / PROCEEDINGS_DIR / CACHE_NAME, read=use_cache)
    say_pictures(loaded.root / PROCEEDINGS_DIR / FINDINGS)
    return run_tasks(
        file_tasks(loaded, files, track_id, max_bytes), jobs=jobs, progress=progress, cache=cache
    )


def _prune_pictures(folder: Path, records: Sequence[CheckRecord], root: Path) -> None:
    """Remove the pictures of accepted papers that no record names any more (a paper fixed)."""
    named = {(root / name).resolve() for r in records for f in r.findings for name in f.files}
    ids = {r.paper_id for r in records if r.paper_id}
    for picture in folder.glob("*-page-*.png") if folder.is_dir() else ():
        if picture.name.rsplit("-page-", 1)[0] in ids and picture.resolve() not in named:
            with contextlib.suppress(OSError):
                picture.unlink()


def _resolved(path: Path) -> Path:
    """The absolute path, links followed; a link that loops is left as written, for the
    opener to say so (pathlib raises RuntimeError on one before Python 3.13)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
