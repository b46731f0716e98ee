"""Identifiers in the data, refused as their registries refuse them: one problem at the file,
line and field, from the one loader (so the site, the check, the volume and the packages all
refuse them alike)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SECOND_EDITION

from workshop.core import dois, identifiers
from workshop.core.load import load


@pytest.mark.parametrize(
    "value", ["0000-0002-1825-0097", "0000-0002-1694-233X", "https://orcid.org/0000-0000-0000-108X"]
)
def test_an_orcid_id_with_its_check_digit_is_taken(value):
    assert identifiers.orcid(value) == value.removeprefix("https://orcid.org/")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0000-0002-1825-0098", "7"), ("0000-0002-1694-2330", "X"), ("0000-0002-1852-0097", "3")],
)
def test_an_orcid_id_with_a_typo_or_two_digits_swapped_is_refused(value, expected):
    with pytest.raises(ValueError, match=f"check digit should be {expected}"):
        identifiers.orcid(value)


@pytest.mark.parametrize(
    "value", ["978-1-952148-02-6", "9780306406157", "0-306-40615-2", "0 8044 2957 X", "978 0 306 40615 7"]
)
def test_isbn_10_and_13_with_their_check_digits_are_taken(value):
    assert identifiers.isbn(value) == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("978-1-952148-02-7", "check digit should be 6"),
        ("0-306-40615-3", "check digit should be 2"),
        ("0-8044-2957-0", "check digit should be X"),
        ("978-1-95214", "is not an ISBN"),
        ("977-1-952148-02-6", "is not an ISBN"),
    ],
)
def test_isbn_with_a_wrong_check_digit_or_shape_is_refused(value, message):
    with pytest.raises(ValueError, match=message):
        identifiers.isbn(value)


def test_issn_check_digit():
    assert identifiers.issn("2640-3498") == "2640-3498"
    assert identifiers.issn("2434561x") == "2434-561X"
    with pytest.raises(ValueError, match="check digit should be 8"):
        identifiers.issn("2640-3497")


def test_spdx_ids_match_in_any_case_and_a_near_miss_is_named():
    assert identifiers.spdx_license("cc-by-4.0") == "CC-BY-4.0"
    with pytest.raises(ValueError, match=r"did you mean 'CC-BY-4\.0'"):
        identifiers.spdx_license("CC-BY-4")
    with pytest.raises(ValueError, match="is not an SPDX license id"):
        identifiers.spdx_license("All rights reserved")
    assert identifiers.license_url("CC-BY-NC-SA-4.0") == "https://creativecommons.org/licenses/by-nc-sa/4.0/"


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the second edition's data inside a repository of its own."""
    (tmp_path / "pyproject.toml").write_text("")
    folder = tmp_path / "data"
    shutil.copytree(SECOND_EDITION, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(folder: Path, name: str, text: str) -> int:
    return next(i for i, line in enumerate((folder / name).read_text().splitlines(), 1) if text in line)


@pytest.mark.parametrize(
    ("name", "old", "new", "field", "message"),
    [
        (
            "papers.yaml",
            "orcid: 0000-0000-0000-1047",
            "orcid: 0000-0000-0000-1048",
            "papers[2].authors[0].orcid",
            "check digit should be 7",
        ),
        (
            "people.yaml",
            "orcid: 0000-0000-0000-1071",
            "orcid: 0000-0000-0000-1017",
            "committees[0].members[0].orcid",
            "check digit",
        ),
        (
            "workshop.yaml",
            'prefix: "10.5555"',
            'prefix: "10.55"',
            "proceedings.doi.prefix",
            "is not a DOI prefix",
        ),
        (
            "workshop.yaml",
            'paper: "mlbench.{year}.{id}"',
            'paper: "mlbench.{year}"',
            "proceedings.doi.paper",
            "does not hold {id}",
        ),
        (
            "workshop.yaml",
            'paper: "mlbench.{year}.{id}"',
            'paper: "mlbench {id}"',
            "proceedings.doi.paper",
            "characters a DOI suffix should not",
        ),
        (
            "workshop.yaml",
            "license: CC-BY-4.0",
            "license: CC-BY-4",
            "proceedings.license",
            "did you mean 'CC-BY-4.0'",
        ),
        (
            "workshop.yaml",
            '"978-0-306-40615-7"',
            '"978-0-306-40615-8"',
            "proceedings.isbn",
            "check digit should be 7",
        ),
        ("workshop.yaml", '"2640-3498"', '"2640-3499"', "proceedings.issn", "check digit should be 8"),
        (
            "workshop.yaml",
            "acronym: MLBench 2024",
            "acronym: MLBench",
            "proceedings.ceur.acronym",
            "CEUR's volume acronym",
        ),
        (
            "papers.yaml",
            "doi: 10.5555/preprint.2024.0042",
            "doi: 10.5555 preprint",
            "papers[7].doi",
            "write it as 10.NNNN/suffix",
        ),
        (
            "papers.yaml",
            "    track: short\n    pdf: papers/osei-thermal.pdf",
            "    track: short\n    license: CC-BY-4\n    pdf: papers/osei-thermal.pdf",
            "papers[7].license",
            "not an SPDX license id",
        ),
    ],
)
def test_a_wrong_identifier_is_one_problem_at_its_file_line_and_field(data, name, old, new, field, message):
    edit(data, name, old, new)
    problems = load(data).problems
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert (problem.file.name, problem.field) == (name, field)
    changed = next(line for line in new.splitlines() if line not in old.splitlines())
    assert problem.line == line_of(data, name, changed.strip())
    assert message in problem.message
    assert str(problem).count("\n") == 0


def test_two_papers_with_one_doi_are_refused_own_or_minted(data):
    # Osei's own DOI is the one minted for Wang's paper: refused at Osei's doi.
    edit(
        data, "papers.yaml", "doi: 10.5555/preprint.2024.0042", "doi: 10.5555/MLBENCH.2024.wang-tail-latency"
    )
    problems = load(data).problems
    assert [(p.field, p.code) for p in problems] == [("papers[7].doi", "duplicate-id")]
    assert "is also paper 'wang-tail-latency''s" in problems[0].message
    edit(data, "papers.yaml", "doi: 10.5555/MLBENCH.2024.wang-tail-latency", "doi: 10.5555/mlbench.2024")
    problems = load(data).problems
    assert [(p.field, p.code) for p in problems] == [("papers[7].doi", "duplicate-id")]
    assert "is the volume's" in problems[0].message


def test_dois_are_minted_and_a_papers_own_wins():
    loaded = load(SECOND_EDITION)
    info, papers = loaded.workshop.info, {p.id: p for p in loaded.workshop.papers.papers}
    assert dois.volume_doi(info) == "10.5555/mlbench.2024"
    assert dois.paper_doi(info, papers["wang-tail-latency"]) == "10.5555/mlbench.2024.wang-tail-latency"
    assert dois.paper_doi(info, papers["osei-thermal"]) == "10.5555/preprint.2024.0042"
    example = load(ROOT / "docs" / "data").workshop
    assert dois.volume_doi(example.info) == "10.5555/mlbench23"
    assert dois.paper_doi(example.info, example.papers.papers[0]) == "10.5555/mlbench23.liu-time-variations"
