"""A page per paper, ``papers/<id>.html``: its title, authors with affiliations, track,
pages in the volume, its talk in the program (if any), abstract, PDF, BibTeX, RIS and
CSL-JSON, and in its head the scholarly metadata indexers read (:mod:`workshop.site.metadata`).
Beside each page the build puts the paper's PDF (``papers/<id>.pdf``: the volume's stamped
copy, or without a volume the camera-ready PDF), BibTeX (``papers/<id>.bib``), RIS
(``papers/<id>.ris``) and CSL-JSON (``papers/<id>.csl.json``), on the same site as Google
Scholar asks of ``citation_pdf_url``.

Why ``html-collect-pages`` (pages made from the data as the site is written) and not a
source document per paper: a paper page is a view of one entry of ``papers.yaml`` and has
no prose, so there is nothing for Sphinx to read or cache (the ``workshop`` domain makes
each a target of cross-references all the same: :mod:`workshop.site.domain`).  Generating
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
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from workshop.core import bibtex, citation, csljson, dois, ris, wording
from workshop.core.load import Loaded, WithPapers
from workshop.core.model import Paper, Poster
from workshop.core.plan import Placement, paper_order
from workshop.core.problems import WARNING_TYPE
from workshop.core.program import Session
from workshop.core.volumefacts import VolumeFacts
from workshop.site import domain, materials, metadata, starred
from workshop.site.base import write_outputs
from workshop.site.paperlinks import page_builder, page_name, page_uri
from workshop.site.volume import SiteVolume

logger = logging.getLogger(__name__)


#: A paper's place in the program: a slot, and its entry when the slot shows posters.
Shown = tuple[Session, Poster | None]


def presentations(sessions: dict[str, Session]) -> dict[str, list[Shown]]:
    """Each paper's talks and posters in the program (``sessions``, in the program's order)."""
    found: dict[str, list[Shown]] = {}
    for session in sessions.values():
        if session.paper is not None:
            found.setdefault(session.paper.id, []).append((session, None))
        for paper, poster in session.posters:
            if paper is not None:
                found.setdefault(paper.id, []).append((session, poster))
    return found


def _files(
    loaded: Loaded[WithPapers], facts: VolumeFacts, volume: SiteVolume, paper: Paper
) -> tuple[Path | None, bytes]:
    """(the PDF to offer, or None; the BibTeX) of a paper: the volume's, else the
    camera-ready PDF and an entry without pages."""
    built = volume.papers.get(paper.id)
    if volume.folder is not None and built is not None:
        return volume.folder / built.pdf, (volume.folder / built.bib).read_bytes()
    entry = bibtex.paper_entry(facts, paper, None).encode()
    pdf = loaded.locate(paper.pdf)
    return (pdf.path if pdf.ok else None), entry


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    """(``html-collect-pages``) The paper pages, and the files beside them."""
    build = domain.build_data(app.env)
    builder = page_builder(app.builder, build.loaded.workshop)
    loaded = build.loaded.narrowed(WithPapers)
    if builder is None or loaded is None:
        return
    facts = build.facts(loaded)
    volume = build.volume(app.config)  # checked once, for every paper
    if volume.problem and not domain.of(app.env).paper_list_pages():
        logger.warning(volume.problem, type=WARNING_TYPE, subtype="proceedings")  # else said at that page
    outdir = Path(app.outdir)
    files: list[tuple[Path, Path | bytes]] = []
    pages: list[tuple[Paper, Placement | None, bool, str]] = []
    for paper in paper_order(loaded.workshop):
        pdf, bib = _files(loaded, facts, volume, paper)
        if pdf is not None:
            files.append((outdir / citation.pdf_path(paper.id), pdf))
        files.append((outdir / citation.bib_path(paper.id), bib))
        placement = volume.placement(paper)
        files.append((outdir / citation.ris_path(paper.id), ris.paper(facts, paper, placement)))
        files.append((outdir / citation.csl_path(paper.id), csljson.paper(facts, paper, placement)))
        pages.append((paper, placement, pdf is not None, bib.decode()))
    if (
        write_outputs(files, "the papers' PDFs, BibTeX, RIS and CSL-JSON were not copied into the site")
        is None
    ):
        return
    # What the writer numbers figures and sections by, as Sphinx sets it before writing each
    # document (unset after a build that wrote none): these pages number nothing.
    builder.fignumbers, builder.secnumbers = {}, {}
    shown = presentations(build.sessions())
    for paper, placement, has_pdf, entry in pages:
        yield page(app, builder, loaded, facts, paper, placement, has_pdf, entry, shown.get(paper.id, []))


def page(
    app: Sphinx,
    builder: StandaloneHTMLBuilder,
    loaded: Loaded[WithPapers],
    facts: VolumeFacts,
    paper: Paper,
    placement: Placement | None,
    has_pdf: bool,
    bib: str,
    shown: list[Shown],
) -> tuple[str, dict, str]:
    here = page_uri(builder, paper.id)
    pdf_href = relative_uri(here, citation.pdf_path(paper.id)) if has_pdf else None
    talk = next((session for session, poster in shown if poster is None), None)
    extra: list[nodes.Node] = [_presented(app, builder, session, poster, here) for session, poster in shown]
    published = domain.build_data(app.env).materials()
    extra += materials.paper_nodes(paper, talk, published, here)
    body = builder.render_partial(_body(loaded, facts, paper, placement, pdf_href, bib, extra, here))
    context = {
        "title": html.escape(paper.title),  # the theme prints a page's title as HTML
        "body": body["fragment"],
        "metatags": metadata.paper_head(app, builder, facts, paper, placement, has_pdf),
        "display_toc": False,
        "toc": "",
        "meta": {},
        "parents": _parents(app, builder, here),
        "sourcename": "",
    }
    return page_name(paper.id), context, "page.html"


def _parents(app: Sphinx, builder: StandaloneHTMLBuilder, here: str) -> list[dict]:
    """The page listing the papers, for the navigation's trail (none when no page does)."""
    lists = domain.of(app.env).paper_list_pages()
    if not lists:
        return []
    docname = lists[0]
    title = html.escape(app.env.titles[docname].astext()) if docname in app.env.titles else docname
    return [{"link": relative_uri(here, builder.get_target_uri(docname)), "title": title}]


def _body(
    loaded: Loaded[WithPapers],
    facts: VolumeFacts,
    paper: Paper,
    placement: Placement | None,
    pdf_href: str | None,
    bib: str,
    extra: list[nodes.Node],
    here: str,
) -> nodes.section:
    info = loaded.workshop.info
    section = nodes.section(ids=[f"paper-{paper.id}"], classes=["workshop-paper-page"])
    section += nodes.title("", paper.title)
    authors = nodes.bullet_list(classes=["workshop-authors"])
    for person in paper.authors:
        authors += nodes.list_item("", nodes.paragraph("", person.display))
    section += authors
    track = info.track(paper.track)
    details = [f"Track: {track.name if track else paper.track}"]
    if placement is not None:
        details.append(
            f"{citation.pages_phrase(placement).capitalize()} of the proceedings".replace("-", "\u2013")
        )
    section += nodes.paragraph("", " \u00b7 ".join(details), classes=["workshop-track"])
    section += extra
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
        cite += nodes.paragraph("", citation.citation_line(facts, placement), classes=["workshop-citation"])
    cite += nodes.literal_block(bib, bib, language="bibtex", classes=["workshop-bibtex"])
    section += cite
    return section


def _presented(
    app: Sphinx, builder: StandaloneHTMLBuilder, session: Session, poster: Poster | None, here: str
) -> nodes.paragraph:
    """``Presented June 8, 2023, 9:40–10:00 AM`` (a poster: ``Poster on board 2, ...``, its
    room), linking the program's row, with the slot's star."""
    first, second = wording.time_range(session.start, session.end)
    day: dt.date = session.start.date()
    when = f"{wording.date(day)}, {first}\u2013{second}"
    if poster is not None:
        board = f" on board {poster.board}" if poster.board else ""
        text = f"Poster{board}, {when}"
    else:
        text = f"Presented {when}"
    if session.room is not None:
        text += f", {session.room.name}"
    para = nodes.paragraph("", classes=["workshop-talk"])
    docname = domain.of(app.env).slot_page(session.key)
    if docname is None:
        para += nodes.Text(text)
    else:
        target = relative_uri(here, builder.get_target_uri(docname)) + f"#{domain.slot_anchor(session.key)}"
        para += nodes.reference("", text, refuri=target)
    para += [nodes.Text(" "), starred.star_node(session.key, session.title)]
    return para


def setup(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_pages)
