"""What the extension's parts share: directives and roles reaching the data they render,
links to the files the site writes, and writing those files."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.osutil import relative_uri

from workshop.core.load import FILES, Loaded, required_parts
from workshop.core.model import Workshop
from workshop.core.outputs import SITE_AGAIN, SITE_ELSEWHERE, cannot_write, replace_all
from workshop.core.problems import WARNING_TYPE
from workshop.site.builders import site_builder
from workshop.site.domain import build_data

logger = logging.getLogger(__name__)


class Renderer(Protocol):
    """What :class:`DataUser` needs of the directive or role it is mixed into."""

    @property
    def optional_parts(self) -> tuple[str, ...]: ...
    @property
    def name(self) -> str: ...
    @property
    def env(self) -> BuildEnvironment: ...

    def get_location(self) -> str: ...


V = TypeVar("V", bound=Workshop)


class DataUser:
    """Mixin for directives and roles: ``self.data(kind)`` notes the files of the parts
    ``kind`` guarantees (and of :attr:`optional_parts`) as dependencies of the page and
    returns the loaded data narrowed to ``kind`` (:mod:`workshop.core.load`), or ``None``
    (with a warning at the page) when a part is missing: the site's one check that the
    parts it renders are there."""

    #: Parts it reads when they exist (still dependencies: creating the file re-reads the page).
    optional_parts: tuple[str, ...] = ()

    def data(self: Renderer, kind: type[V]) -> Loaded[V] | None:
        parts = required_parts(kind)
        result = build_data(self.env).use(self.env, *parts, *self.optional_parts)
        narrow = result.narrowed(kind)
        if narrow is not None:
            return narrow
        part = next(part for part in parts if getattr(result.workshop, part) is None)
        name, _, required = FILES[part]
        # Broken (a link out or a loop too), or missing but required: already reported.
        if not required and not os.path.lexists(result.files[part]):
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


class WorkshopDirective(DataUser, SphinxDirective):
    def warn(self, message: str, subtype: str = "directive") -> list[nodes.Node]:
        logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=self.get_location())
        return []

    def download(self, path: Path, text: str) -> addnodes.download_reference:
        """A link to a file the build copies into the site (and tracks as a dependency)."""
        return addnodes.download_reference(
            "",
            "",
            nodes.inline("", text),
            reftarget="/" + os.path.relpath(path, self.env.srcdir),
            refexplicit=True,
            refdoc=self.env.docname,
            refdomain="",
            reftype="download",
        )


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
        if site_builder(app.builder) is not None:
            link["refuri"] = relative_uri(app.builder.get_target_uri(docname), name)
        else:
            otherwise(link)


def write_outputs(outputs: Sequence[tuple[Path, Path | bytes]], failed: str) -> list[Path] | None:
    """Put ``outputs`` (a path in the output folder, and a file to copy there or its
    bytes) in place, all or none, each only when its bytes changed; the paths written.  A
    disk that refuses them is a ``workshop.output`` warning, ``failed: <what to do>``, and
    ``None`` (the last ones are left as they were)."""
    try:
        return replace_all(outputs)
    except OSError as error:
        # cannot_write's words last: `python -m workshop.site.build` says them as its one line.
        logger.warning(
            "%s: %s",
            failed,
            cannot_write(error, again=SITE_AGAIN, elsewhere=SITE_ELSEWHERE),
            type=WARNING_TYPE,
            subtype="output",
        )
        return None
