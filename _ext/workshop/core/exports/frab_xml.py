"""``schedule.xml``: the frab/pentabarf schedule read by Giggity, ConfClerk and EventFahrplan.

Written with lxml to the c3voc schema (``schedule.xml.xsd``): ``<schedule>`` with a
version and the conference, then one ``<day>`` per program day holding its ``<room>``s
(the whole event's, named after the venue, for slots without a room; then each room of
``rooms`` the day uses) and their ``<event>``s.  Everything an event must have is there (guid, id,
room, title, type, date, start, duration, abstract, track); ``url`` only when the
site's address is known, since the schema wants it absolute.
"""

from __future__ import annotations

from lxml import etree

from workshop import __version__
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


def _add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def schedule(workshop: WithSchedule, site: Site) -> bytes:
    info = workshop.info
    program = events(workshop, site)
    root = etree.Element("schedule")
    _add(root, "generator", name="workshop", version=__version__)
    if site.base_url:
        _add(root, "url", site.url("schedule.xml"))
    _add(root, "version", version(workshop))

    conference = _add(root, "conference")
    _add(conference, "acronym", info.acronym)
    _add(conference, "title", info.name)
    _add(conference, "start", program[0][0].start.isoformat())
    _add(conference, "end", program[-1][0].end.isoformat())
    _add(conference, "days", str(len(program)))
    _add(conference, "timeslot_duration", hhmm(timeslot_minutes([day for day, _ in program])))
    if site.base_url:
        _add(conference, "base_url", site.base_url)
        _add(conference, "url", site.base_url)
    _add(conference, "time_zone_name", info.timezone)
    for kind, label in tracks([day for day, _ in program]).items():
        _add(conference, "track", label, name=label, slug=kind)

    for index, (day, day_events) in enumerate(program, start=1):
        day_element = _add(
            root,
            "day",
            date=day.date.isoformat(),
            start=day.start.isoformat(),
            end=day.end.isoformat(),
            index=str(index),
        )
        by_session = {id(event.session): event for event in day_events}
        for room_name, room_guid, sessions in day_rooms(info, day):
            room_element = _add(day_element, "room", name=room_name, guid=str(room_guid))
            for session in sessions:
                _event(room_element, workshop, site, by_session[id(session)], room_name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _event(parent: etree._Element, workshop: WithSchedule, site: Site, event: Event, room_name: str) -> None:
    session = event.session
    element = _add(parent, "event", guid=str(event.guid), id=str(event.id))
    _add(element, "date", session.start.isoformat())
    _add(element, "start", f"{session.start:%H:%M}")
    _add(element, "duration", hhmm(session.minutes))
    _add(element, "room", room_name)
    _add(element, "slug", event.slug)
    _add(element, "title", session.title)
    _add(element, "track", session.kind_label)
    _add(element, "type", EVENT_TYPES[session.kind])
    _add(element, "language", site.language)
    _add(element, "abstract", (session.paper.abstract if session.paper else None) or "")
    _add(element, "description", description(session, where(workshop.info, session)))
    persons = _add(element, "persons")
    for person in session.people:
        _add(persons, "person", person.name, guid=str(person_guid(workshop.info, person)))
    links = _add(element, "links")
    for kind, url, title in event.links:
        _add(links, "link", title, href=url, type=kind)
    if site.base_url:  # the schema wants an absolute URL or none
        _add(element, "url", event.url)
