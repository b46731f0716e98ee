"""iCalendar (RFC 5545) with the ``icalendar`` library: the program and the important dates.

``schedule.ics``: one VEVENT per slot, in the venue's zone (``DTSTART;TZID=...``)
with the VTIMEZONE that defines it, so a reader's calendar shows each talk at the
right moment wherever the reader is; its LOCATION the room and the venue.  The same
event alone in ``calendar/<key>.ics`` for each slot, which the program links from its row.  ``deadlines.ics``: the important dates; a
deadline is an instant (23:59 in the deadline zone, written in UTC, so "AoE",
which no calendar knows, needs no VTIMEZONE), the other dates are all-day events.
UIDs are the GUIDs of :mod:`.common`; DTSTAMP comes from :class:`.common.Site`.
"""

from __future__ import annotations

import datetime as dt
import uuid

import icalendar

from workshop import __version__
from workshop.core import wording
from workshop.core.exports.common import Site, description, namespace, session_guid, where
from workshop.core.load import WithInfo, WithSchedule
from workshop.core.model import WorkshopInfo
from workshop.core.program import ProgramDay, Session, program

#: The folder of the slots' own calendars, in the site's output folder.
SLOT_FOLDER = "calendar"


def _calendar(info: WorkshopInfo, name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{info.short_name}//workshop {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # What the workshop is, when and where (a calendar app shows it with the feed's name).
    about = [info.name, wording.date_span(info.workshop_dates), wording.location(info.venue)]
    calendar.add("x-wr-caldesc", ", ".join(filter(None, about)))
    return calendar


def schedule(workshop: WithSchedule, site: Site) -> bytes:
    """``schedule.ics``: every slot of the program."""
    days = program(workshop)
    return _program_calendar(workshop, site, [s for day in days for s in day.sessions], days)


def slot_name(session: Session) -> str:
    """Where a slot's own calendar is written, relative to the site's root."""
    return f"{SLOT_FOLDER}/{session.key}.ics"


def slot_calendars(workshop: WithSchedule, site: Site) -> dict[str, bytes]:
    """A small calendar per slot but the breaks (``calendar/<key>.ics``), for a reader who
    wants one talk: the same event as in ``schedule.ics`` (same UID, so taking both adds it
    once)."""
    days = program(workshop)
    return {
        slot_name(session): _program_calendar(workshop, site, [session], days, title=session.title)
        for day in days
        for session in day.sessions
        if not session.is_break
    }


def _program_calendar(
    workshop: WithSchedule,
    site: Site,
    sessions: list[Session],
    days: list[ProgramDay],
    title: str | None = None,
) -> bytes:
    info = workshop.info
    name = f"{info.short_name}: {title}" if title else f"{info.short_name} program"
    calendar = _calendar(info, name)
    calendar.add("x-wr-timezone", info.timezone)
    stamp = site.stamp.astimezone(dt.UTC)
    # The zone's rules for the years the program spans: enough for any calendar to place
    # the events, and the same bytes for the same data (no "now" in it).
    first, last = days[0].date, days[-1].date
    calendar.add_component(
        icalendar.Timezone.from_tzinfo(
            info.tz,
            tzid=info.timezone,
            first_date=dt.date(first.year, 1, 1),
            last_date=dt.date(last.year + 1, 1, 1),
        )
    )
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", str(session_guid(info, session)))
        event.add("dtstamp", stamp)
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
        event.add("summary", session.title)
        event.add("categories", [session.kind_label])
        place = where(info, session)
        if place:
            event.add("location", place)
        text = "\n".join(
            filter(
                None,
                [
                    session.kind_label,
                    description(session),
                    session.paper.abstract if session.paper else None,
                    *(f"{label}: {url}" for _, label, url in session.links),
                ],
            )
        )
        event.add("description", text)
        url = site.absolute(site.slot_page(session))
        if url:
            event.add("url", url)
        if session.is_break:
            event.add("transp", "TRANSPARENT")  # a break does not make anyone busy
        calendar.add_component(event)
    return calendar.to_ical()


def deadlines(workshop: WithInfo, site: Site) -> bytes:
    """``deadlines.ics``: every important date of ``workshop.yaml``."""
    info = workshop.info
    calendar = _calendar(info, f"{info.short_name} important dates")
    stamp = site.stamp.astimezone(dt.UTC)
    for item in info.dates:
        event = icalendar.Event()
        event.add("uid", str(uuid.uuid5(namespace(info), f"date:{item.id}")))
        event.add("dtstamp", stamp)
        event.add("summary", f"{info.short_name}: {item.label}")
        if item.is_deadline:
            # No DTEND: RFC 5545 makes such an event end when it starts, an instant.
            event.add("dtstart", info.deadline_instant(item).astimezone(dt.UTC))
        else:
            event.add("dtstart", item.date)
            event.add("dtend", item.date + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        event.add("description", wording.when(info, item))
        if item.kind == "workshop" and info.venue:
            event.add("location", wording.location(info.venue))
        url = site.absolute(site.home)
        if url:
            event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()
