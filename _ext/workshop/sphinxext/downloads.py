"""Links to the exports: ``{workshop-downloads} schedule.ics schedule.xml`` lists the named
files of :data:`workshop.exports.EXPORTS` for readers to take with them.

The files sit at the root of the output folder, so each link is made relative to
the page when the page is written (``doctree-resolved``); builders that make no
web site (LaTeX, text) print the file's name without a link.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..exports import EXPORTS
from .base import WorkshopDirective
from .exports import SITE_BUILDERS

#: Attribute of a placeholder reference naming the export it links to.
EXPORT_ATTRIBUTE = "workshop_export"


class DownloadsDirective(WorkshopDirective):
    required_arguments = 1
    optional_arguments = len(EXPORTS) - 1

    def run(self) -> list[nodes.Node]:
        unknown = [name for name in self.arguments if name not in EXPORTS]
        if unknown:
            return self.warn(
                f"workshop-downloads: no export {', '.join(unknown)} (known: {', '.join(EXPORTS)})"
            )
        chosen = [EXPORTS[name] for name in self.arguments]
        # The files are written only when the data they come from exists: say so here.
        self.parts = tuple(dict.fromkeys(part for export in chosen for part in export.parts))
        if self.data() is None:
            return []
        items = nodes.bullet_list(classes=["workshop-downloads"])
        for export in chosen:
            link = nodes.reference("", export.label, refuri=export.name)
            link[EXPORT_ATTRIBUTE] = export.name
            para = nodes.paragraph("", "", link, nodes.Text(" "), nodes.literal("", export.name))
            items += nodes.list_item("", para)
        return [items]


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for link in list(doctree.findall(nodes.reference)):
        name = link.get(EXPORT_ATTRIBUTE)
        if name is None:
            continue
        if app.builder.name in SITE_BUILDERS:
            link["refuri"] = relative_uri(app.builder.get_target_uri(docname), name)
        else:
            link.replace_self(nodes.inline("", link.astext()))


def setup(app: Sphinx) -> None:
    app.add_directive("workshop-downloads", DownloadsDirective)
    app.connect("doctree-resolved", resolve_links)
