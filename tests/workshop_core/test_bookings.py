"""No double-booked people, on the second edition's real program (two rooms in parallel,
sessions with chairs, posters): each kind of double-booking is refused by the one loader at
its file and line, with what to do, and what the data may say instead (a paper's presenter,
``chair_may_speak``, ``again``) is accepted.  The chairs' tool refuses to record such a
program as published, and the site fails to build on it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SECOND_EDITION
from ext_support import edit, line_of

from workshop.core.load import load
from workshop.core.program import program


@pytest.fixture
def data(tmp_path) -> Path:
    """A repository-like copy of the second edition's data to edit."""
    (tmp_path / "pyproject.toml").write_text("")
    shutil.copytree(SECOND_EDITION, tmp_path / "data")
    return tmp_path / "data"


def problems(data: Path) -> list[str]:
    return [f"{p} [{p.code}]" for p in load(data).problems]


def test_the_second_edition_books_nobody_twice(data):
    assert problems(data) == []
    # A paper talk's speaker is its presenter, its first author by default, not every author.
    talk = next(s for s in program(load(data).workshop)[0].sessions if s.key == "wang-tail-latency")
    assert [p.name for p in talk.speakers] == ["王小明"] and talk.presenter is talk.speakers[0]


def test_a_person_speaking_in_two_rooms_at_once_is_refused_at_the_second(data):
    schedule = data / "schedule.yaml"
    # Room 209's invited talk (10:30-11:00) given by the speaker of Ballroom E's (10:50-11:15).
    edit(
        schedule,
        "          - {name: 김민준, affiliation: KAIST}",
        "          - {name: José Álvarez, affiliation: Universidad de Chile}",
    )
    found = problems(data)
    where = [i for i, text in enumerate(schedule.read_text().splitlines(), 1) if "José Álvarez" in text]
    first, second = where  # invited-compilers (Ballroom E), then invited-power (Room 209)
    assert found == [
        (
            f"{schedule}:{second}: days[0].slots[7].speakers[0]: José Álvarez speaks here (May 17, 2024, 10:30 AM in "
            f"Room 209) and speaks at the same time (May 17, 2024, 10:50 AM in Ballroom E, line {first}): nobody can "
            "be in two rooms at once; move one of the slots, or name someone else (a paper's presenter: presenter: "
            "<one of its authors>) [double-booking]"
        )
    ]


def test_a_chair_presenting_in_another_room_is_refused_unless_a_coauthor_presents(data):
    schedule, papers = data / "schedule.yaml", data / "papers.yaml"
    # Room 209's session (from 10:00) chaired by the first author of Ballroom E's 10:00 talk.
    edit(schedule, "chair: {name: 이지은, affiliation: Seoul National University}", "chair: {name: 王小明}")
    talk = line_of(schedule, "paper: wang-tail-latency")
    there = line_of(schedule, "paper: kim-energy-per-token")
    assert problems(data) == [
        (
            f"{schedule}:{there}: days[0].slots[6].session: 王小明 chairs the session 'Energy and Efficiency' here "
            f"(May 17, 2024, 10:00 AM in Room 209) and presents 'Tail Latency & Throughput of LLM Serving on "
            f"Heterogeneous Accelerators' at the same time (May 17, 2024, 10:00 AM in Ballroom E, line {talk}): nobody "
            "can be in two rooms at once; move one of the slots, or name someone else (a paper's presenter: "
            "presenter: <one of its authors>) [double-booking]"
        )
    ]
    # The co-author presents: the first author may be elsewhere.
    edit(
        papers,
        "    track: full\n    pdf: papers/wang-tail-latency.pdf\n",
        "    track: full\n    pdf: papers/wang-tail-latency.pdf\n    presenter: José Álvarez\n",
    )
    assert problems(data) == []
    talk = next(s for s in program(load(data).workshop)[0].sessions if s.key == "wang-tail-latency")
    assert [p.name for p in talk.speakers] == ["José Álvarez"]


def test_a_chair_chairing_two_overlapping_sessions_is_refused(data):
    schedule = data / "schedule.yaml"
    edit(
        schedule,
        "chair: {name: 이지은, affiliation: Seoul National University}",
        "chair: {name: Zoë Ferreira, affiliation: Universidade de Lisboa}",
    )
    first = line_of(schedule, "paper: wang-tail-latency")
    there = line_of(schedule, "paper: kim-energy-per-token")
    assert problems(data) == [
        (
            f"{schedule}:{there}: days[0].slots[6].session: Zoë Ferreira chairs the session 'Energy and Efficiency' "
            "here (May 17, 2024, 10:00 AM in Room 209) and chairs the session 'Serving and Training', which runs at "
            f"the same time (May 17, 2024, 10:00 AM in Ballroom E, line {first}): a chair chairs one session at a "
            "time; name another chair for one of them, or move a slot [double-booking]"
        )
    ]


def test_a_chair_speaking_in_their_own_session_is_refused_unless_the_session_allows_it(data):
    schedule = data / "schedule.yaml"
    edit(
        schedule,
        "          - {name: José Álvarez, affiliation: Universidad de Chile}\n",
        "          - {name: Zoë Ferreira, affiliation: Universidade de Lisboa}\n",
    )
    speaker = line_of(schedule, "title: Compilers for the Next Accelerator") + 4  # its first speaker
    session = line_of(schedule, "id: serving")
    assert problems(data) == [
        (
            f"{schedule}:{speaker}: days[0].slots[5].speakers[0]: Zoë Ferreira chairs the session 'Serving and "
            "Training' and speaks in it: a chair introduces the speakers and keeps the time; name another chair, "
            f"or, if the chair speaks on purpose, write chair_may_speak: true under the session (line {session}) "
            "[chair-speaks]"
        )
    ]
    edit(
        schedule,
        "    title: Serving and Training\n",
        "    title: Serving and Training\n    chair_may_speak: true\n",
    )
    assert problems(data) == []


def test_a_paper_presented_twice_is_refused_unless_marked(data):
    schedule = data / "schedule.yaml"
    edit(
        schedule,
        "          - {paper: oconnor-compilers, board: 2}\n",
        "          - {paper: oconnor-compilers, board: 2}\n          - {paper: wang-tail-latency, board: 3}\n",
    )
    talk = line_of(schedule, "paper: wang-tail-latency, room")
    poster = line_of(schedule, "{paper: wang-tail-latency, board: 3}")
    assert problems(data) == [
        (
            f"{schedule}:{poster}: days[0].slots[9].posters[2].paper: 'Tail Latency & Throughput of LLM Serving on "
            "Heterogeneous Accelerators' is presented here (May 17, 2024, 12:30 PM in Ballroom E) and already at "
            f"May 17, 2024, 10:00 AM in Ballroom E (line {talk}): a paper is presented once; if it is presented twice "
            "on purpose (a talk and a poster), write again: true on one of them [presented-twice]"
        )
    ]
    edit(
        schedule, "{paper: wang-tail-latency, board: 3}", "{paper: wang-tail-latency, board: 3, again: true}"
    )
    assert problems(data) == []


def test_a_presenter_is_one_of_the_authors(data):
    papers, schedule = data / "papers.yaml", data / "schedule.yaml"
    edit(
        papers,
        "    pdf: papers/osei-thermal.pdf\n",
        "    pdf: papers/osei-thermal.pdf\n    presenter: Jane Doe\n",
    )
    edit(
        schedule,
        "{paper: oconnor-compilers, board: 2}",
        "{paper: oconnor-compilers, board: 2, presenter: siobhán  o'connor}",
    )
    assert problems(data) == [
        (
            f"{papers}:{line_of(papers, 'presenter: Jane Doe')}: papers[7].presenter: 'Jane Doe' is not an author of "
            "'Thermal Throttling Skews Long Benchmark Runs' (Kwame Osei): name one of them as written there, or name "
            "who gives the talk under the slot's speakers [unknown-reference]"
        )
    ]  # (a name matches whatever its case and spaces)


def test_the_chairs_tool_will_not_record_a_double_booked_program(data, tmp_path):
    schedule = data / "schedule.yaml"
    edit(
        schedule,
        "chair: {name: 이지은, affiliation: Seoul National University}",
        "chair: {name: Zoë Ferreira, affiliation: Universidade de Lisboa}",
    )
    done = subprocess.run(
        [sys.executable, "-m", "proceedings", "program", "publish", "--data", str(data)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    line = line_of(schedule, "paper: kim-energy-per-token")
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"error: data/schedule.yaml:{line}: days[0].slots[6].session: Zoë Ferreira chairs"
    )
    assert "Traceback" not in done.stderr and not (data / "published.yaml").exists()
