"""What a page's head tells indexers and link previews.

- A paper's page (:mod:`workshop.site.paperpages`) carries Google Scholar's tags
  (:func:`workshop.core.citation.scholar_tags`), the same facts as schema.org
  ``ScholarlyArticle`` JSON-LD, and OpenGraph and Twitter card tags of its own
  (``og:type`` ``article``, the abstract as description).
- Pages Sphinx makes without a document (the search page, the 404 page) get the
  OpenGraph tags ``sphinxext-opengraph`` gives every document (it skips those).
- The 404 page (``sphinx-notfound-page``) starts its links from ``notfound_urls_prefix``,
  the path of the site's address (``html_baseurl``, or Read the Docs' own), which it
  writes into the page as it stands: the extension percent-encodes it first, so a
  quote or ``<`` in the address cannot end the attribute it is written in.
- The sitemap (``sphinx-sitemap``) lists every page in a stable order, also after an
  incremental build, which writes only the pages that changed (the extension lists only
  the pages written).

Everything from the data is escaped: attribute values as HTML, the JSON-LD with ``<``,
``>`` and ``&`` as JSON escapes, so no value can close the ``<script>`` it sits in.
Absolute addresses need the site's address (``html_baseurl``, which Read the Docs gives
the build); without it ``citation_pdf_url`` is relative and ``og:url`` absent.
"""

from __future__ import annotations

import html
import json
from urllib.parse import quote, unquote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config

from workshop.core import citation
from workshop.core.model import Paper
from workshop.core.plan import Placement
from workshop.core.volumefacts import VolumeFacts
from workshop.site.paperlinks import page_uri

#: The length at which a description is cut (sphinxext-opengraph's default).
DESCRIPTION_LENGTH = 200


def base_url(app: Sphinx) -> str | None:
    """``html_baseurl`` ending in ``/``, or ``None`` when the build does not know it."""
    base = app.config.html_baseurl or None
    if base and not base.endswith("/"):
        base += "/"
    return base


def meta(name: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{html.escape(name)}" content="{html.escape(content, quote=True)}" />'


def json_ld(data: dict) -> str:
    """``data`` as a JSON-LD script element that no value can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def description(text: str) -> str:
    """One line of at most :data:`DESCRIPTION_LENGTH` characters, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "\u2026"


def opengraph(app: Sphinx, title: str, url: str | None, text: str | None, kind: str = "website") -> list[str]:
    tags = [meta("og:title", title, "property"), meta("og:type", kind, "property")]
    if url:
        tags.append(meta("og:url", url, "property"))
    if app.config.project:
        tags.append(meta("og:site_name", app.config.project, "property"))
    if text:
        tags.append(meta("og:description", description(text), "property"))
    tags.append(meta("twitter:card", "summary"))
    return tags


def paper_head(
    app: Sphinx,
    builder: StandaloneHTMLBuilder,
    facts: VolumeFacts,
    paper: Paper,
    placement: Placement | None,
    has_pdf: bool,
) -> str:
    """The head of a paper's page: Scholar's tags, JSON-LD, OpenGraph."""
    base = base_url(app)
    here = page_uri(builder, paper.id)
    pdf = citation.pdf_path(paper.id)
    # Scholar reads the PDF on the page's own site: absolute when the address is known.
    pdf_url = (f"{base}{pdf}" if base else pdf.rpartition("/")[2]) if has_pdf else None
    page_url = f"{base}{here}" if base else None
    tags = [meta(name, value) for name, value in citation.scholar_tags(facts, paper, placement, pdf_url)]
    if paper.abstract:
        tags.append(meta("description", description(paper.abstract)))
    tags += opengraph(app, paper.title, page_url, paper.abstract, "article")
    absolute_pdf = pdf_url if base else None  # JSON-LD holds no address relative to the page
    tags.append(json_ld(citation.scholarly_article(facts, paper, placement, page_url, absolute_pdf)))
    return "\n".join(tags) + "\n"


def documentless_page(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """(``html-page-context``) OpenGraph tags for a page Sphinx makes without a document
    (search, 404), as sphinxext-opengraph gives every other page."""
    if doctree is not None or "og:title" in context.get("metatags", ""):
        return
    if "sphinxext.opengraph" not in app.extensions or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    base = base_url(app)
    url = f"{base}{pagename}{app.builder.out_suffix}" if base else None
    title = html.unescape(context.get("title") or app.config.project or "")
    context["metatags"] = context.get("metatags", "") + "\n".join(opengraph(app, title, url, None)) + "\n"


def complete_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """(``build-finished``, before sphinx-sitemap writes) Every document in the sitemap,
    not only those this build wrote, in one order: the same site, the same sitemap."""
    links = getattr(app, "sitemap_links", None)
    if exception is not None or links is None or "sphinx_sitemap" not in app.extensions:
        return
    from sphinx_sitemap import is_excluded

    found: dict[str, str | None] = {}
    while not links.empty():
        link, modified = links.get_nowait()
        found[link] = modified
    builder = app.builder
    if builder.name == "html" and isinstance(builder, StandaloneHTMLBuilder):
        for docname in app.env.found_docs:
            link = f"{docname}{builder.out_suffix}"
            if not is_excluded(link, app.config.sitemap_excludes):
                found.setdefault(link, None)
    for link in sorted(found):
        links.put((link, found[link]))


def escape_urls_prefix(app: Sphinx, config: Config) -> None:
    """(``config-inited``) ``notfound_urls_prefix`` percent-encoded (its ``/`` kept; an
    address already encoded stays as it was)."""
    prefix = getattr(config, "notfound_urls_prefix", None)
    if isinstance(prefix, str):
        config.notfound_urls_prefix = quote(unquote(prefix), safe="/")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", escape_urls_prefix)
    app.connect("html-page-context", documentless_page, priority=600)
    app.connect("build-finished", complete_sitemap, priority=400)
