"""The program as published (``published.yaml``): recorded by ``python -m proceedings program
publish`` as a chair runs it (deterministic bytes, read back by the one loader, nothing
written when nothing changed), and compared with the program: what moved, changed room, was
added, cancelled or retitled since the last record, and each event's SEQUENCE and
LAST-MODIFIED across every record."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SECOND_EDITION
from ext_support import edit, line_of

from workshop.core.changes import history
from workshop.core.load import load
from workshop.core.program import program
from workshop.core.published import render

MAY_1, MAY_10 = 1714521600, 1715299200  # 2024-05-01 and 2024-05-10, 00:00 UTC


@pytest.fixture
def data(tmp_path) -> Path:
    (tmp_path / "pyproject.toml").write_text("")
    shutil.copytree(SECOND_EDITION, tmp_path / "data")
    return tmp_path / "data"


def publish(data: Path, epoch: int | None = None, *extra: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        environment["SOURCE_DATE_EPOCH"] = str(epoch)
    return subprocess.run(
        [sys.executable, "-m", "proceedings", "program", "publish", "--data", str(data), *extra],
        capture_output=True,
        text=True,
        cwd=data.parent,
        env=environment,
    )


def test_the_example_carries_its_program_as_published():
    loaded = load(ROOT / "docs" / "data")
    assert loaded.problems == []
    published = loaded.workshop.published
    assert len(published.records) == 1
    assert published.last.published == dt.datetime(2023, 6, 1, tzinfo=dt.UTC)
    found = history(published, program(loaded.workshop))
    assert found.changes == () and found.cancelled == ()
    # The file is what the command writes, to the byte.
    assert render(published) == (ROOT / "docs" / "data" / "published.yaml").read_text()


def test_publishing_writes_the_same_bytes_for_the_same_data_and_date(data, tmp_path):
    done = publish(data, MAY_1)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "data/published.yaml: recorded the program of 13 slot(s) as published on 2024-05-01T00:00:00Z; the "
        "first record. Commit it with the data.\n"
    )
    first = (data / "published.yaml").read_bytes()
    other = tmp_path / "again"
    other.mkdir()
    (other / "pyproject.toml").write_text("")
    shutil.copytree(SECOND_EDITION, other / "data")
    assert publish(other / "data", MAY_1).returncode == 0
    assert (other / "data" / "published.yaml").read_bytes() == first
    loaded = load(data)
    assert loaded.problems == []
    slots = loaded.workshop.published.last.slots
    assert [(s.key, s.room, s.start, s.end) for s in slots[3:5]] == [
        ("wang-tail-latency", "ballroom-e", 600, 625),
        ("kim-energy-per-token", "room-209", 600, 630),
    ]
    # Nothing changed: nothing written, not even the file's date.
    stamp = (data / "published.yaml").stat().st_mtime_ns
    done = publish(data, MAY_10)
    assert done.returncode == 0
    assert done.stdout == "data/published.yaml: the program is as recorded on May 1, 2024: nothing written\n"
    assert (data / "published.yaml").stat().st_mtime_ns == stamp


def change_the_program(schedule: Path) -> None:
    """The keynote moves, the posters change room, the panel is retitled, a talk is added on
    the second day and the closing is cancelled."""
    edit(
        schedule,
        "        start: 8:45 AM\n        end: 9:30 AM\n",
        "        start: 8:50 AM\n        end: 9:30 AM\n",
    )
    edit(
        schedule,
        "        title: Posters\n        room: ballroom-e\n",
        "        title: Posters\n        room: room-209\n",
    )
    edit(schedule, 'title: "Panel: Benchmarks We Still Need"', 'title: "Panel: The Benchmarks We Still Need"')
    text = schedule.read_text()
    start = text.index("      - id: closing")
    schedule.write_text(
        text[:start]
        + "      - {id: late-talk, start: 9:45 AM, end: 10:15 AM, kind: invited, title: A Late Talk}\n"
    )


def test_what_changed_since_the_last_record_and_how_often_each_event_did(data):
    assert publish(data, MAY_1).returncode == 0
    change_the_program(data / "schedule.yaml")
    loaded = load(data)
    assert loaded.problems == []
    found = history(loaded.workshop.published, program(loaded.workshop))
    assert found.since == dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    assert [(c.key, c.what) for c in found.changes] == [
        ("keynote", ("moved",)),
        ("posters", ("room",)),
        ("panel", ("retitled",)),
        ("late-talk", ("added",)),
        ("closing", ("cancelled",)),
    ]
    assert [slot.key for slot in found.cancelled] == ["closing"]
    events = {key: (e.sequence, e.modified) for key, e in found.events.items()}
    may_1 = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    assert events["keynote"] == events["posters"] == events["closing"] == (1, None)  # None: this build's date
    assert events["late-talk"] == (0, None) and events["welcome"] == (0, may_1)

    # Published again: nothing is new since, and the counts stay.
    done = publish(data, MAY_10, "--dry-run")
    assert (
        done.returncode == 0
        and "since May 1, 2024: 1 moved, 1 room, 1 retitled, 1 added, 1 cancelled" in done.stdout
    )
    assert len(load(data).workshop.published.records) == 1  # a dry run writes nothing
    assert publish(data, MAY_10).returncode == 0
    loaded = load(data)
    found = history(loaded.workshop.published, program(loaded.workshop))
    may_10 = dt.datetime(2024, 5, 10, tzinfo=dt.UTC)
    assert found.changes == () and found.since == may_10
    assert found.event("keynote").sequence == 1 and found.event("keynote").modified == may_10
    assert found.event("welcome").modified == may_1 and found.event("late-talk").sequence == 0

    # The keynote moves back: a second change.
    edit(data / "schedule.yaml", "        start: 8:50 AM\n", "        start: 8:45 AM\n")
    found = history(load(data).workshop.published, program(load(data).workshop))
    assert found.event("keynote").sequence == 2 and found.event("keynote").modified is None


def test_a_record_out_of_order_or_hand_made_is_refused_at_its_line(data):
    assert publish(data, MAY_10).returncode == 0
    published = data / "published.yaml"
    text = published.read_text()
    record = text[text.index("  - published:") :]
    published.write_text(text + record.replace("2024-05-10T00:00:00Z", "2024-05-01T00:00:00Z"))
    second = [
        i for i, line in enumerate(published.read_text().splitlines(), 1) if "published: 2024-05-01" in line
    ]
    assert [f"{p} [{p.code}]" for p in load(data).problems] == [
        (
            f"{published}:{second[0]}: records[1].published: 2024-05-01T00:00:00Z is not after the record above "
            "(2024-05-10T00:00:00Z): records are appended in the order they are made; restore the file from the "
            "repository [dates-order]"
        )
    ]
    published.write_text(text.replace("kind: opening,", "kind: opening, speaker: me,", 1))
    line = line_of(published, "speaker: me")
    assert [f"{p} [{p.code}]" for p in load(data).problems] == [
        (
            f"{published}:{line}: records[0].slots[0].speaker: is not a known field: check its spelling against the "
            "README's data reference [schema]"
        )
    ]
    # A clock behind the last record: refused, nothing written.
    published.write_text(text)
    edit(data / "schedule.yaml", "title: Closing and Awards", "title: Closing")
    done = publish(data, MAY_1)
    assert done.returncode == 1
    assert done.stderr == (
        "error: data/published.yaml: the new record (2024-05-01T00:00:00Z) would not come after the last one "
        "(2024-05-10T00:00:00Z): check the clock, or SOURCE_DATE_EPOCH\n"
    )
    assert published.read_text() == text


def test_the_last_editions_record_copied_with_the_repository_is_refused(data):
    shutil.copy2(ROOT / "docs" / "data" / "published.yaml", data / "published.yaml")
    published = data / "published.yaml"
    assert [f"{p} [{p.code}]" for p in load(data).problems] == [
        (
            f"{published}:{line_of(published, 'records:')}: records: records the program of June 8, 2023, none of them "
            "a day of this workshop (May 17-18, 2024): it is another edition's record; delete published.yaml when "
            "starting a new edition (python -m proceedings program publish writes it afresh) [schedule-date]"
        )
    ]
