"""A broken data file stops the build with one message: file, line, field, what to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build_site, copy_site

from workshop.core.load import load


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def broken_build(tmp_path: Path, file: str, old: str, new: str) -> tuple[int, str, Path]:
    site = copy_site(tmp_path / "site")
    data_file = site / "docs" / "data" / file
    edit(data_file, old, new)
    status, stderr = build_site(site, tmp_path / "out")
    return status, stderr, data_file


def warnings_in(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "WARNING" in line or "ERROR" in line]


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    status, stderr, _data = broken_build(
        tmp_path, "schedule.yaml", "        title: Introduction", '        title: "Introduction'
    )
    assert status != 0
    assert "Traceback" not in stderr
    (message,) = warnings_in(stderr)
    assert re.search(r"docs/data/schedule\.yaml:\d+: WARNING: not valid YAML", message)
    assert "[workshop.syntax]" in message


def test_wrong_type_names_file_line_and_field(tmp_path):
    status, stderr, data = broken_build(tmp_path, "workshop.yaml", "  min_pages: 8", "  min_pages: eight")
    assert status != 0
    assert "Traceback" not in stderr
    (message,) = warnings_in(stderr)
    line = line_of(data, "min_pages: eight")
    assert f"docs/data/workshop.yaml:{line}: WARNING: tracks[0].min_pages:" in message
    assert "valid integer" in message and "'eight'" in message
    assert "[workshop.schema]" in message


def test_bad_time_in_schedule(tmp_path):
    status, stderr, data = broken_build(tmp_path, "schedule.yaml", "start: 8:55 AM", "start: 8:75 AM")
    assert status != 0 and "Traceback" not in stderr
    (message,) = warnings_in(stderr)
    line = line_of(data, "start: 8:75 AM")
    assert f"schedule.yaml:{line}: WARNING: days[0].slots[2].start: '8:75 AM' is not a time" in message


def test_unknown_key_is_refused(tmp_path):
    status, stderr, data = broken_build(
        tmp_path, "people.yaml", "        affiliation: OctoML", "        affilation: OctoML"
    )
    assert status != 0
    (message,) = warnings_in(stderr)
    line = line_of(data, "affilation: OctoML")
    assert (
        f"people.yaml:{line}: WARNING: committees[0].members[0].affilation: is not a known field" in message
    )


def test_missing_workshop_file(tmp_path):
    site = copy_site(tmp_path / "site")
    (site / "docs" / "data" / "workshop.yaml").unlink()
    status, stderr = build_site(site, tmp_path / "out")
    assert status != 0 and "Traceback" not in stderr
    (_message,) = warnings_in(stderr)
    assert "WARNING: docs/data/workshop.yaml: is missing: every data folder needs workshop.yaml" in stderr


# --- the loader on its own -------------------------------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


MINIMAL = """\
name: A Workshop
short_name: AW'24
year: 2024
conference: {name: A Conference, short_name: AC 2024}
timezone: Europe/Berlin
dates:
  - {id: submission, label: Submission, date: 2024-03-01}
  - {id: day, label: Workshop, date: 2024-06-01, kind: workshop}
tracks:
  - {id: full, name: Full papers, min_pages: 8, max_pages: 10}
"""


def test_minimal_data_folder_loads(tmp_path):
    write(tmp_path, "workshop.yaml", MINIMAL)
    loaded = load(tmp_path)
    assert loaded.problems == []
    info = loaded.workshop.info
    assert info.date.isoformat() == "2024-06-01"
    assert loaded.workshop.schedule is None and loaded.workshop.people is None


def test_yaml_1_1_surprises_stay_strings(tmp_path):
    """``8:00`` is not the sexagesimal 480 and ``no`` is not False: every scalar is text
    until the schema says what it is."""
    write(tmp_path, "workshop.yaml", MINIMAL.replace("short_name: AW'24", "short_name: no"))
    write(
        tmp_path,
        "schedule.yaml",
        "days:\n  - date: 2024-06-01\n    slots:\n"
        "      - {start: 8:00, end: 9:30, kind: opening, title: '1:20'}\n",
    )
    loaded = load(tmp_path)
    assert loaded.problems == []
    assert loaded.workshop.info.short_name == "no"
    slot = loaded.workshop.schedule.days[0].slots[0]
    assert (slot.start, slot.end, slot.title) == (480, 570, "1:20")


def test_duplicate_key_is_refused_with_both_lines(tmp_path):
    write(tmp_path, "workshop.yaml", MINIMAL + "year: 2025\n")
    (problem,) = load(tmp_path).problems
    assert problem.code == "duplicate-key"
    assert problem.line == MINIMAL.count("\n") + 1
    assert "first on line 3" in problem.message


def test_wrong_shape_is_one_problem_per_field(tmp_path):
    write(
        tmp_path,
        "workshop.yaml",
        MINIMAL.replace("year: 2024", "year: [2024]").replace(
            "timezone: Europe/Berlin", "timezone: Mars/Olympus"
        ),
    )
    problems = load(tmp_path).problems
    assert [(p.field, p.line) for p in problems] == [("year", 3), ("timezone", 5)]
    assert "IANA time zone" in problems[1].message


def test_a_key_left_empty_is_no_value_as_in_yaml(tmp_path):
    """``affiliation:`` with nothing after it is YAML's null: a person without an affiliation,
    not one of '' printed "Ada Lovelace ()", with libyaml's composer as with PyYAML's own."""
    write(tmp_path, "workshop.yaml", MINIMAL)
    write(
        tmp_path,
        "people.yaml",
        "committees:\n  - id: pc\n    title: Program Committee\n    members:\n"
        "      - name: Ada Lovelace\n        affiliation:\n        email: null\n",
    )
    loaded = load(tmp_path)
    assert loaded.problems == []
    (ada,) = loaded.workshop.people.committees[0].members
    assert (ada.affiliation, ada.email, ada.display) == (None, None, "Ada Lovelace")


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        (
            "committees:\n",
            "committees",
            "is empty: list its entries under it, each on a line starting with '- '",
        ),
        ("committees: []\n", "committees", "must list at least one entry, each on a line starting with '- '"),
        (
            "committees: organizing\n",
            "committees",
            "is 'organizing', but must be a list: write its entries under it, each on a line starting with '- '",
        ),
        (
            "committees:\n  - id: pc\n    title: PC\n    members:\n      - name:\n",
            "committees[0].members[0].name",
            "must not be empty",
        ),
        (
            "committees:\n  - [pc, PC]\n",
            "committees[0]",
            "is a list, but must be a mapping of id, title, show_contact, members, each as 'key: value' on its own line",
        ),
        (
            "just the committees\n",
            "",
            (
                "holds the single value 'just the committees' at the top level, but must be a mapping: write 'committees:' "
                "on the first line and indent the entries under it"
            ),
        ),
    ],
)
def test_a_value_of_the_wrong_shape_is_said_in_plain_words(tmp_path, text, field, message):
    write(tmp_path, "workshop.yaml", MINIMAL)
    write(tmp_path, "people.yaml", text)
    (problem,) = load(tmp_path).problems
    assert (problem.field, problem.message) == (field, message)
