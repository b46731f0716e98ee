"""Sphinx configuration of the workshop site.

Thin on purpose: the workshop's identity (project, title, copyright, navbar name)
comes from docs/data/workshop.yaml through the ``workshop.site`` extension (_ext/workshop/site),
which also renders the program, dates, committees and papers from the same data.
Build with ``nox -s docs``; the prose lives in docs/.
"""

import contextlib
import io
import os
from urllib.parse import urlsplit

from workshop.core import epoch

# Sphinx reads SOURCE_DATE_EPOCH as it starts, before any extension, and stops with a
# traceback on a value it cannot parse ("abc", "1.5"): such a value is set aside here, and
# the workshop extension says what is wrong with it (a workshop.source-date-epoch warning).
epoch.set_aside()

# sphinxext-opengraph prints a notice on import when matplotlib (for social card images,
# which this site does not make) is absent: imported here, quietly, so builds stay silent.
with contextlib.redirect_stdout(io.StringIO()):
    import sphinxext.opengraph  # noqa: F401

extensions = [
    "myst_parser",
    "sphinx_design",
    "workshop.site",
    # OpenGraph and Twitter card tags on every page (link previews); a 404 page whose links
    # work at any depth.
    "sphinxext.opengraph",
    "notfound.extension",
]

# The data folder, relative to docs/ (the source folder).
workshop_data = "data"

myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 3

root_doc = "index"
# docs/examples/ holds sample exports of the submission systems (and their README), no pages.
exclude_patterns = ["data/**", "_snippets/**", "examples/**"]
nitpicky = True
# Facts print to the letter: no curly quotes in names like Yu "Emma" Wang or MLBench'23.
smartquotes = False

html_theme = "pydata_sphinx_theme"
html_theme_options = {
    "logo": {},  # the text is the workshop's short name, from the data
    "navbar_align": "left",
    "navbar_persistent": [],
    "navbar_end": ["theme-switcher"],
    "header_links_before_dropdown": 8,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["workshop-contact"],
    "footer_center": [],
    "footer_end": ["copyright"],
    "show_prev_next": False,
    "use_edit_page_button": False,
}
# Light or dark as the reader's system prefers.  Said explicitly: left empty, the theme's
# script logs "Got invalid theme mode" to the console on a reader's first visit.
html_context = {"default_mode": "auto"}
html_sidebars = {"**": []}
html_show_sourcelink = False
html_copy_source = False
html_show_sphinx = False
html_last_updated_fmt = None
html_favicon = "docs/_static/favicon.svg"

# The site's public address: the data's site_url when workshop.yaml sets it, else the one
# Read the Docs gives the build (here); the workshop extension settles it (workshop/site/
# address.py) and sets html_baseurl, ogp_site_url and notfound_urls_prefix to it.  Pages
# then get a canonical link, the sitemap and Scholar's tags absolute addresses, and the
# program's exports (schedule.xml/.json/.ics) links that apps and calendars can follow.
# A build with no address (a local one without site_url) keeps its links relative.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

# sitemap.xml lists absolute addresses: it is written only when the site knows its own
# (without one, sphinx-sitemap's notice that it wrote none is expected, and silenced).
extensions.append("sphinx_sitemap")
suppress_warnings = ["sitemap.configuration"]
sitemap_url_scheme = "{link}"  # html_baseurl already holds the language and version
sitemap_excludes = ["search.html", "genindex.html", "404.html"]
# Link previews: the site's address (og:url, only when known), a plain card on Twitter/X.
ogp_site_url = html_baseurl
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary" />']
ogp_social_cards = {"enable": False}  # no generated images (they would need matplotlib)
# The 404 page is served at whatever address was asked for: its links start from the
# site's root (the path of the site's address, "/" for a site served at the root of its host).
notfound_urls_prefix = urlsplit(html_baseurl).path.rstrip("/") + "/"

# A seven-page site needs no general index. (Sphinx still rewrites search.html, its
# own search page, on every build; the content pages are left alone.)
html_use_index = False
