"""Write the exports (:mod:`workshop.core.exports`) beside the HTML, once per build.

At ``build-finished`` (in the main process, after every page is written, so parallel
writing is untouched) each export, and each slot's own calendar (``calendar/<key>.ics``),
is rendered from the loaded data and written to the output folder, but only when its bytes differ from the file already there: a
no-change build touches nothing, and the replacement is atomic, all the exports or none
(a full or read-only disk is a ``workshop.output`` warning naming the folder).  Data with problems
writes nothing, so a good previous export is never replaced by one from bad data.

``DTSTAMP`` is :func:`workshop.core.epoch.build_moment` (``SOURCE_DATE_EPOCH`` when set,
otherwise the workshop's day), as in the volume: the same data always gives the same
bytes.  A malformed ``SOURCE_DATE_EPOCH`` is a ``workshop.source-date-epoch`` warning
and writes no export, as data with problems does; the value was set aside before Sphinx
could stop on it (:func:`workshop.core.epoch.set_aside`), and is judged here.  That
warning, and exports that cannot be written, fail the build (its status code 1) whatever
runs Sphinx: a plain ``sphinx-build`` without ``-W`` too, since the pages link exports
that were not made.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from workshop.core import epoch
from workshop.core.epoch import EpochError, build_moment
from workshop.core.exports import EXPORTS, ical, starred
from workshop.core.exports.common import Site
from workshop.core.load import Loaded, WithInfo, WithSchedule, narrowed
from workshop.core.problems import WARNING_TYPE
from workshop.site import domain
from workshop.site.base import write_outputs
from workshop.site.builders import site_builder
from workshop.site.metadata import base_url
from workshop.site.paperlinks import page_builder, page_uri

logger = logging.getLogger(__name__)


def site(
    app: Sphinx,
    builder: StandaloneHTMLBuilder,
    loaded: Loaded[WithInfo],
    environ: Mapping[str, str] | None = None,
) -> Site:
    """Where this build put the pages the exports link to, and when it was made
    (``SOURCE_DATE_EPOCH`` of ``environ``, else of the process's environment;
    :class:`EpochError` for a malformed value)."""
    workshop = loaded.workshop

    def page(docname: str) -> str:
        # singlehtml puts every page in one file and names them by fragment only.
        return (
            builder.get_target_uri(docname).partition("#")[0] or f"{app.config.root_doc}{builder.out_suffix}"
        )

    program_pages = {}
    if workshop.schedule:
        pages = domain.of(app.env)
        for day in workshop.schedule.days:
            docname = pages.page_for_day(day.date)
            if docname is not None:
                program_pages[day.date] = page(docname)
    paper_pages = {}
    if workshop.papers is not None and page_builder(builder, workshop):  # workshop.site.paperpages
        paper_pages = {paper.id: page_uri(builder, paper.id) for paper in workshop.papers.papers}
    return Site(
        stamp=build_moment(workshop.info, environ),
        base_url=base_url(app),
        program_pages=program_pages,
        paper_pages=paper_pages,
        language=app.config.language or "en",
        home=page(app.config.root_doc),
    )


def write_exports(app: Sphinx, exception: BaseException | None, set_aside: str | None = None) -> None:
    """(``build-finished``) ``set_aside``: the malformed ``SOURCE_DATE_EPOCH`` taken out of
    the environment at setup, said here even when the data has problems too."""
    builder = site_builder(app.builder)
    if exception is not None or builder is None:
        return
    loaded = domain.build_data(app.env).loaded
    edition = loaded.narrowed(WithInfo)
    environ = {epoch.VARIABLE: set_aside} if set_aside is not None else None
    try:
        if edition is not None:
            build_moment(edition.workshop.info, environ)
    except EpochError as error:
        logger.warning(
            "%s; the exports were not written", error, type=WARNING_TYPE, subtype="source-date-epoch"
        )
        app.statuscode = 1  # an error whatever runs Sphinx, -W or not: the pinned bytes were not made
        return
    if loaded.problems:
        logger.info("workshop: exports not written: the data has problems (see the warnings above)")
        return
    outdir = Path(app.outdir)
    outputs, slots = (
        _render(site(app, builder, edition, environ), edition) if edition is not None else ({}, {})
    )
    written = write_outputs(
        [(outdir / name, content) for name, content in outputs.items()],
        "the exports were not written (the last ones were left as they were)",
    )
    if written is None:
        app.statuscode = 1  # the pages link exports that are not there: the build failed, -W or not
        return
    # A slot that is gone takes its calendar with it (a reader following an old link gets
    # nothing rather than a talk that no longer happens).
    for stale in sorted((outdir / ical.SLOT_FOLDER).glob("*.ics")):  # (starred.json is no .ics)
        if f"{ical.SLOT_FOLDER}/{stale.name}" not in slots:
            stale.unlink(missing_ok=True)
    for target in written:
        logger.info("workshop: wrote %s", target.relative_to(app.outdir).as_posix())


def _render(where: Site, loaded: Loaded[WithInfo]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """(every output by its name in the site, written together; the slots' own calendars
    among them)."""
    outputs = {}
    for export in EXPORTS.values():
        workshop = narrowed(loaded.workshop, export.needs)
        if workshop is not None:
            outputs[export.name] = export.render(workshop, where)
    program = narrowed(loaded.workshop, WithSchedule)
    slots = ical.slot_calendars(program, where) if program is not None else {}
    if program is not None:  # the stars' page (workshop.site.starred)
        slots[starred.STARRED] = starred.data(program, where)
    return {**outputs, **slots}, slots


def setup(app: Sphinx) -> None:
    # Before Sphinx's own reader of the variable (its copyright year, at config-inited).
    epoch.set_aside()
    app.connect("build-finished", functools.partial(write_exports, set_aside=epoch.set_aside_value()))
