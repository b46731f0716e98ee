"""A chair stops a long check (Ctrl-C), or the machine kills it: one line or nothing, never
a traceback from the worker processes.

The check of many papers runs in a pool of processes; Ctrl-C in a terminal reaches all of
them (a process group), a killed main process leaves its workers behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="finds the workers in /proc (Linux)"
)

SAMPLE = ROOT / "docs" / "data" / "papers" / "huang-bnn-crossbar.pdf"


def start_check(tmp_path: Path, count: int = 400) -> subprocess.Popen:
    """``python -m proceedings check --jobs 2`` of ``count`` papers, in a process group of its
    own (as a terminal runs it), once its two workers are at work."""
    files = []
    for i in range(count):
        files.append(tmp_path / f"paper-{i:03d}.pdf")
        os.link(SAMPLE, files[-1])
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "proceedings",
            "check",
            "--track",
            "short",
            "--jobs",
            "2",
            "--no-progress",
            *map(str, files),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if len(children.read_text().split()) >= 2:
            time.sleep(0.5)  # the workers are checking papers
            break
        time.sleep(0.05)
    assert process.poll() is None, "the check ended before it could be interrupted"
    return process


def finish(process: subprocess.Popen) -> str:
    """Standard error, once the main process and every worker have gone (they share it);
    any process still there after a minute is stopped and the test fails."""
    try:
        return process.communicate(timeout=60)[1]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def test_ctrl_c_during_a_parallel_check_says_interrupted_and_nothing_else(tmp_path):
    process = start_check(tmp_path)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
    assert finish(process) == "interrupted\n"
    assert process.returncode == 130


def test_a_killed_check_leaves_no_traceback_and_no_process_behind(tmp_path):
    process = start_check(tmp_path)
    process.kill()  # the main process only (an out-of-memory kill, a CI timeout)
    err = finish(process)
    assert process.returncode == -signal.SIGKILL
    assert "Traceback" not in err and "Error" not in err, err
