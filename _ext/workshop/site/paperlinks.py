"""Links to a paper's own page (``papers/<id>.html``, :mod:`workshop.site.paperpages`):
from the accepted-papers list and from the program's paper talks.

The pages are made by the HTML builders only, so a link is a placeholder until the page
that holds it is written (``doctree-resolved``): then it becomes a link relative to that
page, or, where no paper page is made (LaTeX, text, no ``papers.yaml``), its plain text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri

from workshop.core import citation
from workshop.site import data
from workshop.site.base import SITE_BUILDERS

#: Attribute of a placeholder reference naming the paper whose page it links to.
PAGE_ATTRIBUTE = "workshop_paper_page"


def paper_link(content: nodes.Node, paper_id: str) -> nodes.reference:
    """A link to the page of paper ``paper_id`` around ``content``."""
    link = nodes.reference("", "", content, refuri=citation.page_path(paper_id), internal=True)
    link[PAGE_ATTRIBUTE] = paper_id
    return link


def makes_pages(app: Sphinx) -> bool:
    """Whether this build writes a page per paper: an HTML builder and papers that loaded."""
    workshop = data.for_env(app.env).workshop
    return app.builder.name in SITE_BUILDERS and workshop.info is not None and workshop.papers is not None


def page_uri(builder: Builder, paper_id: str) -> str:
    """Where the page of ``paper_id`` is written, relative to the site's root."""
    pagename = citation.page_path(paper_id).removesuffix(".html")
    return f"{pagename}/" if builder.name == "dirhtml" else f"{pagename}{builder.out_suffix}"


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    pages = makes_pages(app)
    for link in list(doctree.findall(nodes.reference)):
        paper_id = link.get(PAGE_ATTRIBUTE)
        if paper_id is None:
            continue
        if pages:
            link["refuri"] = relative_uri(
                app.builder.get_target_uri(docname), page_uri(app.builder, paper_id)
            )
        else:
            link.replace_self(link.children)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_links)
