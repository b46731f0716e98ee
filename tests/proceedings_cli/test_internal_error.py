"""A bug is said as a bug: one line naming the paper (or the command) and saying it is an
internal error, the traceback in a log file under ``_build/`` whose path the line gives,
and exit status 3 (neither a verdict's 0 or 1 nor a usage error's 2).  A bug is planted in
the rule, the volume's copy and the report, in a process of its own, as a chair would meet
it; the papers themselves are good."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_site

#: Plants a bug in the named place, then runs the command with the arguments that follow.
PLANT = """
import sys, importlib
module, name = sys.argv[1].rsplit(".", 1)
def bug(*args, **kwargs):
    raise ZeroDivisionError("a bug planted by the test")
setattr(importlib.import_module(module), name, bug)
from proceedings.cli import main
raise SystemExit(main(sys.argv[2:]))
"""


@pytest.fixture
def site(tmp_path) -> Path:
    copy_site(tmp_path)
    (tmp_path / "pyproject.toml").write_text("")  # the repository whose _build/ keeps the log
    return tmp_path


def run(site: Path, place: str, *args: str) -> subprocess.CompletedProcess:
    data = str(site / "docs" / "data")
    command = [sys.executable, "-c", PLANT, place, *args, "--data", data, "--no-progress", "--no-cache"]
    return subprocess.run(command, capture_output=True, text=True, cwd=site, check=False)


def said(site: Path, done: subprocess.CompletedProcess, subject: str) -> str:
    """The traceback logged, once the command has said the one line it must."""
    assert done.returncode == 3, done.stderr
    assert done.stderr == (
        f"error: {subject} (a bug of the tool, not of the paper or the data): "
        "the traceback is in _build/internal-error.log; please report it\n"
    )
    log = (site / "_build" / "internal-error.log").read_text()
    assert (
        "Traceback (most recent call last)" in log and "ZeroDivisionError: a bug planted by the test" in log
    )
    return log


def test_a_bug_in_the_rule_names_the_paper_and_is_not_said_to_be_the_papers(site):
    done = run(site, "workshop.engine.paper.count_pages", "check", "--jobs", "1")
    log = said(site, done, "liu-time-variations: internal error while checking it")
    assert "count_pages" in log and done.stdout == ""
    assert not (site / "_build" / "proceedings" / "report.json").exists()  # no report of a check that broke


def test_a_bug_met_in_a_worker_process_is_said_the_same_way(site, tmp_path):
    """Six files and two processes: the pool's worker meets the bug, the command says it."""
    files = []
    for i in range(6):
        copy = tmp_path / f"copy-{i}.pdf"
        shutil.copy(site / "docs" / "data" / "papers" / "liu-time-variations.pdf", copy)
        files.append(str(copy))
    done = run(site, "workshop.engine.paper.count_pages", "check", "--jobs", "2", "--track", "full", *files)
    log = said(site, done, f"{files[0]}: internal error while checking it")
    assert "count_pages" in log


def test_a_bug_in_the_volume_names_the_paper_being_copied(site):
    done = run(site, "proceedings.volume.copy.stamp_content", "build", "--jobs", "1")
    first = "docs/data/papers/liu-time-variations.pdf"
    said(site, done, f"{first}: internal error while copying it into the volume")
    assert not (site / "_build" / "proceedings" / "volume.pdf").exists()


def test_a_bug_outside_any_paper_names_the_command(site):
    done = run(site, "proceedings.check.report.dumps", "check", "--json", "--jobs", "1")
    said(site, done, "check: internal error")
