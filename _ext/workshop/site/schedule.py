"""The program as a real table: ``{workshop-schedule}`` renders ``schedule.yaml``.

One row per slot: time (with the venue's zone), session (kind and title; a paper
talk links to the paper's own page, :mod:`workshop.site.paperlinks`) and speakers
with their affiliations, then any panelists.  Breaks carry a class of their own so
the stylesheet can set them apart; a slot with nobody on stage spans the speakers
column.  Everything is docutils nodes, so text from the data is escaped by the
writer and the table reads without JavaScript; in HTML each time is a ``<time>``
element, which ``workshop-localtime.js`` may rewrite into the reader's zone on
request.  Each row is an anchor (``#slot-<key>``) the exports link to.
"""

from __future__ import annotations

import datetime as dt

import babel.dates
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from workshop.core import wording
from workshop.core.model import Person, Workshop
from workshop.core.program import ProgramDay, Session, program
from workshop.site.base import WorkshopDirective
from workshop.site.paperlinks import paper_link

#: Attribute of a schedule table naming the day it shows (read by the collector).
DAY_ATTRIBUTE = "workshop_day"


def slot_anchor(key: str) -> str:
    """The id of a slot's row, so a calendar entry can link to it."""
    return f"slot-{key}"


class slot_time(nodes.inline):
    """An instant of the program.  HTML writes ``<time datetime="...">``; every other
    writer falls back to :class:`~docutils.nodes.inline` (Sphinx dispatches by MRO)."""


def visit_slot_time_html(self, node: slot_time) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_slot_time_html(self, node: slot_time) -> None:
    self.body.append("</time>")


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


def time_nodes(session: Session) -> list[nodes.Node]:
    first, second = wording.time_range(session.start, session.end)
    return [
        slot_time("", first, datetime=session.start.isoformat()),
        nodes.Text("\u2013"),
        slot_time("", second, datetime=session.end.isoformat()),
    ]


class ScheduleDirective(WorkshopDirective):
    """Render the program; ``:day: 2023-06-08`` limits it to one day."""

    parts = ("info", "schedule")
    optional_parts = ("papers",)  # titles and authors of paper talks
    option_spec = {"day": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        loaded = self.data()
        if loaded is None:
            return []
        days = program(loaded.workshop)
        if "day" in self.options:
            days = [d for d in days if d.date.isoformat() == self.options["day"].strip()]
            if not days:
                return self.warn(f"workshop-schedule: schedule.yaml has no day {self.options['day']}")
        result: list[nodes.Node] = [
            nodes.paragraph("", zone_note(loaded.workshop, days[0].date), classes=["workshop-zone-note"])
        ]
        for day in days:
            result.append(self.day_table(day))
        return result

    def day_table(self, day: ProgramDay) -> nodes.Node:
        # "colwidths-given": the writers honour the column widths below (HTML as <col
        # style="width: ...">), so the session's title has the widest column on screen and
        # on paper instead of whatever the browser's automatic layout leaves it.
        table = nodes.table(classes=["workshop-schedule", "colwidths-given"])
        table[DAY_ATTRIBUTE] = day.date.isoformat()
        table += nodes.title("", f"Program, {wording.date(day.date)}")
        group = nodes.tgroup(cols=3)
        table += group
        for width in (18, 44, 38):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += self.row([[nodes.Text(h)] for h in ("Time", "Session", "Speakers")])
        body = nodes.tbody()
        group += body
        for session in day.sessions:
            body += self.slot_row(session)
        return nodes.container("", table, classes=["workshop-schedule-wrapper"])

    @staticmethod
    def row(cells: list[list[nodes.Node]], classes: list[str] | None = None) -> nodes.row:
        row = nodes.row(classes=classes or [])
        for content in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", *content)
            row += entry
        return row

    def slot_row(self, session: Session) -> nodes.row:
        what: list[nodes.Node] = []
        if not session.is_break:
            # The space keeps "Invited talk Title" apart where no stylesheet sets the label on its own line.
            what += [nodes.inline("", session.kind_label, classes=["workshop-kind"]), nodes.Text(" ")]
        what.append(self.title_node(session))
        who = people_nodes(session.speakers)
        if session.panelists:
            if who:
                who.append(nodes.Text("; "))
            who += [
                nodes.inline("", "Panelists: ", classes=["workshop-role"]),
                *people_nodes(session.panelists),
            ]
        cells = [time_nodes(session), what] + ([who] if who else [])
        row = self.row(cells, classes=[f"workshop-slot-{session.kind}"])
        row["ids"].append(slot_anchor(session.key))
        for cell, name in zip(row, ("workshop-time", "workshop-session", "workshop-speakers"), strict=False):
            cell["classes"].append(name)
        if not who:  # nobody on stage (a break, an opening): the title spans both columns
            row[1]["morecols"] = 1
        return row

    def title_node(self, session: Session) -> nodes.Node:
        text = nodes.inline("", session.title, classes=["workshop-title"])
        if session.paper is None:
            return text
        return paper_link(text, session.paper.id)  # the paper's own page


class ProgramPages(EnvironmentCollector):
    """Which pages show which program day (``env.workshop_program_pages``: docname ->
    ISO dates), so exports link each slot to its row and only those pages load the
    local-time script.  A collector, so parallel readers' findings are merged."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        program_pages(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        for docname in docnames:
            if docname in program_pages(other):
                program_pages(env)[docname] = program_pages(other)[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        days = [table[DAY_ATTRIBUTE] for table in doctree.findall(nodes.table) if DAY_ATTRIBUTE in table]
        if days:
            program_pages(app.env)[app.env.docname] = days


def program_pages(env: BuildEnvironment) -> dict[str, list[str]]:
    if not hasattr(env, "workshop_program_pages"):
        env.workshop_program_pages = {}
    return env.workshop_program_pages


def page_for_day(env: BuildEnvironment, day: dt.date) -> str | None:
    """The first page (by name) that shows ``day``'s program."""
    return next((doc for doc, days in sorted(program_pages(env).items()) if day.isoformat() in days), None)


def add_local_time_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Only program pages load the (optional) local-time toggle."""
    if pagename in program_pages(app.env):
        app.add_js_file("workshop-localtime.js", loading_method="defer")


def setup(app: Sphinx) -> None:
    app.add_node(slot_time, html=(visit_slot_time_html, depart_slot_time_html))
    app.add_directive("workshop-schedule", ScheduleDirective)
    app.add_env_collector(ProgramPages)
    app.connect("html-page-context", add_local_time_script)
