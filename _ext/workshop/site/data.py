"""The data folder as the Sphinx extension sees it: loaded once per process, reported once
per build, and noted as a dependency of exactly the pages that use it."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from workshop.core.load import Loaded, load
from workshop.core.problems import WARNING_TYPE, Problem, locate

logger = logging.getLogger(__name__)

#: (data folder, mtimes of its files) -> Loaded.  Per process: parallel readers
#: load for themselves (or inherit the parent's copy when forked).
_cache: dict[tuple[Path, tuple[int, ...]], Loaded] = {}


def data_dir(srcdir: str | Path, config: Config) -> Path:
    return (Path(srcdir) / config.workshop_data).resolve()


def _stamp(folder: Path) -> tuple[int, ...]:
    stamps = []
    for file in sorted(folder.glob("*.yaml")):
        try:
            stamps.append(file.stat().st_mtime_ns)
        except OSError:  # a broken link, a loop: the loader says what is wrong with it
            stamps.append(-1)
    return tuple(stamps)


def loaded(srcdir: str | Path, config: Config) -> Loaded:
    folder = data_dir(srcdir, config)
    key = (folder, _stamp(folder) if folder.is_dir() else ())
    if key not in _cache:
        _cache.clear()
        _cache[key] = load(folder)
    return _cache[key]


def for_env(env: BuildEnvironment) -> Loaded:
    return loaded(env.srcdir, env.config)


def use(env: BuildEnvironment, *parts: str) -> Loaded:
    """The data, with the files of ``parts`` noted as dependencies of the current page."""
    result = for_env(env)
    for part in parts:
        env.note_dependency(str(result.files[part]))
    return result


def warn(problem: Problem) -> None:
    """A problem as a Sphinx warning at its file and line (so ``-W`` fails the build)."""
    if problem.line is None:
        # Sphinx reads a location without ":line" as a document name: the file goes in the text.
        text, location = locate(problem.shown_file, None, problem.field), None
    else:
        text, location = locate(None, None, problem.field), problem.location
    logger.warning("%s%s", text, problem.message, type=WARNING_TYPE, subtype=problem.code, location=location)


def report(app: Sphinx, config: Config) -> None:
    """Say what is wrong with the data, once per build (``-W`` turns it into a failure)."""
    for problem in loaded(app.srcdir, config).problems:
        warn(problem)
