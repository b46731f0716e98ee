"""``published.yaml``: the program as it was published, a record per publication.

Read the Docs builds from a clean clone and the same input must give the same bytes, so
the memory of what readers were told lives in the data folder, committed with it:
``python -m proceedings program publish`` appends a record of the program (each slot's
key, day, times, room, kind and title) when the organizers publish it, and the site
compares the program with the last record (:mod:`workshop.core.changes`).  The file is
read by the one loader like every data file; :func:`render` writes it, the same records
giving the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from pydantic import AwareDatetime, Field

from workshop.core.fields import Clock, Identifier, Model, NonEmpty
from workshop.core.problems import Problem
from workshop.core.yamlfile import Source

FILE = "published.yaml"

HEADER = """\
# The program as published: a record per publication, the oldest first.  Written by
# `python -m proceedings program publish` when the program goes out; the site tells
# readers what changed since the last record, and calendars update their events.
# Commit it with the data, and do not edit it by hand.
"""


class RecordedSlot(Model):
    """A slot as it was published: the key calendars know it by, and where and when it was."""

    key: NonEmpty
    day: dt.date
    start: Clock
    end: Clock
    room: Identifier | None = None
    kind: NonEmpty
    title: NonEmpty

    def interval(self, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
        """The aware start and end instants it was published at (``tz``: the venue's zone)."""
        midnight = dt.datetime.combine(self.day, dt.time(), tz)
        return midnight + dt.timedelta(minutes=self.start), midnight + dt.timedelta(minutes=self.end)

    @property
    def state(self) -> tuple:
        """What a change is made of: the day, the times, the room and the title."""
        return (self.day, self.start, self.end, self.room, self.title)


class Record(Model):
    """One publication: when, and every slot of the program then."""

    published: AwareDatetime
    slots: list[RecordedSlot] = []

    def slot(self, key: str) -> RecordedSlot | None:
        return next((s for s in self.slots if s.key == key), None)


class Published(Model):
    records: list[Record] = Field(min_length=1)

    @property
    def last(self) -> Record:
        return self.records[-1]


def check(published: Published, source: Source) -> Iterator[Problem]:
    """Records in the order they were made, and each slot once in a record."""
    for i, (before, after) in enumerate(zip(published.records, published.records[1:], strict=False), 1):
        if after.published <= before.published:
            yield source.problem(
                ("records", i, "published"),
                f"{stamp(after.published)} is not after the record above ({stamp(before.published)}): "
                "records are appended in the order they are made; restore the file from the repository",
                "dates-order",
            )
    for r, record in enumerate(published.records):
        first: dict[str, int] = {}
        for s, slot in enumerate(record.slots):
            if slot.key in first:
                yield source.problem(
                    ("records", r, "slots", s, "key"),
                    f"{slot.key!r} is recorded twice in this record (first as slots[{first[slot.key]}]): "
                    "restore the file from the repository",
                    "duplicate-id",
                )
            first.setdefault(slot.key, s)


def stamp(moment: dt.datetime) -> str:
    """``2023-06-01T12:00:00Z``: a record's date as the file writes it (UTC, seconds)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _hhmm(minutes: int) -> str:
    return f'"{minutes // 60:02d}:{minutes % 60:02d}"'


def _slot_line(slot: RecordedSlot) -> str:
    parts = [f"key: {json.dumps(slot.key)}", f"day: {slot.day.isoformat()}"]
    parts += [f"start: {_hhmm(slot.start)}", f"end: {_hhmm(slot.end)}"]
    if slot.room is not None:
        parts.append(f"room: {slot.room}")
    parts += [f"kind: {slot.kind}", f"title: {json.dumps(slot.title, ensure_ascii=False)}"]
    return "      - {" + ", ".join(parts) + "}\n"


def render(published: Published) -> str:
    """The file's text: the header, then each record, a slot a line (JSON's quoting of
    strings, which YAML reads as its own double-quoted strings)."""
    text = HEADER + "records:\n"
    for record in published.records:
        text += f"  - published: {stamp(record.published)}\n"
        text += "    slots:\n" if record.slots else "    slots: []\n"
        text += "".join(_slot_line(slot) for slot in record.slots)
    return text
