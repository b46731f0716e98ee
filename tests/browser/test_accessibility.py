"""Accessibility: what axe-core finds on every page, and what a screen reader needs from
the program: a real table with headers; and text for every image."""

from __future__ import annotations

import re

import pytest

from browser import axtree, checks
from tools.browser import DESKTOP, PHONE, SCREENS


@pytest.mark.parametrize(
    ("screen", "color_scheme"),
    [(DESKTOP, "light"), (PHONE, "light"), (DESKTOP, "dark")],
    ids=["desktop", "phone", "desktop-dark"],
)
def test_no_serious_accessibility_violations(reader, screen, color_scheme):
    problems = checks.accessibility(reader, screen, color_scheme)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)
def test_every_image_has_text(reader, screen):
    assert not (problems := checks.images_without_text(reader, screen)), "\n".join(problems)


def test_every_table_has_headers(reader):
    assert not (problems := checks.tables_without_headers(reader, DESKTOP)), "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)
def test_schedule_is_a_table_with_headers(reader, screen):
    """What a screen reader announces: a table named for the program, its columns named,
    every slot a row whose first cell is its time."""
    page = reader.open("program.html", screen)
    try:
        schedule = page.get_by_role("table", name=re.compile(r"program", re.IGNORECASE))
        assert schedule.count() >= 1, "no table named for the program"
        for table in schedule.all():
            headers = [h.strip() for h in table.get_by_role("columnheader").all_inner_texts()]
            assert len(headers) >= 3 and all(headers), headers
            assert re.search(r"time", headers[0], re.IGNORECASE), headers
            rows = table.get_by_role("row").all()[1:]  # the first is the header row
            assert len(rows) >= 2
            for row in rows:
                first = row.get_by_role("cell").or_(row.get_by_role("rowheader")).first
                assert re.search(r"\d{1,2}:\d{2}", first.inner_text()), row.inner_text()
    finally:
        page.context.close()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)
def test_screen_readers_get_the_program_as_a_table(reader, screen):
    """Chromium's accessibility tree, where a screen reader reads it: on a phone too, where
    the slots are laid out one under another, the program is a table named for its day,
    with its three column headers and a row for every slot, whose first cell is its time."""
    page = reader.open("program.html", screen)
    try:
        slots = page.locator("article table tbody tr").count()
        found = [table for table in axtree.tables(page) if re.search(r"program", table.name, re.IGNORECASE)]
        assert len(found) == 1, [table.name for table in axtree.tables(page)]
        schedule = found[0]
        assert schedule.column_headers == ["Time", "Session", "Speakers"], schedule.rows[:2]
        assert len(schedule.body_rows) == slots >= 2, schedule.rows
        for cells in schedule.body_rows:
            assert re.match(r"\d{1,2}:\d{2}", cells[0]), cells
            assert 2 <= len(cells) <= 3 and all(cells), cells
    finally:
        page.context.close()
