"""The program as real tables: ``{workshop-schedule}`` renders ``schedule.yaml``.

Above the tables, the venue (linked to its page) and the zone the times are in; then a
table per day, under a heading of its own when the program has several days.  A day
held in one room at a time is a table of three columns, one row per slot: time (with the
venue's zone, and a link to the slot's own calendar), session (kind and title, its
session and chair, its room, a poster slot's papers, the talk's links; a paper talk
links to the paper's own page, :mod:`workshop.site.paperlinks`) and
speakers with their affiliations, then any panelists.  A day with parallel sessions is a
table whose columns are its rooms (:mod:`workshop.site.grid`).  Breaks carry a class of
their own so the stylesheet can set them apart; a slot with nobody on stage spans the
speakers column.  Everything is docutils nodes, so text from the data is escaped by the
writer and the table reads without JavaScript; in HTML each time is a ``<time>``
element, which ``workshop-localtime.js`` may rewrite into the reader's zone on request,
and ``workshop-now.js`` marks the slots on now and next during the event.  Each slot is
an anchor (``#slot-<key>``) the exports link to.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import babel.dates
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from workshop.core import wording
from workshop.core.load import Loaded, WithSchedule
from workshop.core.program import ProgramDay, Session, program
from workshop.site import booklet, changelog, domain, grid, slots
from workshop.site.base import WorkshopDirective


def zone_note(workshop: WithSchedule, day: dt.date) -> str:
    """``All times are Eastern Time (America/New_York, EDT, UTC-04:00).``"""
    info = workshop.info
    noon = dt.datetime.combine(day, dt.time(12), info.tz)
    long_name = babel.dates.get_timezone_name(info.tz, "long", locale="en_US")
    offset = noon.strftime("%z")
    return (
        f"All times are {long_name} ({info.timezone}, {noon.tzname()}, "
        f"UTC{offset[:3]}:{offset[3:]}), the venue's time zone."
    )


def venue_note(workshop: WithSchedule) -> nodes.Node | None:
    """``Venue: Hyatt Regency Miami, 400 SE 2nd Ave, Miami, United States``, the name linked."""
    venue = workshop.info.venue
    if venue is None:
        return None
    para = nodes.paragraph("", "", classes=["workshop-venue"])
    para += nodes.inline("", "Venue: ", classes=["workshop-role"])
    para += nodes.reference("", venue.name, refuri=venue.url)
    para += nodes.Text(wording.location(venue).removeprefix(venue.name))
    return para


class ScheduleDirective(WorkshopDirective):
    """Render the program; ``:day: 2023-06-08`` limits it to one day."""

    optional_parts = ("papers",)  # titles and authors of paper talks
    option_spec = {"day": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        loaded = self.data(WithSchedule)
        if loaded is None:
            return []
        days = program(loaded.workshop)
        if "day" in self.options:
            days = [d for d in days if d.date.isoformat() == self.options["day"].strip()]
            if not days:
                return self.warn(f"workshop-schedule: schedule.yaml has no day {self.options['day']}")
        result = self.head(loaded, days)
        if len(days) == 1:
            return [*result, self.day_table(days[0])]
        # Several days: a heading each (in the page's outline), then the day's table.
        for day in days:
            section = nodes.section(ids=[f"day-{day.date.isoformat()}"], classes=["workshop-day"])
            heading = wording.day_heading(day.date)
            section += nodes.title("", heading)
            section["names"].append(nodes.fully_normalize_name(heading))
            section += self.day_table(day)
            result.append(section)
        return result

    def head(self, loaded: Loaded[WithSchedule], days: list[ProgramDay]) -> list[nodes.Node]:
        """What stands above the tables: what changed since the program was published (on the
        days shown), the venue, the zone, and the printed booklet (with the whole program)."""
        build = domain.build_data(self.env)
        # The program as published, for what changed since (a file that may come later: see
        # published_outdated); and the material files, whose links show only when publishable.
        if loaded.files["published"].is_file():
            self.env.note_dependency(str(loaded.files["published"]))
        for path in build.materials().values():
            self.env.note_dependency(str(path))
        workshop = loaded.workshop
        self.rooms = {room.id: room.name for room in workshop.schedule.rooms}
        self.tz = workshop.info.tz
        self.history = build.history()
        shown = {day.date for day in days}
        history = dataclasses.replace(
            self.history, changes=tuple(c for c in self.history.changes if c.day in shown)
        )
        result: list[nodes.Node] = [*changelog.changes_box(history, self.tz, self.rooms)]
        venue = venue_note(workshop)
        if venue is not None:
            result.append(venue)
        result.append(nodes.paragraph("", zone_note(workshop, days[0].date), classes=["workshop-zone-note"]))
        if "day" not in self.options:
            result += booklet.offer(self, workshop)
        return result

    def mark(self, session: Session) -> list[nodes.Node]:
        """What changed of ``session`` since the program was published (nothing: no mark)."""
        return changelog.slot_mark(self.history.change(session.key), self.tz, self.rooms)

    def day_table(self, day: ProgramDay) -> nodes.Node:
        table = grid.rooms_table(day, self.mark) if day.parallel and day.rooms else self.slot_table(day)
        # Which page shows which day and slots: the exports and paper pages link its rows,
        # and only program pages load the local-time script.
        domain.of(self.env).note_program_day(self.env.docname, day)
        return nodes.container("", table, classes=["workshop-schedule-wrapper"])

    def slot_table(self, day: ProgramDay) -> nodes.table:
        # "colwidths-given": the writers honour the column widths below (HTML as <col
        # style="width: ...">), so the session's title has the widest column on screen and
        # on paper instead of whatever the browser's automatic layout leaves it.
        table = nodes.table(classes=["workshop-schedule", "colwidths-given"])
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
        openers = slots.session_openers(day.sessions)
        for session in day.sessions:
            body += self.slot_row(session, opens_session=id(session) in openers)
        return table

    @staticmethod
    def row(cells: list[list[nodes.Node]]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", *content)
            row += entry
        return row

    def slot_row(self, session: Session, opens_session: bool = False) -> nodes.row:
        time = [*slots.time_nodes(session), *slots.calendar_nodes(session)]
        mark = self.mark(session)
        what = slots.what_nodes(session, opens_session=opens_session, room_shown=True, mark=mark)
        who = slots.who_nodes(session)
        cells = [_cell(time, "workshop-time"), _cell(what, "workshop-session")]
        if who:
            cells.append(_cell(who, "workshop-speakers"))
        else:  # nobody on stage (a break, an opening): the title spans both columns
            cells[1]["morecols"] = 1
        classes = [f"workshop-slot-{session.kind}"] + (["workshop-in-session"] if session.group else [])
        classes += ["workshop-changed"] if mark else []
        return nodes.row("", *cells, classes=classes, ids=[domain.slot_anchor(session.key)])


def _cell(content: list[nodes.Node], name: str) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *content), classes=[name])


def add_local_time_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """Only program pages load the (optional) local-time toggle and now/next marker."""
    if pagename in domain.of(app.env).program:
        app.add_js_file("workshop-localtime.js", loading_method="defer")
        app.add_js_file("workshop-now.js", loading_method="defer")


def published_outdated(app: Sphinx, env, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """(``env-get-outdated``) The program pages, when ``published.yaml`` appeared since they
    were read (Sphinx re-reads a page whose dependency is gone, not one that a new file
    would change)."""
    published = domain.build_data(env).loaded.files["published"]
    if not published.is_file():
        return []
    return [
        doc
        for doc in domain.of(env).program_pages()
        if doc in env.all_docs and published not in {Path(d) for d in env.dependencies.get(doc, ())}
    ]


def setup(app: Sphinx) -> None:
    slots.setup(app)
    app.connect("env-get-outdated", published_outdated)
    app.add_directive("workshop-schedule", ScheduleDirective)
    app.connect("html-page-context", add_local_time_script)
