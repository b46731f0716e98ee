"""An import that accepts nothing (an export taken before the decisions, HotCRP without
decisions, OpenReview notes still under review, or a decision the reader does not take for
acceptance): it stops with exit status 1 and one line that counts what the export holds and
names the option that says which are accepted; nothing is written."""

from __future__ import annotations

import pytest
from import_support import data_folder, easychair, run, snapshot, write_json

UNDECIDED = [
    (1, "First Idea", "", "no", "A."),
    (2, "Second Idea", "", "no", "B."),
    (3, "Third Idea", "reject", "no", "C."),
    (4, "Fourth Idea", "Poster", "no", "D."),
    (5, "Fifth Idea", "accept", "yes", "E."),
]
PEOPLE = [(n, "Ann", f"Author{n}", "Somewhere") for n in range(1, 6)]


def refused(tmp_path, *args: str) -> str:
    data = data_folder(tmp_path / "repo")
    before = snapshot(tmp_path / "repo")
    done = run(*args, "--data", str(data), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert snapshot(tmp_path / "repo") == before
    return line


def test_easychair_before_the_decisions_counts_them_and_names_accept(tmp_path):
    files = map(str, easychair(tmp_path / "export", UNDECIDED, PEOPLE))
    line = refused(tmp_path, "easychair", *files)
    assert line.startswith("error: ") and "submission.csv: none of its 5 submission(s) is accepted" in line
    assert (
        "the decisions it holds: no decision (2), decision 'Poster' (1), decision 'reject' (1), deleted (1)"
        in line
    )
    assert "--accept WORD" in line


def test_easychair_accepts_what_accept_names(tmp_path):
    data = data_folder(tmp_path / "repo")
    files = map(str, easychair(tmp_path / "export", UNDECIDED, PEOPLE))
    done = run("easychair", *files, "--accept", "poster", "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("EasyChair: 1 accepted of 5 submission(s)")


def hotcrp_paper(pid, status, decision=None):
    paper = {
        "pid": pid,
        "title": f"Paper {pid}",
        "status": status,
        "authors": [{"first": "A", "last": f"B{pid}"}],
    }
    return paper | ({"decision": decision} if decision else {})


def test_hotcrp_without_decisions_counts_the_statuses(tmp_path):
    export = write_json(
        tmp_path / "hotcrp.json",
        [hotcrp_paper(1, "submitted"), hotcrp_paper(2, "submitted"), hotcrp_paper(3, "withdrawn")],
    )
    line = refused(tmp_path, "hotcrp", str(export))
    assert "hotcrp.json: none of its 3 submission(s) is accepted" in line
    assert "the statuses it holds: status 'submitted' (2), withdrawn (1)" in line
    assert "set the decisions in HotCRP" in line and "--accept WORD" in line


def test_hotcrp_accept_names_a_decision_the_status_leaves_open(tmp_path):
    data = data_folder(tmp_path / "repo")
    export = write_json(tmp_path / "hotcrp.json", [hotcrp_paper(1, "submitted", "Spotlight")])
    done = run("hotcrp", str(export), "--accept", "Spotlight", "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("HotCRP: 1 accepted of 1 submission(s)")


def note(number, venueid, venue=""):
    content = {"title": {"value": f"Note {number}"}, "authors": {"value": ["Ann Author"]}}
    content["venueid"] = {"value": venueid}
    if venue:
        content["venue"] = {"value": venue}
    return {"id": f"id{number}", "number": number, "content": content}


@pytest.mark.parametrize("venueid", [None, "MLBench/2023/Workshop/Accepted"])
def test_openreview_under_review_counts_the_venue_ids_and_names_venueid(tmp_path, venueid):
    export = write_json(
        tmp_path / "notes.json",
        {
            "notes": [
                note(1, "MLBench/2023/Workshop/Submission", "Submitted to MLBench 2023"),
                note(2, "MLBench/2023/Workshop/Submission", "Submitted to MLBench 2023"),
                note(3, "MLBench/2023/Workshop/Withdrawn_Submission", "Withdrawn Submission"),
            ]
        },
    )
    line = refused(tmp_path, "openreview", str(export), *(["--venueid", venueid] if venueid else []))
    assert "notes.json: none of its 3 submission(s) is accepted" in line
    assert (
        "the venue ids it holds: 'MLBench/2023/Workshop/Submission' (2), "
        "'MLBench/2023/Workshop/Withdrawn_Submission' (1)"
    ) in line
    assert "--venueid ID" in line


def test_an_empty_export_says_so(tmp_path):
    export = write_json(tmp_path / "hotcrp.json", [])
    assert refused(tmp_path, "hotcrp", str(export)).endswith(
        "hotcrp.json: holds no submissions: this HotCRP export is empty; export the submissions again"
    )


def test_many_kinds_of_decision_are_counted_in_one_line(tmp_path):
    rows = [(n, f"Idea {n}", f"Maybe {n % 12}", "no", "") for n in range(1, 31)]
    people = [(n, "Ann", f"Author{n}", "") for n in range(1, 31)]
    line = refused(tmp_path, "easychair", *map(str, easychair(tmp_path / "export", rows, people)))
    assert "decision 'Maybe 1' (3)" in line and "4 other(s) (8)" in line
