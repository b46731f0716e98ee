"""What the program shows of one slot, whichever table it stands in: its time (with a link
to its own calendar), what it is (kind, title, its session and chair, its room, the
posters shown, each on its board), who is on stage (a paper talk's authors, its presenter
marked), and its materials (:mod:`workshop.site.materials`).

Everything is docutils nodes, so text from the data is escaped by the writer; addresses
come from the model's web-address fields (http and https only).  A slot's calendar
(``calendar/<key>.ics``, written with the exports) is linked relative to the page when
the page is written, as the downloads are; builders that make no web site leave the link
out, having no file to link to.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from workshop.core import wording
from workshop.core.exports.ical import slot_name
from workshop.core.materials import items
from workshop.core.model import Person
from workshop.core.presenting import presenter
from workshop.core.program import Session
from workshop.site import materials, starred
from workshop.site.base import resolve_file_links
from workshop.site.paperlinks import paper_link

#: Attribute of a placeholder reference naming the slot calendar it links to.
CALENDAR_ATTRIBUTE = "workshop_slot_calendar"


class slot_time(nodes.inline):
    """An instant of the program.  HTML writes ``<time datetime="...">``; every other
    writer falls back to :class:`~docutils.nodes.inline` (Sphinx dispatches by MRO)."""


def visit_slot_time_html(self, node: slot_time) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_slot_time_html(self, node: slot_time) -> None:
    self.body.append("</time>")


class room_label(nodes.inline):
    """A slot's room inside a table whose columns are the rooms: shown where the columns
    stand one under another (a phone), and hidden from screen readers, which announce the
    column's header instead of hearing the room twice."""


def visit_room_label_html(self, node: room_label) -> None:
    self.body.append(self.starttag(node, "span", "", **{"aria-hidden": "true"}))


def depart_room_label_html(self, node: room_label) -> None:
    self.body.append("</span>")


def people_nodes(people: list[Person], presenting: Person | None = None) -> list[nodes.Node]:
    """People with their affiliations; ``presenting`` (a paper's presenter) marked so."""
    result: list[nodes.Node] = []
    for i, person in enumerate(people):
        if i:
            result.append(nodes.Text(", "))
        if person is presenting and len(people) > 1:
            text = (
                f"{person.name} ({person.affiliation}, presenting)"
                if person.affiliation
                else f"{person.name} (presenting)"
            )
            result.append(nodes.inline("", text, classes=["workshop-person", "workshop-presenter"]))
        else:
            result.append(nodes.inline("", person.display, classes=["workshop-person"]))
    return result


def time_nodes(session: Session) -> list[nodes.Node]:
    first, second = wording.time_range(session.start, session.end)
    return [
        slot_time("", first, datetime=session.start.isoformat()),
        nodes.Text("\u2013"),
        slot_time("", second, datetime=session.end.isoformat()),
    ]


def calendar_nodes(session: Session) -> list[nodes.Node]:
    """The link to the slot's own calendar, and its star (none for a break: nobody books a
    coffee)."""
    if session.is_break:
        return []
    link = nodes.reference(
        "",
        "Add to calendar",
        refuri=slot_name(session),
        reftitle=f"{session.title}: add it to your calendar (iCalendar file)",
    )
    link[CALENDAR_ATTRIBUTE] = slot_name(session)
    # The space keeps the time and the link apart where no stylesheet puts the link on a line of its own.
    star = starred.star_node(session.key, session.title)
    return [
        nodes.inline("", "", nodes.Text(" "), link, nodes.Text(" "), star, classes=["workshop-slot-calendar"])
    ]


def title_node(session: Session) -> nodes.Node:
    text = nodes.inline("", session.title, classes=["workshop-title"])
    return paper_link(text, session.paper.id) if session.paper else text  # the paper's own page


def what_nodes(
    session: Session, *, opens_session: bool, room_shown: bool, mark: list[nodes.Node] | None = None
) -> list[nodes.Node]:
    """What the slot is: its session (title and chair, on the first slot of the session),
    ``mark`` (what changed since the program was published), its kind, title and room
    (unless the table's columns are the rooms), the posters of a poster slot, and the
    talk's materials."""
    what: list[nodes.Node] = []
    group = session.group
    if group is not None and opens_session:
        line = nodes.inline("", "", classes=["workshop-session-title"])
        line += nodes.inline("", "Session: ", classes=["workshop-role"])
        line += nodes.Text(group.title)
        if group.chair is not None:
            line += nodes.Text(" \u00b7 ")
            line += nodes.inline("", "Chair: ", classes=["workshop-role"])
            line += people_nodes([group.chair])
        what.append(line)
    what += mark or []
    if not session.is_break:
        # The space keeps "Invited talk Title" apart where no stylesheet sets the label on its own line.
        what += [nodes.inline("", session.kind_label, classes=["workshop-kind"]), nodes.Text(" ")]
    what.append(title_node(session))
    if session.room is not None and room_shown:
        what += [nodes.Text(" "), nodes.inline("", f"({session.room.name})", classes=["workshop-room"])]
    if session.posters:
        what.append(poster_list(session))
    links = materials.link_nodes(session.materials, session.title)
    if links:  # (the space: where no stylesheet sets them on a line of their own)
        what += [nodes.Text(" "), nodes.inline("", "", *links, classes=["workshop-slot-links"])]
    return what


def poster_list(session: Session) -> nodes.Node:
    """The papers of a poster slot, each on its board when boards are given."""
    entries = nodes.bullet_list(classes=["workshop-posters"])
    for paper, poster in session.posters:
        para = nodes.paragraph()
        if poster.board:
            para += nodes.inline("", f"Board {poster.board}: ", classes=["workshop-board"])
        if paper is None:  # papers.yaml is missing: the id is all there is (and a warning)
            para += nodes.Text(poster.paper)
        else:
            para += paper_link(nodes.inline("", paper.title, classes=["workshop-title"]), paper.id)
            para += nodes.Text(" \u2014 ")
            para += people_nodes(list(paper.authors), presenter(paper, [poster.presenter]))
            links = materials.link_nodes(items([(paper.links, f"paper-{paper.id}")]), paper.title)
            if links:
                para += [nodes.Text(" "), nodes.inline("", "", *links, classes=["workshop-slot-links"])]
        entries += nodes.list_item("", para)
    return entries


def who_nodes(session: Session) -> list[nodes.Node]:
    """Speakers with their affiliations (a paper talk's authors, its presenter marked), then
    any panelists."""
    if session.presenter is not None and session.paper is not None:
        who = people_nodes(list(session.paper.authors), session.presenter)
    else:
        who = people_nodes(session.speakers)
    if session.panelists:
        if who:
            who.append(nodes.Text("; "))
        who += [nodes.inline("", "Panelists: ", classes=["workshop-role"]), *people_nodes(session.panelists)]
    return who


def session_openers(sessions: list[Session]) -> set[int]:
    """The slots (by ``id()``) that open a run of their session in their room: where the
    program shows the session's title and chair."""
    last: dict[str | None, object] = {}  # room id -> the session of the slot before, in that room
    openers = set()
    for session in sessions:
        room = session.room.id if session.room else None
        group = session.group
        if group is not None and last.get(room) is not group:
            openers.add(id(session))
        last[room] = group
        if room is None:  # a slot for the whole event ends every room's run
            last = {None: group}
    return openers


def resolve_calendars(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each slot's calendar link, relative to the page; none where no site is written."""
    resolve_file_links(
        app, doctree, docname, CALENDAR_ATTRIBUTE, lambda link: link.parent.parent.remove(link.parent)
    )


def setup(app: Sphinx) -> None:
    app.add_node(slot_time, html=(visit_slot_time_html, depart_slot_time_html))
    app.add_node(room_label, html=(visit_room_label_html, depart_room_label_html))
    app.connect("doctree-resolved", resolve_calendars)
