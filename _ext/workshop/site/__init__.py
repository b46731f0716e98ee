"""Sphinx extension: directives and roles that render the workshop's data."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from workshop import __version__
from workshop.site import (
    address,
    committees,
    data,
    dates,
    domain,
    downloads,
    editions,
    exports,
    facts,
    identity,
    materials,
    metadata,
    owned,
    paperpages,
    papers,
    reference,
    schedule,
    selfcheck,
    starred,
)


def setup(app: Sphinx) -> ExtensionMetadata:
    build = data.setup(app)  # this application's data: read once, reported once
    domain.setup(app, build)
    identity.setup(app, build)
    address.setup(app, build)
    for module in (
        facts,
        dates,
        committees,
        schedule,
        papers,
        paperpages,
        metadata,
        editions,
        downloads,
        exports,
        selfcheck,
        reference,
        materials,
        starred,
        owned,
    ):
        module.setup(app)
    return {
        "version": __version__,
        # State lives in the pages' doctrees, the std domain and the workshop domain (both
        # merged by Sphinx from parallel readers); the data belongs to the application,
        # which forked readers and writers inherit; exports and the papers' own pages are
        # made once, by the main process, after all documents are written.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 6,
    }
