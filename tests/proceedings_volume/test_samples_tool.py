"""``python -m tools.samples`` as an organizer runs it on the data: sample PDFs whose titles
and names print in every script the volume's fonts cover, dated by the outputs' dating rule;
a name no bundled font can print stops it with the file and the field, writing nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdf
from volume_support import ROOT, copy_data, edit_yaml


def run_samples(data: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment.update(PYTHONPATH=str(ROOT), **env)
    return subprocess.run(
        [sys.executable, "-m", "tools.samples", "--data", "docs/data"],
        capture_output=True,
        text=True,
        cwd=data.parent.parent,
        env=environment,
    )


def with_authors(data: Path, authors: list[dict]) -> None:
    edit_yaml(data / "papers.yaml", lambda d: d["papers"][0].update(authors=authors))


def test_names_in_chinese_korean_and_greek_print_and_the_date_is_the_workshops(tmp_path):
    data = copy_data(tmp_path / "repo")
    with_authors(
        data,
        [
            {"name": "王小明", "affiliation": "清华大学"},
            {"name": "김민준", "affiliation": "KAIST"},
            {"name": "Σοφία Παπαδοπούλου", "affiliation": "ΕΜΠ"},
            {"name": "Søren Ødegaard"},
        ],
    )
    done = run_samples(data)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no glyph warnings
    assert done.stdout.splitlines()[0] == "wrote docs/data/papers/liu-time-variations.pdf"
    sample = pypdf.PdfReader(data / "papers" / "liu-time-variations.pdf")
    first = " ".join(sample.pages[0].extract_text().split())
    assert "王小明 (清华大学); 김민준 (KAIST); Σοφία Παπαδοπούλου (ΕΜΠ); Søren Ødegaard" in first
    assert sample.metadata["/CreationDate"] == "D:20230608000000Z"  # the workshop's day

    pinned = run_samples(data, SOURCE_DATE_EPOCH="1685577600")  # 2023-06-01 00:00 UTC
    assert pinned.returncode == 0, pinned.stderr
    assert pypdf.PdfReader(data / "papers" / "liu-time-variations.pdf").metadata["/CreationDate"] == (
        "D:20230601000000Z"
    )


def test_a_name_no_font_has_stops_it_naming_file_and_field_and_writes_nothing(tmp_path):
    data = copy_data(tmp_path / "repo")
    before = {pdf.name: pdf.read_bytes() for pdf in (data / "papers").glob("*.pdf")}
    with_authors(data, [{"name": "Liangkai Liu"}, {"name": "अमित शर्मा", "affiliation": "IIT"}])
    done = run_samples(data)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    first, *rest = done.stderr.splitlines()
    assert first.startswith(
        "error: docs/data/papers.yaml: papers[0].authors[1].name: 'अमित शर्मा' has characters that no "
        "bundled font has: अ (U+0905 DEVANAGARI LETTER A), "
    )
    assert first.endswith("no sample PDF was written.")
    assert rest[-1].startswith("Write it in a script the bundled fonts cover (Latin, Greek, Cyrillic,")
    assert done.stdout == ""
    assert {pdf.name: pdf.read_bytes() for pdf in (data / "papers").glob("*.pdf")} == before


def test_a_malformed_source_date_epoch_is_one_line(tmp_path):
    data = copy_data(tmp_path / "repo")
    done = run_samples(data, SOURCE_DATE_EPOCH="tomorrow")
    assert done.returncode == 1
    assert done.stderr.startswith("error: SOURCE_DATE_EPOCH: 'tomorrow' is not a date")
    assert len(done.stderr.splitlines()) == 1
