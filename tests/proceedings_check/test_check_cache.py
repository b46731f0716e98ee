"""The check's cache: a second run re-reads no PDF; a paper replaced, or whose limits,
decision or format changed, is read again; ``--no-cache`` reads them all; a broken or
foreign cache file costs a full run and nothing else."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import copy_site
from pdfs import TestPaper

import proceedings.check.paper
from proceedings.cli import main
from proceedings.pdf.opener import reader_of
from workshop.core.load import load

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

    monkeypatch.setattr(proceedings.check.paper, "reader_of", counting)
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
