"""The model as files for other programs: calendars and conference apps.

Each export is a pure function ``(workshop, Site) -> bytes`` in a module of its own
(one per format), of a workshop narrowed to the parts it needs
(:mod:`workshop.core.load`: :class:`~workshop.core.load.WithSchedule` for the program's); the Sphinx extension writes them beside the HTML
(:mod:`workshop.site.exports`) and links them (``{workshop-downloads}``).
Same data and same :class:`~.common.Site`, same bytes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from workshop.core.exports import c3voc_json, frab_xml, ical
from workshop.core.exports.common import Site
from workshop.core.load import WithInfo, WithSchedule, required_parts

#: What an export is made from.
V = TypeVar("V", bound=WithInfo)

__all__ = ["EXPORTS", "Export"]


@dataclasses.dataclass(frozen=True)
class Export(Generic[V]):
    #: File name in the site's output folder.
    name: str
    #: What a reader is offered, as the link's text.
    label: str
    #: What it is made from: the workshop with the parts it cannot do without.
    needs: type[V]
    render: Callable[[V, Site], bytes]

    @property
    def parts(self) -> tuple[str, ...]:
        """The parts (keys of ``workshop.core.load.FILES``) it cannot do without."""
        return required_parts(self.needs)


_ALL: list[Export[Any]] = [
    Export("schedule.ics", "Program for your calendar (iCalendar)", WithSchedule, ical.schedule),
    Export(
        "schedule.xml",
        "Schedule for conference apps: Giggity, ConfClerk, EventFahrplan (frab XML)",
        WithSchedule,
        frab_xml.schedule,
    ),
    Export("schedule.json", "Schedule for conference apps (c3voc JSON)", WithSchedule, c3voc_json.schedule),
    Export("deadlines.ics", "Important dates for your calendar (iCalendar)", WithInfo, ical.deadlines),
]
EXPORTS: dict[str, Export[Any]] = {export.name: export for export in _ALL}
