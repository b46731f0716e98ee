"""`nox -s docs` as an organizer meets it: a build that fails (or is cut short) never replaces
the last good site; a build that passes updates exactly the files that changed.

The noxfile's own ``docs`` session runs here, each of its commands for real in a process of
its own (the volume, Sphinx, the publishing step); only nox's virtualenv is left out.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import types
import unittest.mock
from pathlib import Path

import nox
import pytest
from conftest import ROOT, copy_site


class CommandFailed(Exception):
    """What nox does when a command of a session exits non-zero: the session stops."""


class Session:
    """Enough of ``nox.Session`` for the docs session, with its commands run for real."""

    def __init__(self, cwd: Path, posargs: list[str] = ()) -> None:
        self.cwd, self.posargs = cwd, list(posargs)
        self.virtualenv = types.SimpleNamespace(location=None)  # no environment of its own

    def install(self, *args: str) -> None:
        """The test's environment already has the project installed."""

    def log(self, message: str) -> None:
        pass

    def run(self, program: str, *args: str, env: dict | None = None) -> None:
        command = [sys.executable, "-m", "sphinx"] if program == "sphinx-build" else [sys.executable]
        assert program in ("python", "sphinx-build"), program
        done = subprocess.run(
            [*command, *args],
            check=False,
            cwd=self.cwd,
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
        )
        if done.returncode:
            raise CommandFailed(done.stdout + done.stderr)


def load_noxfile(site: Path):
    """The noxfile of ``site`` as a module (whose ROOT is ``site``); its sessions are not
    registered with nox (a second noxfile's sessions of the same names would be refused)."""
    spec = importlib.util.spec_from_file_location("noxfile_under_test", site / "noxfile.py")
    noxfile = importlib.util.module_from_spec(spec)
    with unittest.mock.patch.object(nox, "session", lambda function: function):
        spec.loader.exec_module(noxfile)
    return noxfile


def docs_session(site: Path):
    """``nox -s docs`` in ``site``: the docs session of its noxfile."""
    noxfile = load_noxfile(site)
    return lambda: noxfile.docs(Session(site))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of the repository's site, its noxfile, its lock and its root marker."""
    site = copy_site(tmp_path / "repo")
    for name in ("noxfile.py", "pyproject.toml", "constraints.txt"):
        shutil.copy2(ROOT / name, site / name)
    return site


def test_a_failed_site_build_leaves_the_last_good_site_and_a_good_one_updates_it(site):
    nox_docs = docs_session(site)
    nox_docs()
    html = site / "_build" / "html"
    good = snapshot(html)
    assert "Camera Ready Submission Deadline" in (html / "dates.html").read_text()

    # A page names a fact the data lacks: Sphinx (with --keep-going) writes every page, then fails.
    cfp = site / "docs" / "cfp.md"
    prose = cfp.read_text()
    cfp.write_text(prose + "\nThe poster deadline is {fact}`dates.poster.date`.\n")
    with pytest.raises(CommandFailed, match=r"cfp\.md:\d+: WARNING: \{fact\} role: workshop\.yaml has no"):
        nox_docs()
    assert snapshot(html) == good  # not a byte, not a timestamp, no new file

    # Fixed, and a date moved: the pages that show it change, the others are not rewritten.
    cfp.write_text(prose)
    data = site / "docs" / "data" / "workshop.yaml"
    data.write_text(data.read_text().replace("date: 2023-05-19", "date: 2023-05-22"))
    nox_docs()
    now = snapshot(html)
    assert "May 22, 2023" in (html / "dates.html").read_text()
    assert "poster" not in (html / "cfp.html").read_text()
    assert now["committees.html"] == good["committees.html"]
    assert now["_static/workshop.css"] == good["_static/workshop.css"]


class InstallOnly(Session):
    """``nox -s docs --install-only``: nox installs and runs no command (``run`` returns None)."""

    def __init__(self, cwd: Path) -> None:
        super().__init__(cwd)
        self.ran: list[tuple[str, ...]] = []
        self.said: list[str] = []

    def log(self, message: str) -> None:
        self.said.append(message)

    def run(self, program: str, *args: str, env: dict | None = None) -> None:
        self.ran.append((program, *args))


def test_install_only_claims_no_site(site):
    """With --install-only nothing is built, so nothing may say that a site was written."""
    session = InstallOnly(site)
    load_noxfile(site).docs(session)
    assert session.ran  # the commands nox would have skipped
    assert not [line for line in session.said if "written" in line or "site" in line], session.said
    assert not (site / "_build" / "html").exists()
