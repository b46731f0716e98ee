"""`python -m proceedings import openreview` on API v2 notes written by the tests as
openreview-py's ``Note.to_json()`` writes them: each field of ``content`` as ``{"value": ...}``."""

from __future__ import annotations

import pytest
import yaml
from import_support import data_folder, run, snapshot, write_json

from workshop.core.load import load

VENUE = "MLBench/2023/Workshop"


def note(number, title, venueid, venue, authors=("Ann Author",), **content):
    ids = ["~" + str(a).replace(" ", "_") + "1" for a in authors]
    fields = {
        "title": title,
        "authors": list(authors),
        "authorids": ids,
        "abstract": f"Abstract of {title}.",
        "venueid": venueid,
        "venue": venue,
        "pdf": f"/pdf/{number:040x}.pdf",
        **content,
    }
    return {
        "id": f"note{number}XyZ",
        "forum": f"note{number}XyZ",
        "number": number,
        "invitations": [],
        "content": {key: {"value": value} for key, value in fields.items()},
    }


NOTES = [
    note(1, "Accepted As Poster", VENUE, "MLBench 2023 Poster", ["Léa Dubois", "田中 太郎"]),
    note(2, "Still A Submission", f"{VENUE}/Submission", "Submitted to MLBench 2023"),
    note(3, "Rejected", f"{VENUE}/Rejected_Submission", "Submitted to MLBench 2023"),
    note(4, "Withdrawn", f"{VENUE}/Withdrawn_Submission", "MLBench 2023 Workshop Withdrawn Submission"),
    note(5, "Accepted As Oral", VENUE, "MLBench 2023 Oral", ["Pat O'Hara"]),
    note(6, "Desk Rejected", f"{VENUE}/Desk_Rejected_Submission", "MLBench 2023 Desk Rejected Submission"),
]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("openreview")
    data = data_folder(tmp_path / "repo")
    export = write_json(tmp_path / "notes.json", {"notes": NOTES, "count": len(NOTES)})
    done = run("openreview", str(export), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return data, done.stdout


def test_accepted_are_the_notes_whose_venue_is_no_submission(imported):
    data, _ = imported
    loaded = load(data)
    assert loaded.problems == []
    assert [p.source.number for p in loaded.workshop.papers.papers] == [1, 5]
    first = loaded.workshop.papers.papers[0]
    assert first.title == "Accepted As Poster" and first.abstract == "Abstract of Accepted As Poster."
    assert [(a.name, a.affiliation) for a in first.authors] == [("Léa Dubois", None), ("田中 太郎", None)]
    assert first.id == "dubois-accepted-poster"


def test_the_summary_says_the_notes_have_no_affiliations(imported):
    _, out = imported
    assert (
        "note: OpenReview notes carry no affiliations: the authors of new papers have none; add them in "
        "papers.yaml (later imports keep them)"
    ) in out.splitlines()


def test_profile_ids_are_not_published(imported):
    data, _ = imported
    assert "~" not in (data / "papers.yaml").read_text()


def test_venueid_names_the_accepted_ones(tmp_path):
    data = data_folder(tmp_path / "repo")
    notes = NOTES + [note(7, "Accepted Elsewhere", "Other/2023/Workshop", "Other 2023")]
    export = write_json(tmp_path / "notes.json", notes)  # a plain list, as get_all_notes gives them
    done = run("openreview", str(export), "--data", str(data), "--venueid", VENUE, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [p["source"]["number"] for p in yaml.safe_load((data / "papers.yaml").read_text())["papers"]] == [
        1,
        5,
    ]


@pytest.mark.parametrize(
    ("export", "message"),
    [
        ({"notes": {"1": {}}}, "holds an object, not OpenReview notes"),
        (
            [{"number": 1, "content": {"title": "Plain", "venueid": VENUE}}],
            '[0].content.venueid: is a string, not an API v2 field ({"value": ...}; API v1 notes are not read)',
        ),
        ([{"number": 1}], "[0]: is a note without content"),
        ({"notes": [note(0, "T", VENUE, "V")]}, "notes[0].number: is 0, not a submission number"),
        ([note(1, "T", VENUE, "V", authors=[])], "[0].content.authors: lists no author of an accepted paper"),
        (
            [note(1, "T", VENUE, "V", authors=["A", 3])],
            "[0].content.authors.value[1]: is a number, not an author's name",
        ),
        (
            [note(1, "T", VENUE, "V", abstract=["a"])],
            "[0].content.abstract.value: is a list, where OpenReview writes a string",
        ),
    ],
)
def test_json_of_another_shape_is_one_line_naming_the_path(tmp_path, export, message):
    data = data_folder(tmp_path / "repo")
    before = snapshot(data.parent.parent)
    done = run(
        "openreview", str(write_json(tmp_path / "notes.json", export)), "--data", str(data), cwd=tmp_path
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("error: notes.json: " + message), done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert snapshot(data.parent.parent) == before
