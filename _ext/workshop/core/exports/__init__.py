"""The model as files for other programs: calendars and conference apps.

Each export is a pure function ``(Workshop, Site) -> bytes`` in a module of its own
(one per format); the Sphinx extension writes them beside the HTML
(:mod:`workshop.site.exports`) and links them (``{workshop-downloads}``).
Same data and same :class:`~.common.Site`, same bytes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from workshop.core.exports import c3voc_json, frab_xml, ical
from workshop.core.exports.common import Site
from workshop.core.model import Workshop

__all__ = ["EXPORTS", "Export", "Site"]


@dataclasses.dataclass(frozen=True)
class Export:
    #: File name in the site's output folder.
    name: str
    #: What a reader is offered, as the link's text.
    label: str
    #: Parts of the model (keys of ``workshop.core.load.FILES``) it cannot do without.
    parts: tuple[str, ...]
    render: Callable[[Workshop, Site], bytes]


EXPORTS: dict[str, Export] = {
    export.name: export
    for export in [
        Export("schedule.ics", "Program for your calendar (iCalendar)", ("info", "schedule"), ical.schedule),
        Export(
            "schedule.xml",
            "Schedule for conference apps: Giggity, ConfClerk, EventFahrplan (frab XML)",
            ("info", "schedule"),
            frab_xml.schedule,
        ),
        Export(
            "schedule.json",
            "Schedule for conference apps (c3voc JSON)",
            ("info", "schedule"),
            c3voc_json.schedule,
        ),
        Export("deadlines.ics", "Important dates for your calendar (iCalendar)", ("info",), ical.deadlines),
    ]
}
