"""`python -m proceedings import easychair` on the two CSV files of EasyChair's data download,
written by the tests as EasyChair writes them: what lands in papers.yaml, and one line for
each kind of bad input with nothing written."""

from __future__ import annotations

import pytest
import yaml
from import_support import (
    ABSTRACT_KEPT,
    AUTHOR_HEADER,
    SUBMISSION_HEADER,
    csv_text,
    data_folder,
    easychair,
    run,
    snapshot,
)

from workshop.core.load import load


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """A fresh data folder after one import of the sample export (not to be changed)."""
    tmp_path = tmp_path_factory.mktemp("imported")
    data = data_folder(tmp_path / "repo")
    submissions, authors = easychair(tmp_path / "export")
    done = run("easychair", str(submissions), str(authors), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return data, done.stdout


def papers_of(data):
    return {p["source"]["number"]: p for p in yaml.safe_load((data / "papers.yaml").read_text())["papers"]}


def test_the_accepted_papers_land_in_papers_yaml_and_load(imported):
    data, out = imported
    papers = papers_of(data)
    # ACCEPT, "Accept (oral)" and accept are accepted; reject, "probably accept", no decision and a
    # deleted row are not.
    assert sorted(papers) == [1, 2, 6]
    loaded = load(data)
    assert loaded.problems == []
    assert [p.source.number for p in loaded.workshop.papers.papers] == [1, 2, 6]
    first = loaded.workshop.papers.paper(papers[1]["id"])
    assert first.title == "Fast Inference on Edge TPUs: A Study"
    assert first.track == "short"  # the workshop's only track
    assert first.source.system == "easychair"
    assert first.abstract == ABSTRACT_KEPT  # quotes, commas, paragraph breaks; no control, tab or extra line
    assert "3 added, 0 updated, 0 unchanged, 0 withdrawn, 3 missing PDF" in out


def test_names_accents_particles_apostrophes_and_cjk(imported):
    data, _ = imported
    papers = {p.source.number: p for p in load(data).workshop.papers.papers}
    people = [(a.name, a.affiliation, a.sort_as) for a in papers[1].authors]
    assert people == [
        ("Jürgen Müller", "ETH Zürich", None),
        ("Anne-Marie van der Berg", "TU Delft", "Berg, Anne-Marie van der"),  # in the order of author.csv
        ("Seán O'Brien", "Trinity College, Dublin", None),
    ]
    assert [(a.name, a.affiliation) for a in papers[2].authors] == [
        ("王小明", "清华大学"),
        ("Zoë D'Angelo", None),
    ]
    assert [(a.name, a.sort_as) for a in papers[6].authors] == [
        ("Vijay Janapa Reddi", "Janapa Reddi, Vijay"),
        ("Ana García Márquez", "García Márquez, Ana"),
    ]
    assert papers[6].abstract is None  # an empty abstract is no abstract


def test_ids_are_ascii_from_the_family_name_and_the_title(imported):
    data, _ = imported
    papers = papers_of(data)
    assert papers[1]["id"] == "muller-fast-inference"  # accents transliterated
    assert papers[2]["id"] == "paper-2"  # 王 has no ASCII form: the submission number
    assert papers[6]["id"] == "janapa-reddi-dont-trust"  # the apostrophe dropped, "the" skipped
    assert papers[1]["pdf"] == "papers/muller-fast-inference.pdf"


def test_the_summary_names_each_paper_and_the_missing_pdfs(imported):
    _, out = imported
    assert out.splitlines()[0].startswith(
        "EasyChair: 3 accepted of 7 submission(s) in submission.csv, author.csv"
    )
    assert "  added      muller-fast-inference" in out
    assert (
        "warning: muller-fast-inference: no PDF (no --pdfs given); put it at "
        "repo/docs/data/papers/muller-fast-inference.pdf"
    ) in out.splitlines()
    assert out.splitlines()[-1] == "wrote repo/docs/data/papers.yaml"


def test_accept_names_other_decisions(tmp_path):
    data = data_folder(tmp_path / "repo")
    submissions, authors = easychair(tmp_path / "export")
    done = run(
        "easychair",
        str(submissions),
        str(authors),
        "--data",
        str(data),
        "--accept",
        "probably accept",
        "reject",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(papers_of(data)) == [3, 5]  # the default words no longer count; a deleted row never does


def test_a_file_without_byte_order_mark_reads_the_same(tmp_path):
    data = data_folder(tmp_path / "repo")
    submissions, authors = easychair(tmp_path / "export", bom=False)
    assert run("easychair", str(submissions), str(authors), "--data", str(data), cwd=tmp_path).returncode == 0
    assert sorted(papers_of(data)) == [1, 2, 6]


# --- bad input: one line naming the file, the row and what to do; exit status 1; nothing written ---


def refused(tmp_path, submissions, authors, *extra):
    data = data_folder(tmp_path / "repo")
    before = snapshot(data.parent.parent)
    done = run("easychair", str(submissions), str(authors), "--data", str(data), *extra, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert snapshot(data.parent.parent) == before
    return done.stderr.strip()


def rewrite(path, old, new):
    text = path.read_text(encoding="utf-8-sig")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_missing_column_is_named(tmp_path):
    submissions, authors = easychair(tmp_path / "export")
    rewrite(authors, "last name,", "surname,")
    message = refused(tmp_path, submissions, authors)
    assert message.startswith("error: export/author.csv:1: has no column 'last name' (it has ")
    assert "download it again from EasyChair" in message


def test_a_decision_column_absent_is_named(tmp_path):
    header = [h for h in SUBMISSION_HEADER if h != "decision"]
    (tmp_path / "export").mkdir()
    submissions = tmp_path / "export" / "submission.csv"
    submissions.write_text(csv_text(header, [[1, "T", "A", "", "", "", "", "", "", "abstract", "no"]]))
    _, authors = easychair(tmp_path / "other")
    assert refused(tmp_path, submissions, authors).startswith(
        "error: export/submission.csv:1: has no column 'decision'"
    )


def test_a_non_number_in_submission_number_names_the_row(tmp_path):
    submissions, authors = easychair(tmp_path / "export")
    rows = [
        [1, "Jürgen", "Müller", "", "", "ETH", "", 1, "no"],
        ["12a", "Ann", "Bee", "", "", "X", "", 2, "no"],
    ]
    authors.write_text(csv_text(AUTHOR_HEADER, rows), encoding="utf-8")
    assert refused(tmp_path, submissions, authors) == (
        "error: export/author.csv:3: submission #: '12a' is not a submission number: EasyChair numbers "
        "submissions 1, 2, ...; check that the columns were not shifted"
    )


def test_a_row_number_counts_the_lines_of_quoted_fields_before_it(tmp_path):
    submissions, authors = easychair(tmp_path / "export")
    # Row 2 (submission 2) starts after row 1, whose abstract and keywords run over 8 lines.
    rewrite(submissions, "\n2,Benchmarking", "\ntwo,Benchmarking")
    message = refused(tmp_path, submissions, authors)
    start = 1 + 1 + submissions.read_text(encoding="utf-8").split("\ntwo,")[0].count("\n")
    assert message.startswith(f"error: export/submission.csv:{start}: #: 'two' is not a submission number")


def test_a_file_without_its_header_row(tmp_path):
    submissions, authors = easychair(tmp_path / "export")
    text = authors.read_text(encoding="utf-8-sig")
    authors.write_text(text.split("\n", 1)[1], encoding="utf-8")
    assert "has no header row: download it again from EasyChair" in refused(tmp_path, submissions, authors)


def test_a_file_saved_again_in_another_encoding(tmp_path):
    submissions, authors = easychair(tmp_path / "export", bom=False)
    authors.write_bytes(authors.read_text(encoding="utf-8").encode("latin-1", "replace"))
    message = refused(tmp_path, submissions, authors)
    assert message.startswith("error: export/author.csv:2: is not UTF-8")


def test_an_accepted_paper_without_authors(tmp_path):
    submissions, authors = easychair(tmp_path / "export", authors=[(1, "Jürgen", "Müller", "ETH")])
    assert "lists no author of submission 2" in refused(tmp_path, submissions, authors)


def test_a_quote_left_open_is_a_cut_row(tmp_path):
    submissions, authors = easychair(tmp_path / "export")
    with submissions.open("a", encoding="utf-8") as out:
        out.write('8,"Open quote,T,,,,,accept,,,abstract,no\n')
    message = refused(tmp_path, submissions, authors)
    assert "export/submission.csv" in message and "download it again from EasyChair" in message


def test_the_same_file_twice_is_not_author_csv(tmp_path):
    submissions, _ = easychair(tmp_path / "export")
    assert "has no column 'submission #'" in refused(tmp_path, submissions, submissions)


def test_a_file_that_does_not_exist(tmp_path):
    submissions, _ = easychair(tmp_path / "export")
    assert refused(tmp_path, submissions, tmp_path / "nowhere.csv") == (
        "error: nowhere.csv: does not exist (or is not a file): give the path of author.csv"
    )
