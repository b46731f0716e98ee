"""Paths that are no paper's PDF, given to ``check`` and ``build`` as a chair would give
them: a named pipe, a folder, a device, a socket, a symbolic link that loops, a file larger
than the limit (``--max-pdf-size``), a decompression bomb.  Each is one line saying what
the path is and what to do, exit status 1, no traceback, in bounded time and memory (the
command runs in a process of its own under a limit on its address space and a timeout),
and nothing written: ad hoc, no report; in a build, the last volume as it was."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import ArrayObject, NameObject, StreamObject
from volume_support import ROOT, body_pages, copy_data

from workshop.engine.pdf.opener import DEFAULT_MAX_BYTES, UnreadablePdf, open_pdf, read_pdf_bytes

#: The address space each command may take: a few times what a build needs (about 150 MB),
#: far below what reading /dev/zero or inflating the bomb below would take.
MEMORY = 512 << 20
#: A hang fails the test after this long (each command here takes a second or two).
SECONDS = 60
#: An ad-hoc check against the example's short track.
CHECK = ("check", "--data", str(ROOT / "docs" / "data"), "--track", "short")
NAME_IT = "name the PDF file itself (check the path, and the pdf field of papers.yaml)"


def bounded(*args: str, cwd: Path = ROOT) -> tuple[subprocess.CompletedProcess, float]:
    """``python -m proceedings ARGS`` under :data:`MEMORY` and :data:`SECONDS`: the result
    and the seconds it took."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "proceedings", *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            preexec_fn=limit,
            timeout=SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"python -m proceedings {' '.join(args)} did not finish in {SECONDS} s (it hangs)")
    return done, time.monotonic() - started


# --- the paths ---------------------------------------------------------------------------------


def fifo(path: Path) -> str:
    os.mkfifo(path)
    return f"is a named pipe, not a regular file: {NAME_IT}"


def folder(path: Path) -> str:
    path.mkdir()
    (path / "paper.pdf").write_bytes(b"%PDF-1.7\n")
    return f"is a folder, not a PDF file: {NAME_IT}"


def device(path: Path) -> str:
    """/dev/zero under the paper's name (a device node inside the repository, as the data
    allows only paths inside it): read without a bound, it never ends."""
    try:
        os.mknod(path, 0o666 | 0o020000, os.makedev(1, 5))  # S_IFCHR, /dev/zero's numbers
    except PermissionError:
        pytest.skip("making a device node needs root")
    return f"is a device, not a regular file: {NAME_IT}"


def unix_socket(path: Path) -> str:
    server = socket.socket(socket.AF_UNIX)
    # Bound by its name from its folder: a socket's path holds 107 bytes at most, fewer than
    # a parallel run's temporary folders (pytest-of-<user>/pytest-N/popen-gwN/test_...) take.
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        server.bind(path.name)  # the node stays when the socket is closed
    finally:
        os.chdir(here)
        server.close()
    return f"is a socket, not a regular file: {NAME_IT}"


def loop(path: Path) -> str:
    path.symlink_to(path.name)
    return f"is a symbolic link that leads round in a loop: {NAME_IT}"


def sparse(path: Path) -> str:
    """20 GB that take no disk (a sparse file): read whole, it would take 20 GB of memory."""
    with path.open("wb") as handle:
        handle.truncate(20_000_000_000)
    return (
        "is 20,000 MB (20,000,000,000 bytes), more than the 100 MB a paper's PDF may be: ask the authors "
        "for a smaller file (images compressed), or raise the limit with --max-pdf-size MB"
    )


def missing(path: Path) -> str:
    return "does not exist: check the path (and the pdf field of papers.yaml)"


PATHS = [fifo, folder, device, unix_socket, loop, sparse, missing]


@pytest.mark.parametrize("make", PATHS)
def test_check_says_what_the_path_is_in_one_line(tmp_path, make):
    path = tmp_path / "paper.pdf"
    reason = make(path)
    done, seconds = bounded(*CHECK, "--no-progress", "--json", str(path), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    (record,) = json.loads(done.stdout)["records"]
    assert (record["verdict"], record["reasons"]) == ("error", [f"{path} {reason}"])
    assert seconds < SECONDS
    assert [p.name for p in tmp_path.iterdir() if p != path] == []  # ad hoc: no report written


@pytest.mark.parametrize("make", [fifo, device, loop])
def test_the_table_names_it_too(tmp_path, make):
    """The chair's table, not JSON: the same line under the file's name."""
    path = tmp_path / "paper.pdf"
    reason = make(path)
    done, _ = bounded(*CHECK, "--no-progress", str(path), cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"  - {path} {reason}" in done.stdout


def test_max_pdf_size_sets_the_limit(tmp_path):
    good = body_pages(tmp_path / "good.pdf", "A Paper", 4)
    size = good.stat().st_size
    done, _ = bounded(*CHECK, "--json", "--max-pdf-size", "0.01", str(good), cwd=tmp_path)
    assert done.returncode == 1
    assert json.loads(done.stdout)["records"][0]["reasons"] == [
        (
            f"{good} is {size / 1e6:.2g} MB ({size:,} bytes), more than the 0.01 MB a paper's PDF may be: ask the "
            "authors for a smaller file (images compressed), or raise the limit with --max-pdf-size MB"
        )
    ]
    done, _ = bounded(*CHECK, "--json", "--max-pdf-size", "1", str(good), cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["records"][0]["verdict"] == "pass"


@pytest.mark.parametrize("value", ["0", "-5", "nan", "inf"])
def test_a_max_pdf_size_that_is_no_size_is_a_usage_error(value):
    done, _ = bounded(*CHECK, f"--max-pdf-size={value}", "x.pdf")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "python -m proceedings check: error: --max-pdf-size: must be a number of MB above 0 (the default is 100)"
    )


def test_the_limit_holds_for_a_file_that_grows_after_it_was_looked_at(tmp_path, monkeypatch):
    """fstat says 10 bytes; the file holds more by the time it is read: never more than
    the limit and one byte is read, and the file is refused for its size."""
    path = tmp_path / "growing.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    real_fstat = os.fstat

    def stale(descriptor):
        result = real_fstat(descriptor)
        return os.stat_result((*result[:6], 10, *result[7:]))

    monkeypatch.setattr(os, "fstat", stale)
    with pytest.raises(UnreadablePdf, match=r"is 0.001 MB \(1,001 bytes\), more than the 0.001 MB"):
        read_pdf_bytes(path, max_bytes=1000)
    monkeypatch.undo()
    assert len(read_pdf_bytes(path, DEFAULT_MAX_BYTES)) == 5009


# --- a decompression bomb ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """A four-page paper whose last page draws a stream of 1 MB in the file that inflates to
    1 GiB of zero bytes (twice the memory the check may use)."""
    folder = tmp_path_factory.mktemp("bomb")
    writer = pypdf.PdfWriter(clone_from=str(body_pages(folder / "plain.pdf", "A Bomb", 4)))
    packer = zlib.compressobj(6)
    zeros = bytes(1 << 24)
    data = b"".join([*(packer.compress(zeros) for _ in range(64)), packer.flush()])
    assert len(data) < 5_000_000
    stream = StreamObject()
    stream._data = data
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page = writer.pages[-1]
    page[NameObject("/Contents")] = ArrayObject([page.raw_get("/Contents"), writer._add_object(stream)])
    path = folder / "bomb.pdf"
    writer.write(str(path))
    return path


def test_a_decompression_bomb_is_refused_within_bounds(bomb):
    """pypdf's limit on what one stream inflates to (pypdf.Configuration, 75 MB) applies to
    what the check reads: the page is said to hold too much, and the memory stays bounded."""
    done, seconds = bounded(*CHECK, "--json", "--jobs", "1", str(bomb), cwd=bomb.parent)
    assert done.returncode == 1 and done.stderr == ""
    (reason,) = json.loads(done.stdout)["records"][0]["reasons"]
    assert reason.startswith(
        f"{bomb} page 4 holds more than a PDF reader should unpack, a decompression bomb "
        "or a broken file (Limit reached while decompressing"
    )
    assert reason.endswith("): export it again")
    assert seconds < SECONDS


def test_the_opener_reads_what_pypdf_reads(bomb):
    reader, encryption = open_pdf(bomb)
    assert len(reader.pages) == 4 and encryption is None


# --- in a build --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """The example data, built once: its output folder and every file in it."""
    site = tmp_path_factory.mktemp("built")
    data = copy_data(site)
    done, _ = bounded(
        "build", "--data", str(data), "--out", str(site / "out"), "--no-progress", "--jobs", "1", cwd=site
    )
    assert done.returncode == 0, done.stderr
    return site / "out", snapshot(site / "out")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (fifo, "is a device, a pipe or a socket, not a file"),
        (folder, "is a folder"),
        (device, "is a device, a pipe or a socket, not a file"),
        (unix_socket, "is a device, a pipe or a socket, not a file"),
    ],
)
def test_a_build_refuses_a_paper_that_names_no_file_at_its_line_and_keeps_the_last_volume(
    tmp_path, built, make, what
):
    """The loader finds it first, with the line of papers.yaml: nothing is opened or written."""
    out, before = built
    data = copy_data(tmp_path / "site")
    pdf = data / "papers" / "huang-bnn-crossbar.pdf"
    pdf.unlink()
    make(pdf)
    work = tmp_path / "out"
    shutil.copytree(out, work)  # the last good outputs
    done, seconds = bounded(
        "build",
        "--data",
        str(data),
        "--out",
        str(work),
        "--no-progress",
        "--jobs",
        "1",
        cwd=data.parent.parent,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert re.fullmatch(
        rf"error: docs/data/papers.yaml:\d+: papers\[\d\]\.pdf: 'papers/huang-bnn-crossbar.pdf' "
        rf"{what}: name the file itself",
        line,
    ), line
    assert snapshot(work) == before
    assert seconds < SECONDS


@pytest.mark.parametrize("make", [missing])
def test_a_build_refuses_the_paper_in_one_line_and_keeps_the_last_volume(tmp_path, built, make):
    out, before = built
    data = copy_data(tmp_path / "site")
    pdf = data / "papers" / "huang-bnn-crossbar.pdf"
    pdf.unlink()
    reason = make(pdf)
    work = tmp_path / "out"
    shutil.copytree(out, work)  # the last good outputs
    done, seconds = bounded(
        "build",
        "--data",
        str(data),
        "--out",
        str(work),
        "--no-progress",
        "--jobs",
        "1",
        cwd=data.parent.parent,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    head, paper, advice = done.stderr.splitlines()
    assert head.startswith("error: docs/data/papers.yaml: the volume is not built: 1 paper did not pass")
    assert paper == f"  huang-bnn-crossbar (error): docs/data/papers/huang-bnn-crossbar.pdf {reason}"
    assert advice == "Fix the PDF (or its path): no chair's decision admits a file that cannot be read."
    after = snapshot(work)
    # The check's report says what it found (and its cache what it learnt); every output of
    # the volume is as it was.
    assert json.loads(after.pop("report.json"))["summary"]["error"] == 1
    check = ("report.json", "check-cache.json")
    assert {n: c for n, c in after.items() if n not in check} == {
        name: content for name, content in before.items() if name not in check
    }
    assert sorted(p.name for p in work.iterdir() if p.name.startswith(".")) == []  # no staging, no temporary
    assert seconds < SECONDS


def test_a_build_keeps_to_max_pdf_size(tmp_path):
    data = copy_data(tmp_path / "site")
    done, _ = bounded(
        "build",
        "--data",
        str(data),
        "--out",
        str(tmp_path / "out"),
        "--no-progress",
        "--max-pdf-size",
        "0.05",
        cwd=tmp_path / "site",
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "docs/data/papers/liu-time-variations.pdf is 0." in done.stderr
    assert "more than the 0.05 MB a paper's PDF may be" in done.stderr
    assert not (tmp_path / "out" / "volume.pdf").exists()
