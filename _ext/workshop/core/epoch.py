"""When a build says it was made: one rule for every output that carries a date.

The calendars' ``DTSTAMP`` (:mod:`workshop.site.exports`) and the volume's PDF
dates (:mod:`proceedings.volume`) both come from :func:`build_moment`:

* ``SOURCE_DATE_EPOCH`` when it is set (the reproducible-builds.org convention: a
  packager or CI pins the date so that two builds of the same sources give the same
  bytes);
* otherwise midnight UTC of the workshop's (first) day.  Never the clock: the same data
  must give the same bytes.  The workshop's day rather than, say, the first deadline
  because it names the edition and the volume is the workshop's record; it stays put
  when a deadline is extended or an earlier date is added, so neither output changes
  for such an edit.

A malformed value stops the build (:class:`EpochError`: the command line says it as a
:class:`~workshop.core.problems.WorkshopError`, the extension as a
``workshop.source-date-epoch`` warning, and fails the build with or without ``-W``, writing
no export).  Sphinx reads the variable too, for its copyright year and, as it starts
(before any extension), in its gettext builder, and stops with a traceback on a value it
cannot parse: :func:`set_aside`, called by the extension as it is set up, takes such a value
out of the environment before Sphinx's copyright year reads it ("1.5"), for the extension
to report.  A value that is no number at all ("abc") stops Sphinx before any extension
is loaded; ``conf.py`` calls :func:`set_aside` first thing so that this site says it in
the extension's words too (the build fails either way).  The specification asks for exactly that ("the build
process SHOULD exit with a non-zero error code"), and it is what the person who set the
variable needs: falling back quietly would give bytes that differ from the ones they
pinned, and nothing would say why.  An empty value counts as unset, as it does for most
tools that read the variable.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, MutableMapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop.core.model import WorkshopInfo

from workshop.core.problems import WorkshopError

VARIABLE = "SOURCE_DATE_EPOCH"


class EpochError(WorkshopError):
    """``SOURCE_DATE_EPOCH`` is set but is no date: ``str()`` is the whole message, naming
    the variable as its field."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field=VARIABLE)


def _seconds(value: str) -> int | None:
    """The seconds ``value`` says, in the specification's form (what `date +%s` prints:
    digits only, no sign, fraction or exponent; a time before 1970 is no build date), or
    None; also None beyond the year 9999."""
    if not re.fullmatch(r"[0-9]+", value, flags=re.ASCII):
        return None
    try:
        dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (OverflowError, ValueError, OSError):
        return None
    return int(value)


def build_moment(info: WorkshopInfo, environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The instant (aware, UTC) an output says it was made: ``SOURCE_DATE_EPOCH`` when set,
    else midnight UTC of the workshop's day; :class:`EpochError` for a malformed value."""
    value = (os.environ if environ is None else environ).get(VARIABLE, "").strip()
    if not value:
        return dt.datetime.combine(info.date, dt.time(), dt.UTC)
    seconds = _seconds(value)
    if seconds is not None:
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    shown = value if len(value) <= 40 else f"{value[:37]}..."
    raise EpochError(
        f"{shown!r} is not a date as seconds since 1970-01-01 UTC: set it to a whole number such as "
        f"`date +%s` or `git log -1 --format=%ct` prints, or unset it to date the outputs by the "
        f"workshop's day ({info.date.isoformat()})"
    )


#: A malformed value :func:`set_aside` took out of the environment, until :func:`set_aside_value`.
_aside: str | None = None


def set_aside(environ: MutableMapping[str, str] | None = None) -> None:
    """Take ``SOURCE_DATE_EPOCH`` out of ``environ`` (the process's) when it holds what
    :func:`build_moment` refuses, or is empty (which counts as unset, but Sphinx reads it
    as a number all the same): Sphinx never sees it, so it cannot stop with a traceback.  A
    malformed value is kept for :func:`set_aside_value`.  ``conf.py`` calls this first
    thing (Sphinx's gettext builder reads the variable as it is imported, before any
    extension); the extension calls it again, for a ``conf.py`` that does not."""
    global _aside  # it lives from conf.py to the extension's setup
    environ = os.environ if environ is None else environ
    value = environ.get(VARIABLE)
    if value is None or _seconds(value.strip()) is not None:
        return
    del environ[VARIABLE]
    if value.strip():
        _aside = value


def set_aside_value() -> str | None:
    """The malformed value :func:`set_aside` took, once (the next call gives None)."""
    global _aside
    value, _aside = _aside, None
    return value
