"""``python3 noxfile.py``: the pinned nox found, or made in .nox/_bootstrap, or one line
saying what to install (tools/bootstrap.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from tools import bootstrap


def test_a_python_with_the_pinned_nox_runs_the_noxfile_itself():
    """The tests' environment has the locked nox: `python noxfile.py -l` lists the sessions."""
    done = subprocess.run(
        [sys.executable, "noxfile.py", "-l"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    listed = {line[2:].split(" ->")[0] for line in done.stdout.splitlines() if line[:2] in ("- ", "* ")}
    assert {"docs", "tests", "serve", "proceedings", "lock"} <= listed
    assert "bootstrap:" not in done.stderr  # no environment of its own was needed


def test_without_venv_or_pipx_one_line_says_what_to_install(tmp_path, monkeypatch, capsys):
    no_venv = tmp_path / "python"
    no_venv.write_text("#!/bin/sh\necho 'ensurepip is not available' >&2\nexit 1\n")
    no_venv.chmod(0o755)
    monkeypatch.setattr(bootstrap, "importable_nox", lambda: None)
    monkeypatch.setattr(bootstrap, "VENV", ROOT / ".nox" / f"_bootstrap-test-{tmp_path.name}")
    monkeypatch.setattr(bootstrap.sys, "executable", str(no_venv))
    monkeypatch.setattr(bootstrap.shutil, "which", lambda name: None)
    monkeypatch.delenv("WORKSHOP_NOX_BOOTSTRAPPED", raising=False)

    def execv(*args):  # the test's own process must never be replaced
        raise AssertionError(f"the bootstrap ran {args}")

    monkeypatch.setattr(bootstrap.os, "execv", execv)
    with pytest.raises(SystemExit) as stopped:
        bootstrap.run(ROOT / "noxfile.py", ["-s", "docs"])
    message = str(stopped.value)
    assert "\n" not in message
    assert message.startswith(f"error: {no_venv} cannot make a virtual environment (python3 -m venv)")
    assert "python3-venv" in message and "pipx" in message
    assert not bootstrap.VENV.exists()  # nothing half-made left behind


def test_a_lock_without_nox_is_one_line(tmp_path):
    lock = tmp_path / "constraints.txt"
    lock.write_text("sphinx==9.0.4\n")
    with pytest.raises(SystemExit, match=r"pins no version of nox: run `nox -s lock`"):
        bootstrap.pinned_nox(lock)


def test_an_older_python_is_one_line(monkeypatch):
    import runpy

    monkeypatch.setattr(sys, "version_info", (3, 10, 13, "final", 0))
    monkeypatch.setattr(sys, "argv", ["noxfile.py", "-s", "docs"])
    with pytest.raises(SystemExit) as stopped:
        runpy.run_path(str(ROOT / "noxfile.py"), run_name="__main__")
    assert str(stopped.value).startswith("error: this project needs Python 3.11 or newer; ")
