"""What the check writes for people, on request: ``--html DIR`` (a self-contained page per
paper and the chair's index), ``--letters DIR`` (a plain-text letter per paper to fix,
addressed from the import's private contacts file) and ``--pictures`` (the margin
finding's PNGs, named in the report's ``files``); without them, no picture is drawn."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_site
from frontpages import front_page

from proceedings.cli import main
from proceedings.imports.contacts import CONTACTS

TESTS = Path(__file__).resolve().parents[1]  # tests/, where disk_faults.py is


@pytest.fixture
def site(tmp_path) -> Path:
    """The example site as its own repository, with its second paper's page 1 changed: a
    title word and a hostile author name the data does not have, and a review footer."""
    copy_site(tmp_path)
    (tmp_path / "pyproject.toml").write_text("")
    data = tmp_path / "docs" / "data"
    papers = (data / "papers.yaml").read_text(encoding="utf-8")
    title = re.search(r"title: (.*Chakra.*)", papers).group(1).strip().strip("'\"")
    first, _, rest = title.partition(" Co-Design")
    front_page(
        data / "papers" / "sridharan-chakra.pdf",
        title=[first, "Co-Design" + rest.replace("Standardized", "<i>Standard</i>")],
        title_size=14,
        authors=["Srinivas Sridharan", "Taekyung Heo", "Eve Adams"],
        footer="Preprint. Under review.",
        pages=9,
    )
    (data / CONTACTS).write_text(
        json.dumps(
            {
                "contacts": "",
                "papers": {
                    "sridharan-chakra": [
                        {"name": "Srinivas Sridharan", "email": "srinivas@example.org"},
                        {"name": "Taekyung Heo", "email": "heo@example.org"},
                    ]
                },
            }
        ),
        encoding="utf-8",
    )
    return tmp_path


def test_the_html_pages_say_what_to_fix_offline(site, capsys):
    out = site / "for-authors"
    status = main(["check", "--data", str(site / "docs" / "data"), "--no-progress", "--html", str(out)])
    assert status == 1
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "huang-bnn-crossbar.html",
        "index.html",
        "liu-time-variations.html",
        "sridharan-chakra.html",
    ]
    page = (out / "sridharan-chakra.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in page and 'name="viewport"' in page
    assert "<i>" not in page  # what page 1 says is escaped
    assert "&#x27;&lt;i&gt;Standard&lt;/i&gt;&#x27;" in page and "'Eve Adams' not in the data" not in page
    assert "Title and authors on page 1" in page and "What to do:" in page
    assert "&#x27;Eve Adams&#x27; not in the data" in page
    assert "Review-mode leftovers" in page and "Preprint. Under review" in page
    assert "The site will publish" in page and "Page 1 says" in page
    # A picture of page 1, drawn from the finding's marks; rendered where pdftoppm is.
    assert re.search(r'<svg viewBox="0 0 612 792"', page)
    if shutil.which("pdftoppm"):
        assert 'href="data:image/png;base64,' in page
    assert not re.search(r'(?:src|href)="(?!data:|[\w-]+\.html)', page)  # no request leaves the file
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="sridharan-chakra.html"' in index and "review" in index
    assert "pages for the authors: 3" in capsys.readouterr().out
    again = (out / "sridharan-chakra.html").stat().st_mtime_ns
    main(["check", "--data", str(site / "docs" / "data"), "--no-progress", "--html", str(out)])
    assert (out / "sridharan-chakra.html").stat().st_mtime_ns == again  # same bytes: not rewritten


def test_the_letters_go_to_the_contacts_of_the_papers_to_fix(site, capsys):
    out = site / "letters"
    main(["check", "--data", str(site / "docs" / "data"), "--no-progress", "--letters", str(out)])
    assert [p.name for p in out.iterdir()] == ["sridharan-chakra.txt"]  # the others pass
    text = (out / "sridharan-chakra.txt").read_text(encoding="utf-8")
    head = text.splitlines()
    assert head[0] == "To: Srinivas Sridharan <srinivas@example.org>, Taekyung Heo <heo@example.org>"
    assert head[1].startswith("Subject: ") and "Chakra" in head[1]
    assert "Title and authors on page 1" in text and "'<i>Standard</i>', the data 'Standardized'" in text
    assert "'Eve Adams' not in the data" in text
    assert "What to do:" in text and "Review-mode leftovers" in text
    assert "letters to the authors: 1" in capsys.readouterr().out


def test_no_picture_without_asking_and_the_report_names_those_drawn(site):
    data = site / "docs" / "data"
    findings = site / "_build" / "proceedings" / "findings"
    main(["check", "--data", str(data), "--no-progress"])
    assert not findings.exists()
    report = json.loads((site / "_build" / "proceedings" / "report.json").read_text())
    assert not [f for r in report["records"] for f in r["findings"] if f.get("files")]
    main(["check", "--data", str(data), "--no-progress", "--pictures"])
    report = json.loads((site / "_build" / "proceedings" / "report.json").read_text())
    files = [name for r in report["records"] for f in r["findings"] for name in f.get("files", ())]
    assert files and all((site / name).is_file() for name in files)


def test_the_examples_page_1s_say_what_their_data_says(tmp_path):
    """The shipped example's three papers and the second edition's eight (accents, particles,
    Chinese, Korean, Vietnamese and Icelandic names): page 1 read, no metadata finding."""
    from conftest import second_edition

    sites = [copy_site(tmp_path / "first"), second_edition(tmp_path / "second")]
    for site in sites:
        (site / "pyproject.toml").write_text("")  # its own repository: the cache stays in it
    for data in (site / "docs" / "data" for site in sites):
        report = tmp_path / f"{data.parent.parent.name}.json"
        main(["check", "--data", str(data), "--no-progress", "--no-cache", "--report", str(report)])
        records = json.loads(report.read_text(encoding="utf-8"))["records"]
        assert len(records) in (3, 8)
        for record in records:
            assert not [f for f in record["findings"] if f["code"] in ("metadata", "camera-ready")], record
            assert record["page_one"]["authors"], record["paper_id"]
            assert record["verdict"] == "pass"


def test_pages_a_full_disk_refuses_are_said_in_one_line_and_none_is_half_written(site):
    out = site / "for-authors"
    data = str(site / "docs" / "data")
    main(["check", "--data", data, "--no-progress", "--html", str(out)])
    first = (out / "huang-bnn-crossbar.html").read_bytes()  # the first page the run writes
    (out / "huang-bnn-crossbar.html").write_text("an older page")
    (out / "index.html").write_text("an older index")  # written last
    before = sorted(p.name for p in out.iterdir())
    # The disk fills up once the first page is written: the index no longer fits.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    command = ["check", "--data", data, "--no-progress", "--html", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "disk_faults", f"full:{len(first) + 10}", str(out), "--", *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    said = done.stderr.strip().splitlines()
    assert done.returncode == 1
    assert len(said) == 1 and "for-authors" in said[0] and "free some space" in said[0], said
    # All or none: the page written before the disk filled is the older one still, no temporary file is left.
    assert (out / "huang-bnn-crossbar.html").read_text() == "an older page"
    assert (out / "index.html").read_text() == "an older index"
    assert sorted(p.name for p in out.iterdir()) == before
