"""The program on paper: printed by Chromium on US Letter (with the print dialog's default
margins and with none) and read back with pypdf, it is legible, keeps each slot on one
sheet, gives the session's title the widest column, leaves the site's navigation and what
there is to download off, and fits on at most two sheets.  The dates page prints whole."""

from __future__ import annotations

import pytest

from browser import printing
from browser.printing import MARGIN


@pytest.fixture(scope="module", params=[MARGIN, "0in"], ids=["default-margins", "no-margins"])
def program_on_paper(reader, request) -> printing.PrintedPage:
    return printing.print_site_page(reader, "program.html", request.param)


def test_fits_on_two_letter_sheets(program_on_paper):
    assert not (problems := printing.sheet_problems(program_on_paper)), problems


def test_each_slot_on_one_sheet(program_on_paper):
    assert len(program_on_paper.rows) >= 2, "the program page has no table rows to print"
    assert not (problems := printing.split_slots(program_on_paper)), "\n".join(problems)


def test_legible(program_on_paper):
    assert not (problems := printing.illegible(program_on_paper)), "\n".join(problems)


def test_navigation_chrome_is_dropped(program_on_paper):
    assert program_on_paper.navigation, "no navigation found on screen to look for on paper"
    assert not (problems := printing.printed_chrome(program_on_paper)), "\n".join(problems)


def test_session_has_the_widest_column(program_on_paper):
    """Time narrow, session wide: a title is not squeezed into a few words a line."""
    schedule = next(table for table in program_on_paper.columns if "Session" in table)
    assert set(schedule) == {"Time", "Session", "Speakers"}, schedule
    assert max(schedule, key=schedule.get) == "Session", schedule
    assert min(schedule, key=schedule.get) == "Time", schedule


def test_no_heading_prints_over_nothing(program_on_paper):
    """The downloads are left off the paper, and so is the section that offers them: not
    its heading and its introduction over an empty space."""
    assert not (problems := printing.stranded_headings(program_on_paper)), "\n".join(problems)
    assert program_on_paper.printout.pages_holding("Program, June 8, 2023")
    assert not program_on_paper.printout.pages_holding("Take the program with you")


def test_dates_page_prints_whole(reader):
    """Its downloads share the page's own section: only the list is left off the paper."""
    printed = printing.print_site_page(reader, "dates.html")
    assert not (problems := printing.sheet_problems(printed)), problems
    assert not (problems := printing.stranded_headings(printed)), problems
    assert printed.rows, "the dates page has no table rows to print"
    for cells in printed.rows:
        assert all(printed.printout.pages_holding(cell) for cell in cells), cells
    assert printed.printout.pages_holding("All deadlines are at 23:59 Anywhere on Earth (AoE)")
    assert not printed.printout.pages_holding("deadlines.ics")
