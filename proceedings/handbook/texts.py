"""Every text of the data the handbook prints, with where it is in the data: the fonts it
needs are loaded from it, and a character no bundled font has stops the build naming the
file and the field (as the volume does: :mod:`proceedings.volume.printable`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

from proceedings.volume.typefaces import COVERED_SCRIPTS, unprintable
from workshop.core.load import Loaded, WithSchedule
from workshop.core.model import Person, Schedule
from workshop.core.problems import WorkshopError, in_repository
from workshop.core.yamlfile import Path_, field_name

Text = tuple[str, Path_, str]  # (part of the model, field path in its file, text)


def _person(part: str, path: Path_, person: Person) -> Iterator[Text]:
    yield part, (*path, "name"), person.name
    if person.affiliation:
        yield part, (*path, "affiliation"), person.affiliation


def printed(workshop: WithSchedule) -> Iterator[Text]:
    """What the handbook prints of the data."""
    info = workshop.info
    for field in ("name", "short_name"):
        yield "info", (field,), getattr(info, field)
    yield "info", ("conference", "name"), info.conference.name
    if info.venue is not None:
        for field in ("name", "address", "city", "country", "url"):
            if value := getattr(info.venue, field):
                yield "info", ("venue", field), value
    for i, committee in enumerate(workshop.people.committees if workshop.people else []):
        yield "people", ("committees", i, "title"), committee.title
        for j, member in enumerate(committee.members):
            yield from _person("people", ("committees", i, "members", j), member)
    yield from _program(workshop.schedule)
    for i, paper in enumerate(workshop.papers.papers if workshop.papers else []):
        yield "papers", ("papers", i, "title"), paper.title
        if paper.abstract:
            yield "papers", ("papers", i, "abstract"), paper.abstract
        for j, author in enumerate(paper.authors):
            yield from _person("papers", ("papers", i, "authors", j), author)


def _program(schedule: Schedule) -> Iterator[Text]:
    """The rooms, the sessions and their chairs, the slots' titles, speakers and panelists."""
    for i, room in enumerate(schedule.rooms):
        yield "schedule", ("rooms", i, "name"), room.name
    for i, session in enumerate(schedule.sessions):
        yield "schedule", ("sessions", i, "title"), session.title
        if session.chair is not None:
            yield from _person("schedule", ("sessions", i, "chair"), session.chair)
    for d, day in enumerate(schedule.days):
        for s, slot in enumerate(day.slots):
            here: Path_ = ("days", d, "slots", s)
            if slot.title:
                yield "schedule", (*here, "title"), slot.title
            for field in ("speakers", "panelists"):
                for j, person in enumerate(getattr(slot, field)):
                    yield from _person("schedule", (*here, field, j), person)


def check_printable(loaded: Loaded[WithSchedule]) -> list[str]:
    """The texts the handbook prints; :class:`WorkshopError` naming the first one (and the
    others) with a character that no bundled font has."""
    texts, found = [], []
    for part, path, text in printed(loaded.workshop):
        texts.append(text)
        missing = unprintable(text)
        if missing:
            found.append(
                (in_repository(Path(loaded.files[part]), loaded.root), field_name(path), text, missing)
            )
    if found:
        (file, field, text, chars), more = found[0], found[1:]
        listed = ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in chars)
        message = f"{text[:80]!r} has characters that no bundled font has: {listed}; the handbook would print it without them."
        message += "".join(f"\n  also {f}: {p}: {t[:80]!r}" for f, p, t, _ in more)
        message += (
            f"\nWrite it in a script the bundled fonts cover ({COVERED_SCRIPTS}), or add a font that has these "
            "characters to FALLBACKS in proceedings/volume/typefaces.py."
        )
        raise WorkshopError(message, file=file, field=field)
    return texts
