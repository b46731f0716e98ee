"""The program on paper: printed by Chromium on US Letter (with the print dialog's default
margins and with none) and read back with pypdf, it is legible, keeps each slot on one
sheet, leaves the site's navigation off and fits on at most two sheets."""

from __future__ import annotations

import pytest

from . import printing
from .printing import MARGIN


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
