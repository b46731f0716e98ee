"""What changed since the program was published, as an attendee sees it: the second edition,
its program recorded by the chairs' tool, then a slot's time and a room changed and a slot
cancelled in the data, and the site built again: the program page says the changes at its
top with the record's date and marks each changed slot; the calendars (read with icalendar)
carry the same UIDs with SEQUENCE raised and LAST-MODIFIED, the cancelled slot as
STATUS:CANCELLED; and the files of what left the data (the cancelled slot's own calendar, a
paper's page) are gone from the built site and from the published one, nothing else."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import lxml.html
import pytest
from conftest import build_site, second_edition
from ext_support import edit

MAY_1, MAY_10 = 1714521600, 1715299200  # 2024-05-01 and 2024-05-10, 00:00 UTC


def events(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def text_of(element) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> tuple[Path, Path, dict, dict]:
    """The site built with the program as published, then again after the changes: (its
    HTML folder, its source, the calendar events before and after, by title)."""
    tmp = tmp_path_factory.mktemp("changed")
    site = second_edition(tmp / "site")
    data = site / "docs" / "data"
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(MAY_1)}
    command = [sys.executable, "-m", "proceedings", "program", "publish", "--data", str(data)]
    assert subprocess.run(command, capture_output=True, cwd=site, env=environment).returncode == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(MAY_10))
        assert build_site(site, tmp / "out") == (0, "")
        html = tmp / "out" / "html"
        before = events(html / "schedule.ics")
        assert (html / "calendar" / "closing.ics").is_file()
        schedule = data / "schedule.yaml"
        edit(
            schedule,
            "        start: 8:45 AM\n        end: 9:30 AM\n",
            "        start: 8:50 AM\n        end: 9:30 AM\n",
        )
        edit(
            schedule,
            "        title: Posters\n        room: ballroom-e\n",
            "        title: Posters\n        room: room-209\n",
        )
        text = schedule.read_text()
        schedule.write_text(text[: text.index("      - id: closing")])
        assert build_site(site, tmp / "out") == (0, "")
    return html, site, before, events(html / "schedule.ics")


def test_the_program_says_what_changed_with_the_records_date(changed):
    html, *_ = changed
    tree = lxml.html.parse(str(html / "program.html"))
    box = tree.xpath("//div[contains(@class, 'workshop-changes')]")[0]
    assert [text_of(p) for p in box.xpath("./p")] == [
        "3 changes since the program was published on May 1, 2024:"
    ]
    assert [text_of(li) for li in box.xpath(".//li")] == [
        "What Benchmarks Miss About Accelerators: moved to May 17, 8:50\u20139:30 AM PDT (was 8:45\u20139:30 AM PDT)",
        "Posters: now in Room 209 (was Ballroom E)",
        "Closing and Awards: cancelled (was May 18, 9:45\u201310:00 AM PDT)",
    ]
    assert box.xpath(".//li//a/@href") == ["#slot-keynote", "#slot-posters"]
    # The box stands first, before the venue and the tables.
    assert "workshop-venue" in box.getnext().get("class")


def test_each_changed_slot_is_marked_with_what_it_was(changed):
    html, *_ = changed
    tree = lxml.html.parse(str(html / "program.html"))
    marked = tree.xpath("//*[contains(@class, 'workshop-changed')]/@id")
    assert marked == ["slot-keynote", "slot-posters"]
    keynote = tree.xpath("//*[@id='slot-keynote']//span[contains(@class, 'workshop-change-mark')]")[0]
    assert text_of(keynote) == "Changed moved to May 17, 8:50\u20139:30 AM PDT (was 8:45\u20139:30 AM PDT)"
    posters = tree.xpath("//*[@id='slot-posters']")[0]
    assert "Changed now in Room 209 (was Ballroom E)" in text_of(posters)
    assert not tree.xpath("//*[@id='slot-welcome']//span[contains(@class, 'workshop-change-mark')]")


def test_the_calendars_raise_the_sequence_and_cancel_the_cancelled(changed):
    html, _, before, after = changed
    keynote, welcome = after["What Benchmarks Miss About Accelerators"], after["Welcome"]
    assert str(keynote["uid"]) == str(before["What Benchmarks Miss About Accelerators"]["uid"])
    assert (before["What Benchmarks Miss About Accelerators"]["sequence"], keynote["sequence"]) == (0, 1)
    assert keynote.decoded("dtstart") == dt.datetime(
        2024, 5, 17, 8, 50, tzinfo=keynote.decoded("dtstart").tzinfo
    )
    # Changed since the record: modified at this build's date; unchanged: at the record's.
    assert keynote.decoded("last-modified") == dt.datetime(2024, 5, 10, tzinfo=dt.UTC)
    assert (welcome["sequence"], welcome.decoded("last-modified")) == (
        0,
        dt.datetime(2024, 5, 1, tzinfo=dt.UTC),
    )
    assert after["Posters"]["sequence"] == 1 and "Room 209" in str(after["Posters"]["location"])
    cancelled = after["Cancelled: Closing and Awards"]
    assert str(cancelled["uid"]) == str(before["Closing and Awards"]["uid"])
    assert (str(cancelled["status"]), cancelled["sequence"]) == ("CANCELLED", 1)
    assert all(str(e["status"]) == "CONFIRMED" for title, e in after.items() if title != cancelled["summary"])
    # The slot's own calendar is the same event.
    own = events(html / "calendar" / "keynote.ics")["What Benchmarks Miss About Accelerators"]
    assert own.to_ical() == keynote.to_ical()


def test_my_schedule_knows_the_cancelled_slot_by_its_key(changed):
    """A reader who starred the closing is told it was cancelled, and downloads its cancelled event."""
    html, _, _, after = changed
    starred = json.loads((html / "calendar" / "starred.json").read_text())
    closing = starred["slots"]["closing"]
    assert (closing["status"], closing["title"], closing["page"]) == ("cancelled", "Closing and Awards", None)
    for key, title in (
        ("closing", "Cancelled: Closing and Awards"),
        ("keynote", "What Benchmarks Miss About Accelerators"),
    ):
        event = icalendar.Event.from_ical(starred["slots"][key]["event"])
        assert event.to_ical() == after[title].to_ical()  # the very event of schedule.ics
    assert starred["head"].startswith("BEGIN:VCALENDAR\r\n") and starred["tail"] == "END:VCALENDAR\r\n"


def test_a_cancelled_slots_own_calendar_is_gone(changed):
    html, *_ = changed
    assert not (html / "calendar" / "closing.ics").exists()
    assert "  calendar/closing.ics\n" not in (html / ".workshop-files").read_text()
    assert "  calendar/keynote.ics\n" in (html / ".workshop-files").read_text()
    assert (html / "calendar" / "keynote.ics").is_file()


def test_publishing_removes_what_left_the_data_and_nothing_else(tmp_path):
    site = second_edition(tmp_path / "site")
    data = site / "docs" / "data"
    staging, published = tmp_path / "out" / "html", tmp_path / "published"

    def publish() -> str:
        done = subprocess.run(
            [sys.executable, "-m", "workshop.core.outputs", str(staging), str(published)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert build_site(site, tmp_path / "out") == (0, "")
    publish()
    gone = ["papers/thorsson-checkpointing.html", "papers/thorsson-checkpointing.pdf", "calendar/closing.ics"]
    assert all((published / name).is_file() for name in gone)
    (published / "mine.txt").write_text("an organizer's own file")
    (tmp_path / "outside.txt").write_text("outside the site")
    # A list edited to name other files removes none of them; nor a listed file replaced since.
    listed = (published / ".workshop-files").read_text()
    digest = listed.split("  calendar/closing.ics")[0].rsplit("\n", 1)[-1]
    (published / ".workshop-files").write_text(
        listed + f"{digest}  mine.txt\n{digest}  ../outside.txt\n{digest}  index.html\n"
    )
    (published / "papers" / "thorsson-checkpointing.bib").write_text("@misc{mine, note = {edited by hand}}")

    # The paper on no slot is withdrawn, the closing cancelled.
    papers = data / "papers.yaml"
    text = papers.read_text()
    start = text.index("  - id: thorsson-checkpointing")
    papers.write_text(text[:start] + text[text.index("  - id: dubois-quantization") :])
    schedule = data / "schedule.yaml"
    schedule.write_text(schedule.read_text().split("      - id: closing")[0])
    assert build_site(site, tmp_path / "out") == (0, "")
    assert not any((staging / name).exists() for name in gone)
    said = publish()
    assert said.endswith("removed (gone from the data)\n"), said
    assert not any((published / name).exists() for name in gone)
    assert (published / "mine.txt").is_file() and (tmp_path / "outside.txt").is_file()
    assert (published / "papers" / "thorsson-checkpointing.bib").read_text().startswith("@misc{mine")
    assert (published / "papers" / "dubois-quantization.html").is_file()
