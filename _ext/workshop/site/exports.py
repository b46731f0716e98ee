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
from sphinx.util import logging

from workshop.core import epoch
from workshop.core.epoch import EpochError, build_moment
from workshop.core.exports import EXPORTS, Site, ical
from workshop.core.load import Loaded
from workshop.core.outputs import SITE_AGAIN, SITE_ELSEWHERE, cannot_write, replace_all
from workshop.core.problems import WARNING_TYPE
from workshop.site import data
from workshop.site.base import SITE_BUILDERS
from workshop.site.paperlinks import makes_pages, page_uri
from workshop.site.schedule import page_for_day

logger = logging.getLogger(__name__)


def site(app: Sphinx, loaded: Loaded, environ: Mapping[str, str] | None = None) -> Site:
    """Where this build put the pages the exports link to, and when it was made
    (``SOURCE_DATE_EPOCH`` of ``environ``, else of the process's environment;
    :class:`EpochError` for a malformed value)."""
    env, builder = app.env, app.builder
    workshop = loaded.workshop

    def page(docname: str) -> str:
        # singlehtml puts every page in one file and names them by fragment only.
        return (
            builder.get_target_uri(docname).partition("#")[0] or f"{app.config.root_doc}{builder.out_suffix}"
        )

    base = app.config.html_baseurl or None
    if base and not base.endswith("/"):
        base += "/"
    program_pages = {}
    if workshop.schedule:
        for day in workshop.schedule.days:
            docname = page_for_day(env, day.date)
            if docname is not None:
                program_pages[day.date] = page(docname)
    paper_pages = {}
    if makes_pages(app):  # each paper's own page (workshop.site.paperpages)
        paper_pages = {paper.id: page_uri(builder, paper.id) for paper in workshop.papers.papers}
    return Site(
        stamp=build_moment(workshop.info, environ),
        base_url=base,
        program_pages=program_pages,
        paper_pages=paper_pages,
        language=app.config.language or "en",
        home=page(app.config.root_doc),
    )


def write_exports(app: Sphinx, exception: BaseException | None, set_aside: str | None = None) -> None:
    """(``build-finished``) ``set_aside``: the malformed ``SOURCE_DATE_EPOCH`` taken out of
    the environment at setup, said here even when the data has problems too."""
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    loaded = data.for_env(app.env)
    environ = {epoch.VARIABLE: set_aside} if set_aside is not None else None
    try:
        if loaded.workshop.info:
            build_moment(loaded.workshop.info, environ)
    except EpochError as error:
        logger.warning(
            "%s; the exports were not written", error, type=WARNING_TYPE, subtype="source-date-epoch"
        )
        app.statuscode = 1  # an error whatever runs Sphinx, -W or not: the pinned bytes were not made
        return
    if loaded.problems:
        logger.info("workshop: exports not written: the data has problems (see the warnings above)")
        return
    where = site(app, loaded, environ) if loaded.workshop.info else None
    outputs = [
        (Path(app.outdir) / export.name, export.render(loaded.workshop, where))
        for export in EXPORTS.values()
        if where is not None and all(getattr(loaded.workshop, part) is not None for part in export.parts)
    ]
    slots = {}  # each slot's own calendar, linked from its row of the program
    if where is not None and loaded.workshop.schedule is not None:
        slots = ical.slot_calendars(loaded.workshop, where)
        outputs += [(Path(app.outdir) / name, content) for name, content in slots.items()]
    try:
        written = replace_all(outputs)  # all or none: the calendars and the apps' files agree
    except OSError as error:
        # cannot_write's words last: `python -m workshop.site.build` says them as its one line.
        logger.warning(
            "the exports were not written (the last ones were left as they were): %s",
            cannot_write(error, again=SITE_AGAIN, elsewhere=SITE_ELSEWHERE),
            type=WARNING_TYPE,
            subtype="output",
        )
        app.statuscode = 1  # the pages link exports that are not there: the build failed, -W or not
        return
    # A slot that is gone takes its calendar with it (a reader following an old link gets
    # nothing rather than a talk that no longer happens).
    for stale in sorted((Path(app.outdir) / ical.SLOT_FOLDER).glob("*.ics")):
        if f"{ical.SLOT_FOLDER}/{stale.name}" not in slots:
            stale.unlink(missing_ok=True)
    for target in written:
        logger.info("workshop: wrote %s", target.relative_to(app.outdir).as_posix())


def setup(app: Sphinx) -> None:
    # Before Sphinx's own reader of the variable (its copyright year, at config-inited).
    epoch.set_aside()
    app.connect("build-finished", functools.partial(write_exports, set_aside=epoch.set_aside_value()))
