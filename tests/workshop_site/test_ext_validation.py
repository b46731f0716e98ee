"""Every mistake the data checks refuse, as an organizer meets it: one Sphinx warning, at the
data file and line, with a documented ``workshop.<subtype>``, in words that say what to do.

Each case breaks the good data of ``tests/roots/test-validation`` in one place (in a
private copy) and builds it with the real Sphinx application; the expected warning is
typed here in full, so a changed word, line or subtype fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, build_site, copy_site
from ext_support import built, copy_root, edit, line_of, warnings_of

from workshop.core.problems import CODES

KINDS = "'opening', 'invited', 'paper', 'break', 'lunch', 'panel', 'closing' or 'poster'"

# (file, text to replace, replacement, text on the line the warning names, field: message, subtype)
CASES = {
    "time that does not parse": (
        "schedule.yaml",
        "start: 8:55 AM",
        "start: 8:75 AM",
        "start: 8:75 AM",
        "days[0].slots[2].start: '8:75 AM' is not a time: minutes run from 00 to 59",
        "schema",
    ),
    "time that is not a time at all": (
        "schedule.yaml",
        "start: 8:55 AM",
        "start: nine",
        "start: nine",
        "days[0].slots[2].start: 'nine' is not a time: write it like 8:55 AM or 08:55",
        "schema",
    ),
    "slot ending before it starts": (
        "schedule.yaml",
        "end: 9:20 AM",
        "end: 8:50 AM",
        "end: 8:50 AM",
        "days[0].slots[2].end: 'On Tables' ends (8:50 AM) before it starts (8:55 AM)",
        "slot-time",
    ),
    "slot ending when it starts": (
        "schedule.yaml",
        "end: 4:40 PM",
        "end: 4:30 PM",
        "end: 4:30 PM",
        "days[0].slots[5].end: 'Conclusion' starts and ends at 4:30 PM: give it an end after its start",
        "slot-time",
    ),
    "slots out of order": (
        "schedule.yaml",
        "start: 4:30 PM\n        end: 4:40 PM",
        "start: 9:00 AM\n        end: 9:10 AM",
        "start: 9:00 AM",
        (
            "days[0].slots[5].start: 'Conclusion' starts (9:00 AM) before the slot above it "
            "('Panel Session', 9:40 AM): list slots in time order"
        ),
        "slot-order",
    ),
    "overlapping slots": (
        "schedule.yaml",
        "end: 8:55 AM",
        "end: 9:05 AM",
        "start: 8:55 AM",
        "days[0].slots[2].start: 'On Tables' starts (8:55 AM) before 'A Keynote' ends (9:05 AM): slots must not overlap",
        "slot-order",
    ),
    "a day running past midnight (24-hour clock)": (
        "schedule.yaml",
        "start: 4:30 PM\n        end: 4:40 PM",
        "start: 23:50\n        end: 24:20",
        "end: 24:20",
        "days[0].slots[5].end: 'Conclusion' runs past midnight; a day ends at 24:00, so put the rest on the next day",
        "slot-time",
    ),
    "a day running past midnight (AM/PM)": (
        "schedule.yaml",
        "start: 4:30 PM\n        end: 4:40 PM",
        "start: 11:50 PM\n        end: 12:20 AM",
        "end: 12:20 AM",
        (
            "days[0].slots[5].end: 'Conclusion' ends (12:20 AM) before it starts (11:50 PM); "
            "a day ends at midnight, so put the rest on the next day"
        ),
        "slot-time",
    ),
    "unknown slot kind": (
        "schedule.yaml",
        "kind: invited",
        "kind: keynote",
        "kind: keynote",
        f"days[0].slots[1].kind: 'keynote' is not one of {KINDS}",
        "schema",
    ),
    "speaker with no name": (
        "schedule.yaml",
        "{name: Ada Lovelace, affiliation: Analytical Engines}",
        "{affiliation: Analytical Engines}",
        "{affiliation: Analytical Engines}",
        "days[0].slots[1].speakers[0].name: is required but missing",
        "schema",
    ),
    "panelist with an empty name": (
        "schedule.yaml",
        "{name: Alan Turing, affiliation: Bletchley Park}",
        "{name: '', affiliation: Bletchley Park}",
        "{name: '', affiliation: Bletchley Park}",
        "days[0].slots[4].panelists[0].name: must not be empty",
        "schema",
    ),
    "committee member with no name": (
        "people.yaml",
        "- name: Grace Hopper\n",
        "- email: grace@example.org\n",
        "- email: grace@example.org",
        "committees[0].members[0].name: is required but missing",
        "schema",
    ),
    "duplicate slot id": (
        "schedule.yaml",
        "id: panel",
        "id: 'coffee'",
        "id: 'coffee'",
        "days[0].slots[4].id: slot id 'coffee' is used twice (first on line 20); ids must be unique",
        "duplicate-id",
    ),
    "unknown paper": (
        "schedule.yaml",
        "paper: tables",
        "paper: chairs",
        "paper: chairs",
        "days[0].slots[2].paper: no paper with id 'chairs' in papers.yaml (known: tables)",
        "unknown-reference",
    ),
    "dates out of order: the published page's camera-ready May 19, 2022": (
        "workshop.yaml",
        "date: 2023-05-19",
        "date: 2022-05-19",
        "date: 2022-05-19",
        (
            "dates[2].date: Camera Ready Submission Deadline (May 19, 2022) must come after Acceptance Notification "
            "(April 14, 2023): dates are listed in the order they happen; check the year"
        ),
        "dates-order",
    ),
    "two important dates on the same day": (
        "workshop.yaml",
        "date: 2023-04-14",
        "date: 2023-04-03  # as the submission",
        "# as the submission",
        (
            "dates[1].date: Acceptance Notification (April 3, 2023) must come after Submission Deadline "
            "(April 3, 2023): dates are listed in the order they happen; check the year"
        ),
        "dates-order",
    ),
    "program day that is not the workshop's": (
        "schedule.yaml",
        "date: 2023-06-08",
        "date: 2023-06-09",
        "date: 2023-06-09",
        "days[0].date: June 9, 2023 is not a workshop date of workshop.yaml (June 8, 2023)",
        "schedule-date",
    ),
}


def broken(make_app, tmp_path: Path, file: str, old: str, new: str, **kwargs):
    srcdir = copy_root("validation", tmp_path)
    data_file = srcdir / "data" / file
    edit(data_file, old, new)
    return built(make_app, srcdir, **kwargs), data_file.resolve()


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_mistake_is_one_warning_at_its_file_and_line(make_app, tmp_path, case):
    file, old, new, needle, message, subtype = CASES[case]
    app, data_file = broken(make_app, tmp_path, file, old, new)
    line = line_of(data_file, needle)
    assert warnings_of(app) == [f"{data_file}:{line}: WARNING: {message} [workshop.{subtype}]"]
    assert subtype in CODES


def test_the_good_data_has_no_warning(make_app, tmp_path):
    app = built(make_app, copy_root("validation", tmp_path))
    assert warnings_of(app) == []


def test_the_subtype_is_the_one_suppress_warnings_knows(make_app, tmp_path):
    app, _ = broken(
        make_app,
        tmp_path,
        "workshop.yaml",
        "date: 2023-05-19",
        "date: 2022-05-19",
        confoverrides={"suppress_warnings": ["workshop.dates-order"]},
    )
    assert warnings_of(app) == []


def test_warnings_as_errors_stop_the_real_build_on_the_published_typo(tmp_path):
    """The example site with the published page's camera-ready date, built as `nox -s docs`
    builds it: it fails, with one line an organizer can act on."""
    site = copy_site(tmp_path / "site")
    data = site / "docs" / "data" / "workshop.yaml"
    edit(data, "date: 2023-05-19", "date: 2022-05-19")
    status, stderr = build_site(site, tmp_path / "out")
    assert status == 1
    assert "Traceback" not in stderr
    line = line_of(data, "date: 2022-05-19")
    assert stderr.splitlines()[0] == (
        f"docs/data/workshop.yaml:{line}: WARNING: dates[2].date: Camera Ready Submission Deadline "
        "(May 19, 2022) must come after Acceptance Notification (April 14, 2023): dates are listed "
        "in the order they happen; check the year [workshop.dates-order]"
    )
    assert not (tmp_path / "out" / "html" / "schedule.ics").exists()  # bad data exports nothing
    assert ROOT.joinpath("docs", "data", "workshop.yaml").read_text().count("date: 2023-05-19") == 1


def test_readme_documents_every_subtype_and_no_other():
    """The README's table is what an organizer reads to silence or look up a warning."""
    readme = (ROOT / "README.md").read_text()
    table = readme.split("### What the build refuses", 1)[1].split("\n## ", 1)[0]
    documented = set()
    for row in table.splitlines():
        if row.startswith("| `"):
            documented |= set(re.findall(r"`([a-z-]+)`", row.split("|")[1]))
    assert documented == set(CODES)


def test_a_long_slot_overlaps_every_slot_that_starts_before_it_ends(make_app, tmp_path):
    """The keynote runs to 9:30: the paper talk after it and the coffee break after that
    both start inside it (the break starts when the talk ends, yet the keynote is on)."""
    app, data_file = broken(make_app, tmp_path, "schedule.yaml", "end: 8:55 AM", "end: 9:30 AM")
    talk, coffee = line_of(data_file, "start: 8:55 AM"), line_of(data_file, "start: 9:20 AM")
    assert warnings_of(app) == [
        (
            f"{data_file}:{talk}: WARNING: days[0].slots[2].start: 'On Tables' starts (8:55 AM) before "
            "'A Keynote' ends (9:30 AM): slots must not overlap [workshop.slot-order]"
        ),
        (
            f"{data_file}:{coffee}: WARNING: days[0].slots[3].start: 'Coffee Break' starts (9:20 AM) before "
            "'A Keynote' ends (9:30 AM): slots must not overlap [workshop.slot-order]"
        ),
    ]


def test_a_paper_outside_the_repository_is_refused(make_app, tmp_path):
    srcdir = copy_root("validation", tmp_path)
    (srcdir / "pyproject.toml").write_text("# the repository's root, for the loader\n")
    data_file = (srcdir / "data" / "papers.yaml").resolve()
    edit(data_file, "pdf: papers/tables.pdf", "pdf: ../../tables.pdf")
    app = built(make_app, srcdir)
    line = line_of(data_file, "pdf: ../../tables.pdf")
    assert warnings_of(app) == [
        (
            f"{data_file}:{line}: WARNING: papers[0].pdf: '../../tables.pdf' leads outside the repository "
            f"({srcdir.resolve()}); keep papers inside it [workshop.path-escape]"
        )
    ]
