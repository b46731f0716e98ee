"""The checks bite: a copy of the built site with faults planted in it (a stylesheet and
the icon removed, dead links, broken downloads, an image with no text, a table with no
headers, a script error, a request to another site, a table too wide for a phone,
navigation on paper, a heading printed over nothing, a program whose column headers are
plain cells), read by the same browser and the same checks, reports each fault where it
was planted."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import axtree, checks, printing
from tools.browser import DESKTOP, PHONE, Reader, reading


def plant(page: Path, anchor: str, markup: str, *, before: bool = False) -> None:
    """Insert ``markup`` after (or before) the first ``anchor`` of a built page."""
    html = page.read_text(encoding="utf-8")
    assert anchor in html, f"{page.name} has no {anchor!r} to plant a fault at"
    html = html.replace(anchor, markup + anchor if before else anchor + markup, 1)
    page.write_text(html, encoding="utf-8")


@pytest.fixture(scope="module")
def broken(browser, example_site, tmp_path_factory) -> Iterator[Reader]:
    site = tmp_path_factory.mktemp("broken") / "html"
    shutil.copytree(example_site, site)
    (site / "_static" / "workshop.css").unlink()  # the extension's stylesheet
    (site / "_static" / "favicon.svg").unlink()
    plant(
        site / "cfp.html",
        "</article>",
        (
            '<p><a href="no-such-page.html">a page that is gone</a> and '
            '<a href="program.html#no-such-slot">a slot that is gone</a></p>'
        ),
        before=True,
    )
    # Downloads that are served but are not what their names say.
    (site / "_downloads" / "planted").mkdir(parents=True)
    (site / "_downloads" / "planted" / "volume.pdf").write_text("<html>Not found</html>")
    (site / "_downloads" / "planted" / "empty.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    plant(
        site / "cfp.html",
        "</article>",
        (
            '<p><a href="_downloads/planted/volume.pdf">the volume</a>, '
            '<a href="_downloads/planted/empty.ics">a calendar</a></p>'
        ),
        before=True,
    )
    plant(
        site / "index.html",
        "</head>",
        '<link rel="stylesheet" href="https://cdn.example.com/fonts.css">',
        before=True,
    )
    plant(
        site / "index.html",
        "</article>",
        ('<p><img src="_static/file.png"></p><script>plantedUndefinedFunction()</script>'),
        before=True,
    )
    program = site / "program.html"
    html = program.read_text(encoding="utf-8")
    # The schedule neither reflows nor scrolls in a box of its own any more.
    html = html.replace("pst-scrollable-table-container", "").replace("workshop-schedule-wrapper", "")
    html = html.replace(
        '<table class="workshop-schedule', '<table style="min-width: 600px" class="workshop-schedule', 1
    )
    # The column headers as plain cells: a screen reader cannot name a slot's columns.
    html = html.replace('<th class="head"', '<td class="head"').replace("</th>", "</td>")
    program.write_text(html, encoding="utf-8")
    plant(program, "</article>", "<table><tr><td>a table with no headers</td></tr></table>", before=True)
    plant(
        program,
        "</head>",
        "<style>@media print { .bd-header { display: block !important; } }</style>",
        before=True,
    )
    # Downloads left off the paper, their section's heading and introduction left on it.
    plant(
        program,
        "</head>",
        "<style>@media print { .workshop-downloads { display: none; } }</style>",
        before=True,
    )
    with reading(browser, site) as reader:
        reader.pages = ["cfp.html", "index.html", "program.html"]
        yield reader


def mentions(problems: list[str], *words: str) -> bool:
    return any(all(word in problem for word in words) for problem in problems)


def test_removed_stylesheet_and_icon_are_failed_requests(broken):
    problems = checks.failed_requests(broken, DESKTOP)
    for page in broken.pages:
        assert mentions(problems, page, "workshop.css", "HTTP 404"), problems
        assert mentions(problems, page, "favicon.svg", "icon", "HTTP 404"), problems
    assert mentions(problems, "index.html", "another site", "https://cdn.example.com/fonts.css"), problems


def test_script_error_is_a_console_error(broken):
    problems = checks.console_errors(broken, PHONE)
    assert mentions(problems, "index.html", "plantedUndefinedFunction"), problems


def test_dead_links_are_reported(broken):
    problems = checks.dead_links(broken, DESKTOP)
    assert mentions(problems, "cfp.html", "no-such-page.html", "HTTP 404"), problems
    assert mentions(problems, "cfp.html", "program.html#no-such-slot", "no element with id 'no-such-slot'")
    assert len(problems) == 2, problems  # and nothing else: every other link lands


def test_downloads_that_are_not_what_they_say(broken):
    problems = checks.downloads(broken, DESKTOP)
    assert mentions(problems, "_downloads/planted/volume.pdf", "not a whole PDF file"), problems
    assert mentions(problems, "_downloads/planted/empty.ics", "a calendar with no events"), problems
    assert len(problems) == 2, problems  # the real downloads (exports, papers) are sound


def test_table_too_wide_for_a_phone(broken):
    problems = checks.too_wide(broken, PHONE)
    assert mentions(problems, "program.html", "table"), problems
    assert not checks.too_wide(broken, DESKTOP)


def test_image_without_text(broken):
    assert mentions(checks.images_without_text(broken, DESKTOP), "index.html", "file.png")
    assert mentions(checks.accessibility(broken, DESKTOP), "index.html", "critical image-alt")


def test_table_without_headers(broken):
    problems = checks.tables_without_headers(broken, DESKTOP)
    assert mentions(problems, "program.html", "a table with no headers"), problems


def test_print_without_the_stylesheet(broken):
    printed = printing.print_site_page(broken, "program.html")
    assert mentions(printing.sheet_problems(printed), "sheets (at most 2)")
    assert printing.printed_chrome(printed)


def test_heading_printed_over_nothing(broken):
    printed = printing.print_site_page(broken, "program.html")
    problems = printing.stranded_headings(printed)
    assert mentions(problems, "Take the program with you", "ul.workshop-downloads"), problems


def test_column_headers_that_are_plain_cells(broken):
    page = broken.open("program.html", PHONE)
    try:
        schedule = next(t for t in axtree.tables(page) if "Program" in t.name)
    finally:
        page.context.close()
    assert schedule.column_headers == []
    assert schedule.rows[0][:1] == [("cell", "Time")]
