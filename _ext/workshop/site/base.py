"""What every workshop directive shares: reaching the data it renders."""

from __future__ import annotations

import os
from typing import ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

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
