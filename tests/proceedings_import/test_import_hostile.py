"""The import's doors tried as a careful attacker and a clumsy chair would (issue 23): numbers
of thousands of digits, ids too long for a file name, a folder of PDFs that loops, a zip whose
members share their bytes, names that are terminal escapes, a papers.yaml that is read-only or
a link, a disk that refuses the last file, two imports at once, an import killed halfway.

Each gives one line naming the file and the line or field (exit status 1, no traceback) and
leaves every byte of the data as it was, or imports correctly.  Every input is made here."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
import yaml
from import_support import AUTHORS, SUBMISSIONS, data_folder, easychair, run, snapshot, write_json
from volume_support import body_pages

TESTS = Path(__file__).resolve().parents[1]


def refused(done: subprocess.CompletedProcess[str]) -> str:
    """The one line of a refused import (exit status 1, nothing on standard output)."""
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    return done.stderr.strip()


def hotcrp(tmp_path: Path, papers: list[dict]) -> Path:
    return write_json(tmp_path / "hotcrp.json", papers)


def accepted(pid, title="A Paper", first="Ann", last="Author", affiliation="Somewhere"):
    person = {"first": first, "last": last, "affiliation": affiliation}
    return {"pid": pid, "title": title, "status": "accepted", "authors": [person]}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("made")
    return {n: body_pages(folder / f"made{n}.pdf", f"Paper {n}", 4) for n in (1, 2, 6)}


# --- numbers and ids ------------------------------------------------------------------------


def test_an_easychair_number_of_5000_digits(tmp_path):
    data = data_folder(tmp_path / "repo")
    before = snapshot(tmp_path / "repo")
    huge = "9" * 5000
    files = easychair(tmp_path / "export", [(huge, "T", "accept", "no", "A.")], [(huge, "A", "B", "C")])
    message = refused(run("easychair", *map(str, files), "--data", str(data), cwd=tmp_path))
    assert message == (
        "error: export/submission.csv:2: #: '9999999999999999999999999999999999999'... (5,000 characters) "
        "is not a submission number: EasyChair numbers submissions 1, 2, ...; check that the columns were "
        "not shifted"
    )
    assert snapshot(tmp_path / "repo") == before


@pytest.mark.parametrize(
    ("pid", "said"),
    [
        ("9" * 5000, "a number of 5,000 digits"),  # Python refuses to read it at all
        (str(10**300), "a number of 301 digits"),  # readable, but no file may be named by it
        (str(10**12), "1000000000000"),
        ("12.5", "12.5"),
        ('"12"', "'12'"),
    ],
)
def test_a_hotcrp_pid_out_of_bounds(tmp_path, pid, said):
    data = data_folder(tmp_path / "repo")
    before = snapshot(tmp_path / "repo")
    paper = json.dumps(accepted(1, first="小明", last="王")).replace('"pid": 1', f'"pid": {pid}')
    (tmp_path / "hotcrp.json").write_text(f"[{paper}]")
    message = refused(run("hotcrp", "hotcrp.json", "--data", str(data), cwd=tmp_path))
    assert message == (
        f"error: hotcrp.json: [0].pid: is {said}, not a paper number: download it again from HotCRP's "
        "search page (select the papers, then Download > JSON)"
    )
    assert snapshot(tmp_path / "repo") == before


def test_an_openreview_number_of_5000_digits(tmp_path):
    data = data_folder(tmp_path / "repo")
    note = '{"id": "x", "number": ' + "7" * 5000 + ', "content": {"title": {"value": "T"}}}'
    (tmp_path / "notes.json").write_text(f'{{"notes": [{note}]}}')
    assert refused(run("openreview", "notes.json", "--data", str(data), cwd=tmp_path)).startswith(
        "error: notes.json: notes[0].number: is a number of 5,000 digits, not a submission number: "
    )


def test_the_largest_number_makes_an_id_that_names_a_file(tmp_path):
    """Nine digits, an author with no Latin name: ``paper-999999999``, written and read back."""
    data = data_folder(tmp_path / "repo")
    export = hotcrp(tmp_path, [accepted(999_999_999, first="小明", last="王")])
    done = run("hotcrp", str(export), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert yaml.safe_load((data / "papers.yaml").read_text())["papers"][0]["id"] == "paper-999999999"


def test_a_file_name_of_many_digits_in_the_pdfs_is_no_paper_of_it(tmp_path, pdfs):
    data = data_folder(tmp_path / "repo")
    folder = tmp_path / "pdfs"
    folder.mkdir()
    os.link(pdfs[1], folder / f"paper{'1' * 240}.pdf")  # digits past any submission's number: not #1
    done = run(
        "easychair",
        *map(str, easychair(tmp_path / "export")),
        "--data",
        str(data),
        "--pdfs",
        str(folder),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert not (data / "papers").exists()
    assert "3 missing PDF" in done.stdout


def test_an_id_longer_than_a_file_name_allows_is_refused_at_its_line(tmp_path):
    data = data_folder(tmp_path / "repo")
    long_id = "a" * 300
    (data / "papers.yaml").write_text(
        f"papers:\n  - id: {long_id}\n    title: T\n    track: short\n    pdf: papers/x.pdf\n"
        "    authors: [{name: A B}]\n"
    )
    before = snapshot(tmp_path / "repo")
    message = refused(run("hotcrp", str(hotcrp(tmp_path, [accepted(1)])), "--data", str(data), cwd=tmp_path))
    assert message.startswith(
        f"error: repo/docs/data/papers.yaml:2: papers[0].id: '{'a' * 40}'... is 300 characters long: an id "
        "has at most 100 (ids name files, and a file's name is short on every system); shorten it"
    )
    assert snapshot(tmp_path / "repo") == before


# --- what --pdfs holds ---------------------------------------------------------------------


def test_a_pdf_in_the_folder_that_links_to_itself(tmp_path):
    data = data_folder(tmp_path / "repo")
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "4.pdf").symlink_to("4.pdf")
    before = snapshot(tmp_path / "repo")
    done = run(
        "easychair",
        *map(str, easychair(tmp_path / "export")),
        "--data",
        str(data),
        "--pdfs",
        "pdfs",
        cwd=tmp_path,
    )
    assert refused(done) == (
        "error: pdfs/4.pdf: is a symbolic link that leads back to itself (a loop): point it at the file; "
        "or take it out of the folder"
    )
    assert snapshot(tmp_path / "repo") == before


def overlapping_zip(path: Path, names: list[str], kernel: bytes) -> Path:
    """A zip whose members overlap (David Fifield's "better zip bomb"): each member's data is
    a stored quote of the next member's local header followed by the same data, and all of
    them end in one shared compressed kernel.  Each member looks packed no tighter than the
    kernel; together they expand to the kernel times their number."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(kernel) + packer.flush()

    def header(name: str, crc: int, size: int, full: int) -> bytes:
        raw = name.encode()
        return struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, size, full, len(raw), 0) + raw

    def quote(block: bytes) -> bytes:  # a stored deflate block, not the last one
        return struct.pack("<BHH", 0, len(block), len(block) ^ 0xFFFF)

    headers, entries = [b""] * len(names), [(0, 0, 0)] * len(names)
    plain, data = kernel, packed
    for i in range(len(names) - 1, -1, -1):
        crc = zlib.crc32(plain)
        headers[i], entries[i] = header(names[i], crc, len(data), len(plain)), (crc, len(data), len(plain))
        if i:
            data, plain = quote(headers[i]) + headers[i] + data, headers[i] + plain
    body, offsets = b"", []
    for i, head in enumerate(headers):
        offsets.append(len(body))
        body += head + (quote(headers[i + 1]) if i + 1 < len(headers) else b"")
    body += packed
    central = b"".join(
        struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0,
            *entries[i],
            len(n.encode()),
            0,
            0,
            0,
            0,
            0,
            offsets[i],
        )
        + n.encode()
        for i, n in enumerate(names)
    )
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(names), len(names), len(central), len(body), 0)
    path.write_bytes(body + central + end)
    return path


def import_zip(tmp_path: Path, archive: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    data = data_folder(tmp_path / "repo")
    files = easychair(tmp_path / "export")
    return data, run("easychair", *map(str, files), "--data", str(data), "--pdfs", str(archive), cwd=tmp_path)


def test_members_that_share_their_bytes_are_refused(tmp_path):
    kernel = b"%PDF-1.7\n" + bytes(2**20)
    archive = overlapping_zip(tmp_path / "papers.zip", ["paper1.pdf", "paper2.pdf", "paper6.pdf"], kernel)
    # Python 3.11's zipfile reads it whole, where its fix for overlaps is not backported
    # (Debian's 3.11.2 and Python 3.12 refuse it themselves).
    with zipfile.ZipFile(archive) as readable, contextlib.suppress(zipfile.BadZipFile):
        assert all(len(readable.read(n)) > 2**20 for n in readable.namelist())
    data, done = import_zip(tmp_path, archive)
    assert refused(done) == (
        "error: papers.zip: 'paper1.pdf' overlaps the next member of the archive (members that share their "
        "bytes: a zip bomb): refused, nothing imported; download the archive again from the submission system"
    )
    assert not (data / "papers").exists() and not (data / "papers.yaml").exists()


def test_what_all_members_expand_to_is_counted_as_they_are_read(tmp_path):
    """Three members of 1 MB of zeros each, too small for the ratio of one member to count:
    together 3 MB out of an archive of a few kilobytes, past 50 times its size."""
    archive = tmp_path / "papers.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for number in (1, 2, 6):
            out.writestr(f"paper{number}.pdf", b"%PDF-1.7\n" + bytes(2**20 - 9))
    size = archive.stat().st_size
    data, done = import_zip(tmp_path, archive)
    assert refused(done) == (
        f"error: papers.zip: expands to more than 50 times the archive's size ({50 * size / 2**20:,.0f} MB; a "
        "zip bomb?): refused, nothing imported; give the accepted papers' PDFs only"
    )
    assert not (data / "papers").exists() and not (data / "papers.yaml").exists()
    assert not list(data.glob(".import*"))


ESCAPE = "\x1b[2J\x1b]0;PWNED\x07paper-1.pdf"


@pytest.mark.parametrize("where", ["zip", "folder"])
def test_names_that_are_terminal_escapes_are_printed_cleaned(tmp_path, pdfs, where):
    if where == "zip":
        source = tmp_path / "papers.zip"
        with zipfile.ZipFile(source, "w") as out:
            out.writestr(ESCAPE, b"<html>no paper</html>")
    else:
        source = tmp_path / "pdfs"
        source.mkdir()
        (source / ESCAPE).write_bytes(b"<html>no paper</html>")
    _, done = import_zip(tmp_path, source)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "\\x1b[2J\\x1b]0;PWNED\\x07paper-1.pdf is not a PDF (no %PDF- at its start)" in done.stdout


# --- all or nothing -------------------------------------------------------------------------


def first_then_second(tmp_path: Path, pdfs) -> tuple[Path, list[str], dict[str, bytes]]:
    """An import of papers 1, 2 and 6 done; the arguments of a second one that brings new PDFs
    (and a changed title, so papers.yaml changes too); the repository's bytes before it."""
    data = data_folder(tmp_path / "repo")
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for number in (1, 2, 6):
        os.link(pdfs[number], folder / f"{number}.pdf")
    first = run(
        "easychair",
        *map(str, easychair(tmp_path / "one")),
        "--data",
        str(data),
        "--pdfs",
        "pdfs",
        cwd=tmp_path,
    )
    assert first.returncode == 0, first.stderr
    newer = tmp_path / "newer"
    newer.mkdir()
    for number in (1, 2, 6):
        body_pages(newer / f"{number}.pdf", f"Paper {number}, camera-ready", 5)
    changed = [(1, "Faster Inference", *s[2:]) if s[0] == 1 else s for s in SUBMISSIONS]
    args = [*map(str, easychair(tmp_path / "two", changed, AUTHORS)), "--data", str(data), "--pdfs", "newer"]
    return data, ["easychair", *args], snapshot(tmp_path / "repo")


@pytest.mark.parametrize("kind", ["read-only", "symbolic link"])
def test_a_papers_yaml_that_is_read_only_or_a_link_is_refused_and_no_pdf_replaced(tmp_path, pdfs, kind):
    data, second, before = first_then_second(tmp_path, pdfs)
    papers = data / "papers.yaml"
    if kind == "read-only":
        papers.chmod(0o444)
        why = (
            "is read-only: the import would replace it; make it writable (chmod u+w) and import again, or "
            "leave it as it is and import into a copy of the data folder with --data"
        )
    else:
        papers.rename(data / "real-papers.yaml")
        papers.symlink_to("real-papers.yaml")
        before = snapshot(tmp_path / "repo")
        why = (
            "is a symbolic link (to real-papers.yaml): the import replaces files, never what a link leads to; "
            "put the file itself there (or import into the data folder it leads to, with --data)"
        )
    assert refused(run(*second, cwd=tmp_path)) == f"error: repo/docs/data/papers.yaml: {why}"
    assert snapshot(tmp_path / "repo") == before  # the PDFs too
    assert papers.is_symlink() == (kind == "symbolic link")
    assert not list(data.glob(".import*"))


def faulty(fault: str, folder: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "disk_faults", fault, str(folder), "--", "import", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )


def test_a_papers_yaml_the_disk_refuses_last_undoes_the_pdfs_already_moved(tmp_path, pdfs):
    """A read-only mount for papers.yaml alone (as chattr +i makes it): the three PDFs are
    renamed into place first, then papers.yaml fails, and the PDFs are put back."""
    data, second, before = first_then_second(tmp_path, pdfs)
    done = faulty("readonly", data / "papers.yaml", second, tmp_path)
    assert refused(done) == (
        "error: repo/docs/data/papers.yaml: read-only file system: write elsewhere with --data DIR (a copy of "
        "the data folder); nothing was changed"
    )
    assert snapshot(tmp_path / "repo") == before
    assert not list(data.glob(".import*"))


def test_an_import_killed_halfway_is_undone_by_the_next(tmp_path, pdfs):
    data, second, before = first_then_second(tmp_path, pdfs)
    killed = faulty("killed:2", data, second, tmp_path)
    assert killed.returncode == -9
    assert snapshot(tmp_path / "repo") != before  # two PDFs new, the third and papers.yaml old
    first = map(str, easychair(tmp_path / "one"))
    again = run("easychair", *first, "--data", str(data), cwd=tmp_path)  # the first export again, no PDFs
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[0] == (
        "note: an import stopped halfway through writing was undone: repo/docs/data is as it was before it"
    )
    assert "nothing to write" in again.stdout.splitlines()[-1]
    assert snapshot(tmp_path / "repo") == before
    assert not list(data.glob(".import*"))


def test_a_second_import_waits_for_the_first_then_refuses_in_one_line(tmp_path, pdfs):
    data = data_folder(tmp_path / "repo")
    with open(data / ".import.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        done = run("hotcrp", str(hotcrp(tmp_path, [accepted(1)])), "--data", str(data), cwd=tmp_path)
        waited = time.monotonic() - started
    assert refused(done) == (
        "error: repo/docs/data: another import into this data folder is running (it holds .import.lock; "
        "waited 5 s): let it finish, then import again"
    )
    assert waited >= 5
    assert not (data / "papers.yaml").exists()


def test_a_killed_import_leaves_no_lock_behind(tmp_path):
    data = data_folder(tmp_path / "repo")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import fcntl, sys, time; f = open(sys.argv[1], 'w'); fcntl.flock(f, fcntl.LOCK_EX); "
                "print('held', flush=True); time.sleep(600)"
            ),
            str(data / ".import.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "held\n"
    holder.kill()
    holder.wait()
    done = run("hotcrp", str(hotcrp(tmp_path, [accepted(1)])), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (data / ".import.lock").exists()


def test_two_imports_at_once_both_land(tmp_path):
    """EasyChair's and HotCRP's papers imported at the same moment: one waits for the other,
    and papers.yaml holds both's papers (without the lock, one's were lost about 1 run in 12)."""
    data = data_folder(tmp_path / "repo")
    easy = easychair(tmp_path / "export")
    crp = hotcrp(tmp_path, [accepted(n, title=f"HotCRP Paper {n}", last=f"Crp{n}") for n in range(1, 6)])
    for _ in range(3):
        (data / "papers.yaml").unlink(missing_ok=True)
        both = [
            subprocess.Popen(
                [sys.executable, "-m", "proceedings", "import", *args, "--data", str(data)],
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for args in (["easychair", *map(str, easy)], ["hotcrp", str(crp)])
        ]
        for process in both:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        systems = [
            p["source"]["system"] for p in yaml.safe_load((data / "papers.yaml").read_text())["papers"]
        ]
        assert sorted(systems) == ["easychair"] * 3 + ["hotcrp"] * 5


# --- scale -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bound", "papers", "said"),
    [
        (
            "MAX_SUBMISSIONS",
            [accepted(n) if n == 1 else {**accepted(n), "status": "rejected"} for n in range(1, 5)],
            "4 papers",
        ),
        ("MAX_ACCEPTED", [accepted(n, title=f"Paper {n}") for n in range(1, 5)], "4 accepted papers"),
    ],
)
def test_an_export_beyond_the_scale_the_import_is_built_for(
    tmp_path, monkeypatch, capsys, bound, papers, said
):
    """10,000 accepted of 50,000 submissions (measured in the bench, `nox -s bench`); beyond,
    one line before any work.  Made small here: the bounds are lowered to 3."""
    from proceedings.cli import main
    from proceedings.imports import common

    monkeypatch.setattr(common, bound, 3)
    data = data_folder(tmp_path / "repo")
    monkeypatch.chdir(tmp_path)
    assert main(["import", "hotcrp", str(hotcrp(tmp_path, papers)), "--data", str(data)]) == 1
    most = "3"
    assert capsys.readouterr().err == (
        f"error: hotcrp.json: holds {said}, more than this import is built for ({most}; the largest venues accept "
        "about 5,000 papers of 25,000): import a venue's accepted papers only\n"
    )
    assert not (data / "papers.yaml").exists()


def test_a_source_number_written_as_the_loader_reads_it_is_found_again(tmp_path):
    """``number: 12.0`` or ``"1_2"``: the loader reads 12 (its model's rule), and so does the merge
    (it read it with int() and stopped with a traceback)."""
    data = data_folder(tmp_path / "repo")
    (data / "papers.yaml").write_text(
        "papers:\n  - id: typed\n    title: Old Title\n    track: short\n    pdf: papers/typed.pdf\n"
        "    source: {system: hotcrp, number: 12.0}\n    authors: [{name: Ann Author}]\n"
        "  - id: other\n    title: Other\n    track: short\n    pdf: papers/other.pdf\n"
        "    source: {system: hotcrp, number: '1_3'}\n    authors: [{name: Bob Author}]\n"
    )
    papers = [accepted(12, title="New Title"), accepted(13, title="Other", first="Bob")]
    done = run("hotcrp", str(hotcrp(tmp_path, papers)), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "  updated    typed" in done.stdout and "0 added" in done.stdout
    assert yaml.safe_load((data / "papers.yaml").read_text())["papers"][0]["title"] == "New Title"


def test_a_read_only_data_folder_takes_an_import_that_changes_nothing(tmp_path):
    """No lock file can be made there, and none is needed: nothing can write the folder.  An
    import that would change something stops at the first file, in one line."""
    data = data_folder(tmp_path / "repo")
    crp = hotcrp(tmp_path, [accepted(1)])
    assert run("hotcrp", str(crp), "--data", str(data), cwd=tmp_path).returncode == 0
    before = snapshot(tmp_path / "repo")
    same = faulty("readonly", data, ["hotcrp", str(crp), "--data", str(data)], tmp_path)
    assert same.returncode == 0, same.stderr
    assert same.stdout.splitlines()[-1] == "nothing to write: papers.yaml and the PDFs are up to date"
    changed = hotcrp(tmp_path, [accepted(1, title="A New Title")])
    assert refused(faulty("readonly", data, ["hotcrp", str(changed), "--data", str(data)], tmp_path)) == (
        "error: repo/docs/data: read-only file system: write elsewhere with --data DIR (a copy of the data "
        "folder); nothing was changed"
    )
    assert snapshot(tmp_path / "repo") == before
