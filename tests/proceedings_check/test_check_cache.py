"""The check's cache: a second run re-reads no PDF; a paper replaced, or whose limits,
decision or format changed, is read again; ``--no-cache`` reads them all; a broken or
foreign cache file costs a full run and nothing else."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys

import pytest
from conftest import copy_site
from pdfs import TestPaper

import workshop.engine.pdf.document
from proceedings.check.cache import checksum
from proceedings.cli import main
from workshop.core.load import load
from workshop.engine.pdf.opener import reader_of

PAPERS = ["liu-time-variations", "sridharan-chakra", "huang-bnn-crossbar"]


@pytest.fixture
def site(tmp_path):
    copy_site(tmp_path)
    (tmp_path / "pyproject.toml").write_text("")
    return tmp_path


@pytest.fixture
def opened(monkeypatch) -> list[int]:
    """The PDFs the check opens (parses), counted as it opens them (``--jobs 1``: in this process)."""
    count: list[int] = []

    def counting(data: bytes):
        count.append(len(data))
        return reader_of(data)

    monkeypatch.setattr(workshop.engine.pdf.document, "reader_of", counting)
    return count


def check(site, *args: str) -> int:
    return main(["check", "--data", str(site / "docs" / "data"), "--no-progress", "--jobs", "1", *args])


def report(site) -> dict:
    return json.loads((site / "_build" / "proceedings" / "report.json").read_text())


def test_a_second_run_opens_no_pdf_and_one_replaced_is_the_only_one_read(site, opened):
    assert check(site) == 0
    assert len(opened) == 3
    first = report(site)

    opened.clear()
    assert check(site) == 0
    assert opened == []  # nothing changed: no PDF read
    assert report(site) == first  # and the same report

    # One paper replaced by a longer file: only it is read, and its new record is reported.
    longer = TestPaper()
    longer.body_until(page=7, fraction=0.5)
    longer.heading("References")
    longer.references_until(page=8, fraction=0.5)
    longer.save(site / "docs" / "data" / "papers" / "huang-bnn-crossbar.pdf")
    assert check(site) == 1
    assert len(opened) == 1
    records = {r["paper_id"]: r for r in report(site)["records"]}
    assert records["huang-bnn-crossbar"]["verdict"] == "fail"
    assert [records[p]["verdict"] for p in PAPERS[:2]] == ["pass", "pass"]


def test_a_changed_decision_or_limit_reads_the_papers_it_decides(site, opened):
    assert check(site) == 0
    opened.clear()
    papers = site / "docs" / "data" / "papers.yaml"
    papers.write_text(
        papers.read_text().replace(
            "    pdf: papers/liu-time-variations.pdf\n",
            "    pdf: papers/liu-time-variations.pdf\n    decision: {references_start_page: 9}\n",
        )
    )
    assert check(site) == 0
    assert len(opened) == 1  # the paper whose decision changed
    opened.clear()
    workshop = site / "docs" / "data" / "workshop.yaml"
    workshop.write_text(workshop.read_text().replace("    min_pages: 4\n", "    min_pages: 3\n"))
    assert check(site) == 0
    assert len(opened) == 1  # the short track's one paper
    opened.clear()
    workshop.write_text(
        workshop.read_text() + "format:\n  margins: {top: 57, bottom: 73, left: 54, right: 60}\n"
    )
    assert check(site) == 0
    assert len(opened) == 3  # the format of every track


def test_no_cache_reads_every_paper(site, opened):
    assert check(site) == 0
    opened.clear()
    assert check(site, "--no-cache") == 0
    assert len(opened) == 3
    opened.clear()
    assert check(site) == 0  # and leaves a cache the next run uses
    assert opened == []


@pytest.mark.parametrize(
    "content",
    [
        b"",  # empty
        b"{not json",  # cut short
        b'{"cache": "something else", "entries": []}',  # another tool's file
        b'{"cache": "proceedings check cache", "format": 1, "entries": [{"key": "x", "material": {}, "record": {}}]}',
        b"\xff\xfe\x00garbage",
    ],
)
def test_a_broken_or_foreign_cache_is_ignored(site, opened, content, capsys):
    cache = site / "_build" / "proceedings" / "check-cache.json"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(content)
    assert check(site) == 0
    assert len(opened) == 3
    assert "Traceback" not in capsys.readouterr().err
    opened.clear()
    assert check(site) == 0  # replaced by a good one
    assert opened == []


def test_an_entry_is_never_used_for_another_key(site, opened):
    """Swap two papers' files: each record is keyed by its content, so each is read again."""
    assert check(site) == 0
    opened.clear()
    folder = site / "docs" / "data" / "papers"
    shutil.move(folder / "liu-time-variations.pdf", folder / "swap.pdf")
    shutil.move(folder / "sridharan-chakra.pdf", folder / "liu-time-variations.pdf")
    shutil.move(folder / "swap.pdf", folder / "sridharan-chakra.pdf")
    assert check(site) == 0
    assert len(opened) == 2
    loaded = load(site / "docs" / "data")
    assert loaded.ok
    records = {r["paper_id"]: r for r in report(site)["records"]}
    assert records["liu-time-variations"]["references_heading"]["line"] == 35  # sridharan's layout now


# --- the cache is an optimisation, never an authority (issue 23) -----------------------------


def too_long(site) -> None:
    """huang-bnn-crossbar replaced by a paper two pages too long for its track: it fails."""
    longer = TestPaper()
    longer.body_until(page=7, fraction=0.5)
    longer.heading("References")
    longer.references_until(page=8, fraction=0.5)
    longer.save(site / "docs" / "data" / "papers" / "huang-bnn-crossbar.pdf")


def forge(site, *, resign: bool) -> None:
    """Edit the failing paper's record to say it passes and is admitted; with ``resign``,
    with the checksum made again for the edited record, as someone who read the code would."""
    path = site / "_build" / "proceedings" / "check-cache.json"
    cache = json.loads(path.read_text())
    (entry,) = [e for e in cache["entries"] if e["record"]["paper_id"] == "huang-bnn-crossbar"]
    assert entry["record"]["verdict"] == "fail"
    entry["record"].update(verdict="pass", admitted=True)
    if resign:
        entry["checksum"] = checksum(entry["key"], entry["record"])
    path.write_text(json.dumps(cache))


@pytest.mark.parametrize(
    ("resign", "why"),
    [
        (False, "does not match its checksum (edited, or damaged)"),
        (True, "its facts give fail, not the pass (admitted) it says"),
    ],
)
def test_a_record_edited_to_admit_a_failing_paper_is_ignored_and_the_paper_read_again(
    site, opened, capsys, resign, why
):
    too_long(site)
    assert check(site) == 1
    capsys.readouterr()
    forge(site, resign=resign)
    opened.clear()
    assert check(site) == 1
    assert len(opened) == 1  # the edited record's paper, read again
    err = capsys.readouterr().err
    assert err.splitlines() == [
        (
            f"note: {site / '_build/proceedings/check-cache.json'}: the record of "
            f"docs/data/papers/huang-bnn-crossbar.pdf {why}: ignored, the paper is read again"
        )
    ]
    assert {r["paper_id"]: r["verdict"] for r in report(site)["records"]}["huang-bnn-crossbar"] == "fail"
    # The build, which puts admitted papers into the volume, is not fooled either.
    forge(site, resign=resign)
    data = str(site / "docs" / "data")
    assert main(["build", "--data", data, "--no-progress", "--jobs", "1"]) == 1
    assert "the volume is not built: 1 paper did not pass" in capsys.readouterr().err
    assert not (site / "_build" / "proceedings" / "volume.pdf").exists()


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_named_pipe_in_the_caches_place_is_ignored_without_waiting(site, command):
    folder = site / "_build" / "proceedings"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "check-cache.json")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "proceedings",
            command,
            "--data",
            str(site / "docs" / "data"),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        cwd=site,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        (
            "note: _build/proceedings/check-cache.json: is not a regular file (a named pipe, a device, a folder): "
            "ignored and left alone, every paper is read; delete it to have the check's records kept again"
        )
    ]
    assert stat.S_ISFIFO(os.lstat(folder / "check-cache.json").st_mode)  # left alone
