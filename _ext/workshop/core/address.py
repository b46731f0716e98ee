"""The site's public address: one setting for every absolute link the outputs carry.

The sitemap, Google Scholar's tags, the JSON-LD, OpenGraph's ``og:url``, the calendars' and
conference apps' links (all made by the site) and BibTeX's ``url`` (made by the volume
build too, which has no Sphinx configuration to ask) all take it from here:

1. ``site_url`` in ``workshop.yaml`` when it is set: the address papers are cited by, and
   DOIs will resolve to;
2. otherwise Read the Docs' canonical address of the version it builds
   (``READTHEDOCS_CANONICAL_URL``, which the site's ``conf.py`` passes on as
   ``html_baseurl``);
3. otherwise none: links stay relative, and BibTeX has no ``url``.

When both are set and differ, one warning says which is used; a build for publication
with no address at all says so in one warning: on Read the Docs (``READTHEDOCS=True``), or
wherever ``WORKSHOP_PUBLISH=1`` says a build will be published (another host's CI).
A pull request's preview on Read the Docs is hosted elsewhere by design: no warning then.
Standard library only.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping

#: Read the Docs' address of the version it builds (with its language and version path).
CANONICAL = "READTHEDOCS_CANONICAL_URL"
#: Set to 1 by a build that will be published elsewhere than on Read the Docs.
PUBLISH = "WORKSHOP_PUBLISH"


@dataclasses.dataclass(frozen=True)
class SiteAddress:
    #: The address, ending in ``/`` (so that page paths join onto it); None when unknown.
    url: str | None
    #: What the build should warn about, or None.
    warning: str | None = None


def _slash(url: str | None) -> str | None:
    url = (url or "").strip()
    if not url:
        return None
    return url if url.endswith("/") else f"{url}/"


def resolve(
    site_url: str | None, canonical: str | None, environ: Mapping[str, str] | None = None
) -> SiteAddress:
    """The address from the data's ``site_url`` and Read the Docs' ``canonical`` one;
    ``environ`` (the process's by default) tells a build for publication from others."""
    env = os.environ if environ is None else environ
    ours, theirs = _slash(site_url), _slash(canonical)
    publishing = env.get("READTHEDOCS") == "True" or env.get(PUBLISH) == "1"
    preview = env.get("READTHEDOCS_VERSION_TYPE") == "external"
    if ours and theirs and ours != theirs and not preview:
        return SiteAddress(
            ours,
            f"site_url in workshop.yaml ({ours}) and Read the Docs' address of this build ({theirs}) "
            "differ: the site, its sitemap, Scholar's tags and BibTeX use site_url; make them one "
            "(site_url, or the Read the Docs project's domain)",
        )
    if not (ours or theirs) and publishing:
        return SiteAddress(
            None,
            "this build for publication has no address: set site_url in workshop.yaml (without it "
            "there is no sitemap, Scholar's tags and OpenGraph have no absolute addresses, and "
            "BibTeX entries no url)",
        )
    return SiteAddress(ours or theirs)


def site_address(site_url: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The address where no Sphinx configuration is at hand (the volume build): ``site_url``,
    else Read the Docs' of ``environ`` (the process's by default)."""
    env = os.environ if environ is None else environ
    return resolve(site_url, env.get(CANONICAL), env).url
