"""A full disk and a read-only folder, as ``build`` and ``check`` meet them: one line naming
the folder (or the report) and what to do, exit status 1, no traceback, and the last
outputs as they were, with nothing left behind.

The disk fails for real where it can: a file size limit (``RLIMIT_FSIZE``, EFBIG) anywhere;
a small tmpfs that fills up and a read-only mount in a mount namespace of their own where
``unshare`` may mount (root on Linux); a folder without write permission where the tests
do not run as root.  Everywhere, :mod:`disk_faults` makes Python's own calls fail as the
kernel would (ENOSPC, EROFS), so that every message is checked on every machine."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from volume_support import copy_data, edit_yaml, run_build

TESTS = Path(__file__).resolve().parents[1]  # tests/, where disk_faults.py is
FULL = "no space left on device: free some space and run the {} again"
READ_ONLY = "read-only file system: write elsewhere with {}"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) and a digest of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def repo(tmp_path) -> tuple[Path, Path, dict[str, str]]:
    """The example data with its volume built in ``_build/proceedings`` (the default), then
    the data changed so that the next build would replace every output: the data folder,
    the output folder and what it holds."""
    data = copy_data(tmp_path / "repo")
    out = data.parent.parent / "_build" / "proceedings"
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    edit_yaml(data / "workshop.yaml", lambda d: d["proceedings"].update(title="Another Title"))
    return data, out, snapshot(out)


def command(*args: str) -> list[str]:
    return ["build", "--no-progress", "--jobs", "1", *args]


def faulty(fault: str, folder: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """``python -m proceedings ARGS`` with :mod:`disk_faults` failing under ``folder``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "disk_faults", fault, str(folder), "--", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )


def refused(done: subprocess.CompletedProcess, line: str) -> None:
    assert (done.returncode, done.stderr) == (1, f"error: {line}\n"), done.stderr


# --- portable: Python's calls fail as the kernel's do ----------------------------------------


def test_a_disk_that_fills_while_the_volume_is_written(repo):
    data, out, before = repo
    done = faulty("full:20000", out, command(), data.parent.parent)  # the volume is 190 kB
    refused(done, "_build/proceedings: " + FULL.format("build"))
    assert snapshot(out) == before


def test_a_read_only_output_folder(repo):
    data, out, before = repo
    done = faulty("readonly", out, command(), data.parent.parent)
    refused(done, "_build/proceedings: " + READ_ONLY.format("--out DIR"))
    assert snapshot(out) == before


def test_a_read_only_papers_folder_stops_the_build_before_any_output_is_replaced(repo):
    """The volume's files go in one by one: a folder that takes none is found first."""
    data, out, before = repo
    done = faulty("readonly", out / "papers", command(), data.parent.parent)
    refused(done, "_build/proceedings: " + READ_ONLY.format("--out DIR"))
    assert snapshot(out) == before


@pytest.mark.parametrize(
    ("fault", "message"), [("full:0", FULL.format("check")), ("readonly", READ_ONLY.format("--report PATH"))]
)
def test_the_check_report_on_a_failing_disk(repo, fault, message):
    data, out, _ = repo
    report = out / "report.json"
    # A changed verdict, so that the report would be written again.
    edit_yaml(data / "papers.yaml", lambda d: d["papers"][2].update(track="full"))
    before = report.read_bytes()
    done = faulty(
        fault, out, ["check", "--no-progress", "--jobs", "1", "--report", str(report)], data.parent.parent
    )
    refused(done, f"_build/proceedings/report.json: {message}")
    assert report.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [
        "check-cache.json",  # the check's records, which the build left beside the report
        "frontmatter.pdf",
        "handbook.json",  # the program as a booklet, which the build made beside the volume
        "handbook.pdf",
        "papers",
        "report.json",
        "volume.bib",
        "volume.json",
        "volume.pdf",
    ]


def test_the_build_says_so_when_its_report_cannot_be_written(repo):
    data, out, before = repo
    edit_yaml(data / "papers.yaml", lambda d: d["papers"][2].update(track="full"))
    done = faulty("full:0", out, command(), data.parent.parent)
    refused(done, "_build/proceedings/report.json: " + FULL.format("build"))
    assert snapshot(out) == before


# --- a real file size limit ----------------------------------------------------------------------


def test_a_file_size_limit_is_met_with_one_line(repo):
    """RLIMIT_FSIZE: the kernel refuses any write past 100 kB (EFBIG), as a quota would."""
    data, out, before = repo

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    done = subprocess.run(
        [sys.executable, "-m", "proceedings", *command()],
        capture_output=True,
        text=True,
        cwd=data.parent.parent,
        env=env,
        preexec_fn=limit,
        timeout=300,
        check=False,
    )
    refused(
        done,
        "_build/proceedings: a file would be larger than this system lets a process write (ulimit -f): "
        "raise the limit, or write elsewhere with --out DIR",
    )
    assert snapshot(out) == before


# --- a real full disk and a real read-only folder -------------------------------------------------

#: Run by ``unshare -m`` (a mount namespace: the mounts vanish with it): mount, build into
#: the mount, say what happened as JSON.  Exit status 77: mounting is not allowed here.
DRIVER = r"""
import hashlib, json, shutil, subprocess, sys
from pathlib import Path
kind, mount, previous, python, cwd = sys.argv[1:6]
mount = Path(mount)
if kind == "full":
    steps = [["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)]]
else:
    shutil.copytree(previous, mount / "proceedings")
    steps = [["mount", "--bind", str(mount), str(mount)], ["mount", "-o", "remount,bind,ro", str(mount)]]
for step in steps:
    if subprocess.run(step, capture_output=True).returncode != 0:
        sys.exit(77)
if kind == "full":
    shutil.copytree(previous, mount / "proceedings")  # the last volume fills the disk but for 230 kB
done = subprocess.run([python, "-m", "proceedings", "build", "--no-progress", "--jobs", "1", "--out",
                       str(mount / "proceedings")], capture_output=True, text=True, cwd=cwd)
files = {p.relative_to(mount / "proceedings").as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
         for p in sorted((mount / "proceedings").rglob("*")) if p.is_file()}
print(json.dumps({"status": done.returncode, "stderr": done.stderr, "files": files}))
"""


def in_a_mount_namespace(kind: str, tmp_path: Path, previous: Path, cwd: Path) -> dict:
    if sys.platform != "linux" or shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("needs Linux's unshare and mount")
    mount = tmp_path / "disk"
    mount.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    done = subprocess.run(
        [
            "unshare",
            "-m",
            "--",
            sys.executable,
            "-c",
            DRIVER,
            kind,
            str(mount),
            str(previous),
            sys.executable,
            str(cwd),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    if done.returncode == 77 or done.stderr.startswith("unshare:"):
        pytest.skip(
            f"mounting is not allowed here ({done.stderr.strip() or 'mount failed'}): root on Linux only"
        )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_real_disk_that_is_full(repo, tmp_path):
    data, out, before = repo
    result = in_a_mount_namespace("full", tmp_path, out, data.parent.parent)
    disk = tmp_path / "disk" / "proceedings"
    assert (result["status"], result["stderr"]) == (1, f"error: {disk}: {FULL.format('build')}\n")
    assert result["files"] == before


def test_a_real_read_only_mount(repo, tmp_path):
    data, out, before = repo
    result = in_a_mount_namespace("readonly", tmp_path, out, data.parent.parent)
    disk = tmp_path / "disk" / "proceedings"
    assert (result["status"], result["stderr"]) == (1, f"error: {disk}: {READ_ONLY.format('--out DIR')}\n")
    assert result["files"] == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through a folder's permissions")
def test_a_folder_without_write_permission(repo):
    data, out, before = repo
    for folder in (out, out / "papers"):
        folder.chmod(0o555)
    try:
        done = run_build(data, out)
    finally:
        for folder in (out, out / "papers"):
            folder.chmod(0o755)
    refused(
        done,
        "_build/proceedings: permission denied: make it writable for this user, or write elsewhere "
        "with --out DIR",
    )
    assert snapshot(out) == before
