"""The program of a real event in the data: a venue, several days, rooms and parallel
sessions (overlap checked per room), sessions with a chair, posters, a talk's links; and the
facts worded from them (the span of the days, the deadline rule, the conference, the
volume's title).  Read by the one loader, each problem at its file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workshop.core import wording
from workshop.core.load import load
from workshop.core.program import program
from workshop.core.volumefacts import volume_title

WORKSHOP = """\
name: A Workshop
short_name: AW'24
year: 2024
conference: {name: Seventh Conference on Things (CoT), short_name: CoT 2024}
timezone: America/Los_Angeles
venue: {name: Hall, city: Santa Clara, country: United States, url: https://example.org/hall}
dates:
  - {id: submission, label: Submission, date: 2024-03-01}
  - {id: day-1, label: Workshop, date: 2024-05-17, kind: workshop}
  - {id: day-2, label: Workshop, date: 2024-05-18, kind: workshop}
tracks:
  - {id: full, name: Full papers, min_pages: 8, max_pages: 10}
"""

PAPERS = """\
papers:
  - {id: a, title: Paper A, track: full, pdf: a.pdf, authors: [{name: Ann}]}
  - {id: b, title: Paper B, track: full, pdf: b.pdf, authors: [{name: Bo}]}
"""

ROOMS = """\
rooms:
  - {id: east, name: East Hall}
  - {id: west, name: West Hall}
sessions:
  - {id: s1, title: Systems, chair: {name: Zoë Ferreira, affiliation: Lisboa}}
days:
  - date: 2024-05-17
    slots:
      - {start: 9:00 AM, end: 9:30 AM, kind: opening, title: Welcome}
      - {start: 9:30 AM, end: 10:00 AM, kind: paper, paper: a, room: east, session: s1}
      - {start: 10:00 AM, end: 10:30 AM, kind: invited, title: Talk East, room: east, session: s1}
      - {start: 9:30 AM, end: 10:30 AM, kind: invited, title: Talk West, room: west}
      - {start: 10:30 AM, end: 11:00 AM, kind: break, title: Break}
"""


def folder(tmp_path: Path, schedule: str, workshop: str = WORKSHOP) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "pyproject.toml").write_text("")
    data = tmp_path / "data"
    data.mkdir()
    (data / "workshop.yaml").write_text(workshop)
    (data / "papers.yaml").write_text(PAPERS)
    (data / "schedule.yaml").write_text(schedule)
    return data


def problems(data: Path) -> list[str]:
    return [f"{p.location}: {p.field}: {p.message} [{p.code}]" for p in load(data).problems]


def line_of(path: Path, needle: str) -> int:
    (line,) = [i for i, text in enumerate(path.read_text().splitlines(), 1) if needle in text]
    return line


# --- wording ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (["2023-06-08"], "June 8, 2023"),
        (["2024-05-17", "2024-05-18"], "May 17-18, 2024"),
        (["2024-05-18", "2024-05-17"], "May 17-18, 2024"),  # the order of workshop.yaml does not matter
        (["2024-05-31", "2024-06-01"], "May 31 - June 1, 2024"),
        (["2024-12-31", "2025-01-01"], "December 31, 2024 - January 1, 2025"),
        # Days that do not follow one another: runs joined, the year said once.
        (["2024-05-17", "2024-05-18", "2024-05-20"], "May 17-18 and 20, 2024"),
        (["2024-05-17", "2024-05-19", "2024-05-21"], "May 17, 19 and 21, 2024"),
        (["2024-05-31", "2024-06-02"], "May 31 and June 2, 2024"),
        (["2024-12-30", "2025-01-02"], "December 30, 2024 and January 2, 2025"),
    ],
)
def test_the_days_as_one_span(days, words):
    assert wording.date_span([dt.date.fromisoformat(day) for day in days]) == words


@pytest.mark.parametrize(
    ("name", "short", "words"),
    [
        (
            "Sixth Conference on Machine Learning and Systems (MLSys)",
            "MLSys 2023",
            "Sixth Conference on Machine Learning and Systems (MLSys 2023)",
        ),
        ("Conference on Things", "CoT 2024", "Conference on Things (CoT 2024)"),
        ("CoT 2024: Conference on Things", "CoT 2024", "CoT 2024: Conference on Things"),
        ("Conference on Things (Santa Clara)", "CoT 2024", "Conference on Things (Santa Clara) (CoT 2024)"),
    ],
)
def test_the_conference_is_named_with_its_short_name_once(tmp_path, name, short, words):
    data = folder(tmp_path, ROOMS)
    info = load(data).workshop.info
    info = info.model_copy(
        update={"conference": info.conference.model_copy(update={"name": name, "short_name": short})}
    )
    assert wording.conference(info) == words


def test_the_deadline_rule_and_the_volume_title_come_from_the_data(tmp_path):
    info = load(folder(tmp_path, ROOMS)).workshop.info
    assert wording.deadline_rule(info) == "All deadlines are at 23:59 Anywhere on Earth (AoE)"
    pacific = info.model_copy(update={"deadline_zone": "America/Los_Angeles"})
    assert wording.deadline_rule(pacific) == "All deadlines are at 23:59 in the America/Los_Angeles time zone"
    assert volume_title(info) == "Proceedings of the Workshop on A Workshop (AW'24)"
    named = info.model_copy(update={"name": "Workshop on Things"})
    assert volume_title(named) == "Proceedings of the Workshop on Things (AW'24)"
    assert wording.location(info.venue) == "Hall, Santa Clara, United States"


# --- rooms, sessions, posters, links ------------------------------------------------------


def test_the_same_time_in_two_rooms_passes_and_slots_come_in_time_order(tmp_path):
    loaded = load(folder(tmp_path, ROOMS))
    assert loaded.problems == []
    (day,) = program(loaded.workshop)
    assert day.parallel and [room.name for room in day.rooms] == ["East Hall", "West Hall"]
    assert [(f"{s.start:%H:%M}", s.room.name if s.room else None) for s in day.sessions] == [
        ("09:00", None),
        ("09:30", "East Hall"),
        ("09:30", "West Hall"),  # listed last in the file, shown beside its time
        ("10:00", "East Hall"),
        ("10:30", None),
    ]
    talk = day.sessions[1]
    assert talk.group.title == "Systems" and talk.group.chair.display == "Zoë Ferreira (Lisboa)"
    # Slots without an id are known by their day, time and room: two at one time stay two.
    assert [s.key for s in day.sessions] == [
        "20240517-0900",
        "a",
        "20240517-0930-west",
        "20240517-1000-east",
        "20240517-1030",
    ]


def test_the_same_time_in_one_room_fails_at_its_line(tmp_path):
    data = folder(tmp_path, ROOMS.replace("title: Talk West, room: west", "title: Talk West, room: east"))
    line = line_of(data / "schedule.yaml", "Talk West")
    assert problems(data) == [
        (
            f"{data / 'schedule.yaml'}:{line}: days[0].slots[3].start: 'Talk West' starts (9:30 AM) before the "
            "slot above it in East Hall ('Talk East', 10:00 AM): list slots in time order [slot-order]"
        )
    ]


def test_a_slot_that_overlaps_another_in_its_room_fails(tmp_path):
    schedule = ROOMS.replace(
        "{start: 10:00 AM, end: 10:30 AM, kind: invited, title: Talk East",
        "{start: 9:45 AM, end: 10:30 AM, kind: invited, title: Talk East",
    )
    data = folder(tmp_path, schedule)
    line = line_of(data / "schedule.yaml", "Talk East")
    assert problems(data) == [
        (
            f"{data / 'schedule.yaml'}:{line}: days[0].slots[2].start: 'Talk East' starts (9:45 AM) before "
            "'Paper A' ends (10:00 AM) in East Hall: slots must not overlap; put one of them in another room [slot-order]"
        )
    ]


def test_a_slot_without_a_room_is_for_the_whole_event_and_overlaps_every_room(tmp_path):
    schedule = ROOMS.replace(
        "{start: 10:30 AM, end: 11:00 AM, kind: break", "{start: 10:15 AM, end: 11:00 AM, kind: break"
    )
    data = folder(tmp_path, schedule)
    line = line_of(data / "schedule.yaml", "kind: break")
    assert problems(data) == [
        (
            f"{data / 'schedule.yaml'}:{line}: days[0].slots[4].start: 'Break' starts (10:15 AM) before 'Talk East' "
            "ends (10:30 AM) (a slot without a room is for the whole event: it overlaps every room): slots must not "
            "overlap; put one of them in another room [slot-order]"
        )
    ]


def test_rooms_sessions_and_posters_name_what_exists(tmp_path):
    schedule = ROOMS.replace("room: west}", "room: north}").replace("session: s1}", "session: s2}", 1) + (
        "      - {start: 11:00 AM, end: 12:00 PM, kind: poster, posters: [{paper: a, board: 1, again: true}, {paper: c, board: 1}]}\n"
        "      - {start: 12:00 PM, end: 12:30 PM, kind: invited, title: Late, posters: [{paper: b}]}\n"
    )
    data = folder(tmp_path, schedule)
    file = data / "schedule.yaml"
    found = problems(data)
    assert found == [
        (
            f"{file}:{line_of(file, 'paper: a, room')}: days[0].slots[1].session: 's2' is not an id of sessions "
            "(known: s1) [unknown-reference]"
        ),
        (
            f"{file}:{line_of(file, 'room: north')}: days[0].slots[3].room: 'north' is not an id of rooms "
            "(known: east, west) [unknown-reference]"
        ),
        (
            f"{file}:{line_of(file, 'kind: poster')}: days[0].slots[5].posters[1].paper: no paper with id 'c' in "
            "papers.yaml (known: a, b) [unknown-reference]"
        ),
        (
            f"{file}:{line_of(file, 'kind: poster')}: days[0].slots[5].posters[1].board: board '1' is given twice in "
            "this slot (first to posters[0]); each poster needs a board of its own [duplicate-id]"
        ),
        (
            f"{file}:{line_of(file, 'title: Late')}: days[0].slots[6].posters: only a poster slot lists posters: give "
            "it kind: poster (it is 'invited') [schema]"
        ),
    ]


def test_a_talk_links_to_web_addresses_or_files_of_the_data_folder(tmp_path):
    schedule = ROOMS.replace(
        "title: Talk West, room: west}",
        "title: Talk West, room: west, links: {slides: 'javascript:alert(1)', video: 'https://v.example.org/?a=1&b=2'}}",
    )
    data = folder(tmp_path, schedule)
    assert problems(data) == [
        (
            f"{data / 'schedule.yaml'}:{line_of(data / 'schedule.yaml', 'Talk West')}: days[0].slots[3].links.slides: "
            "'javascript:alert(1)' is neither a web address (https://...) nor a file of the data folder: write "
            "the whole address, or a path relative to the data folder [schema]"
        )
    ]
    ok = folder(tmp_path / "ok", schedule.replace("'javascript:alert(1)'", "https://s.example.org/deck.pdf"))
    west = next(s for s in program(load(ok).workshop)[0].sessions if s.title == "Talk West")
    assert [(m.kind, m.label, m.address) for m in west.materials] == [
        ("slides", "Slides", "https://s.example.org/deck.pdf"),
        ("video", "Video", "https://v.example.org/?a=1&b=2"),
    ]


def test_a_venue_needs_its_name_city_country_and_page(tmp_path):
    workshop = WORKSHOP.replace(", url: https://example.org/hall}", "}")
    data = folder(tmp_path, ROOMS, workshop)
    assert problems(data) == [f"{data / 'workshop.yaml'}:6: venue.url: is required but missing [schema]"]
