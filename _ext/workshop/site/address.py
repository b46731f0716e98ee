"""The site's address, settled once per build (:mod:`workshop.core.address`): the data's
``site_url`` when set, else what ``conf.py`` gave as ``html_baseurl`` (Read the Docs'
canonical address).

At ``config-inited``, before anything reads them, ``html_baseurl`` (Sphinx's canonical
links, the sitemap, Scholar's tags, the JSON-LD, the exports' links), ``ogp_site_url``
(OpenGraph's ``og:url``) and ``notfound_urls_prefix`` (the 404 page's links) are set to the
one address, each unless ``conf.py`` set it to something of its own.  A difference between
the two addresses, or a build for publication with none, is one ``workshop.site-address``
warning.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from workshop.core import address
from workshop.core.problems import WARNING_TYPE
from workshop.site.data import BuildData

logger = logging.getLogger(__name__)


def root_path(url: str | None) -> str:
    """The path a site at ``url`` is served under, as the 404 page's links need it: ``/2023/``."""
    return urlsplit(url or "").path.rstrip("/") + "/"


def settle(app: Sphinx, config: Config, *, build: BuildData) -> None:
    """(``config-inited``, once the data is read) The one address into the settings that carry it."""
    info = build.loaded.workshop.info
    given = config.html_baseurl or None
    found = address.resolve(info.site_url if info else None, given)
    if found.warning:
        logger.warning("%s", found.warning, type=WARNING_TYPE, subtype="site-address")
    if (found.url or None) == (given if not given or given.endswith("/") else f"{given}/"):
        return  # conf.py's own already
    config.html_baseurl = found.url or ""
    if "ogp_site_url" in config and config.ogp_site_url in ("", given):
        config.ogp_site_url = found.url or ""
    if "notfound_urls_prefix" in config and config.notfound_urls_prefix == root_path(given):
        config.notfound_urls_prefix = root_path(found.url)


def setup(app: Sphinx, build: BuildData) -> None:
    # After the data is read (300), before the 404 page's prefix is escaped (500) and
    # before anything else reads the settings.
    app.connect("config-inited", functools.partial(settle, build=build), priority=350)
