"""Importing again: the chair's edits, comments and order survive; changes in the submission
system are brought in; a withdrawn paper is reported, not deleted; an import that changes
nothing writes nothing; --dry-run shows the changes and writes nothing; the track of new papers."""

from __future__ import annotations

import dataclasses

import yaml
from import_support import AUTHORS, SUBMISSIONS, data_folder, easychair, run, snapshot, write_json

from proceedings.cli import main
from proceedings.imports import run as import_run
from workshop.core.load import load
from workshop.core.problems import Problem


def test_a_second_identical_import_changes_no_byte(tmp_path):
    data = data_folder(tmp_path / "repo")
    files = easychair(tmp_path / "export")
    assert run("easychair", *map(str, files), "--data", str(data), cwd=tmp_path).returncode == 0
    papers = data / "papers.yaml"
    before, stamp = papers.read_bytes(), papers.stat().st_mtime_ns
    done = run("easychair", *map(str, files), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert papers.read_bytes() == before and papers.stat().st_mtime_ns == stamp  # not even rewritten
    assert "0 added, 0 updated, 3 unchanged, 0 withdrawn" in done.stdout
    assert done.stdout.splitlines()[-1] == "nothing to write: papers.yaml and the PDFs are up to date"


def chair_edits(text: str) -> str:
    """What a chair does to an imported papers.yaml: a comment, another id and track, a
    decision, a sort_as, an affiliation the system lacks, the papers in another order."""
    data = yaml.safe_load(text)
    by_number = {p["source"]["number"]: p for p in data["papers"]}
    assert list(by_number) == [1, 2, 6]
    text = text.replace(
        "  - id: muller-fast-inference\n",
        "  # The keynote paper: keep it first.\n  - id: keynote-edge-tpus\n",
    )
    text = text.replace("pdf: papers/muller-fast-inference.pdf", "pdf: papers/keynote.pdf")
    # Paper 6 moves before paper 2, with a decision and another track.
    head, rest = text.split("  - id: paper-2\n")
    two, six = rest.split("  - id: janapa-reddi-dont-trust\n")
    six = six.replace(
        "    track: short\n",
        "    track: full  # moved by the chair\n    decision: {references_start_page: 5}\n",
    )
    text = head + "  - id: janapa-reddi-dont-trust\n" + six.rstrip("\n") + "\n  - id: paper-2\n" + two
    text = text.replace("{name: Zoë D'Angelo}", "{name: Zoë D'Angelo, affiliation: Sorbonne Université}")
    return text.replace(
        "{name: 王小明, affiliation: 清华大学}",
        "{name: 王小明, affiliation: 清华大学, sort_as: 'Wang, Xiaoming'}",
    )


def test_reimport_after_the_chairs_edits_keeps_them(tmp_path):
    data = data_folder(tmp_path / "repo", tracks=2)
    first = easychair(tmp_path / "first")
    assert (
        run("easychair", *map(str, first), "--data", str(data), "--track", "short", cwd=tmp_path).returncode
        == 0
    )
    papers = data / "papers.yaml"
    papers.write_text(chair_edits(papers.read_text()))
    assert load(data).problems == []
    # In EasyChair since: paper 1's title changed, paper 2 has a third author and a new abstract,
    # paper 6 was deleted, paper 8 accepted.
    submissions = [
        (1, "Faster Inference on Edge TPUs", "accept", "no", "New abstract.")
        if s[0] == 1
        else (2, *s[1:4], "Abstract, revised.")
        if s[0] == 2
        else (*s[:3], "yes", s[4])
        if s[0] == 6
        else s
        for s in SUBMISSIONS
    ]
    submissions.append((8, "Late Breaking Results", "accept", "no", "Late."))
    authors = [*AUTHORS, (2, "Ola", "Nordmann", "NTNU"), (8, "Late", "Comer", "Somewhere")]
    second = easychair(tmp_path / "second", submissions, authors)
    done = run("easychair", *map(str, second), "--data", str(data), "--track", "short", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = papers.read_text()
    assert "  # The keynote paper: keep it first.\n  - id: keynote-edge-tpus\n" in text
    assert "    track: full  # moved by the chair\n" in text
    loaded = load(data)
    assert loaded.problems == []
    got = {p.source.number: p for p in loaded.workshop.papers.papers}
    assert [p.source.number for p in loaded.workshop.papers.papers] == [
        1,
        6,
        2,
        8,
    ]  # the chair's order, new last
    assert got[1].id == "keynote-edge-tpus" and got[1].pdf == "papers/keynote.pdf"
    assert got[1].title == "Faster Inference on Edge TPUs" and got[1].abstract == "New abstract."
    assert got[6].track == "full" and got[6].decision.references_start_page == 5  # withdrawn, still there
    assert [(a.name, a.affiliation, a.sort_as) for a in got[2].authors] == [
        ("王小明", "清华大学", "Wang, Xiaoming"),
        ("Zoë D'Angelo", "Sorbonne Université", None),
        ("Ola Nordmann", "NTNU", None),
    ]
    assert got[2].abstract == "Abstract, revised."
    assert got[8].id == "comer-late-breaking" and got[8].track == "short"
    lines = done.stdout.splitlines()
    assert "  updated    keynote-edge-tpus                #1     missing    title, abstract" in lines
    assert "  updated    paper-2                          #2     missing    authors, abstract" in lines
    assert (
        "  withdrawn  janapa-reddi-dont-trust          #6                deleted in EasyChair; still in "
        "papers.yaml: delete it there if it is out"
    ) in lines
    assert "1 added, 2 updated, 0 unchanged, 1 withdrawn, 3 missing PDF" in lines


def test_a_hand_typed_paper_is_found_by_its_title(tmp_path):
    """The example's papers were typed by hand: the first import takes them as the
    submissions of the same title, keeping their ids, tracks and PDFs."""
    data = data_folder(tmp_path / "repo", example_papers=True)
    before = yaml.safe_load((data / "papers.yaml").read_text())["papers"]
    export = [
        {
            "pid": 40,
            "title": "Understanding  time variations of DNN inference in autonomous driving",
            "status": "accepted",
            "authors": [{"first": "Liangkai", "last": "Liu", "affiliation": "Wayne State University"}],
        }
    ]
    done = run("hotcrp", str(write_json(tmp_path / "p.json", export)), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    after = yaml.safe_load((data / "papers.yaml").read_text())["papers"]
    assert [p["id"] for p in after] == [p["id"] for p in before]
    assert after[0]["source"] == {"system": "hotcrp", "number": 40}
    assert after[0]["track"] == "full" and after[0]["pdf"] == before[0]["pdf"]
    assert after[1:] == before[1:]
    assert (
        "  updated    liu-time-variations              #40    in place   title, authors, source (found by its title)"
        in done.stdout.splitlines()
    )


def test_ids_are_unique_and_stay_when_the_title_changes(tmp_path):
    data = data_folder(tmp_path / "repo")
    twins = [(1, "Fast Inference", "accept", "no", ""), (2, "Fast Inference Again", "accept", "no", "")]
    people = [(1, "Jürgen", "Müller", "ETH"), (2, "Jürgen", "Müller", "ETH")]
    assert (
        run(
            "easychair",
            *map(str, easychair(tmp_path / "a", twins, people)),
            "--data",
            str(data),
            cwd=tmp_path,
        ).returncode
        == 0
    )
    ids = [p.id for p in load(data).workshop.papers.papers]
    assert ids == ["muller-fast-inference", "muller-fast-inference-2"]
    renamed = [(1, "Slow Inference", "accept", "no", ""), twins[1]]
    assert (
        run(
            "easychair",
            *map(str, easychair(tmp_path / "b", renamed, people)),
            "--data",
            str(data),
            cwd=tmp_path,
        ).returncode
        == 0
    )
    assert [p.id for p in load(data).workshop.papers.papers] == ids


def test_dry_run_shows_the_changes_and_writes_nothing(tmp_path):
    data = data_folder(tmp_path / "repo", example_papers=True)
    before = snapshot(data.parent.parent)
    files = easychair(tmp_path / "export")
    done = run(
        "easychair", *map(str, files), "--data", str(data), "--track", "short", "--dry-run", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert snapshot(data.parent.parent) == before
    out = done.stdout
    assert "dry run: nothing written" in out
    assert "--- a/papers.yaml\n+++ b/papers.yaml\n" in out
    assert "+  - id: muller-fast-inference\n" in out
    assert (
        "+      - {name: Anne-Marie van der Berg, affiliation: TU Delft, sort_as: 'Berg, Anne-Marie van der'}"
        in out
    )


def test_the_track_of_new_papers(tmp_path):
    data = data_folder(tmp_path / "repo", tracks=2)
    files = [*map(str, easychair(tmp_path / "export")), "--data", str(data)]
    before = snapshot(data.parent.parent)
    done = run("easychair", *files, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines()[-1] == (
        "python -m proceedings import easychair: error: --track: new papers need a track, and workshop.yaml has 2 (full, short): "
        "name theirs with --track"
    )
    done = run("easychair", *files, "--track", "poster", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "python -m proceedings import easychair: error: --track: 'poster' is not a track of workshop.yaml (known: full, short)"
    )
    assert snapshot(data.parent.parent) == before


def test_two_papers_with_one_source_are_refused(tmp_path):
    data = data_folder(tmp_path / "repo")
    files = [*map(str, easychair(tmp_path / "export")), "--data", str(data)]
    assert run("easychair", *files, cwd=tmp_path).returncode == 0
    papers = data / "papers.yaml"
    papers.write_text(
        papers.read_text().replace("{system: easychair, number: 6}", "{system: easychair, number: 2}")
    )
    before = snapshot(data.parent.parent)
    done = run("easychair", *files, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "error: repo/docs/data/papers.yaml: papers 'paper-2' and 'janapa-reddi-dont-trust' both "
        "have source easychair 2: keep it on the paper it belongs to\n"
    )
    assert snapshot(data.parent.parent) == before


def test_broken_data_is_refused_before_the_import(tmp_path):
    data = data_folder(tmp_path / "repo", example_papers=True)
    papers = data / "papers.yaml"
    papers.write_text(papers.read_text().replace("    track: short\n", "    trak: short\n"))
    before = snapshot(data.parent.parent)
    done = run("easychair", *map(str, easychair(tmp_path / "export")), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 1
    assert "papers.yaml" in done.stderr and "did you mean 'track'?" in done.stderr
    assert snapshot(data.parent.parent) == before


def test_a_papers_yaml_the_loader_refuses_is_never_written(tmp_path, monkeypatch, capsys):
    """The new papers.yaml is loaded with the rest of the data before it is written; a problem
    the loader finds (here one it is made to find: a rule the import does not know) is one
    line naming the submission, and nothing is written."""

    def refusing(folder, root=None):
        loaded = load(folder, root=root)
        file = loaded.files["papers"]
        return dataclasses.replace(
            loaded, problems=[Problem(file, 9, "papers[1].title", "is not allowed here")]
        )

    monkeypatch.setattr(import_run, "load", refusing)
    monkeypatch.chdir(tmp_path)
    data = data_folder(tmp_path / "repo")
    before = snapshot(data.parent.parent)
    assert main(["import", "easychair", *map(str, easychair(tmp_path / "export")), "--data", str(data)]) == 1
    assert capsys.readouterr().err == (
        "error: repo/docs/data/papers.yaml: papers[1].title: the papers.yaml this import would write is refused "
        "(EasyChair submission 2): is not allowed here; nothing written: correct it in the submission system and "
        "export again\n"
    )
    assert snapshot(data.parent.parent) == before
