"""Shared fixtures: the repository, ../shared (skipped where absent), the example site.

The suite runs on every core (``nox -s tests``: pytest-xdist, ``-n auto --dist loadfile``,
each module's tests on one worker, the browser tests together on one: :class:`_Scheduling`).
A session fixture that builds a site builds it once for the whole run (:func:`built_once`):
the first worker that needs it builds it under a file lock into the run's shared temporary
folder, and the others read it there.  Tests never write into the repository's own files.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import unittest.mock
from pathlib import Path

import pytest
from filelock import FileLock

from workshop.site import pyodide

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
#: The data of a second edition (two days, rooms, sessions, posters, CJK and accented names).
SECOND_EDITION = ROOT / "tests" / "editions" / "mlbench24"

pytest_plugins = ["sphinx.testing.fixtures"]

#: Why the self-check's runtime could not be had (None: it could), for its tests to skip with.
PYODIDE_MISSING: str | None = None


def pytest_configure(config) -> None:
    """The example's self-check page carries Pyodide, which the build fetches from the npm
    registry once (then cached): fetched here, before any build.  Where it cannot be had
    and WORKSHOP_REQUIRE_PYODIDE is not set (CI sets it), every build of the session goes
    without it (WORKSHOP_PYODIDE=off: the page offers the chairs' command, no warning), and
    the tests of the running page skip with the reason; with it set, they fail.  Under
    pytest-xdist, also how the tests are shared out (:class:`_Scheduling`)."""
    global PYODIDE_MISSING
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_Scheduling(), "workshop-scheduling")
    if os.environ.get(pyodide.ENV_SOURCE):
        return
    try:
        pyodide.obtain()
    except pyodide.RuntimeUnavailable as error:
        PYODIDE_MISSING = f"no Pyodide for the self-check: {error}"
        if not os.environ.get("WORKSHOP_REQUIRE_PYODIDE"):
            os.environ[pyodide.ENV_SOURCE] = pyodide.OFF


class _Scheduling:
    """How a parallel run (``-n auto --dist loadfile``) shares the tests out: a module's tests
    on one worker, so that its module-scoped fixtures (a volume, a hosted site) are made once,
    and the browser tests all on one worker, one Chromium serving them in turn.  (pytest-xdist's
    own groups, ``xdist_group`` marks, are lost under pytest 9.2, which keeps a test's id
    where xdist's worker no longer writes the group into it.)"""

    @pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own choice of scheduler
    def pytest_xdist_make_scheduler(self, config, log):
        if config.getvalue("dist") != "loadfile":
            return None
        from xdist.scheduler import LoadFileScheduling

        class ByModule(LoadFileScheduling):
            def _split_scope(self, nodeid: str) -> str:
                module = super()._split_scope(nodeid)
                return "tests/browser/" if module.startswith("tests/browser/") else module

        return ByModule(config, log)


def pytest_terminal_summary(terminalreporter) -> None:
    """One line at the end of the run: how many browser tests ran, and in which browser (so
    a CI log shows that the browser ran).  Here, not in tests/browser/: under pytest-xdist
    only the root's conftest is loaded by the process that writes the summary."""
    here = "tests/browser/"
    reports = [
        report
        for outcome in ("passed", "failed", "skipped", "error")
        for report in terminalreporter.stats.get(outcome, [])
        if here in getattr(report, "nodeid", "") and report.when in ("call", "setup")
    ]
    counts = {
        outcome: sum(1 for r in reports if r.outcome == outcome)
        for outcome in ("passed", "failed", "skipped")
    }
    if reports:
        ran = ", ".join(f"{count} {outcome}" for outcome, count in counts.items() if count)
        used = {value for r in reports for name, value in r.user_properties if name == "browser"}
        terminalreporter.write_line(
            f"browser tests: {ran}; browser: {', '.join(sorted(used)) or 'none started'}"
        )
    for report in reports:
        for name, value in report.user_properties:
            if name.startswith("figure:"):
                terminalreporter.write_line(f"{name.removeprefix('figure:')}: {value}")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test roots for ``@pytest.mark.sphinx(testroot=...)``: tests/roots/test-<name>/."""
    return ROOT / "tests" / "roots"


def load_noxfile(path: Path = ROOT / "noxfile.py"):
    """The noxfile as a module, its sessions left unregistered with nox (the tests' own nox
    would refuse a second noxfile's sessions of the same names); ``SESSIONS_FOUND``: the
    names of the functions it made sessions."""
    import nox

    spec = importlib.util.spec_from_file_location(f"noxfile_{abs(hash(path))}", path)
    noxfile = importlib.util.module_from_spec(spec)
    found: list[str] = []

    def session(function):
        found.append(function.__name__)
        return function

    with unittest.mock.patch.object(nox, "session", session):
        spec.loader.exec_module(noxfile)
    noxfile.SESSIONS_FOUND = found
    return noxfile


def shared_path(*parts: str) -> Path:
    """A file of ../shared, or a skip saying why (a user's clone has no ../shared)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared only exists beside the team's checkouts and CI")
    return path


def copy_site(dest: Path) -> Path:
    """A copy of the example site (conf.py + docs/) to break or edit in a test."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "conf.py", dest / "conf.py")
    shutil.copytree(ROOT / "docs", dest / "docs")
    return dest


def sphinx_command(site: Path, out: Path, *args: str) -> list[str]:
    """The command ``nox -s docs`` runs for ``site`` (conf.py + docs/): ``sphinx-build``
    with -W --keep-going -n, the HTML in ``out/html``."""
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-c",
        str(site),
        "-d",
        str(out / "doctrees"),
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "--no-color",
        *args,
        str(site / "docs"),
        str(out / "html"),
    ]


def build_site(site: Path, out: Path, *args: str) -> tuple[int, str]:
    """Build ``site`` as ``nox -s docs`` does (:func:`sphinx_command`), in a process of its
    own.  Returns the exit status and what the build printed on standard error (warnings,
    errors)."""
    done = subprocess.run(sphinx_command(site, out, *args), capture_output=True, text=True, cwd=site)
    return done.returncode, done.stderr


def built_once(tmp_path_factory, name: str, make) -> Path:
    """A folder that ``make(folder)`` fills, once for the whole run however many workers
    ask: under pytest-xdist the first builds it (holding a lock) in the folder the workers'
    temporary folders share, and the rest wait for it and read it; the build's own checks
    (its assertions) fail in every worker that asks, as they would in one."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent
    folder, done = shared / name, shared / f"{name}.done"
    with FileLock(str(shared / f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _build_example(out: Path) -> None:
    status, warnings = build_site(ROOT, out)
    assert warnings == "", warnings
    assert status == 0


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The shipped example site, built once per test run; its HTML folder."""
    return built_once(tmp_path_factory, "example", _build_example) / "html"


def second_edition(dest: Path) -> Path:
    """A copy of the example site whose data folder holds the second edition's data
    (``tests/editions/mlbench24``) and its papers' sample PDFs, made by ``python -m
    tools.samples`` as an organizer would: the prose pages are the example's, unchanged."""
    site = copy_site(dest)
    data = site / "docs" / "data"
    shutil.rmtree(data)
    shutil.copytree(SECOND_EDITION, data)
    done = subprocess.run(
        [sys.executable, "-m", "tools.samples", "--data", str(data)],
        capture_output=True,
        text=True,
        cwd=site,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    return site


def _build_second_edition(out: Path) -> None:
    site = second_edition(out / "site")
    status, warnings = build_site(site, out)
    assert warnings == "", warnings
    assert status == 0


@pytest.fixture(scope="session")
def second_edition_site(tmp_path_factory) -> Path:
    """The second edition's site (data only changed), built once per test run as
    ``nox -s docs`` builds; its HTML folder."""
    return built_once(tmp_path_factory, "second-edition", _build_second_edition) / "html"
