"""Shared fixtures: the repository, ../shared (skipped where absent), the example site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    the tests of the running page skip with the reason; with it set, they fail."""
    global PYODIDE_MISSING
    if os.environ.get(pyodide.ENV_SOURCE):
        return
    try:
        pyodide.obtain()
    except pyodide.RuntimeUnavailable as error:
        PYODIDE_MISSING = f"no Pyodide for the self-check: {error}"
        if not os.environ.get("WORKSHOP_REQUIRE_PYODIDE"):
            os.environ[pyodide.ENV_SOURCE] = pyodide.OFF


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test roots for ``@pytest.mark.sphinx(testroot=...)``: tests/roots/test-<name>/."""
    return ROOT / "tests" / "roots"


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


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The shipped example site, built once per test session; its HTML folder."""
    out = tmp_path_factory.mktemp("example")
    status, warnings = build_site(ROOT, out)
    assert warnings == "", warnings
    assert status == 0
    return out / "html"


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


@pytest.fixture(scope="session")
def second_edition_site(tmp_path_factory) -> Path:
    """The second edition's site (data only changed), built once per test session as
    ``nox -s docs`` builds; its HTML folder."""
    out = tmp_path_factory.mktemp("second-edition")
    site = second_edition(out / "site")
    status, warnings = build_site(site, out)
    assert warnings == "", warnings
    assert status == 0
    return out / "html"
