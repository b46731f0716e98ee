"""iCalendar (RFC 5545) with the ``icalendar`` library: the program and the important dates.

``schedule.ics``: one VEVENT per slot, in the venue's zone (``DTSTART;TZID=...``)
with the VTIMEZONE that defines it, so a reader's calendar shows each talk at the
right moment wherever the reader is.  ``deadlines.ics``: the important dates; a
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
from workshop.core.exports.common import Site, description, namespace, room, session_guid
from workshop.core.model import Workshop, WorkshopInfo
from workshop.core.program import program


def _calendar(info: WorkshopInfo, name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{info.short_name}//workshop {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def schedule(workshop: Workshop, site: Site) -> bytes:
    """``schedule.ics``: every slot of the program."""
    info = workshop.required_info
    calendar = _calendar(info, f"{info.short_name} program")
    calendar.add("x-wr-timezone", info.timezone)
    room_name, _ = room(info)
    stamp = site.stamp.astimezone(dt.UTC)
    days = program(workshop)
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
    for day in days:
        for session in day.sessions:
            event = icalendar.Event()
            event.add("uid", str(session_guid(info, session)))
            event.add("dtstamp", stamp)
            event.add("dtstart", session.start)
            event.add("dtend", session.end)
            event.add("summary", session.title)
            event.add("categories", [session.kind_label])
            event.add("location", room_name)
            text = "\n".join(
                filter(
                    None,
                    [
                        session.kind_label,
                        description(session),
                        session.paper.abstract if session.paper else None,
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


def deadlines(workshop: Workshop, site: Site) -> bytes:
    """``deadlines.ics``: every important date of ``workshop.yaml``."""
    info = workshop.required_info
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
        url = site.absolute(site.home)
        if url:
            event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()
