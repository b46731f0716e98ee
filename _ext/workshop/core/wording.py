"""How facts are written out in prose, in one place: dates, clock times, deadlines.

Pages and exports (a calendar entry's description) both word facts through here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.core.model import ImportantDate, Room, Venue, WorkshopInfo


def date(day: dt.date) -> str:
    """``June 8, 2023``, as the published page writes dates."""
    return f"{day:%B} {day.day}, {day.year}"


#: Day names in English whatever the machine's locale (``%A`` follows it).
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_heading(day: dt.date) -> str:
    """``Friday, May 17, 2024``: a program day as its heading names it."""
    return f"{_WEEKDAYS[day.weekday()]}, {date(day)}"


def date_span(days: list[dt.date]) -> str:
    """The days of the workshop as prose writes them: ``June 8, 2023`` (one day),
    ``May 17-18, 2024``, ``May 31 - June 1, 2024``, ``December 31, 2024 - January 1, 2025``.

    Days that do not follow one another are runs joined by commas and "and", each run
    written as above and the year said once when all share it: ``May 17-18 and 20, 2024``,
    ``May 31 and June 2, 2024``; across years each run has its own
    (``December 30, 2024 and January 2, 2025``).  Duplicates are ignored, order is the
    calendar's."""
    ordered = sorted(set(days))
    if not ordered:
        raise ValueError("no day to word")
    runs: list[list[dt.date]] = []
    for day in ordered:
        if runs and day - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    if ordered[0].year != ordered[-1].year:
        return _joined([_run(run[0], run[-1]) for run in runs])
    parts = []
    month = None  # the month the text last named: "May 17 and 20", not "May 17 and May 20"
    for run in runs:
        first, last = run[0], run[-1]
        start = str(first.day) if month == first.month else short_date(first)
        if first == last:
            parts.append(start)
        elif first.month == last.month:
            parts.append(f"{start}-{last.day}")
        else:
            parts.append(f"{start} - {short_date(last)}")
        month = last.month
    return f"{_joined(parts)}, {ordered[0].year}"


def _run(first: dt.date, last: dt.date) -> str:
    """One run of days with its year: ``May 17-18, 2024``, ``December 31, 2024 - January 1, 2025``."""
    if first == last:
        return date(first)
    if first.year != last.year:
        return f"{date(first)} - {date(last)}"
    if first.month != last.month:
        return f"{short_date(first)} - {short_date(last)}, {last.year}"
    return f"{short_date(first)}-{last.day}, {last.year}"


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


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


def deadline_rule(info: WorkshopInfo) -> str:
    """``All deadlines are at 23:59 Anywhere on Earth (AoE)``: when every deadline falls
    due, as one sentence (no full stop, so that prose may go on: ", and are firm.")."""
    if info.deadline_zone == "AoE":
        zone = "Anywhere on Earth (AoE)"
    else:
        zone = f"in the {info.deadline_zone} time zone"
    return f"All deadlines are at 23:59 {zone}"


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


def conference(info: WorkshopInfo) -> str:
    """``Sixth Conference on Machine Learning and Systems (MLSys 2023)``: the conference's
    name with its short name once.  A name that ends in its acronym in brackets ("...
    Systems (MLSys)", short name "MLSys 2023") has the brackets replaced rather than a
    second pair added; a name that holds the short name already is left as it is."""
    name, short = info.conference.name, info.conference.short_name
    if short in name:
        return name
    head, bracket, tail = name.rpartition(" (")
    if bracket and tail.endswith(")") and short.startswith(tail[:-1]):
        return f"{head} ({short})"
    return f"{name} ({short})"


def location(venue: Venue | None, room: Room | None = None) -> str:
    """``Room 2001, Moscone Center West, 800 Howard St, San Francisco, USA``: where a slot
    is held (the room, then the venue), as calendars and apps name a place; the empty
    string when neither is known."""
    parts = [room.name] if room else []
    if venue is not None:
        parts += [venue.name, *([venue.address] if venue.address else []), venue.city, venue.country]
    return ", ".join(parts)


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
