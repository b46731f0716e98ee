"""`python -m proceedings import hotcrp` on a JSON paper download written by the tests as
HotCRP writes it (and as older versions did: names whole, no status)."""

from __future__ import annotations

import pytest
import yaml
from import_support import data_folder, run, snapshot, write_json

from workshop.core.load import load


def paper(pid, title, status, decision=None, authors=None, **more):
    result = {
        "pid": pid,
        "title": title,
        "abstract": f"Abstract of {title}.",
        "authors": [
            {
                "email": f"a{pid}@example.org",
                "first": "Ann",
                "last": f"Author{pid}",
                "affiliation": "Somewhere",
            }
        ]
        if authors is None
        else authors,
        "submitted": True,
        "submitted_at": 1680000000,
        **more,
    }
    if status:
        result["status"] = status
    if decision:
        result["decision"] = decision
    return result


EXPORT = [
    paper(
        3,
        "Fast Kernels",
        "accepted",
        "Accept (Poster)",
        [
            {"email": "m@example.org", "first": "José", "last": "García Márquez", "affiliation": "UNAM"},
            {"email": "k@example.org", "first": "민준", "last": "김", "affiliation": "KAIST"},
            {"email": "o@example.org", "first": "Siobhán", "last": "O'Neill"},  # no affiliation
            {"name": "Dana Whole-Name", "affiliation": "Old HotCRP"},  # a name given whole
        ],
        topics=["Systems"],
    ),
    paper(5, "Withdrawn After Acceptance", "withdrawn", "Accepted", withdrawn=True, withdrawn_at=1680000001),
    paper(7, "A Rejected Paper", "rejected", "Rejected"),
    paper(8, "Desk Rejected", "deskrejected", "Desk reject"),
    paper(9, "Under Review", "submitted"),
    paper(11, "Old Export", None, "Accepted"),  # no status: the decision decides
]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hotcrp")
    data = data_folder(tmp_path / "repo")
    export = write_json(tmp_path / "mlbench23-data.json", EXPORT)
    done = run("hotcrp", str(export), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return data, done.stdout


def test_accepted_papers_and_only_those(imported):
    data, out = imported
    loaded = load(data)
    assert loaded.problems == []
    assert [(p.source.system, p.source.number) for p in loaded.workshop.papers.papers] == [
        ("hotcrp", 3),
        ("hotcrp", 11),
    ]
    assert "HotCRP: 2 accepted of 6 submission(s) in mlbench23-data.json" in out


def test_authors_as_hotcrp_gives_them(imported):
    data, _ = imported
    first = load(data).workshop.papers.papers[0]
    assert first.id == "garcia-marquez-fast-kernels"
    assert first.abstract == "Abstract of Fast Kernels."
    assert [(a.name, a.affiliation, a.sort_as) for a in first.authors] == [
        ("José García Márquez", "UNAM", "García Márquez, José"),
        ("김민준", "KAIST", None),  # Korean: family name first, no space
        ("Siobhán O'Neill", None, None),
        ("Dana Whole-Name", "Old HotCRP", None),
    ]


def test_emails_are_not_published(imported):
    data, _ = imported
    assert "@example.org" not in (data / "papers.yaml").read_text()


@pytest.mark.parametrize(
    ("export", "message"),
    [
        (
            {"ok": True},
            "holds an object, not HotCRP's list of papers: download it again from HotCRP's search page",
        ),
        ([paper(3, "T", "accepted")] + ["x"], "[1]: is a string, where HotCRP writes a paper object"),
        ([{"title": "No pid", "status": "accepted"}], "[0].pid: is missing, not a paper number"),
        ([paper("3", "T", "accepted")], "[0].pid: is '3', not a paper number"),
        (
            [
                paper(3, "T", "accepted", authors=[]),
            ],
            "[0].authors: is empty: HotCRP leaves the authors out",
        ),
        ([{k: v for k, v in paper(3, "T", "accepted").items() if k != "authors"}], "[0].authors: is missing"),
        (
            [paper(3, "T", "accepted", authors=[{"first": "A", "last": 7}])],
            "[0].authors[0].last: is a number",
        ),
        ([paper(3, "T", "accepted", authors=[{"email": "x@y.z"}])], "[0].authors[0]: has no name"),
        ([paper(3, "T", "accepted"), paper(3, "U", "accepted")], "[1].pid: paper 3 appears twice"),
        ({"papers": [paper(3, "", "accepted")]}, "papers[0].title: is empty"),
    ],
)
def test_json_of_another_shape_is_one_line_naming_the_path(tmp_path, export, message):
    data = data_folder(tmp_path / "repo")
    before = snapshot(data.parent.parent)
    done = run("hotcrp", str(write_json(tmp_path / "paper.json", export)), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("error: paper.json: " + message), done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert snapshot(data.parent.parent) == before


def test_not_json_at_all(tmp_path):
    data = data_folder(tmp_path / "repo")
    (tmp_path / "paper.json").write_text("pid,title\n3,T\n")
    done = run("hotcrp", "paper.json", "--data", str(data), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("error: paper.json:1: is not valid JSON (Expecting value, column 1)")


def test_the_api_answer_is_read_too(tmp_path):
    data = data_folder(tmp_path / "repo")
    export = write_json(tmp_path / "api.json", {"ok": True, "papers": [paper(4, "Via The API", "accepted")]})
    assert run("hotcrp", str(export), "--data", str(data), cwd=tmp_path).returncode == 0
    assert [p["id"] for p in yaml.safe_load((data / "papers.yaml").read_text())["papers"]] == [
        "author4-api"
    ]  # "via" and "the" tell nothing
