"""The files a build makes from the data, listed, so that what the data no longer has goes.

Sphinx never removes a file from its output folder, and the site's publishing step
(:mod:`workshop.core.outputs`) removes nothing it is not told to: a paper's page, its
files, a slot's calendar or a talk's material would stay on the site after the paper or
the slot left the data.  So each build lists, at ``build-finished`` (after the exports),
every file it makes from the data in :data:`~workshop.core.outputs.OWNED` at the root of
the site, and removes from its output folder the files of the previous list it no longer
makes; publishing does the same in the published site.  Nothing that is not on such a
list is ever removed (a file of your own in the site folder stays), nor a listed file that
no longer holds the bytes the build wrote (someone replaced it: it is theirs).  A build whose data
has problems, or whose exports were not written, lists and removes nothing.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from workshop.core import citation
from workshop.core.exports import EXPORTS, ical, starred
from workshop.core.outputs import OWNED, owned_text, read_owned, remove_owned, replace_if_changed
from workshop.core.plan import paper_order
from workshop.site import domain
from workshop.site.builders import site_builder
from workshop.site.paperlinks import page_builder, page_uri

logger = logging.getLogger(__name__)


def made(app: Sphinx) -> set[str]:
    """Every file of the site this build made from the data, relative to its root."""
    builder = site_builder(app.builder)
    build = domain.build_data(app.env)
    workshop = build.loaded.workshop
    names: set[str] = set(build.materials())
    names |= {
        name
        for name, export in EXPORTS.items()
        if all(getattr(workshop, p) is not None for p in export.parts)
    }
    if workshop.schedule is not None and workshop.info is not None:
        names.add(starred.STARRED)
        names |= {ical.slot_name(s) for s in build.sessions().values() if not s.is_break}
    pages = page_builder(app.builder, workshop) if builder is not None else None
    if pages is not None:
        for paper in paper_order(workshop):
            page = page_uri(pages, paper.id)
            names.add(f"{page}index.html" if page.endswith("/") else page)
            names |= {path(paper.id) for path in (citation.bib_path, citation.ris_path, citation.csl_path)}
            if (Path(app.outdir) / citation.pdf_path(paper.id)).is_file():
                names.add(citation.pdf_path(paper.id))
    return names


def note_outputs(app: Sphinx, exception: BaseException | None) -> None:
    """(``build-finished``) List what this build made; remove what the last one made and this one did not."""
    if exception is not None or site_builder(app.builder) is None or app.statuscode:
        return
    if domain.build_data(app.env).loaded.problems:
        return
    outdir = Path(app.outdir)
    names = made(app)
    gone = {name: digest for name, digest in read_owned(outdir).items() if name not in names}
    try:
        replace_if_changed(outdir / OWNED, owned_text(outdir, names))
        for name in remove_owned(outdir, gone):
            logger.info("workshop: removed %s (gone from the data)", name)
    except OSError:  # the exports said a disk that refuses files; this list can wait for the next build
        return


def setup(app: Sphinx) -> None:
    app.connect("build-finished", note_outputs, priority=600)  # after the exports (500)
