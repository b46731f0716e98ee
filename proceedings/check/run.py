"""The page-limit check of ad-hoc files and of every accepted paper.

:func:`check_papers` and :func:`check_files` make a :class:`~workshop.engine.paper.Task`
of each file (:mod:`proceedings.check.tasks`: its track's limits and format and the chair's
decision, from the workshop's rules) and run the engine over them (:func:`check_one`: with
the margin finding's pictures, and a bug said as one), on every core when there
are enough of them (each paper is independent and the work is CPU-bound pure Python,
so processes, not threads), with a progress bar.  A paper whose record the cache holds
for the same bytes, rule and data (:mod:`proceedings.check.cache`) is not read again.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Sequence
from pathlib import Path

from proceedings.check.cache import CACHE_NAME, Cache, cached_run
from proceedings.check.picture import drawer
from proceedings.check.tasks import (
    FINDINGS,
    PROCEEDINGS_DIR,
    file_tasks,
    paper_tasks,
    pictures_folder,
    say_pictures,
)
from proceedings.internal import InternalError
from proceedings.progress import Progress
from workshop.core.load import Loaded
from workshop.engine.paper import Task, check_pdf, quiet_pypdf
from workshop.engine.pdf.opener import DEFAULT_MAX_BYTES
from workshop.engine.records import CheckRecord

__all__ = ["check_files", "check_one", "check_papers", "run_tasks"]

#: Below this many files a process pool costs more than it saves.
PARALLEL_FROM = 6


def check_one(task: Task) -> CheckRecord:
    """The tool's check of one task: the engine's, with the margin finding's pictures drawn
    (:func:`proceedings.check.picture.drawer`).  A bad file is a record; anything else that
    escapes the engine is a bug, raised as an :class:`InternalError` naming the paper (it
    crosses from a worker process whole)."""
    try:
        return check_pdf(task, drawer(task))
    except Exception as error:
        raise InternalError.of(task.paper_id or task.shown, "checking it", error) from None


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
                records.append(check_one(task))
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
        for record in pool.imap(check_one, tasks, chunksize=chunk):
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
