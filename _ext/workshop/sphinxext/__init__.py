"""Sphinx extension: directives and roles that render the workshop's data."""

from __future__ import annotations

from sphinx.application import Sphinx

from .. import __version__
from . import committees, data, dates, editions, facts, identity, papers, schedule


def setup(app: Sphinx) -> dict:
    app.add_config_value("workshop_data", "data", "env", str)
    app.connect("config-inited", data.report)
    for module in (identity, facts, dates, committees, schedule, papers, editions):
        module.setup(app)
    return {
        "version": __version__,
        # Every piece of state lives in the pages' doctrees or in the std domain,
        # which Sphinx merges itself; the data is read per process.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 1,
    }
