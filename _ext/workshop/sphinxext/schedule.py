"""The program as a real table: ``{workshop-schedule}`` renders ``schedule.yaml``.

One row per slot: time (with the venue's zone), session (kind and title; a paper
talk links to the paper's entry on the accepted-papers page when that page
exists) and speakers.  Breaks carry a class of their own so the stylesheet can set
them apart.  Everything is docutils nodes, so text from the data is escaped by
the writer and the table reads without JavaScript.
"""

from __future__ import annotations

import datetime as dt

import babel.dates
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import fmt
from ..model import Day, Paper, Person, Slot, Workshop
from .base import WorkshopDirective

KIND_LABELS = {
    "opening": "Opening",
    "invited": "Invited talk",
    "paper": "Paper talk",
    "break": "Break",
    "lunch": "Lunch",
    "panel": "Panel",
    "closing": "Closing",
}


def paper_target(paper_id: str) -> str:
    """The label of a paper's entry on the accepted-papers page."""
    return f"paper-{paper_id}"


def time_range(start: dt.datetime, end: dt.datetime) -> str:
    """``8:55–9:20 AM EDT``; ``11:15 AM–12:00 PM EDT`` when the half of the day changes."""
    first, second = fmt.clock(start.hour * 60 + start.minute), fmt.clock(end.hour * 60 + end.minute)
    if first[-2:] == second[-2:]:
        first = first[:-3]
    return f"{first}\u2013{second} {end.tzname()}"


def zone_note(workshop: Workshop, day: dt.date) -> str:
    """``All times are Eastern Time (America/New_York, EDT, UTC-04:00).``"""
    info = workshop.info
    noon = dt.datetime.combine(day, dt.time(12), info.tz)
    long_name = babel.dates.get_timezone_name(info.tz, "long", locale="en_US")
    offset = noon.strftime("%z")
    return (
        f"All times are {long_name} ({info.timezone}, {noon.tzname()}, "
        f"UTC{offset[:3]}:{offset[3:]}), the venue's time zone."
    )


def people_nodes(people: list[Person]) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for i, person in enumerate(people):
        if i:
            result.append(nodes.Text(", "))
        result.append(nodes.inline("", person.display, classes=["workshop-person"]))
    return result


class ScheduleDirective(WorkshopDirective):
    """Render the program; ``:day: 2023-06-08`` limits it to one day."""

    parts = ("info", "schedule", "papers")
    option_spec = {"day": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        loaded = self.data()
        if loaded is None:
            return []
        workshop = loaded.workshop
        days = workshop.schedule.days
        if "day" in self.options:
            days = [d for d in days if d.date.isoformat() == self.options["day"].strip()]
            if not days:
                return self.warn(f"workshop-schedule: schedule.yaml has no day {self.options['day']}")
        result: list[nodes.Node] = [
            nodes.paragraph("", zone_note(workshop, days[0].date), classes=["workshop-zone-note"])
        ]
        for day in days:
            result.append(self.day_table(workshop, day))
        return result

    def day_table(self, workshop: Workshop, day: Day) -> nodes.Node:
        table = nodes.table(classes=["workshop-schedule"])
        table += nodes.title("", f"Program, {fmt.date(day.date)}")
        group = nodes.tgroup(cols=3)
        table += group
        for width in (18, 52, 30):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += self.row([nodes.Text(h)] for h in ("Time", "Session", "Speakers"))
        body = nodes.tbody()
        group += body
        for slot in day.slots:
            body += self.slot_row(workshop, day, slot)
        return nodes.container("", table, classes=["workshop-schedule-wrapper"])

    @staticmethod
    def row(cells, classes: list[str] | None = None) -> nodes.row:
        row = nodes.row(classes=classes or [])
        for content in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", *content)
            row += entry
        return row

    def slot_row(self, workshop: Workshop, day: Day, slot: Slot) -> nodes.row:
        start, end = slot.interval(day.date, workshop.info.tz)
        paper = workshop.papers.paper(slot.paper) if slot.paper and workshop.papers else None
        session: list[nodes.Node] = []
        if not slot.is_break:
            session.append(nodes.inline("", KIND_LABELS[slot.kind], classes=["workshop-kind"]))
        session.append(self.title_node(slot, paper))
        speakers = people_nodes(paper.authors if paper else slot.speakers)
        if slot.panelists:
            speakers = [nodes.strong("", "Panelists: "), *people_nodes(slot.panelists)]
        row = self.row(
            [[nodes.Text(time_range(start, end))], session, speakers],
            classes=[f"workshop-slot-{slot.kind}"],
        )
        row[0]["classes"].append("workshop-time")
        return row

    def title_node(self, slot: Slot, paper: Paper | None) -> nodes.Node:
        title = paper.title if paper else (slot.title or KIND_LABELS[slot.kind])
        text = nodes.inline("", title, classes=["workshop-title"])
        if paper is None:
            return text
        ref = addnodes.pending_xref(
            "", text, refdomain="std", reftype="ref", reftarget=paper_target(paper.id),
            refexplicit=True, refwarn=False, refdoc=self.env.docname,
        )
        ref["workshop_optional"] = True
        return ref


def optional_reference(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element):
    """Until there is an accepted-papers page, a paper talk's title is plain text."""
    if node.get("workshop_optional"):
        return contnode
    return None


def setup(app: Sphinx) -> None:
    app.add_directive("workshop-schedule", ScheduleDirective)
    app.connect("missing-reference", optional_reference)
