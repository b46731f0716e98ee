"""How facts are written out in prose, in one place: dates, clock times, deadlines.

Pages and exports (a calendar entry's description) both word facts through here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.core.model import ImportantDate, WorkshopInfo


def date(day: dt.date) -> str:
    """``June 8, 2023``, as the published page writes dates."""
    return f"{day:%B} {day.day}, {day.year}"


def short_date(day: dt.date) -> str:
    """``April 4`` (year dropped, for a second instant beside a full date)."""
    return f"{day:%B} {day.day}"


def clock(minutes: int) -> str:
    """Minutes after midnight as ``8:55 AM``."""
    hour, minute = divmod(minutes, 60)
    suffix = "AM" if hour % 24 < 12 else "PM"
    return f"{(hour % 12) or 12}:{minute:02d} {suffix}"


def time_range(start: dt.datetime, end: dt.datetime) -> tuple[str, str]:
    """``("8:55", "9:20 AM EDT")``; ``("11:15 AM", "12:00 PM EDT")`` when the half of the
    day changes.  Two parts so that a page can mark up each instant; joined with an en
    dash they read ``8:55–9:20 AM EDT``."""
    first, second = clock(start.hour * 60 + start.minute), clock(end.hour * 60 + end.minute)
    if first[-2:] == second[-2:]:
        first = first[:-3]
    return first, f"{second} {end.tzname()}"


def deadline_time(info: WorkshopInfo, item: ImportantDate) -> str:
    """``23:59 AoE``: the time of day a deadline falls due, in the deadline zone."""
    return f"{info.deadline_instant(item):%H:%M} {info.deadline_zone}"


def deadline(info: WorkshopInfo, item: ImportantDate) -> str:
    """``April 3, 2023, 23:59 AoE``: when a deadline falls due, in the deadline zone."""
    return f"{date(item.date)}, {deadline_time(info, item)}"


def deadline_utc(info: WorkshopInfo, item: ImportantDate) -> str:
    """``April 4, 11:59 UTC``: the same instant in UTC (year shown only if it differs)."""
    utc = info.deadline_instant(item).astimezone(dt.UTC)
    day = short_date(utc) if utc.year == item.date.year else date(utc)
    return f"{day}, {utc:%H:%M} UTC"


def when(info: WorkshopInfo, item: ImportantDate) -> str:
    """The full line a reader needs: ``April 3, 2023, 23:59 AoE (April 4, 11:59 UTC)``."""
    if item.is_deadline:
        return f"{deadline(info, item)} ({deadline_utc(info, item)})"
    return date(item.date)


def roman(number: int) -> str:
    """Lower-case roman numerals, as front matter is paged."""
    out = []
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)
