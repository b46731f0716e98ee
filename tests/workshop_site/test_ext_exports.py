"""The exports written with the HTML build, read back by real parsers: the ``icalendar``
library for both calendars, lxml against the c3voc XSD, jsonschema against the c3voc JSON
Schema (both from ../shared, skipped with the reason where it is absent).

Expected times and titles are typed here from the published program, not read from the data.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zoneinfo
from pathlib import Path

import icalendar
import jsonschema
import lxml.html
import pytest
from conftest import ROOT, shared_path
from ext_support import built, copy_root, edit, warnings_of
from lxml import etree

from workshop.core import bibtex
from workshop.core.exports import c3voc_json, frab_xml
from workshop.core.exports.common import Site
from workshop.core.load import load
from workshop.core.volumefacts import volume_facts

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
SCHEDULE_EXPORTS = ["schedule.ics", "schedule.xml", "schedule.json"]
EXPORTS = [*SCHEDULE_EXPORTS, "deadlines.ics"]

#: The published program: (start, end, title), wall-clock in New York.
PUBLISHED = [
    ("8:00", "8:10", "Introduction"),
    (
        "8:10",
        "8:55",
        "Towards More Efficient Vision Transformers: From Novel Few-Shot Parameter-Efficient Tuning to New Linear-Angular Attention",
    ),
    ("8:55", "9:20", "Understanding Time Variations of DNN Inference in Autonomous Driving"),
    (
        "9:20",
        "9:45",
        "Chakra: Advancing Performance Benchmarking and Co-Design Using Standardized Execution Traces",
    ),
    (
        "9:45",
        "10:10",
        "Performance Analysis of Binary Neural Networks Deployed in NVM Crossbar Architectures",
    ),
    ("10:10", "10:30", "Morning Break"),
    ("10:30", "11:15", "ML Workloads in AR/VR and Their Implication to ML System Design"),
    (
        "11:15",
        "12:00",
        "Benchmarks for Developing Generalist Agents: Closing the Gap in Real-World Autonomous Decision-Making",
    ),
    ("12:00", "13:30", "Lunch"),
    (
        "13:30",
        "14:15",
        "Towards AI Workflow Benchmarking with Consideration of Energy Efficiency on Leadership Computing Platforms",
    ),
    ("14:15", "15:00", "Accelerating LLMs with Speculative Inference and Token Tree Verification"),
    ("15:00", "15:30", "Afternoon Break"),
    ("15:30", "16:30", "Panel Session"),
    ("16:30", "16:40", "Conclusion"),
]


def at(clock: str, day: dt.date = dt.date(2023, 6, 8)) -> dt.datetime:
    hour, minute = map(int, clock.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), NEW_YORK)


def calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def vevents(path: Path) -> list[icalendar.Event]:
    return list(calendar(path).walk("VEVENT"))


def xml_events(path: Path) -> list[etree._Element]:
    return etree.parse(str(path)).getroot().findall("day/room/event")


def json_events(path: Path) -> list[dict]:
    document = json.loads(path.read_text())
    return [
        e
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for e in events
    ]


def validate_xml(path: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(shared_path("schemas", "c3voc-schedule", "schedule.xml.xsd"))))
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log


def validate_json(path: Path) -> None:
    schema = json.loads(shared_path("schemas", "c3voc-schedule", "schema.json").read_text())
    jsonschema.Draft6Validator.check_schema(schema)
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(path.read_text()))
    ]
    assert errors == []


# --- the example site ----------------------------------------------------------------------


def test_example_calendar_has_every_slot_at_its_time_in_new_york(example_site):
    events = vevents(example_site / "schedule.ics")
    assert len(events) == 14
    assert [(e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"])) for e in events] == [
        (at(start), at(end), title) for start, end, title in PUBLISHED
    ]
    for event in events:
        assert event["dtstart"].params["TZID"] == "America/New_York"
        assert event.decoded("dtstart").utcoffset() == dt.timedelta(hours=-4)  # EDT in June
    (zone,) = calendar(example_site / "schedule.ics").walk("VTIMEZONE")
    assert zone["tzid"] == "America/New_York"
    assert zone.to_tz().utcoffset(dt.datetime(2023, 6, 8, 12)) == dt.timedelta(hours=-4)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == 14
    assert all(uuid.UUID(uid).version == 5 for uid in uids)
    panel = events[12]
    assert "Panelists: Wes Brewer (ORNL), Zhihao Jia (CMU)" in str(panel["description"])
    assert "Authors: Liangkai Liu (Wayne State University)" in str(events[2]["description"])


def test_example_deadlines_are_instants_in_utc(example_site):
    events = vevents(example_site / "deadlines.ics")
    got = [(str(e["summary"]), e.decoded("dtstart")) for e in events]
    assert got == [
        ("MLBench'23: Submission Deadline", dt.datetime(2023, 4, 4, 11, 59, tzinfo=dt.UTC)),
        ("MLBench'23: Acceptance Notification", dt.date(2023, 4, 14)),
        ("MLBench'23: Camera Ready Submission Deadline", dt.datetime(2023, 5, 20, 11, 59, tzinfo=dt.UTC)),
        ("MLBench'23: Workshop date", dt.date(2023, 6, 8)),
    ]
    # 23:59 AoE is written as a UTC instant ("...Z"): no calendar knows a zone called AoE.
    assert b"DTSTART:20230404T115900Z" in (example_site / "deadlines.ics").read_bytes()
    assert str(events[0]["description"]) == "April 3, 2023, 23:59 AoE (April 4, 11:59 UTC)"
    assert not calendar(example_site / "deadlines.ics").walk("VTIMEZONE")


def test_example_frab_xml_is_complete(example_site):
    events = xml_events(example_site / "schedule.xml")
    assert [(e.findtext("start"), e.findtext("title")) for e in events] == [
        (f"{at(start):%H:%M}", title) for start, _, title in PUBLISHED
    ]
    assert [e.findtext("duration") for e in events][:3] == ["00:10", "00:45", "00:25"]
    root = etree.parse(str(example_site / "schedule.xml")).getroot()
    assert root.findtext("conference/time_zone_name") == "America/New_York"
    assert root.find("day").get("start") == "2023-06-08T08:00:00-04:00"


def test_example_c3voc_json_is_complete(example_site):
    events = json_events(example_site / "schedule.json")
    assert [(dt.datetime.fromisoformat(e["date"]), e["title"]) for e in events] == [
        (at(start), title) for start, _, title in PUBLISHED
    ]
    chakra = events[3]
    # A paper talk's speaker is its presenter (the first author by default), not every author.
    assert [p["name"] for p in chakra["persons"]] == ["Srinivas Sridharan"]


def test_example_exports_validate_against_the_c3voc_schemas(example_site):
    validate_xml(example_site / "schedule.xml")
    validate_json(example_site / "schedule.json")


def test_the_three_schedule_exports_agree_on_ids(example_site):
    ics = [str(e["uid"]) for e in vevents(example_site / "schedule.ics")]
    xml = [e.get("guid") for e in xml_events(example_site / "schedule.xml")]
    js = [e["guid"] for e in json_events(example_site / "schedule.json")]
    assert ics == xml == js
    assert [int(e.get("id")) for e in xml_events(example_site / "schedule.xml")] == [
        e["id"] for e in json_events(example_site / "schedule.json")
    ]


def test_program_and_dates_pages_link_the_exports(example_site):
    for page, names in (("program.html", SCHEDULE_EXPORTS), ("dates.html", ["deadlines.ics"])):
        tree = lxml.html.parse(str(example_site / page))
        links = tree.xpath("//ul[contains(@class, 'workshop-downloads')]//a/@href")
        assert links == names
        for name in links:
            assert (example_site / name).is_file()


# --- a site with a known address -----------------------------------------------------------


@pytest.mark.sphinx("html", testroot="exports")
def test_links_are_absolute_and_land_on_the_program_rows(app):
    app.build()
    assert warnings_of(app) == []
    out = app.outdir
    program = lxml.html.parse(str(out / "program.html"))
    base = "https://workshop.example.org/2023/"
    for event in json_events(out / "schedule.json"):
        page, _, anchor = event["url"].removeprefix(base).partition("#")
        assert page == "program.html"
        assert program.xpath(f"//tr[@id='{anchor}']"), anchor
    ics = {str(e["summary"]): e for e in vevents(out / "schedule.ics")}
    assert str(ics["On Tables"]["url"]) == f"{base}program.html#slot-tables"
    paper = next(e for e in json_events(out / "schedule.json") if e["title"] == "On Tables")
    assert paper["links"] == [{"type": "paper", "url": f"{base}papers/tables.html", "title": "Paper"}]
    assert (out / "papers" / "tables.html").is_file()
    assert paper["abstract"] == "Rows, columns, and why they matter."
    assert "On Tables" in lxml.html.parse(str(out / "papers.html")).xpath("string(//*[@id='paper-tables'])")
    # Text is data in every format: escaped by the writer, never markup.
    keynote = next(e for e in xml_events(out / "schedule.xml") if e.findtext("slug") == "te23-keynote")
    assert keynote.findtext("title") == "Ünïcode & <Markup>"
    # A person with an e-mail address gets the GUID the c3voc schema prescribes.
    (ada,) = keynote.find("persons")
    assert ada.get("guid") == str(uuid.uuid5(uuid.NAMESPACE_URL, "acct:ada@example.org"))
    # From a page in a subfolder, the link still reaches the file at the root.
    directions = lxml.html.parse(str(out / "venue" / "directions.html"))
    assert directions.xpath("//ul[contains(@class, 'workshop-downloads')]//a/@href") == ["../schedule.ics"]
    # Last, as it skips where ../shared is absent: absolute URLs pass the schemas' URI rules.
    validate_xml(out / "schedule.xml")
    validate_json(out / "schedule.json")


def test_same_data_same_bytes_and_a_quiet_rebuild(make_app, tmp_path):
    first = built(make_app, copy_root("exports", tmp_path / "a"))
    second = built(make_app, copy_root("exports", tmp_path / "b"))
    for name in EXPORTS:
        assert (first.outdir / name).read_bytes() == (second.outdir / name).read_bytes(), name
    before = {name: (first.outdir / name).stat().st_mtime_ns for name in EXPORTS}
    built(make_app, first.srcdir)
    assert {name: (first.outdir / name).stat().st_mtime_ns for name in EXPORTS} == before


@pytest.mark.parametrize(
    ("short_name", "key"), [("MLBench'23", "mlbench23"), ("ML", "ml2023"), ("'", "workshop")]
)
def test_the_conference_apps_and_the_bibtex_know_the_edition_by_one_key(short_name, key):
    """The c3voc/frab acronym (and the slugs made from it) and the volume's BibTeX key."""
    workshop = load(ROOT / "docs" / "data").workshop
    workshop = workshop.model_copy(
        update={"info": workshop.info.model_copy(update={"short_name": short_name})}
    )
    site = Site(stamp=dt.datetime(2023, 6, 8, tzinfo=dt.UTC))
    conference = json.loads(c3voc_json.schedule(workshop, site))["schedule"]["conference"]
    assert conference["acronym"] == key
    assert etree.fromstring(frab_xml.schedule(workshop, site)).findtext("conference/acronym") == key
    facts = volume_facts(workshop)
    assert bibtex.volume_entry(facts).startswith(f"@proceedings{{{key},\n")
    paper = workshop.papers.papers[0]
    assert bibtex.paper_key(facts, paper) == f"{key}:{paper.id}"


def test_source_date_epoch_sets_the_calendar_stamp(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1685577600")  # 2023-06-01 00:00 UTC
    app = built(make_app, copy_root("exports", tmp_path))
    for name in ("schedule.ics", "deadlines.ics"):
        stamps = {e.decoded("dtstamp") for e in vevents(app.outdir / name)}
        assert stamps == {dt.datetime(2023, 6, 1, tzinfo=dt.UTC)}, name


def test_without_source_date_epoch_the_calendars_are_stamped_with_the_workshop_day(
    make_app, tmp_path, monkeypatch
):
    """The volume's PDF dates follow the same rule (test_volume_build): not the first
    deadline (April 3), the workshop's day."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    app = built(make_app, copy_root("exports", tmp_path))
    for name in ("schedule.ics", "deadlines.ics"):
        stamps = {e.decoded("dtstamp") for e in vevents(app.outdir / name)}
        assert stamps == {dt.datetime(2023, 6, 8, tzinfo=dt.UTC)}, name


@pytest.mark.parametrize("value", ["-1", "+1685577600", "1_685_577_600"])
def test_a_malformed_source_date_epoch_is_one_warning_and_writes_no_export(
    make_app, tmp_path, monkeypatch, value
):
    """Whoever set the variable wants the bytes it pins: the build says what is wrong
    (fatal under -W, as `nox -s docs` builds) rather than stamping another date.  (Sphinx
    itself stops, in its own words, on a value that is no number at all.)"""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    app = built(make_app, copy_root("exports", tmp_path))
    assert warnings_of(app) == [
        (
            f"WARNING: SOURCE_DATE_EPOCH: {value!r} is not a date as seconds since 1970-01-01 UTC: set it to a "
            "whole number such as `date +%s` or `git log -1 --format=%ct` prints, or unset it to date the "
            "outputs by the workshop's day (2023-06-08); the exports were not written [workshop.source-date-epoch]"
        )
    ]
    assert [name for name in EXPORTS if (app.outdir / name).exists()] == []


def test_ids_survive_a_new_slot_and_a_changed_title(make_app, tmp_path):
    """A reader's calendar and starred talks keep pointing at the same talks."""
    srcdir = copy_root("exports", tmp_path)
    app = built(make_app, srcdir)
    before = {
        e.findtext("slug"): (e.get("guid"), e.get("id")) for e in xml_events(app.outdir / "schedule.xml")
    }
    data = srcdir / "data" / "schedule.yaml"
    edit(data, "title: Panel Session", "title: Closing Panel")
    edit(
        data,
        "    slots:\n",
        "    slots:\n      - {id: early, start: 7:30 AM, end: 7:55 AM, kind: opening, title: Breakfast}\n",
    )
    app = built(make_app, srcdir)
    assert warnings_of(app) == []
    after = {
        e.findtext("slug"): (e.get("guid"), e.get("id")) for e in xml_events(app.outdir / "schedule.xml")
    }
    assert set(after) == set(before) | {"te23-early"}
    assert {slug: after[slug] for slug in before} == before
    ics = {str(e["summary"]): str(e["uid"]) for e in vevents(app.outdir / "schedule.ics")}
    assert ics["Closing Panel"] == before["te23-panel"][0]


def test_a_paper_presented_twice_is_two_events(make_app, tmp_path):
    """The same paper in two slots (a morning talk and a repeat later, marked again: true) is two
    events to a calendar and to the apps: neither replaces the other, and each links to its own
    program row."""
    srcdir = copy_root("exports", tmp_path)
    edit(
        srcdir / "data" / "schedule.yaml",
        "      - {start: 12:00 PM",
        "      - {start: 11:00 AM, end: 11:30 AM, kind: paper, paper: tables, again: true}\n      - {start: 12:00 PM",
    )
    app = built(make_app, srcdir)
    assert warnings_of(app) == []
    uids = [str(e["uid"]) for e in vevents(app.outdir / "schedule.ics")]
    guids = [e.get("guid") for e in xml_events(app.outdir / "schedule.xml")]
    ids = [e["id"] for e in json_events(app.outdir / "schedule.json")]
    assert len(set(uids)) == len(set(guids)) == len(set(ids)) == 6
    rows = [str(e["url"]) for e in vevents(app.outdir / "schedule.ics") if str(e["summary"]) == "On Tables"]
    assert len(rows) == len(set(rows)) == 2


def test_bad_data_keeps_the_previous_exports(make_app, tmp_path):
    srcdir = copy_root("exports", tmp_path)
    app = built(make_app, srcdir)
    good = {name: (app.outdir / name).read_bytes() for name in EXPORTS}
    edit(srcdir / "data" / "schedule.yaml", "end: 9:20 AM", "end: 8:20 AM")
    app = built(make_app, srcdir)
    assert len(warnings_of(app)) == 1
    assert {name: (app.outdir / name).read_bytes() for name in EXPORTS} == good


@pytest.mark.parametrize(
    ("builder", "program_url", "download_page", "download_href"),
    [
        ("dirhtml", "program/#slot-tables", "program/index.html", "../schedule.ics"),
        ("singlehtml", "index.html#slot-tables", "index.html", "schedule.ics"),
    ],
)
def test_other_site_builders_link_the_same_rows(
    make_app, tmp_path, builder, program_url, download_page, download_href
):
    app = built(make_app, copy_root("exports", tmp_path), buildername=builder)
    assert warnings_of(app) == []
    paper = next(e for e in json_events(app.outdir / "schedule.json") if e["title"] == "On Tables")
    assert paper["url"] == f"https://workshop.example.org/2023/{program_url}"
    page = lxml.html.parse(str(app.outdir / download_page))
    assert download_href in page.xpath("//ul[contains(@class, 'workshop-downloads')]//a/@href")
    assert page.xpath("//tr[@id='slot-tables']")


@pytest.mark.sphinx("text", testroot="exports")
def test_a_builder_that_makes_no_site_names_the_files_and_writes_none(app):
    app.build()
    assert warnings_of(app) == []
    text = (app.outdir / "program.txt").read_text()
    assert '* Program for your calendar (iCalendar) "schedule.ics"' in text
    assert not any((app.outdir / name).exists() for name in EXPORTS)
