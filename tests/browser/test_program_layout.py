"""The program as a reader meets it: on a phone each slot reads top to bottom across the
screen (its time, then its session, then its speakers), nothing of it off the screen or
squeezed into a narrow column; on a desktop it is three columns side by side.  (That a
screen reader still gets a table is in test_accessibility.py.)"""

from __future__ import annotations

import re

import pytest

from tools.browser import DESKTOP, PHONE

# The boxes of the cells of every slot of a table, as laid out, and the screen's width.
SLOTS_JS = """
(table) => ({
  screen: document.documentElement.clientWidth,
  slots: [...table.tBodies].flatMap(body => [...body.rows]).map(row => ({
    text: row.innerText.replace(/\\s+/g, ' ').trim().slice(0, 50),
    cells: [...row.cells].map(cell => {
      const box = cell.getBoundingClientRect();
      return {left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: box.width};
    }),
  })),
})
"""


def program_slots(reader, screen) -> tuple[int, list[dict]]:
    """The screen's width and the program's slots (each with its cells' boxes)."""
    page = reader.open("program.html", screen)
    try:
        table = page.get_by_role("table", name=re.compile(r"program", re.IGNORECASE)).first
        found = table.evaluate(SLOTS_JS)
    finally:
        page.context.close()
    assert len(found["slots"]) >= 2, "the program has no slots"
    return found["screen"], found["slots"]


def talks(slots: list[dict]) -> list[dict]:
    """Slots with somebody on stage: a time, a session and its speakers."""
    return [slot for slot in slots if len(slot["cells"]) == 3]


@pytest.fixture(scope="module")
def phone_slots(reader) -> tuple[int, list[dict]]:
    return program_slots(reader, PHONE)


def test_on_a_phone_each_slot_is_within_the_screen(phone_slots):
    """Time, session and speakers of every slot lie within the screen's width: nothing to
    scroll sideways for, inside the table's box or out of it."""
    width, slots = phone_slots
    off = [
        f"{slot['text']!r}: cell {number} spans {cell['left']:.0f}..{cell['right']:.0f}px of {width}px"
        for slot in slots
        for number, cell in enumerate(slot["cells"], 1)
        if cell["width"] <= 0 or cell["left"] < 0 or cell["right"] > width
    ]
    assert not off, "\n".join(off)


def test_on_a_phone_each_slot_reads_top_to_bottom(phone_slots):
    """Time above session above speakers, the session and the speakers each across most
    of the screen (in three columns a title got a few words a line)."""
    width, slots = phone_slots
    assert talks(slots), "no talk in the program"
    for slot in talks(slots):
        time, session, speakers = slot["cells"]
        assert time["bottom"] <= session["top"] + 1 and session["bottom"] <= speakers["top"] + 1, slot
        for cell in (session, speakers):
            assert cell["width"] >= 0.75 * width, (slot["text"], cell, width)


def test_on_a_desktop_each_slot_is_a_row_of_three_columns(reader):
    width, slots = program_slots(reader, DESKTOP)
    for slot in talks(slots):
        time, session, speakers = slot["cells"]
        assert abs(time["top"] - session["top"]) < 1 and abs(session["top"] - speakers["top"]) < 1, slot
        assert time["right"] <= session["left"] + 1 and session["right"] <= speakers["left"] + 1, slot
        assert speakers["right"] <= width
