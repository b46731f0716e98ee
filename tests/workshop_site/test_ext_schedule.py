"""The program table, built by the real Sphinx application from a MyST and a reST page.

Expected texts are typed here from the roots' data files, so a wrong time, zone,
speaker or order fails the test.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from ext_support import warnings_of

DASH = "\u2013"


def schedule_table(page: Path):
    tree = lxml.html.parse(str(page))
    tables = tree.xpath("//table[contains(@class, 'workshop-schedule')]")
    assert len(tables) == 1
    return tree, tables[0]


def cells(row) -> list[str]:
    """The text of each cell, but the slot's link to its own calendar (asserted apart)."""
    texts = []
    for cell in row.xpath("./td"):
        cell = lxml.html.fromstring(lxml.html.tostring(cell))
        for link in cell.xpath(".//*[contains(@class, 'workshop-slot-calendar')]"):
            link.drop_tree()
        texts.append(" ".join(cell.text_content().split()))
    return texts


@pytest.mark.sphinx("html", testroot="schedule-md")
def test_table_from_a_myst_page(app):
    app.build()
    assert warnings_of(app) == []
    tree, table = schedule_table(app.outdir / "index.html")

    assert table.xpath("string(caption)").strip().startswith("Program, June 8, 2023")
    assert [th.text_content() for th in table.xpath("thead/tr/th")] == ["Time", "Session", "Speakers"]
    rows = table.xpath("tbody/tr")
    assert [cells(row) for row in rows] == [
        [f"8:00{DASH}8:10 AM EDT", "Opening Welcome"],
        [
            f"8:10{DASH}8:55 AM EDT",
            "Invited talk A <b>Keynote</b> & More",
            "Ada Lovelace (Analytical Engines)",
        ],
        [f"8:55{DASH}9:20 AM EDT", "Paper talk On Tables", "Edgar Codd (IBM, presenting), Ray Boyce (IBM)"],
        [f"9:20{DASH}9:40 AM EDT", "Coffee Break"],
        [
            f"9:40{DASH}10:40 AM EDT",
            "Panel Panel Session",
            "Grace Hopper (Navy); Panelists: Alan Turing (Bletchley Park), Edsger Dijkstra",
        ],
        [f"11:30 AM{DASH}1:00 PM EDT", "Lunch"],
        [f"1:00{DASH}1:10 PM EDT", "Closing Goodbye"],
    ]
    kinds = [c for row in rows for c in row.get("class").split() if c.startswith("workshop-slot-")]
    assert kinds == [
        f"workshop-slot-{k}" for k in ("opening", "invited", "paper", "break", "panel", "lunch", "closing")
    ]
    # Anchors the exports link to: the slot's id, else its paper's.
    assert [row.get("id") for row in rows] == [
        "slot-opening",
        "slot-keynote",
        "slot-tables",
        "slot-coffee",
        "slot-panel",
        "slot-lunch",
        "slot-closing",
    ]
    # A break has no kind label, and its title spans the speakers column.
    coffee = rows[3].xpath("./td")
    assert coffee[1].get("colspan") == "2" and not coffee[1].xpath(".//*[contains(@class, 'workshop-kind')]")
    # Each time is a <time> with its instant, for machines and the optional local-time toggle.
    assert rows[1].xpath("td[1]//time/@datetime") == [
        "2023-06-08T08:10:00-04:00",
        "2023-06-08T08:55:00-04:00",
    ]
    # Text from the data is text, never markup.
    assert not table.xpath(".//b")
    # A paper talk links to the paper's own page, and every slot but a break to its own
    # calendar, from its time.
    assert rows[2].xpath("td[2]//a/@href") == ["papers/tables.html"]
    assert (app.outdir / "papers" / "tables.html").is_file()
    assert [row.xpath("td[1]//a/@href") for row in rows] == [
        ["calendar/opening.ics"],
        ["calendar/keynote.ics"],
        ["calendar/tables.ics"],
        [],
        ["calendar/panel.ics"],
        [],
        ["calendar/closing.ics"],
    ]
    assert (app.outdir / "calendar" / "keynote.ics").is_file()
    assert not (app.outdir / "calendar" / "coffee.ics").exists()
    note = " ".join(tree.xpath("string(//p[contains(@class, 'workshop-zone-note')])").split())
    assert (
        note == "All times are Eastern Time (America/New_York, EDT, UTC-04:00), the venue\u2019s time zone."
    )


@pytest.mark.sphinx("html", testroot="schedule-rst")
def test_table_from_a_rest_page_in_the_zone_of_the_data(app):
    app.build()
    assert warnings_of(app) == []
    tree, table = schedule_table(app.outdir / "index.html")
    assert [th.text_content() for th in table.xpath("thead/tr/th")] == ["Time", "Session", "Speakers"]
    assert [cells(row) for row in table.xpath("tbody/tr")] == [
        [f"9:00{DASH}9:30 AM CEST", "Opening Opening", "Niklaus Wirth (ETH Zurich)"],
        [f"9:30{DASH}10:00 AM CEST", "Break"],
        [
            f"10:00 AM{DASH}12:15 PM CEST",
            "Invited talk Pascal at Fifty",
            "Kristen Nygaard (Oslo), Ole-Johan Dahl (Oslo)",
        ],
    ]
    assert "Central European Time (Europe/Berlin, CEST, UTC+02:00)" in tree.xpath(
        "string(//p[contains(@class, 'workshop-zone-note')])"
    )


@pytest.mark.sphinx(
    "html", testroot="schedule-md", confoverrides={"exclude_patterns": ["data/**", "_build", "papers.md"]}
)
def test_paper_title_links_its_page_without_a_papers_list(app):
    """The paper pages come from papers.yaml, whether or not a page lists the papers."""
    app.build()
    assert warnings_of(app) == []
    _, table = schedule_table(app.outdir / "index.html")
    paper_row = table.xpath("tbody/tr[@id='slot-tables']")[0]
    assert cells(paper_row)[1] == "Paper talk On Tables"
    assert paper_row.xpath("td[2]//a/@href") == ["papers/tables.html"]
    page = lxml.html.parse(str(app.outdir / "papers" / "tables.html"))
    assert page.xpath("string(//h1)").startswith("On Tables")


@pytest.mark.sphinx("text", testroot="schedule-rst")
def test_other_builders_print_the_times_and_write_no_exports(app):
    app.build()
    assert warnings_of(app) == []
    text = (app.outdir / "index.txt").read_text()
    assert f"9:00{DASH}9:30 AM CEST" in text and "Pascal at Fifty" in text
    assert not list(app.outdir.glob("*.ics")) and not (app.outdir / "schedule.xml").exists()


@pytest.mark.sphinx("html", testroot="schedule-md")
def test_only_program_pages_load_the_local_time_script(app):
    app.build()
    index = (app.outdir / "index.html").read_text()
    papers = (app.outdir / "papers.html").read_text()
    assert "workshop-localtime.js" in index and "workshop-localtime.js" not in papers
    assert (app.outdir / "_static" / "workshop-localtime.js").is_file()
