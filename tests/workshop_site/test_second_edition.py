"""A new edition is data and prose only: the second edition's data (tests/editions/mlbench24:
two days in Pacific time at another venue, two rooms with a parallel session, a poster
session, CJK and accented names, a paper on no slot) builds with the example's prose pages
unchanged, and every page, calendar and app file says the new edition's span, venue,
rooms and sessions.  The volume of the same data is built too, its names in every script.

Expected texts are typed here from the data file, not read from it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo

import icalendar
import lxml.html
import pypdf
import pytest
from conftest import ROOT, SECOND_EDITION, second_edition
from lxml import etree
from test_ext_exports import validate_json, validate_xml
from volume_support import run_build

PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")
DASH = "\u2013"


def page(site, name: str):
    return lxml.html.parse(str(site / name))


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def test_the_prose_pages_are_the_examples(second_edition_site):
    """What was built is the example's prose with the new data: no page was edited."""
    sources = second_edition_site.parent / "site" / "docs"
    for prose in sorted((ROOT / "docs").rglob("*.md")):
        assert (sources / prose.relative_to(ROOT / "docs")).read_bytes() == prose.read_bytes(), prose.name
    assert not (sources / "data" / "papers").joinpath("liu-time-variations.pdf").exists()


def test_the_home_page_says_the_span_the_venue_and_the_deadline_rule(second_edition_site):
    home = text_of(page(second_edition_site, "index.html").getroot())
    assert (
        "to be held with the Seventh Conference on Machine Learning and Systems (MLSys) on May 17-18, 2024 "
        "at Santa Clara Convention Center, 5001 Great America Pkwy, Santa Clara, United States." in home
    )
    assert "All deadlines are at 23:59 Anywhere on Earth (AoE), and are firm." in home
    venue = page(second_edition_site, "index.html").xpath("//a[text()='Santa Clara Convention Center']/@href")
    assert venue == ["https://mlsys.org/Conferences/2024"]
    for name in ("index.html", "dates.html", "program.html", "committees.html", "papers.html"):
        text = text_of(page(second_edition_site, name).getroot())
        assert "MLBench'23" not in text and "Miami" not in text and "June 8, 2023" not in text, name


def test_the_program_has_a_heading_and_a_table_per_day(second_edition_site):
    tree = page(second_edition_site, "program.html")
    headings = tree.xpath("//article//section[contains(@class, 'workshop-day')]/h2/text()")
    assert headings == ["Friday, May 17, 2024", "Saturday, May 18, 2024"]
    captions = tree.xpath("//table[contains(@class, 'workshop-schedule')]/caption/span/text()")
    assert captions == ["Program, May 17, 2024", "Program, May 18, 2024"]
    assert "All times are Pacific Time (America/Los_Angeles, PDT, UTC-07:00)" in text_of(
        tree.xpath("//p[contains(@class, 'workshop-zone-note')]")[0]
    )
    assert text_of(tree.xpath("//p[contains(@class, 'workshop-venue')]")[0]) == (
        "Venue: Santa Clara Convention Center, 5001 Great America Pkwy, Santa Clara, United States"
    )


def test_the_parallel_day_has_a_column_per_room(second_edition_site):
    tree = page(second_edition_site, "program.html")
    first, second = tree.xpath("//table[contains(@class, 'workshop-schedule')]")
    assert [text_of(th) for th in first.xpath("thead/tr/th")] == ["Time", "Ballroom E", "Room 209"]
    # The day without parallel sessions keeps the three columns.
    assert [text_of(th) for th in second.xpath("thead/tr/th")] == ["Time", "Session", "Speakers"]
    rows = first.xpath("tbody/tr")
    ten = next(row for row in rows if row.xpath("th//time/@datetime") == ["2024-05-17T10:00:00-07:00"])
    cells = ten.xpath("td")
    assert [cell.get("id") for cell in cells] == ["slot-wang-tail-latency", "slot-kim-energy-per-token"]
    # Each cell spans the rows that start before it ends: 25 minutes one row, 30 minutes two.
    assert [cell.get("rowspan") for cell in cells] == [None, "2"]
    assert "Session: Serving and Training · Chair: Zoë Ferreira (Universidade de Lisboa)" in text_of(cells[0])
    assert "Session: Energy and Efficiency · Chair: 이지은 (Seoul National University)" in text_of(cells[1])
    assert "王小明 (Tsinghua University, presenting), José Álvarez (Universidad de Chile)" in text_of(
        cells[0]
    )
    assert f"10:00{DASH}10:25 AM PDT" in text_of(cells[0])
    # The session's title and chair once, on its first slot.
    sparse = first.xpath(".//td[@id='slot-lefevre-sparse-training']")[0]
    assert "Session:" not in text_of(sparse)
    # A slot for the whole event spans every room; a room with nothing on is an empty cell.
    lunch = first.xpath("tbody/tr[@id='slot-lunch']")[0]
    assert lunch.xpath("td/@colspan") == ["2"]
    posters_row = first.xpath(".//td[@id='slot-posters']/..")[0]
    assert posters_row.xpath("td[contains(@class, 'workshop-empty')]")


def test_posters_links_and_calendars_in_the_program(second_edition_site):
    tree = page(second_edition_site, "program.html")
    posters = tree.xpath("//td[@id='slot-posters']//ul[contains(@class, 'workshop-posters')]/li")
    assert [text_of(item) for item in posters] == [
        (
            "Board 1: Profiling Collective Communication in Mixture-of-Experts Training — Chloé Dubois (EPFL, "
            "presenting), 佐藤花子 (University of Tokyo) Poster (PDF) · Data"
        ),
        "Board 2: How Much Do ML Compilers Matter on New Hardware? — Siobhán O'Connor (Trinity College Dublin)",
    ]
    assert posters[0].xpath(".//a/@href") == [
        "papers/dubois-collectives.html",  # the paper's own page, then its materials
        "materials/paper-dubois-collectives/poster.pdf",
        "https://zenodo.org/records/10000042",
    ]
    assert (second_edition_site / "papers" / "dubois-collectives.html").is_file()
    keynote = tree.xpath("//tr[@id='slot-keynote']")[0]
    links = keynote.xpath(".//span[contains(@class, 'workshop-slot-links')]//a")
    assert [(a.text_content(), a.get("href")) for a in links] == [
        ("Slides", "https://example.org/mlbench24/keynote-slides.pdf"),
        ("Video", "https://video.example.org/watch?v=mlbench24&t=0"),
    ]
    assert '&amp;t=0"' in (second_edition_site / "program.html").read_text()  # escaped in the page
    # Every slot but a break links to its own calendar, which holds that one event.
    hrefs = tree.xpath(
        "//*[starts-with(@id, 'slot-')]//span[contains(@class, 'workshop-slot-calendar')]/a/@href"
    )
    assert "calendar/invited-compilers.ics" in hrefs and "calendar/lunch.ics" not in hrefs
    program = icalendar.Calendar.from_ical((second_edition_site / "schedule.ics").read_bytes())
    uids = {str(e["summary"]): str(e["uid"]) for e in program.walk("VEVENT")}
    for href in hrefs:  # the same event as in schedule.ics: taking both adds it once
        (event,) = icalendar.Calendar.from_ical((second_edition_site / href).read_bytes()).walk("VEVENT")
        assert uids[str(event["summary"])] == str(event["uid"]), href
    assert len(hrefs) == len(set(hrefs)) == 11  # 13 slots, 2 of them breaks
    (event,) = icalendar.Calendar.from_ical(
        (second_edition_site / "calendar" / "invited-compilers.ics").read_bytes()
    ).walk("VEVENT")
    assert str(event["summary"]) == "Compilers for the Next Accelerator"
    assert event.decoded("dtstart") == dt.datetime(2024, 5, 17, 10, 50, tzinfo=PACIFIC)
    assert str(event["location"]) == (
        "Ballroom E, Santa Clara Convention Center, 5001 Great America Pkwy, Santa Clara, United States"
    )
    assert "Slides: https://example.org/mlbench24/compilers.pdf" in str(event["description"])


def test_the_program_calendar_places_each_slot_in_its_room(second_edition_site):
    calendar = icalendar.Calendar.from_ical((second_edition_site / "schedule.ics").read_bytes())
    assert str(calendar["x-wr-caldesc"]) == (
        "Benchmarking Machine Learning Workloads on Emerging Hardware, May 17-18, 2024, "
        "Santa Clara Convention Center, 5001 Great America Pkwy, Santa Clara, United States"
    )
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 13
    assert str(events["Energy per Token: Measuring Inference on Edge NPUs"]["location"]).startswith(
        "Room 209, Santa Clara Convention Center"
    )
    assert str(events["Lunch"]["location"]).startswith("Santa Clara Convention Center")
    assert "Session: Energy and Efficiency (chair: 이지은 (Seoul National University))" in str(
        events["Measuring Power on Mobile NPUs"]["description"]
    )
    assert events["Closing and Awards"].decoded("dtstart") == dt.datetime(2024, 5, 18, 9, 45, tzinfo=PACIFIC)
    deadlines = icalendar.Calendar.from_ical((second_edition_site / "deadlines.ics").read_bytes())
    days = [e for e in deadlines.walk("VEVENT") if str(e["summary"]).startswith("MLBench'24: Workshop")]
    assert [e.decoded("dtstart") for e in days] == [dt.date(2024, 5, 17), dt.date(2024, 5, 18)]
    assert all(str(e["location"]).startswith("Santa Clara Convention Center") for e in days)


def test_the_apps_get_the_rooms_sessions_venue_and_span(second_edition_site):
    root = etree.parse(str(second_edition_site / "schedule.xml")).getroot()
    assert root.findtext("conference/start") == "2024-05-17T08:30:00-07:00"
    assert root.findtext("conference/end") == "2024-05-18T10:00:00-07:00"
    assert root.findtext("conference/days") == "2"
    first, second = root.findall("day")
    assert [room.get("name") for room in first.findall("room")] == [
        "Santa Clara Convention Center",  # the whole event's: slots without a room
        "Ballroom E",
        "Room 209",
    ]
    assert [room.get("name") for room in second.findall("room")] == ["Santa Clara Convention Center"]
    room_209 = first.findall("room")[2]
    assert [e.findtext("title") for e in room_209.findall("event")] == [
        "Energy per Token: Measuring Inference on Edge NPUs",
        "Measuring Power on Mobile NPUs",
    ]
    assert {e.findtext("room") for e in room_209.findall("event")} == {"Room 209"}
    talk = room_209.find("event")
    assert "Session: Energy and Efficiency (chair: 이지은 (Seoul National University))" in talk.findtext(
        "description"
    )
    assert "Where: Room 209, Santa Clara Convention Center" in talk.findtext("description")
    keynote = next(e for e in root.iter("event") if e.findtext("slug") == "mlbench24-keynote")
    assert [(link.get("type"), link.get("href"), link.text) for link in keynote.find("links")] == [
        ("slides", "https://example.org/mlbench24/keynote-slides.pdf", "Slides"),
        ("media", "https://video.example.org/watch?v=mlbench24&t=0", "Video"),
    ]
    posters = next(e for e in root.iter("event") if e.findtext("slug") == "mlbench24-posters")
    assert "Poster: Board 1: Profiling Collective Communication" in posters.findtext("description")

    document = json.loads((second_edition_site / "schedule.json").read_text())
    conference = document["schedule"]["conference"]
    assert (conference["start"], conference["end"], conference["daysCount"]) == (
        "2024-05-17",
        "2024-05-18",
        2,
    )
    assert conference["description"] == (
        "May 17-18, 2024, Santa Clara Convention Center, 5001 Great America Pkwy, Santa Clara, United States"
    )
    assert [(r["name"], r["description"], r["url"]) for r in conference["rooms"]] == [
        (
            "Santa Clara Convention Center",
            "Santa Clara Convention Center, 5001 Great America Pkwy, Santa Clara, United States",
            "https://mlsys.org/Conferences/2024",
        ),
        (
            "Ballroom E",
            "Ballroom E, Santa Clara Convention Center, 5001 Great America Pkwy, Santa Clara, United States",
            "https://mlsys.org/Conferences/2024",
        ),
        (
            "Room 209",
            "Room 209, Santa Clara Convention Center, 5001 Great America Pkwy, Santa Clara, United States",
            "https://mlsys.org/Conferences/2024",
        ),
    ]
    day_one = conference["days"][0]["rooms"]
    assert [e["title"] for e in day_one["Ballroom E"]][:2] == [
        "Tail Latency & Throughput of LLM Serving on Heterogeneous Accelerators",
        "A Benchmark Suite for Sparse Training at Scale",
    ]
    keynote = next(e for e in day_one["Santa Clara Convention Center"] if e["slug"] == "mlbench24-keynote")
    assert keynote["links"] == [
        {"type": "slides", "url": "https://example.org/mlbench24/keynote-slides.pdf", "title": "Slides"},
        {"type": "media", "url": "https://video.example.org/watch?v=mlbench24&t=0", "title": "Video"},
    ]
    # The same events in all three, by the same ids.
    ics = {
        str(e["uid"])
        for e in icalendar.Calendar.from_ical((second_edition_site / "schedule.ics").read_bytes()).walk(
            "VEVENT"
        )
    }
    assert {e.get("guid") for e in root.iter("event")} == ics
    assert {e["guid"] for day in conference["days"] for room in day["rooms"].values() for e in room} == ics
    # Last, as they skip where ../shared is absent.
    validate_xml(second_edition_site / "schedule.xml")
    validate_json(second_edition_site / "schedule.json")


def test_the_papers_page_lists_the_paper_on_no_slot(second_edition_site):
    papers = text_of(page(second_edition_site, "papers.html").getroot())
    assert "Checkpointing Costs of Foundation Model Training" in papers
    assert "Björn Þórsson (University of Iceland)" in papers


@pytest.fixture(scope="module")
def second_volume(tmp_path_factory):
    """The second edition's volume, built by ``python -m proceedings build``."""
    site = second_edition(tmp_path_factory.mktemp("second-volume") / "site")
    (site / "pyproject.toml").write_text("# the repository's root, for the loader\n")
    out = site / "_build" / "proceedings"
    done = run_build(site / "docs" / "data", out)
    assert done.returncode == 0, done.stderr
    return pypdf.PdfReader(out / "volume.pdf"), (out / "volume.bib").read_text()


def test_the_volume_gives_the_span_and_every_name(second_volume):
    volume, bib = second_volume
    title = " ".join(volume.pages[0].extract_text().split())
    assert "May 17-18, 2024" in title
    assert "Held with the Seventh Conference on Machine Learning and Systems (MLSys 2024)" in title
    assert "(MLSys) (" not in title
    assert (
        "Proceedings of the Workshop on Benchmarking Machine Learning Workloads on Emerging Hardware (MLBench'24)"
        in title
    )
    assert re.search(
        r"note\s+= \{Held with the Seventh Conference on Machine Learning and Systems \(MLSys\), May 17-18, 2024\}",
        bib,
    )
    index = " ".join(volume.pages[-1].extract_text().split())
    for name in ("Wang, Xiaoming (王小明)", "Ødegaard, Søren", "Þórsson, Björn", "김민준"):
        assert name in index, name
    # The sample PDFs carry their CJK names too (the sample tool sets them in the volume's fonts).
    first_paper = volume.page_labels.index("1")
    text = " ".join(volume.pages[first_paper].extract_text().split())
    assert "王小明 (Tsinghua University); José Álvarez" in text


def test_the_second_edition_is_data_only_its_papers_made_by_the_sample_tool():
    assert sorted(p.name for p in SECOND_EDITION.iterdir()) == [
        "materials",  # two papers' slides and poster (real PDFs, written by fpdf2)
        "papers.yaml",
        "people.yaml",
        "schedule.yaml",
        "workshop.yaml",
    ]
