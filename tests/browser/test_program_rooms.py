"""The program of a real event in a reader's browser: the second edition's site (two days in
Pacific time, two rooms in parallel on the first, tests/editions/mlbench24).  On a desktop
the rooms' talks stand side by side; on a phone they read one under another in time order,
each naming its room; a screen reader gets a table whose columns are the rooms.  During the
event the slots on now and next are marked, with the times in the reader's own zone (a
frozen clock); without JavaScript the program is the same, unmarked."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from browser import axtree, checks
from tools.browser import DESKTOP, PHONE, SCREENS, block_external

#: The first day's slots, by key, with their rooms (None: the whole event's), in time order.
FIRST_DAY = [
    ("welcome", None),
    ("keynote", None),
    ("morning-break", None),
    ("wang-tail-latency", "Ballroom E"),
    ("kim-energy-per-token", "Room 209"),
    ("lefevre-sparse-training", "Ballroom E"),
    ("invited-power", "Room 209"),
    ("invited-compilers", "Ballroom E"),
    ("lunch", None),
    ("posters", "Ballroom E"),
    ("panel", None),
]

BOXES_JS = """
(keys) => ({
  screen: document.documentElement.clientWidth,
  slots: keys.map(key => {
    const el = document.getElementById('slot-' + key);
    const box = el.getBoundingClientRect();
    const label = el.querySelector('.workshop-room-label');
    return {
      key, left: box.left, right: box.right, top: box.top, bottom: box.bottom,
      room: label && label.getClientRects().length ? label.innerText.trim() : null,
      firstLine: el.innerText.trim().split('\\n')[0],
    };
  }),
})
"""


def slot_boxes(reader, screen, **options) -> tuple[int, dict[str, dict]]:
    page = reader.open("program.html", screen, **options)
    try:
        found = page.evaluate(BOXES_JS, [key for key, _ in FIRST_DAY])
    finally:
        page.context.close()
    return found["screen"], {slot["key"]: slot for slot in found["slots"]}


def test_on_a_desktop_parallel_talks_stand_side_by_side(second_reader):
    width, slots = slot_boxes(second_reader, DESKTOP)
    wang, kim = slots["wang-tail-latency"], slots["kim-energy-per-token"]
    assert abs(wang["top"] - kim["top"]) < 1, (wang, kim)
    assert wang["right"] <= kim["left"] + 1 and kim["right"] <= width
    # The 30-minute talk in Room 209 reaches past the start of the next talk in Ballroom E.
    assert kim["bottom"] > slots["lefevre-sparse-training"]["top"]
    # A slot for the whole event spans both rooms.
    lunch = slots["lunch"]
    assert lunch["right"] >= kim["right"] - 1
    # The columns name the rooms: the cells do not repeat them.
    assert all(slot["room"] is None for slot in slots.values())


def test_on_a_phone_the_rooms_read_in_time_order_each_named(second_reader):
    width, slots = slot_boxes(second_reader, PHONE)
    tops = [slots[key]["top"] for key, _ in FIRST_DAY]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), tops
    for key, room in FIRST_DAY:
        slot = slots[key]
        assert slot["left"] >= 0 and slot["right"] <= width, slot
        assert slot["room"] == room, slot
        if room:  # the room first, then the slot's own time
            assert slot["firstLine"] == room, slot


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)
def test_screen_readers_get_a_column_per_room(second_reader, screen):
    page = second_reader.open("program.html", screen)
    try:
        found = {table.name: table for table in axtree.tables(page)}
    finally:
        page.context.close()
    assert sorted(found) == ["Program, May 17, 2024", "Program, May 18, 2024"], list(found)
    rooms = found["Program, May 17, 2024"]
    assert rooms.column_headers == ["Time", "Ballroom E", "Room 209"]
    ten = next(row for row in rooms.body_rows if row[0].startswith("10:00"))
    assert len(ten) == 3 and ten[1].startswith("10:00") and ten[2].startswith("10:00"), ten
    assert not any(cell.startswith(("Ballroom E", "Room 209")) for row in rooms.body_rows for cell in row)
    assert found["Program, May 18, 2024"].column_headers == ["Time", "Session", "Speakers"]


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)
def test_the_second_edition_reads_cleanly(second_reader, screen):
    """Every page: no console error, nothing too wide, no dead link, every download (each
    slot's calendar among them) what it says, nothing serious for axe-core."""
    problems = (
        checks.console_errors(second_reader, screen)
        + checks.failed_requests(second_reader, screen)
        + checks.too_wide(second_reader, screen)
        + checks.dead_links(second_reader, screen)
        + checks.accessibility(second_reader, screen)
    )
    assert not problems, "\n".join(problems)


def test_every_slot_calendar_it_links_is_a_calendar(second_reader):
    visit = second_reader.visit("program.html", DESKTOP)
    calendars = [url for url in checks.download_links(visit, second_reader.base) if "/calendar/" in url]
    assert len(calendars) == 11
    assert not (problems := checks.download_problems(second_reader, calendars)), "\n".join(problems)


# --- now and next ---------------------------------------------------------------------------

MARKS_JS = """
() => ({
  now: [...document.querySelectorAll('.workshop-now')].map(el => el.id),
  next: [...document.querySelectorAll('.workshop-next')].map(el => el.id),
  badges: [...document.querySelectorAll('.workshop-badge')].map(el => el.textContent),
  status: (s => s && !s.hidden ? s.innerText.replace(/\\s+/g, ' ').trim() : null)(
    document.querySelector('.workshop-now-status')),
})
"""


def marks_at(browser, base: str, moment: dt.datetime, screen=DESKTOP, **options) -> tuple[dict, list[str]]:
    """The marks of the program at ``moment`` (a frozen clock) for a reader in Berlin, and
    the console's errors."""
    context = browser.new_context(
        timezone_id="Europe/Berlin", locale="en-US", **screen.context_options(), **options
    )
    try:
        block_external(context, base)
        if options.get("java_script_enabled", True):
            context.clock.set_fixed_time(moment)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "program.html", wait_until="load")
        return page.evaluate(MARKS_JS), errors
    finally:
        context.close()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)
def test_during_parallel_talks_both_are_now_and_the_next_is_next(browser, second_reader, screen):
    # 10:05 in Santa Clara (PDT, UTC-7) is 19:05 in Berlin (CEST).
    marks, errors = marks_at(
        browser, second_reader.base, dt.datetime(2024, 5, 17, 17, 5, tzinfo=dt.UTC), screen
    )
    assert errors == []
    assert marks["now"] == ["slot-wang-tail-latency", "slot-kim-energy-per-token"]
    assert marks["next"] == ["slot-lefevre-sparse-training"]
    assert sorted(marks["badges"]) == ["Next", "Now", "Now"]
    assert marks["status"] == (
        "It is 7:05 PM where you are (Europe/Berlin). Now until 7:25 PM: Tail Latency & Throughput of LLM "
        "Serving on Heterogeneous Accelerators · Energy per Token: Measuring Inference on Edge NPUs. "
        "Next at 7:25 PM: A Benchmark Suite for Sparse Training at Scale."
    )


def test_next_looks_no_further_than_the_rest_of_the_day_and_before_the_event_nothing_is_marked(
    browser, second_reader
):
    # 10 PM on the first day at the venue: the second day's first talk is not "Next" yet.
    evening, errors = marks_at(browser, second_reader.base, dt.datetime(2024, 5, 18, 5, 0, tzinfo=dt.UTC))
    assert errors == []
    assert evening == {"now": [], "next": [], "badges": [], "status": None}
    # 7 AM on the second day: it is (9:00 PDT, 6:00 PM in Berlin).
    morning, errors = marks_at(browser, second_reader.base, dt.datetime(2024, 5, 18, 14, 0, tzinfo=dt.UTC))
    assert errors == []
    assert morning["now"] == [] and morning["next"] == ["slot-invited-day-2"]
    assert re.search(r"Next at 6:00 PM: Benchmarking at the Edge\.$", morning["status"]), morning["status"]
    # After the last talk of the first day (the panel ends at 3 PM), nothing more that day.
    late, errors = marks_at(browser, second_reader.base, dt.datetime(2024, 5, 17, 22, 30, tzinfo=dt.UTC))
    assert errors == [] and late["next"] == [] and late["now"] == []
    before, errors = marks_at(browser, second_reader.base, dt.datetime(2024, 4, 1, 12, 0, tzinfo=dt.UTC))
    assert errors == []
    assert before == {"now": [], "next": [], "badges": [], "status": None}


def test_without_javascript_the_program_is_whole_and_unmarked(browser, second_reader):
    marks, errors = marks_at(
        browser,
        second_reader.base,
        dt.datetime(2024, 5, 17, 17, 5, tzinfo=dt.UTC),
        java_script_enabled=False,
    )
    assert errors == []
    assert marks == {"now": [], "next": [], "badges": [], "status": None}
