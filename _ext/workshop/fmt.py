"""How facts are written out in prose, in one place: dates, clock times, page ranges."""

from __future__ import annotations

import datetime as dt


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
