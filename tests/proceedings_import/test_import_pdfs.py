"""The papers' PDFs from a zip or a folder named with the submission number (--pdfs): copied
to docs/data/papers/<id>.pdf; an archive that leads outside itself, holds a link or a bomb,
or is no archive, refused with one line and nothing written; a paper without a PDF a warning."""

from __future__ import annotations

import os
import stat
import zipfile

import pytest
import yaml
from import_support import data_folder, easychair, run, snapshot, write_json
from volume_support import body_pages


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """Real PDFs (fpdf2) for submissions 1, 2 and 6, and one of a rejected paper (3)."""
    folder = tmp_path_factory.mktemp("made")
    return {n: body_pages(folder / f"made{n}.pdf", f"Paper {n}", 4) for n in (1, 2, 3, 6)}


def import_with(tmp_path, source, *extra):
    data = data_folder(tmp_path / "repo")
    done = run(
        "easychair",
        *map(str, easychair(tmp_path / "export")),
        "--data",
        str(data),
        "--pdfs",
        str(source),
        *extra,
        cwd=tmp_path,
    )
    return data, done


def test_pdfs_from_a_zip_named_as_easychair_hotcrp_and_chairs_name_them(tmp_path, pdfs):
    archive = tmp_path / "papers.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(pdfs[1], "MLBench23_paper_1.pdf")
        out.write(pdfs[2], "final/mlbench23-final2.pdf")  # in a folder of the archive
        out.write(pdfs[3], "MLBench23_paper_3.pdf")  # rejected: not taken
        out.write(pdfs[6], "6.PDF")
        out.writestr("readme.txt", "not a paper")
    data, done = import_with(tmp_path, archive)
    assert done.returncode == 0, done.stderr
    folder = data / "papers"
    assert sorted(p.name for p in folder.iterdir()) == [
        "janapa-reddi-dont-trust.pdf",
        "muller-fast-inference.pdf",
        "paper-2.pdf",
    ]
    assert (folder / "muller-fast-inference.pdf").read_bytes() == pdfs[1].read_bytes()
    assert (folder / "janapa-reddi-dont-trust.pdf").read_bytes() == pdfs[6].read_bytes()
    assert stat.S_IMODE((folder / "paper-2.pdf").stat().st_mode) == 0o644
    assert "  added      muller-fast-inference            #1     copied     Fast Inference" in done.stdout
    assert "0 missing PDF" in done.stdout
    assert (
        done.stdout.splitlines()[-1]
        == "wrote repo/docs/data/papers.yaml and 3 PDF(s) into repo/docs/data/papers"
    )
    # Again: every byte the same, nothing rewritten.
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    again = run(
        "easychair",
        *map(str, easychair(tmp_path / "export")),
        "--data",
        str(data),
        "--pdfs",
        str(archive),
        cwd=tmp_path,
    )
    assert again.returncode == 0
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps
    assert "  unchanged  muller-fast-inference            #1     unchanged  Fast Inference" in again.stdout


def test_pdfs_from_a_folder(tmp_path, pdfs):
    folder = tmp_path / "pdfs"
    (folder / "sub").mkdir(parents=True)
    os.link(pdfs[1], folder / "paper1.pdf")
    os.link(pdfs[6], folder / "sub" / "MLBench23_paper_6.pdf")
    data, done = import_with(tmp_path, folder)
    assert done.returncode == 0, done.stderr
    assert (data / "papers" / "muller-fast-inference.pdf").read_bytes() == pdfs[1].read_bytes()
    assert (
        "warning: paper-2: no PDF (none for #2 in pdfs); put it at repo/docs/data/papers/paper-2.pdf"
        in done.stdout.splitlines()
    )
    assert "1 missing PDF" in done.stdout


def test_two_pdfs_for_one_paper_or_a_file_that_is_no_pdf_are_warnings(tmp_path, pdfs):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    os.link(pdfs[1], folder / "paper1.pdf")
    os.link(pdfs[1], folder / "paper1-camera-ready-v1.pdf")  # the last number is 1: two for #1
    (folder / "2.pdf").write_bytes(b"<html>not a paper</html>")
    data, done = import_with(tmp_path, folder)
    assert done.returncode == 0, done.stderr
    assert not (data / "papers" / "muller-fast-inference.pdf").exists()
    lines = done.stdout.splitlines()
    assert (
        "warning: muller-fast-inference: no PDF (2 PDFs (pdfs/paper1-camera-ready-v1.pdf, pdfs/paper1.pdf): none "
        "taken; leave one); put it at repo/docs/data/papers/muller-fast-inference.pdf"
    ) in lines
    assert (
        "warning: paper-2: no PDF (pdfs/2.pdf is not a PDF (no %PDF- at its start): not taken); put it at "
        "repo/docs/data/papers/paper-2.pdf"
    ) in lines


def test_openreview_pdfs_named_by_note_id(tmp_path, pdfs):
    data = data_folder(tmp_path / "repo")
    content = {
        "title": {"value": "Named By Id"},
        "authors": {"value": ["Ann Author"]},
        "venueid": {"value": "V/2023/Workshop"},
        "venue": {"value": "V 2023"},
        "pdf": {"value": "/pdf/3f9a2c.pdf"},
    }
    notes = write_json(tmp_path / "notes.json", [{"id": "Xy7Zq2", "number": 4, "content": content}])
    archive = tmp_path / "pdfs.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(pdfs[1], "3f9a2c.pdf")  # its last number is 2, but the name is the note's PDF's
    done = run("openreview", str(notes), "--data", str(data), "--pdfs", str(archive), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (data / "papers" / "author-named-id.pdf").read_bytes() == pdfs[1].read_bytes()
    assert (
        yaml.safe_load((data / "papers.yaml").read_text())["papers"][0]["pdf"] == "papers/author-named-id.pdf"
    )


# --- refused: one line, exit status 1, nothing written --------------------------------------


def refused(tmp_path, source):
    data = data_folder(tmp_path / "repo")
    before = snapshot(data.parent.parent)
    done = run(
        "easychair",
        *map(str, easychair(tmp_path / "export")),
        "--data",
        str(data),
        "--pdfs",
        str(source),
        cwd=tmp_path,
    )
    assert done.returncode == 1 and done.stdout == "", done.stdout + done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
    assert snapshot(data.parent.parent) == before
    assert not (tmp_path / "evil.pdf").exists()
    return done.stderr.strip()


@pytest.mark.parametrize(
    "name", ["../evil.pdf", "papers/../../evil.pdf", "/tmp/evil.pdf", "..\\evil.pdf", "C:/evil.pdf"]
)
def test_zip_slip_is_refused(tmp_path, pdfs, name):
    archive = tmp_path / "papers.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(pdfs[1], "MLBench23_paper_1.pdf")
        out.writestr(zipfile.ZipInfo(name), pdfs[2].read_bytes())
    assert refused(tmp_path, archive) == (
        f"error: papers.zip: {name!r} leads outside the archive: refused, nothing imported; download the archive "
        "again from the submission system"
    )


def test_a_symbolic_link_in_the_zip_is_refused(tmp_path, pdfs):
    archive = tmp_path / "papers.zip"
    link = zipfile.ZipInfo("MLBench23_paper_1.pdf")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr(link, "/etc/passwd")
    assert refused(tmp_path, archive) == (
        "error: papers.zip: 'MLBench23_paper_1.pdf' is a symbolic link: refused, nothing imported; download the "
        "archive again from the submission system"
    )


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    archive = tmp_path / "papers.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr(
            "MLBench23_paper_1.pdf", b"%PDF-1.7\n" + bytes(32 * 2**20)
        )  # 32 MB of zeros pack to 32 kB
    assert archive.stat().st_size < 2**20
    message = refused(tmp_path, archive)
    assert message.startswith("error: papers.zip: 'MLBench23_paper_1.pdf' is packed ")
    assert "times tighter than a PDF can be (a zip bomb): refused, nothing imported" in message


def test_a_file_that_is_no_zip(tmp_path):
    archive = tmp_path / "papers.zip"
    archive.write_bytes(b"PK\x03\x04 but truncated")
    assert refused(tmp_path, archive).startswith(
        "error: papers.zip: cannot be read as a zip archive (File is not a zip file): download the PDFs again, "
        "or give the folder they are unpacked in"
    )


def test_a_link_out_of_the_folder_is_refused(tmp_path, pdfs):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "paper1.pdf").symlink_to(pdfs[1])
    assert refused(tmp_path, folder) == (
        f"error: pdfs/paper1.pdf: is a symbolic link to {pdfs[1]}, outside pdfs: copy the file itself into the folder"
    )


def test_a_pdf_larger_than_a_paper_can_be_is_refused(tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    with (folder / "paper1.pdf").open("wb") as out:
        out.write(b"%PDF-1.7\n")
        out.truncate(65 * 2**20)  # sparse: costs no disk
    assert refused(tmp_path, folder) == (
        "error: pdfs/paper1.pdf: is 65 MB, more than a paper can be (64 MB): check that this is the paper"
    )


def test_pdfs_that_do_not_exist(tmp_path):
    assert refused(tmp_path, tmp_path / "nowhere.zip") == (
        "error: nowhere.zip: does not exist: give the zip or the folder of the papers' PDFs"
    )


def test_a_member_broken_past_its_start_leaves_everything_as_it_was(tmp_path, pdfs):
    """The third PDF fails its checksum while being copied, after two were copied aside:
    no PDF and no papers.yaml is written, and no temporary file is left."""
    archive = tmp_path / "papers.zip"
    with zipfile.ZipFile(archive, "w") as out:  # stored: the member's bytes stand as they are in the file
        for number in (1, 2, 6):
            out.write(pdfs[number], f"MLBench23_paper_{number}.pdf")
    with zipfile.ZipFile(archive) as read:
        member = read.getinfo("MLBench23_paper_6.pdf")
    data = bytearray(archive.read_bytes())
    data[member.header_offset + 30 + len(member.filename) + member.file_size // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    message = refused(tmp_path, archive)
    assert message.startswith("error: papers.zip:MLBench23_paper_6.pdf: cannot be read (Bad CRC-32")
