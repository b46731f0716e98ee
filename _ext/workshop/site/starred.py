"""My schedule: a star on each talk, kept in the reader's browser, and a page of the starred
talks with one link that downloads them as a calendar.

- **Stars**: each slot of the program but a break (beside its calendar link) and each
  talk or poster on a paper's page has a toggle button (``aria-pressed``) named for the
  talk, written hidden: ``workshop-starred.js`` shows it and keeps the starred slots' keys
  in ``localStorage`` (per edition: ``workshop-stars:<acronym>``).  Keys are the slots'
  stable ids (:mod:`workshop.core.program`), so the stars survive a new build, a moved
  slot or a changed title.  Nothing is sent anywhere: there is no account and no server.
- **The view**: ``{workshop-my-schedule}`` (``docs/myschedule.md``) is where the script
  lists the starred talks in time order from ``calendar/starred.json``, which the build
  writes with the calendars (:mod:`workshop.core.exports.starred`): each slot's title, time,
  room, row in the program and its very VEVENT (the UID of the site's calendars, so
  importing the download again updates rather than duplicates).  The download is those
  events, put together in the browser.  A starred talk cancelled since the program was
  published is said so (and its cancelled event is in the download); one the program no
  longer has at all is said so too, with a button to unstar it.  The domain notes which
  page holds the view, for the paper pages' link to it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from workshop.core.exports.starred import STARRED
from workshop.core.load import WithInfo
from workshop.site import domain
from workshop.site.base import WorkshopDirective
from workshop.site.builders import site_builder

SCRIPT = "workshop-starred.js"


class star(nodes.General, nodes.Inline, nodes.Element):
    """A talk's star: HTML writes a hidden toggle button the script shows; others nothing."""


def visit_star_html(self, node: star) -> None:
    self.body.append(
        f'<button type="button" class="workshop-star" data-slot="{self.attval(node["key"])}" '
        f'aria-label="Star: {self.attval(node["title"])}" aria-pressed="false" hidden>'
        '<span class="workshop-star-icon" aria-hidden="true">\u2606</span> Star</button>'
    )
    raise nodes.SkipNode


def skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def through(self, node: nodes.Node) -> None:
    """Other writers write what the view holds: the sentence saying what it is for."""


def star_node(key: str, title: str) -> star:
    return star(key=key, title=title)


class my_schedule(nodes.General, nodes.Element):
    """Where the script lists the starred talks; says what the page needs without it."""


def visit_view_html(self, node: my_schedule) -> None:
    here = self.builder.current_docname
    source = relative_uri(self.builder.get_target_uri(here), STARRED)
    self.body.append(self.starttag(node, "div", "", CLASS="workshop-my-schedule", **{"data-source": source}))


def depart_view_html(self, node: my_schedule) -> None:
    self.body.append("</div>\n")


class MyScheduleDirective(WorkshopDirective):
    """``{workshop-my-schedule}``: the starred talks (filled in by the script)."""

    # Without a program (yet) the page says what it is for, and lists nothing.
    optional_parts = ("schedule",)

    def run(self) -> list[nodes.Node]:
        if self.data(WithInfo) is None:
            return []
        domain.of(self.env).note_my_schedule(self.env.docname)
        text = (
            "Star the talks you plan to attend, on the program or on a paper's page: they are listed here, "
            "kept in this browser only (nothing is sent anywhere). This page needs JavaScript to show them."
        )
        return [my_schedule("", nodes.paragraph("", text, classes=["workshop-my-schedule-note"]))]


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """The stars' script on the pages with stars or the view."""
    pages = domain.of(app.env)
    if site_builder(app.builder) is None:
        return
    if pagename in pages.program or pagename in pages.my_schedule_pages() or pagename.startswith("papers/"):
        app.add_js_file(SCRIPT, loading_method="defer")


def setup(app: Sphinx) -> None:
    none, passing = (skip, None), (through, through)
    app.add_node(star, html=(visit_star_html, None), latex=none, text=none, man=none, texinfo=none)
    app.add_node(
        my_schedule,
        html=(visit_view_html, depart_view_html),
        latex=passing,
        text=passing,
        man=passing,
        texinfo=passing,
    )
    app.add_directive("workshop-my-schedule", MyScheduleDirective)
    app.connect("html-page-context", add_script)
