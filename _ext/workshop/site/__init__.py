"""Sphinx extension: directives and roles that render the workshop's data."""

from __future__ import annotations

from sphinx.application import Sphinx

from workshop import __version__
from workshop.site import (
    address,
    committees,
    data,
    dates,
    downloads,
    editions,
    exports,
    facts,
    identity,
    metadata,
    paperlinks,
    paperpages,
    papers,
    reference,
    schedule,
)


def setup(app: Sphinx) -> dict:
    app.add_config_value("workshop_data", "data", "env", str)
    app.connect("config-inited", data.report)
    for module in (
        address,
        identity,
        facts,
        dates,
        committees,
        schedule,
        papers,
        paperlinks,
        paperpages,
        metadata,
        editions,
        downloads,
        exports,
        reference,
    ):
        module.setup(app)
    return {
        "version": __version__,
        # State lives in the pages' doctrees, the std domain (merged by Sphinx) and
        # env.workshop_program_pages (merged by its collector); the data is read per
        # process; exports and the papers' own pages are made once, by the main process,
        # after all documents are written.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 4,
    }
