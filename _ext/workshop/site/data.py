"""The data folder as one build of the site sees it: loaded once per build (when the
configuration is read, since the site's title comes from it), reported once, and noted as
a dependency of exactly the pages that use it.

:class:`BuildData` belongs to one Sphinx application (:func:`setup` makes it), never to
the module: two builds in one process (the tests make many) share nothing.  Directives,
roles and event handlers reach it through the ``workshop`` domain
(:func:`workshop.site.domain.build_data`); parallel readers and writers are forked from
the main process and so inherit it, already loaded.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from workshop.core.changes import History, history
from workshop.core.load import Loaded, WithInfo, WithSchedule, load
from workshop.core.materials import publishable
from workshop.core.model import Paper, Workshop
from workshop.core.problems import WARNING_TYPE, Problem, locate
from workshop.core.program import Session, program
from workshop.core.volumefacts import VolumeFacts, volume_facts
from workshop.site.volume import SiteVolume, site_volume

logger = logging.getLogger(__name__)


def data_dir(srcdir: str | Path, config: Config) -> Path:
    return (Path(srcdir) / config.workshop_data).resolve()


class BuildData:
    """The data of one build: the loaded folder, and what is made of it for many pages
    (the papers by id, the program's slots by key, the volume the site offers and what it
    says of itself), each made once, when first needed."""

    def __init__(self) -> None:
        self._loaded: Loaded[Workshop] | None = None
        self._volume: SiteVolume | None = None
        self._papers: dict[str, Paper] | None = None
        self._sessions: dict[str, Session] | None = None
        self._facts: VolumeFacts | None = None
        self._materials: dict[str, Path] | None = None
        self._history: History | None = None

    def read(self, app: Sphinx, config: Config) -> None:
        """(``config-inited``, before anything fills the configuration from the data)."""
        self._loaded = load(data_dir(app.srcdir, config))

    @property
    def loaded(self) -> Loaded[Workshop]:
        if self._loaded is None:
            raise RuntimeError("the workshop data is read at config-inited: it was asked for before")
        return self._loaded

    def use(self, env: BuildEnvironment, *parts: str) -> Loaded[Workshop]:
        """The data, with the files of ``parts`` noted as dependencies of the current page."""
        for part in parts:
            env.note_dependency(str(self.loaded.files[part]))
        return self.loaded

    def paper(self, paper_id: str) -> Paper | None:
        """The paper ``paper_id`` of ``papers.yaml`` (``None`` without one, or without the file)."""
        if self._papers is None:
            papers = self.loaded.workshop.papers
            self._papers = {paper.id: paper for paper in papers.papers} if papers else {}
        return self._papers.get(paper_id)

    def sessions(self) -> dict[str, Session]:
        """The program's slots by key (none without ``schedule.yaml``)."""
        if self._sessions is None:
            workshop = self.loaded.narrowed(WithSchedule)
            days = program(workshop.workshop) if workshop else []
            self._sessions = {session.key: session for day in days for session in day.sessions}
        return self._sessions

    def facts(self, edition: Loaded[WithInfo]) -> VolumeFacts:
        """What the volume says of itself (its title, editors, ...), for the citations of
        every paper page: made once from ``edition`` (this build's data)."""
        if self._facts is None:
            self._facts = volume_facts(edition.workshop)
        return self._facts

    def history(self) -> History:
        """The program against its last published record (``published.yaml``): what changed."""
        if self._history is None:
            scheduled = self.loaded.narrowed(WithSchedule)
            days = program(scheduled.workshop) if scheduled else []
            self._history = history(self.loaded.workshop.published, days)
        return self._history

    def materials(self) -> dict[str, Path]:
        """The material files the site publishes (each checked once per build): their
        place in the site -> the file in the data folder."""
        if self._materials is None:
            loaded = self.loaded
            papers = loaded.workshop.papers.papers if loaded.workshop.papers else []
            sources = [(paper.links, f"paper-{paper.id}") for paper in papers]
            sources += [(session.slot.links, f"slot-{key}") for key, session in self.sessions().items()]
            self._materials = publishable(sources, loaded.data_dir, loaded.root)
        return self._materials

    def volume(self, config: Config) -> SiteVolume:
        """The volume ``workshop_proceedings`` names, checked against the papers (every
        camera-ready PDF hashed) once per build, however many pages ask."""
        if self._volume is None:
            self._volume = site_volume(config, self.loaded)
        return self._volume

    def report(self, app: Sphinx, config: Config) -> None:
        """(``config-inited``) Say what is wrong with the data, once per build (``-W``
        turns it into a failure)."""
        for problem in self.loaded.problems:
            warn(problem)


def warn(problem: Problem) -> None:
    """A problem as a Sphinx warning at its file and line (so ``-W`` fails the build)."""
    if problem.line is None:
        # Sphinx reads a location without ":line" as a document name: the file goes in the text.
        text, location = locate(problem.shown_file, None, problem.field), None
    else:
        text, location = locate(None, None, problem.field), problem.location
    logger.warning("%s%s", text, problem.message, type=WARNING_TYPE, subtype=problem.code, location=location)


def setup(app: Sphinx) -> BuildData:
    app.add_config_value("workshop_data", "data", "env", str)
    build = BuildData()
    # Read first: identity fills the configuration from the data at priority 400.
    app.connect("config-inited", build.read, priority=300)
    app.connect("config-inited", build.report)
    return build
