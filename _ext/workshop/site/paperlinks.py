"""Links to a paper's own page (``papers/<id>.html``, :mod:`workshop.site.paperpages`):
from the accepted-papers list, from the program's paper talks, and from prose
(``{workshop:paper}``).

A link is a cross-reference of the ``workshop`` domain (:mod:`workshop.site.domain`)
until the page that holds it is written: then it becomes a link relative to that page,
or, where no paper page is made (LaTeX, text, no ``papers.yaml``), its plain text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder

from workshop.core import citation
from workshop.core.model import Workshop
from workshop.site import builders


def paper_link(content: nodes.Node, paper_id: str) -> addnodes.pending_xref:
    """A link to the page of paper ``paper_id`` around ``content``."""
    return addnodes.pending_xref(
        "", content, refdomain="workshop", reftype="paper", reftarget=paper_id, refexplicit=True
    )


def page_builder(builder: Builder, workshop: Workshop) -> StandaloneHTMLBuilder | None:
    """The builder, when this build writes a page per paper (an HTML builder, and papers
    that loaded), else ``None``."""
    if workshop.info is None or workshop.papers is None:
        return None
    return builders.site_builder(builder)


def page_name(paper_id: str) -> str:
    """The name of the page of ``paper_id`` (as a document's name: no suffix)."""
    return citation.page_path(paper_id).removesuffix(".html")


def page_uri(builder: StandaloneHTMLBuilder, paper_id: str) -> str:
    """Where the page of ``paper_id`` is written, relative to the site's root."""
    return builders.page_uri(builder, page_name(paper_id))
