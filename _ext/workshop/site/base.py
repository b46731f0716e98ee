"""What every workshop directive shares: reaching the data it renders."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.osutil import relative_uri

from workshop.core.load import FILES, Loaded
from workshop.core.problems import WARNING_TYPE
from workshop.site import data

logger = logging.getLogger(__name__)

#: Builders whose output folder is a web site (epub packs its files before the end): they
#: write (and link) the exports and the papers' own pages.
SITE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


class DataUser:
    """Mixin for directives and roles: ``self.data()`` notes the files of ``parts``
    as dependencies of the page and returns the loaded data, or ``None`` (with a
    warning at the page) when a part is missing."""

    #: Parts of the model (keys of :data:`workshop.core.load.FILES`) this renderer needs.
    parts: ClassVar[tuple[str, ...]] = ("info",)
    #: Parts it reads when they exist (still dependencies: creating the file re-reads the page).
    optional_parts: ClassVar[tuple[str, ...]] = ()

    def data(self) -> Loaded | None:
        result = data.use(self.env, *self.parts, *self.optional_parts)
        for part in self.parts:
            if getattr(result.workshop, part) is None:
                name, _, required = FILES[part]
                # Broken (a link out or a loop too), or missing but required: already reported.
                if required or os.path.lexists(result.files[part]):
                    return None
                logger.warning(
                    "%s needs %s in the data folder (%s), which does not exist",
                    self.name,
                    name,
                    result.data_dir,
                    type=WARNING_TYPE,
                    subtype="missing-file",
                    location=self.get_location(),
                )
                return None
        return result


class WorkshopDirective(DataUser, SphinxDirective):
    def warn(self, message: str, subtype: str = "directive") -> list[nodes.Node]:
        logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=self.get_location())
        return []


class WorkshopRole(DataUser, SphinxRole):
    def warn(self, message: str, subtype: str = "fact") -> tuple[list[nodes.Node], list]:
        logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=self.get_location())
        return [nodes.inline(self.rawtext, self.text, classes=["workshop-missing"])], []


def resolve_file_links(
    app: Sphinx,
    doctree: nodes.document,
    docname: str,
    attribute: str,
    otherwise: Callable[[nodes.reference], None],
) -> None:
    """Point each reference marked with ``attribute`` (a file the site writes, by its name in
    the output folder) at that file, relative to the page; a builder that writes no site
    gets ``otherwise(reference)`` instead (there is no file to link to)."""
    for link in list(doctree.findall(nodes.reference)):
        name = link.get(attribute)
        if name is None:
            continue
        if app.builder.name in SITE_BUILDERS:
            link["refuri"] = relative_uri(app.builder.get_target_uri(docname), name)
        else:
            otherwise(link)
