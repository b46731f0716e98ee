"""``calendar/starred.json``: what the "My schedule" page needs of every talk, so that the
reader's browser can list the starred ones and put their calendar together without asking
anything of anyone (:mod:`workshop.site.starred`).

For each slot but the breaks, by its key (the stars' key), in time order: its title, kind,
start and end (ISO 8601 with the venue's offset), room, its row in the program, and its
VEVENT exactly as ``schedule.ics`` has it (same UID, SEQUENCE and stamps; folded at 75
octets, lines ending in CRLF, as RFC 5545 writes them); then each slot cancelled since the
program was published, with its cancelled event.  ``head`` and ``tail`` are the calendar
around the events (its name, its zone's VTIMEZONE).  Same data, same bytes.
"""

from __future__ import annotations

import datetime as dt
import json

from workshop.core import changes
from workshop.core.exports import ical
from workshop.core.exports.common import Site
from workshop.core.load import WithSchedule
from workshop.core.program import program

#: Where the file is written, relative to the site's root.
STARRED = f"{ical.SLOT_FOLDER}/starred.json"
TAIL = "END:VCALENDAR\r\n"


def _when(moment: dt.datetime) -> str:
    return moment.isoformat()


def data(workshop: WithSchedule, site: Site) -> bytes:
    info = workshop.info
    days = program(workshop)
    history = changes.history(workshop.published, days)
    head = ical.frame(workshop, days, f"{info.short_name}: my schedule").to_ical().decode("utf-8")
    slots: dict[str, dict] = {}
    for day in days:
        for session in day.sessions:
            if session.is_break:
                continue
            slots[session.key] = {
                "title": session.title,
                "kind": session.kind_label,
                "start": _when(session.start),
                "end": _when(session.end),
                "room": session.room.name if session.room else None,
                "page": site.slot_page(session),
                "status": "confirmed",
                "event": ical.slot_event(info, site, session, history).to_ical().decode("utf-8"),
            }
    rooms = workshop.schedule.rooms
    for slot in history.cancelled:
        event = ical.cancelled_event(info, site, slot, rooms, history)
        start, end = slot.interval(info.tz)
        room = next((r.name for r in rooms if r.id == slot.room), None)
        slots[slot.key] = {
            "title": slot.title,
            "kind": "Cancelled",
            "start": _when(start),
            "end": _when(end),
            "room": room,
            "page": None,
            "status": "cancelled",
            "event": event.to_ical().decode("utf-8"),
        }
    found = {
        "edition": info.acronym,
        "zone": info.timezone,
        "name": f"{info.short_name}: my schedule",
        "file": f"{info.acronym}-my-schedule.ics",
        "head": head.removesuffix(TAIL),
        "tail": TAIL,
        "slots": slots,
    }
    return (json.dumps(found, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
