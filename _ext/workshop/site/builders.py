"""Which builders write a web site, and where a page of it lands.

The exports, the papers' own pages and the links to files the site writes exist only
where the output folder is a web site: the HTML builders (epub packs its files before
the end, LaTeX and text have no pages to link).
"""

from __future__ import annotations

from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder

#: Builders whose output folder is a web site: they write (and link) the exports and the
#: papers' own pages.
SITE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def site_builder(builder: Builder) -> StandaloneHTMLBuilder | None:
    """``builder`` when it writes a web site, else ``None``."""
    if builder.name in SITE_BUILDERS and isinstance(builder, StandaloneHTMLBuilder):
        return builder
    return None


def page_uri(builder: StandaloneHTMLBuilder, pagename: str) -> str:
    """Where the page ``pagename`` (a document's name, or a page the site makes without
    one) is written, relative to the site's root."""
    return f"{pagename}/" if builder.name == "dirhtml" else f"{pagename}{builder.out_suffix}"
