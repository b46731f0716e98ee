"""The ``workshop`` domain: what the extension knows across pages, kept as Sphinx keeps a
domain's state (as ``sphinx.ext.todo`` and the citation domain do).

- **Per document**: the program days and slots each page shows (``{workshop-schedule}``
  notes them), the pages that list the accepted papers (``{workshop-papers}``), and those
  that show the reader's starred talks (``{workshop-my-schedule}``).
  :meth:`~WorkshopDomain.clear_doc` forgets a page before it is read again and
  :meth:`~WorkshopDomain.merge_domaindata` takes in what parallel readers found, so an
  incremental or a parallel build knows what a full serial one does.
- **Cross-references** to papers (their own pages) and slots (their rows in the program)
  are ``pending_xref`` nodes, resolved by :meth:`~WorkshopDomain.resolve_xref` when a page
  is written: the program and the papers list make them, and so do the roles
  ``{workshop:paper}`` and ``{workshop:slot}``.  A target that does not exist is a
  ``workshop.unknown-reference`` warning at the reference; a builder that makes no paper
  pages keeps the reference's text.
- **Objects**: papers and slots are in the site's inventory (``objects.inv``), so another
  Sphinx site can link them.
- **The build's data** (:class:`workshop.site.data.BuildData`) is handed to the domain when
  the builder starts (:func:`setup`): directives and roles reach it as :func:`build_data`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from typing import Any, NoReturn, cast

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from workshop.core.problems import WARNING_TYPE
from workshop.core.program import ProgramDay
from workshop.site.data import BuildData
from workshop.site.paperlinks import page_builder, page_name, page_uri

logger = logging.getLogger(__name__)


def slot_anchor(key: str) -> str:
    """The id of a slot's row (or cell) in the program: calendar entries and
    ``{workshop:slot}`` link to it."""
    return f"slot-{key}"


class TargetRole(XRefRole):
    """``{workshop:paper}`<id>``` and ``{workshop:slot}`<key>```: without a text of their
    own, the paper's or the slot's title (the page then depends on the file it comes from)."""

    def process_link(
        self, env: BuildEnvironment, refnode: nodes.Element, has_explicit_title: bool, title: str, target: str
    ) -> tuple[str, str]:
        target = target.strip()
        if not has_explicit_title:
            title = self.title_of(build_data(env), env, target) or target
        return title, target

    def title_of(self, build: BuildData, env: BuildEnvironment, target: str) -> str | None:
        if self.reftype == "paper":
            build.use(env, "papers")
            paper = build.paper(target)
            return paper.title if paper else None
        build.use(env, "schedule", "papers")  # a paper talk is titled from papers.yaml
        session = build.sessions().get(target)
        return session.title if session else None


class WorkshopDomain(Domain):
    name = "workshop"
    label = "Workshop"
    object_types = {"paper": ObjType("paper", "paper"), "slot": ObjType("slot", "slot", searchprio=-1)}
    roles = {
        "paper": TargetRole(innernodeclass=nodes.inline),
        "slot": TargetRole(innernodeclass=nodes.inline),
    }
    initial_data = {
        # docname -> {ISO day -> {slot key -> title}}: the program tables a page shows
        "program": {},
        # docname -> True: the pages that list the accepted papers
        "paper_lists": {},
        # docname -> True: the pages that hold the self-check's form
        "selfcheck_pages": {},
        # what the self-check pages were last written with (not per document)
        "selfcheck_offer": None,
        # docname -> True: the pages that show the reader's starred talks ({workshop-my-schedule})
        "my_schedule": {},
    }
    data_version = 3

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._build: BuildData | None = None

    def attach(self, build: BuildData) -> None:
        self._build = build

    @property
    def build(self) -> BuildData:
        if self._build is None:
            raise RuntimeError("the workshop domain was asked for the data before the builder started")
        return self._build

    @property
    def program(self) -> dict[str, dict[str, dict[str, str]]]:
        program: dict[str, dict[str, dict[str, str]]] = self.data["program"]
        return program

    @property
    def paper_lists(self) -> dict[str, bool]:
        lists: dict[str, bool] = self.data["paper_lists"]
        return lists

    # --- what pages note, and what is asked of it -------------------------------------------

    def note_program_day(self, docname: str, day: ProgramDay) -> None:
        slots = {session.key: session.title for session in day.sessions}
        self.program.setdefault(docname, {})[day.date.isoformat()] = slots

    def note_paper_list(self, docname: str) -> None:
        self.paper_lists[docname] = True

    def note_my_schedule(self, docname: str) -> None:
        self.data["my_schedule"][docname] = True

    def my_schedule_pages(self) -> list[str]:
        """The pages that show the reader's starred talks, by name."""
        return sorted(self.data["my_schedule"])

    def program_pages(self) -> list[str]:
        """The pages that show (a day of) the program, by name."""
        return sorted(self.program)

    def page_for_day(self, day: dt.date) -> str | None:
        """The first page (by name) that shows ``day``'s program."""
        return next((doc for doc in self.program_pages() if day.isoformat() in self.program[doc]), None)

    def slot_page(self, key: str) -> str | None:
        """The first page (by name) that shows the slot ``key``."""
        return next(
            (doc for doc in self.program_pages() if any(key in s for s in self.program[doc].values())), None
        )

    def paper_list_pages(self) -> list[str]:
        """The pages that list the accepted papers, by name."""
        return sorted(self.paper_lists)

    def note_selfcheck(self, docname: str) -> None:
        self.data["selfcheck_pages"][docname] = True

    def selfcheck_pages(self) -> list[str]:
        """The pages that hold the self-check's form, by name."""
        return sorted(self.data["selfcheck_pages"])

    def selfcheck_offer_changed(self, fingerprint: str | None) -> bool:
        """Whether the self-check pages were written with another offer than ``fingerprint``
        (which is noted as theirs from now on)."""
        changed = self.data["selfcheck_offer"] != fingerprint
        self.data["selfcheck_offer"] = fingerprint
        return changed

    # --- Sphinx's side -----------------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        for key in ("program", "paper_lists", "selfcheck_pages", "my_schedule"):
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        for key in ("program", "paper_lists", "selfcheck_pages", "my_schedule"):
            for docname, found in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = found

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ == "paper":
            return self._paper_link(fromdocname, builder, target, node, contnode)
        if typ == "slot":
            return self._slot_link(fromdocname, builder, target, node, contnode)
        return None

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = []
        if self.build.paper(target) is not None and page_builder(builder, self.build.loaded.workshop):
            found.append(("workshop:paper", self._paper_link(fromdocname, builder, target, node, contnode)))
        if self.slot_page(target) is not None:
            found.append(("workshop:slot", self._slot_link(fromdocname, builder, target, node, contnode)))
        return found

    def _paper_link(
        self, fromdocname: str, builder: Builder, target: str, node: pending_xref, contnode: nodes.Element
    ) -> nodes.reference:
        if self.build.paper(target) is None:
            _missing(node, f"{{workshop:paper}}: papers.yaml has no paper {target!r}")
        site = page_builder(builder, self.build.loaded.workshop)
        if site is None:
            raise NoUri(target)  # no paper pages (LaTeX, text): the text stays, unlinked
        uri = relative_uri(site.get_target_uri(fromdocname), page_uri(site, target))
        return nodes.reference("", "", contnode, refuri=uri, internal=True)

    def _slot_link(
        self, fromdocname: str, builder: Builder, target: str, node: pending_xref, contnode: nodes.Element
    ) -> nodes.reference:
        docname = self.slot_page(target)
        if docname is None:
            _missing(
                node,
                f"{{workshop:slot}}: no page shows a slot {target!r} "
                "(a slot's id, a paper talk's paper id) in its program",
            )
        return make_refnode(builder, fromdocname, docname, slot_anchor(target), contnode)

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        workshop = self.build.loaded.workshop
        if workshop.info is not None and workshop.papers is not None:
            for paper in workshop.papers.papers:
                yield paper.id, paper.title, "paper", page_name(paper.id), "", 1
        seen: set[str] = set()
        for docname in self.program_pages():
            for slots in self.program[docname].values():
                for key, title in slots.items():
                    if key not in seen:
                        seen.add(key)
                        yield key, title, "slot", docname, slot_anchor(key), -1


def _missing(node: pending_xref, message: str) -> NoReturn:
    """A reference to nothing: a warning at the reference, which keeps its text."""
    logger.warning(message, type=WARNING_TYPE, subtype="unknown-reference", location=node)
    raise NoUri(message)


def of(env: BuildEnvironment) -> WorkshopDomain:
    """The ``workshop`` domain of ``env``."""
    # setup() registers WorkshopDomain under its name: the container types it as any Domain.
    return cast("WorkshopDomain", env.domains[WorkshopDomain.name])


def build_data(env: BuildEnvironment) -> BuildData:
    """The data of the build ``env`` belongs to."""
    return of(env).build


def setup(app: Sphinx, build: BuildData) -> None:
    app.add_domain(WorkshopDomain)

    def attach(app: Sphinx) -> None:
        # The environment (and with it the domain) exists from here on, in every build;
        # parallel readers and writers are forked later, and inherit it.
        of(app.env).attach(build)

    app.connect("builder-inited", attach)
