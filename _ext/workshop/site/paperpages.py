"""A page per paper, ``papers/<id>.html``: its title, authors with affiliations, track,
pages in the volume, its talk in the program (if any), abstract, PDF, BibTeX, RIS and
CSL-JSON, and in its head the scholarly metadata indexers read (:mod:`workshop.site.metadata`).
Beside each page the build puts the paper's PDF (``papers/<id>.pdf``: the volume's stamped
copy, or without a volume the camera-ready PDF), BibTeX (``papers/<id>.bib``), RIS
(``papers/<id>.ris``) and CSL-JSON (``papers/<id>.csl.json``), on the same site as Google
Scholar asks of ``citation_pdf_url``.

Why ``html-collect-pages`` (pages made from the data as the site is written) and not a
source document per paper: a paper page is a view of one entry of ``papers.yaml`` and has
no prose, so there is nothing for Sphinx to read, cache or cross-reference.  Generating
them costs a template render each (some 15 ms: seconds for 400 papers), adds no
document to the environment (so editing one paper re-reads only the pages that use
``papers.yaml`` -- the papers list, the program -- as before, and never the prose
pages), needs no files written into the source folder, and runs in the main process
after the documents are written (parallel reading and writing are untouched).  Sphinx's
own extensions see them as pages (``html-page-context``): the sitemap lists them, the
canonical link and the theme are the site's.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from workshop.core import bibtex, citation, csljson, dois, ris, wording
from workshop.core.load import Loaded
from workshop.core.manifest import PaperResult
from workshop.core.model import Paper
from workshop.core.outputs import SITE_AGAIN, SITE_ELSEWHERE, cannot_write, replace_all
from workshop.core.plan import Placement, paper_order
from workshop.core.problems import WARNING_TYPE
from workshop.core.program import Session, program
from workshop.site import data, metadata
from workshop.site.paperlinks import makes_pages, page_uri
from workshop.site.papers import list_pages
from workshop.site.schedule import page_for_day, slot_anchor
from workshop.site.volume import site_volume

logger = logging.getLogger(__name__)


def talks(loaded: Loaded) -> dict[str, Session]:
    """Each paper's (first) talk in the program: none before there is a program."""
    workshop = loaded.workshop
    if workshop.schedule is None or workshop.info is None:
        return {}
    found: dict[str, Session] = {}
    for day in program(workshop):
        for session in day.sessions:
            if session.paper is not None:
                found.setdefault(session.paper.id, session)
    return found


def _files(
    app: Sphinx, loaded: Loaded, paper: Paper, built: PaperResult | None, placement: Placement | None
) -> tuple[Path | None, bytes]:
    """(the PDF to offer, or None; the BibTeX) of a paper: the volume's, else the
    camera-ready PDF and an entry without pages."""
    if built is not None:
        folder = site_volume(app.config, loaded).folder
        return folder / built.pdf, (folder / built.bib).read_bytes()
    entry = bibtex.paper_entry(loaded.workshop, paper, placement).encode()
    pdf = loaded.locate(paper.pdf)
    return (pdf.path if pdf.ok else None), entry


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    """(``html-collect-pages``) The paper pages, and the files beside them."""
    if not makes_pages(app):
        return
    loaded = data.for_env(app.env)
    volume = site_volume(app.config, loaded)
    if volume.problem and not list_pages(app.env):  # a page listing the papers says it at its line
        logger.warning(volume.problem, type=WARNING_TYPE, subtype="proceedings")
    sessions = talks(loaded)
    outdir = Path(app.outdir)
    files: list[tuple[Path, Path | bytes]] = []
    pages = []
    for paper in paper_order(loaded.workshop):
        placement = volume.placement(paper)
        pdf, bib = _files(app, loaded, paper, volume.papers.get(paper.id), placement)
        if pdf is not None:
            files.append((outdir / citation.pdf_path(paper.id), pdf))
        files.append((outdir / citation.bib_path(paper.id), bib))
        files.append((outdir / citation.ris_path(paper.id), ris.paper(loaded.workshop, paper, placement)))
        files.append((outdir / citation.csl_path(paper.id), csljson.paper(loaded.workshop, paper, placement)))
        pages.append((paper, placement, pdf is not None, bib.decode()))
    try:
        replace_all(files)  # only files whose bytes changed
    except OSError as error:
        logger.warning(
            "the papers' PDFs and BibTeX were not copied into the site: %s",
            cannot_write(error, again=SITE_AGAIN, elsewhere=SITE_ELSEWHERE),
            type=WARNING_TYPE,
            subtype="output",
        )
        return
    # What the writer numbers figures and sections by, as Sphinx sets it before writing each
    # document (unset after a build that wrote none): these pages number nothing.
    app.builder.fignumbers, app.builder.secnumbers = {}, {}
    for paper, placement, has_pdf, bib in pages:
        yield page(app, loaded, paper, placement, has_pdf, bib, sessions.get(paper.id))


def page(
    app: Sphinx,
    loaded: Loaded,
    paper: Paper,
    placement: Placement | None,
    has_pdf: bool,
    bib: str,
    session: Session | None,
) -> tuple[str, dict, str]:
    builder = app.builder
    pagename = citation.page_path(paper.id).removesuffix(".html")
    here = page_uri(builder, paper.id)
    pdf_href = relative_uri(here, citation.pdf_path(paper.id)) if has_pdf else None
    body = builder.render_partial(_body(app, loaded, paper, placement, pdf_href, bib, session, here))
    context = {
        "title": html.escape(paper.title),  # the theme prints a page's title as HTML
        "body": body["fragment"],
        "metatags": metadata.paper_head(app, loaded.workshop, paper, placement, has_pdf),
        "display_toc": False,
        "toc": "",
        "meta": {},
        "parents": _parents(app, here),
        "sourcename": "",
    }
    return pagename, context, "page.html"


def _parents(app: Sphinx, here: str) -> list[dict]:
    """The page listing the papers, for the navigation's trail (none when no page does)."""
    lists = list_pages(app.env)
    if not lists:
        return []
    docname = lists[0]
    title = html.escape(app.env.titles[docname].astext()) if docname in app.env.titles else docname
    return [{"link": relative_uri(here, app.builder.get_target_uri(docname)), "title": title}]


def _body(
    app: Sphinx,
    loaded: Loaded,
    paper: Paper,
    placement: Placement | None,
    pdf_href: str | None,
    bib: str,
    session: Session | None,
    here: str,
) -> nodes.section:
    workshop = loaded.workshop
    info = workshop.required_info
    section = nodes.section(ids=[f"paper-{paper.id}"], classes=["workshop-paper-page"])
    section += nodes.title("", paper.title)
    authors = nodes.bullet_list(classes=["workshop-authors"])
    for person in paper.authors:
        authors += nodes.list_item("", nodes.paragraph("", person.display))
    section += authors
    track = info.track(paper.track)
    facts = [f"Track: {track.name if track else paper.track}"]
    if placement is not None:
        facts.append(
            f"{citation.pages_phrase(placement).capitalize()} of the proceedings".replace("-", "\u2013")
        )
    section += nodes.paragraph("", " \u00b7 ".join(facts), classes=["workshop-track"])
    if session is not None:
        section += _talk(app, session, here)
    links: list[nodes.Node] = []
    if pdf_href:
        links.append(nodes.reference("", "PDF", refuri=pdf_href))
    for label, path in (
        ("BibTeX", citation.bib_path),
        ("RIS", citation.ris_path),
        ("CSL-JSON", citation.csl_path),
    ):
        links.append(nodes.reference("", label, refuri=relative_uri(here, path(paper.id))))
    doi = dois.paper_doi(info, paper)
    if doi:
        links.append(nodes.reference("", f"doi:{doi}", refuri=f"https://doi.org/{doi}"))
    para = nodes.paragraph(classes=["workshop-paper-links"])
    for i, link in enumerate(links):
        if i:
            para += nodes.Text(" \u00b7 ")
        para += link
    section += para
    if paper.abstract:
        abstract = nodes.section(ids=["abstract"], classes=["workshop-abstract"])
        abstract += nodes.title("", "Abstract")
        for text in paper.abstract.split("\n\n"):
            if text.strip():
                abstract += nodes.paragraph("", text.strip("\n"))
        section += abstract
    cite = nodes.section(ids=["cite"], classes=["workshop-cite"])
    cite += nodes.title("", "Cite")
    if placement is not None:
        cite += nodes.paragraph("", citation.citation_line(info, placement), classes=["workshop-citation"])
    cite += nodes.literal_block(bib, bib, language="bibtex", classes=["workshop-bibtex"])
    section += cite
    return section


def _talk(app: Sphinx, session: Session, here: str) -> nodes.paragraph:
    """``Presented June 8, 2023, 9:40–10:00 AM (America/New_York)`` linking its row."""
    first, second = wording.time_range(session.start, session.end)
    day: dt.date = session.start.date()
    text = f"Presented {wording.date(day)}, {first}\u2013{second}"
    docname = page_for_day(app.env, day)
    if docname is None:
        return nodes.paragraph("", text, classes=["workshop-talk"])
    target = relative_uri(here, app.builder.get_target_uri(docname)) + f"#{slot_anchor(session.key)}"
    return nodes.paragraph("", "", nodes.reference("", text, refuri=target), classes=["workshop-talk"])


def setup(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_pages)
