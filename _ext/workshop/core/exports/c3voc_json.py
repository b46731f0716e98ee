"""``schedule.json``: the c3voc schedule JSON (``schema.json``, draft-06), as pretalx writes it.

The same events as ``schedule.xml``, in the JSON shape: ``schedule.conference``
with its rooms (each with the venue as its description and the venue's page), tracks and
days; each day's ``rooms`` maps the room's name to its events.  Persons are written pretalx-style (``name`` and ``guid``), which the
schema tells apart from frab's (``public_name`` and ``id``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from workshop import __version__
from workshop.core import wording
from workshop.core.exports.common import (
    EVENT_TYPES,
    Event,
    Site,
    day_rooms,
    description,
    events,
    hhmm,
    person_guid,
    timeslot_minutes,
    tracks,
    version,
    where,
)
from workshop.core.load import WithSchedule

SCHEMA = "https://c3voc.de/schedule/schema.json"
#: The schema's (loose) pattern for ``time_zone_name``; other zones are left out.
_ZONE_NAME = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


def schedule(workshop: WithSchedule, site: Site) -> bytes:
    info = workshop.info
    program = events(workshop, site)
    conference: dict[str, Any] = {
        "acronym": info.acronym,
        "title": info.name,
        # The span and the place, in words (the format has no field for either).
        "description": ", ".join(
            filter(None, [wording.date_span(info.workshop_dates), wording.location(info.venue)])
        ),
        "start": program[0][0].date.isoformat(),
        "end": program[-1][0].date.isoformat(),
        "daysCount": len(program),
        "timeslot_duration": hhmm(timeslot_minutes([day for day, _ in program])),
    }
    if _ZONE_NAME.search(info.timezone):
        conference["time_zone_name"] = info.timezone
    if site.base_url:
        conference["url"] = site.base_url
    conference["tracks"] = [
        {"name": label, "slug": kind} for kind, label in tracks([day for day, _ in program]).items()
    ]
    rooms: dict[str, dict[str, Any]] = {}
    days = []
    for index, (day, day_events) in enumerate(program, start=1):
        by_session = {id(event.session): event for event in day_events}
        day_entry: dict[str, Any] = {}
        for room_name, room_guid, sessions in day_rooms(info, day):
            place = where(info, sessions[0]) if sessions else wording.location(info.venue)
            entry: dict[str, Any] = {"name": room_name, "guid": str(room_guid)}
            if place:
                entry["description"] = place
            if info.venue:
                entry["url"] = info.venue.url
            rooms.setdefault(room_name, entry)
            day_entry[room_name] = [
                _event(workshop, site, by_session[id(session)], room_name) for session in sessions
            ]
        days.append(
            {
                "index": index,
                "date": day.date.isoformat(),
                "day_start": day.start.isoformat(),
                "day_end": day.end.isoformat(),
                "rooms": day_entry,
            }
        )
    conference["rooms"] = list(rooms.values())
    conference["days"] = days
    body: dict[str, Any] = {"version": version(workshop)}
    if site.base_url:
        body["base_url"] = site.base_url
    body["conference"] = conference
    document = {
        "$schema": SCHEMA,
        "generator": {"name": "workshop", "version": __version__},
        "schedule": body,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _event(workshop: WithSchedule, site: Site, event: Event, room_name: str) -> dict[str, Any]:
    session = event.session
    persons = []
    for person in session.people:
        entry = {"name": person.name, "guid": str(person_guid(workshop.info, person))}
        if person.url:
            entry["url"] = person.url
        persons.append(entry)
    return {
        "guid": str(event.guid),
        "id": event.id,
        "date": session.start.isoformat(),
        "start": f"{session.start:%H:%M}",
        "end": session.end.isoformat(),
        "duration": hhmm(session.minutes),
        "room": room_name,
        "slug": event.slug,
        "url": event.url,
        "title": session.title,
        "subtitle": "",
        "track": session.kind_label,
        "type": EVENT_TYPES[session.kind],
        "language": site.language,
        "abstract": (session.paper.abstract if session.paper else None) or "",
        "description": description(session, where(workshop.info, session)),
        "persons": persons,
        "links": [{"type": kind, "url": url, "title": title} for kind, url, title in event.links],
    }
