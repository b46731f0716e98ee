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
from workshop.core import changes, wording
from workshop.core.exports.common import Site, description, namespace, session_guid, slot_guid, where
from workshop.core.load import WithInfo, WithSchedule
from workshop.core.materials import Item
from workshop.core.model import Room, WorkshopInfo
from workshop.core.program import ProgramDay, Session, program
from workshop.core.published import RecordedSlot

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
    """``schedule.ics``: every slot of the program, and those cancelled since the program
    was last published (``STATUS:CANCELLED``, so a subscribed calendar drops them)."""
    days = program(workshop)
    calendar = frame(workshop, days, f"{workshop.info.short_name} program")
    for _, event in events(workshop, site, days):
        calendar.add_component(event)
    return calendar.to_ical()


def slot_name(session: Session) -> str:
    """Where a slot's own calendar is written, relative to the site's root."""
    return f"{SLOT_FOLDER}/{session.key}.ics"


def slot_calendars(workshop: WithSchedule, site: Site) -> dict[str, bytes]:
    """A small calendar per slot but the breaks (``calendar/<key>.ics``), for a reader who
    wants one talk: the same event as in ``schedule.ics`` (same UID, so taking both adds it
    once)."""
    days = program(workshop)
    history = changes.history(workshop.published, days)
    info = workshop.info
    found = {}
    for day in days:
        for session in day.sessions:
            if not session.is_break:
                calendar = frame(workshop, days, f"{info.short_name}: {session.title}")
                calendar.add_component(slot_event(info, site, session, history))
                found[slot_name(session)] = calendar.to_ical()
    return found


def frame(workshop: WithSchedule, days: list[ProgramDay], name: str) -> icalendar.Calendar:
    """A calendar of the program without its events: its name, and its zone's rules."""
    info = workshop.info
    calendar = _calendar(info, name)
    calendar.add("x-wr-timezone", info.timezone)
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
    return calendar


def events(workshop: WithSchedule, site: Site, days: list[ProgramDay]) -> list[tuple[str, icalendar.Event]]:
    """(key, event) of every slot of the program, then of each slot cancelled since the
    last record of the published program."""
    info = workshop.info
    history = changes.history(workshop.published, days)
    found = [(s.key, slot_event(info, site, s, history)) for day in days for s in day.sessions]
    rooms = workshop.schedule.rooms
    found += [(slot.key, cancelled_event(info, site, slot, rooms, history)) for slot in history.cancelled]
    return found


def _stamps(event: icalendar.Event, site: Site, history: changes.History, key: str) -> None:
    """DTSTAMP, and how often and when the event last changed (RFC 5545's SEQUENCE and
    LAST-MODIFIED: a subscribed calendar takes the higher SEQUENCE as the newer event)."""
    stamp = site.stamp.astimezone(dt.UTC)
    state = history.event(key)
    modified = state.modified or (max(stamp, history.since) if history.since else stamp)
    event.add("dtstamp", stamp)
    event.add("last-modified", modified.astimezone(dt.UTC))
    event.add("sequence", state.sequence)


def slot_event(info: WorkshopInfo, site: Site, session: Session, history: changes.History) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", str(session_guid(info, session)))
    _stamps(event, site, history, session.key)
    event.add("dtstart", session.start)
    event.add("dtend", session.end)
    event.add("summary", session.title)
    event.add("categories", [session.kind_label])
    event.add("status", "CONFIRMED")
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
                *(f"{m.label}: {url}" for m in session.materials if (url := _address(site, m))),
            ],
        )
    )
    event.add("description", text)
    url = site.absolute(site.slot_page(session))
    if url:
        event.add("url", url)
    if session.is_break:
        event.add("transp", "TRANSPARENT")  # a break does not make anyone busy
    return event


def cancelled_event(
    info: WorkshopInfo, site: Site, slot: RecordedSlot, rooms: list[Room], history: changes.History
) -> icalendar.Event:
    """A slot the program no longer has, as it was published, cancelled (same UID)."""
    start, end = slot.interval(info.tz)
    room = next((r for r in rooms if r.id == slot.room), None)
    event = icalendar.Event()
    event.add("uid", str(slot_guid(info, slot.key)))
    _stamps(event, site, history, slot.key)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"Cancelled: {slot.title}")
    event.add("status", "CANCELLED")
    place = wording.location(info.venue, room)
    if place:
        event.add("location", place)
    event.add("description", f"{slot.title} was cancelled after the program was published.")
    event.add("transp", "TRANSPARENT")
    return event


def _address(site: Site, item: Item) -> str | None:
    """A material's address in a calendar: a file's only when the site's address is known."""
    return site.absolute(item.site_path) if item.site_path else item.value


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
