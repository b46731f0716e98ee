"""``python -m proceedings check`` as a chair runs it: exit status, table, JSON, report file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_site
from pdfs import TestPaper, page_one_of

from proceedings.cli import main

REQUIRED = {
    "file",
    "track",
    "pages_total",
    "pages_counted",
    "reference_pages",
    "verdict",
    "reasons",
    "warnings",
}
EXAMPLE = ["liu-time-variations", "sridharan-chakra", "huang-bnn-crossbar"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "proceedings", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> dict[str, Path]:
    """A short paper that passes and one that is too long."""
    folder = tmp_path_factory.mktemp("papers")
    good = TestPaper()
    good.body_until(page=4, fraction=0.5)
    good.heading("References")
    good.references_until(page=5, fraction=0.5)
    long = TestPaper(**page_one_of(ROOT / "docs" / "data", "huang-bnn-crossbar"))  # stands in for it
    long.body_until(page=7, fraction=0.5)
    long.heading("References")
    long.references_until(page=8, fraction=0.5)
    return {"good": good.save(folder / "good.pdf"), "long": long.save(folder / "long.pdf")}


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of the example site that is its own repository (reports land inside it)."""
    copy_site(tmp_path)
    (tmp_path / "pyproject.toml").write_text("")
    return tmp_path


def test_the_shipped_example_passes(site):
    """What `nox -s proceedings` runs on a fresh clone."""
    done = run("check", "--data", "docs/data", cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr
    for paper in EXAMPLE:
        assert paper in done.stdout
    assert "3 paper(s): 3 pass; 3 admitted to the volume" in done.stdout
    report = json.loads((site / "_build" / "proceedings" / "report.json").read_text())
    assert [r["paper_id"] for r in report["records"]] == EXAMPLE
    assert report["summary"] == {"papers": 3, "pass": 3, "fail": 0, "review": 0, "error": 0, "admitted": 3}
    for record in report["records"]:
        assert record.keys() >= REQUIRED
        assert record["verdict"] == "pass"
        assert record["file"] == f"docs/data/papers/{record['paper_id']}.pdf"
        assert record["pages_counted"] <= record["max_pages"]
        assert record["references_heading"]["text"] == "References"
    assert not done.stderr


def test_report_is_deterministic_and_written_whole(site):
    assert main(["check", "--data", str(site / "docs/data"), "--no-progress"]) == 0
    report = site / "_build" / "proceedings" / "report.json"
    first = report.read_bytes()
    assert main(["check", "--data", str(site / "docs/data"), "--no-progress"]) == 0
    assert report.read_bytes() == first
    # No temporary left behind: the report and the check's cache, nothing else.
    assert sorted(p.name for p in report.parent.iterdir()) == ["check-cache.json", "report.json"]


def test_a_check_that_finds_nothing_new_leaves_the_report_alone(site):
    """README: files whose bytes did not change are left alone (whatever watches them sees nothing)."""
    data, report = str(site / "docs/data"), site / "_build" / "proceedings" / "report.json"
    assert main(["check", "--data", data, "--no-progress"]) == 0
    os.utime(report, ns=(1_000_000_000, 1_000_000_000))  # an old time: a rewrite cannot go unseen
    assert main(["check", "--data", data, "--no-progress"]) == 0
    assert report.stat().st_mtime_ns == 1_000_000_000
    assert report.stat().st_mode & 0o777 == 0o644  # readable by all, as every output
    # A changed verdict is written.
    papers = site / "docs/data/papers.yaml"
    papers.write_text(papers.read_text().replace("track: short", "track: full"))
    assert main(["check", "--data", data, "--no-progress"]) == 1
    assert report.stat().st_mtime_ns != 1_000_000_000
    assert json.loads(report.read_text())["summary"]["fail"] == 1


def test_json_on_stdout_has_the_same_records(site, capsys):
    status = main(["check", "--data", str(site / "docs/data"), "--json", "--report", str(site / "r.json")])
    assert status == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads((site / "r.json").read_text())


def test_ad_hoc_files_with_a_track(papers, capsys):
    status = main(["check", "--track", "short", str(papers["good"]), str(papers["long"]), "--json"])
    assert status == 1
    records = json.loads(capsys.readouterr().out)["records"]
    assert [(r["file"], r["paper_id"], r["track"], r["pages_counted"], r["verdict"]) for r in records] == [
        (str(papers["good"]), None, "short", 4, "pass"),
        (str(papers["long"]), None, "short", 7, "fail"),
    ]
    assert records[1]["reference_pages"] == [8]


def test_ad_hoc_passing_file_exits_0_and_writes_no_report(papers, tmp_path, capsys):
    assert main(["check", "--track", "short", str(papers["good"])]) == 0
    out = capsys.readouterr().out
    assert "good.pdf" in out and "pass" in out
    assert "report:" not in out


def test_names_that_look_like_markup_are_printed_as_they_are(papers, tmp_path):
    folder = tmp_path / "[bold]camera-ready[" / "red]"  # the path reads ".../[bold]camera-ready[/red]/..."
    folder.mkdir(parents=True)
    pdf = folder / "[1].pdf"
    shutil.copy(papers["long"], pdf)
    done = run("check", "--track", "short", str(pdf))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{pdf} " in done.stdout.replace("\n", " ")  # the evidence line names it whole


def test_an_accepted_paper_checked_ad_hoc_keeps_its_track():
    pdf = "docs/data/papers/huang-bnn-crossbar.pdf"
    done = run("check", pdf, "--json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)["records"][0]
    assert (record["paper_id"], record["track"], record["file"]) == ("huang-bnn-crossbar", "short", pdf)


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["check", "--track", "poster", "x.pdf"],
            "error: --track: unknown track 'poster': the data defines full, short",
        ),
        (["check", "some.pdf"], "error: some.pdf: is not an accepted paper of"),
        (["check", "--track", "full"], "error: --track: applies to FILEs only"),
        (["check", "--jobs", "0"], "error: --jobs: must be at least 1"),
        (["check", "--bogus"], "error: unrecognized arguments: --bogus"),
        (["vanish"], "invalid choice: 'vanish'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message):
    done = run(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_bad_files_exit_1_with_one_line_each(tmp_path, papers):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(papers["good"].read_bytes()[:2000])
    done = run("check", "--track", "short", str(cut), str(tmp_path / "missing.pdf"), "--json")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    records = json.loads(done.stdout)["records"]
    assert [r["verdict"] for r in records] == ["error", "error"]
    assert records[0]["reasons"] == [
        (
            f"{cut} is truncated (it has no %%EOF end marker): the upload or copy "
            "was cut short; ask the authors for the complete file"
        )
    ]


def test_a_repaired_file_is_judged_quietly(tmp_path, papers):
    """A wrong startxref pointer: pypdf repairs it and would log so; the chair sees the
    verdict and nothing else."""
    data = papers["good"].read_bytes()
    offset = data[data.rindex(b"startxref") :].split()[1]
    broken = tmp_path / "repaired.pdf"
    broken.write_bytes(
        data.replace(b"startxref\n" + offset, b"startxref\n" + str(int(offset) - 100).encode())
    )
    done = run("check", "--track", "short", str(broken), "--json")
    assert done.stderr == ""
    assert done.returncode == 0
    assert json.loads(done.stdout)["records"][0]["verdict"] == "pass"


def test_a_report_that_cannot_be_written_is_one_line(papers, tmp_path):
    (tmp_path / "report.json").mkdir()  # a folder where the file should go
    done = run("check", "--track", "short", str(papers["good"]), "--report", str(tmp_path / "report.json"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'report.json'}: cannot write the report here: Is a directory"
    ]


def test_broken_data_is_one_line_naming_file_and_line(site):
    papers_yaml = site / "docs/data/papers.yaml"
    papers_yaml.write_text(papers_yaml.read_text().replace("track: short", "track: [short"))
    done = run("check", "--data", "docs/data", cwd=site)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith(("error: docs/data/papers.yaml:", f"error: {papers_yaml}:"))


def test_a_missing_paper_pdf_is_an_error_record_not_a_crash(site):
    (site / "docs/data/papers/sridharan-chakra.pdf").unlink()
    done = run("check", "--data", "docs/data", "--json", cwd=site)
    assert done.returncode == 1
    records = {r["paper_id"]: r for r in json.loads(done.stdout)["records"]}
    assert records["sridharan-chakra"]["verdict"] == "error"
    assert "does not exist" in records["sridharan-chakra"]["reasons"][0]
    assert records["liu-time-variations"]["verdict"] == "pass"


def test_chair_decisions_are_shown_and_admit(site, papers):
    """A too-long paper with an approved exception: exit 0, the decision in the table."""
    shutil.copy(papers["long"], site / "docs/data/papers/huang-bnn-crossbar.pdf")
    papers_yaml = site / "docs/data/papers.yaml"
    text = papers_yaml.read_text().replace(
        "    pdf: papers/huang-bnn-crossbar.pdf\n",
        "    pdf: papers/huang-bnn-crossbar.pdf\n"
        "    decision:\n"
        "      exception: {pages: 7, reason: artifact description, approved_by: Program chairs}\n",
    )
    papers_yaml.write_text(text)
    done = run("check", "--data", "docs/data", cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "fail (admitted)" in done.stdout
    assert (
        "chair's decision: exception: 7 pages allowed (artifact description; approved by Program chairs)"
    ) in done.stdout


def test_a_long_run_shows_a_progress_bar_in_a_terminal(papers, tmp_path):
    """Twelve files (enough for a bar and for the process pool), standard error a terminal."""
    import os
    import pty

    files = []
    for i in range(12):
        copy = tmp_path / f"paper-{i:02d}.pdf"
        shutil.copy(papers["good"], copy)
        files.append(str(copy))
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "proceedings", "check", "--track", "short", "--json", *files],
        stdout=subprocess.PIPE,
        stderr=follower,
        cwd=ROOT,
        text=True,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
        check=False,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert done.returncode == 0
    assert b"checking" in shown and b"/12" in shown
    assert len(json.loads(done.stdout)["records"]) == 12


def test_both_cores_give_the_same_records_in_the_same_order(papers, tmp_path):
    """Twelve files of two kinds, checked in one process and in a pool of two."""
    from proceedings.check.run import check_files
    from proceedings.data import load_for_proceedings

    files = []
    for i in range(12):
        copy = tmp_path / f"paper-{i:02d}.pdf"
        shutil.copy(papers["good" if i % 3 else "long"], copy)
        files.append(str(copy))
    loaded = load_for_proceedings(ROOT / "docs" / "data")
    serial = check_files(loaded, files, track_id="short", jobs=1, progress=False)
    parallel = check_files(loaded, files, track_id="short", jobs=2, progress=False)
    assert [r.to_json() for r in parallel] == [r.to_json() for r in serial]
    assert [r.verdict for r in parallel] == ["fail" if i % 3 == 0 else "pass" for i in range(12)]
