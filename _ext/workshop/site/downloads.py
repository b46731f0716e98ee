"""Links to the exports: ``{workshop-downloads} schedule.ics schedule.xml`` lists the named
files of :data:`workshop.core.exports.EXPORTS` for readers to take with them.

The files sit at the root of the output folder, so each link is made relative to
the page when the page is written (``doctree-resolved``); builders that make no
web site (LaTeX, text) print the file's name without a link.

Paper has nothing to download: the print stylesheet leaves the lists out, and with them
a section that holds nothing else to read (see :class:`DownloadSections`).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from workshop.core.exports import EXPORTS
from workshop.site.base import WorkshopDirective, resolve_file_links

#: Attribute of a placeholder reference naming the export it links to.
EXPORT_ATTRIBUTE = "workshop_export"
#: Class of a download list, and of a section that only offers downloads (the stylesheet
#: leaves both out of print).
LIST_CLASS = "workshop-downloads"
SECTION_CLASS = "workshop-downloads-section"


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
        if any(self.data(export.needs) is None for export in chosen):
            return []
        items = nodes.bullet_list(classes=[LIST_CLASS])
        for export in chosen:
            link = nodes.reference("", export.label, refuri=export.name)
            link[EXPORT_ATTRIBUTE] = export.name
            para = nodes.paragraph("", "", link, nodes.Text(" "), nodes.literal("", export.name))
            items += nodes.list_item("", para)
        return [items]


#: What may stand beside the downloads in a section that only offers them.
INTRODUCING = (nodes.title, nodes.paragraph, nodes.target, nodes.comment)


def is_download_list(node: nodes.Node) -> bool:
    return isinstance(node, nodes.bullet_list) and LIST_CLASS in node["classes"]


def is_marked(node: nodes.Node) -> bool:
    return isinstance(node, nodes.section) and SECTION_CLASS in node["classes"]


class DownloadSections(SphinxTransform):
    """Marks a section that only offers downloads: its heading, prose introducing them, and
    download lists (or subsections that only offer downloads).  On paper, where the lists
    are not printed, the heading and the sentence would stand over an empty space; the
    stylesheet leaves out the whole section instead.  A page's own section, or one holding
    anything more (a table, another subsection), keeps its content on paper, and only its
    lists are left out."""

    default_priority = 500  # any time after parsing: only the structure matters

    def apply(self, **kwargs) -> None:
        # Innermost first, so a section whose subsections are all marked is marked in turn.
        for section in reversed(list(self.document.findall(nodes.section))):
            if isinstance(section.parent, nodes.document):
                continue  # the page itself
            offers = [is_download_list(child) or is_marked(child) for child in section.children]
            if any(offers) and all(
                offer or isinstance(child, INTRODUCING)
                for offer, child in zip(offers, section.children, strict=False)
            ):
                section["classes"].append(SECTION_CLASS)


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    resolve_file_links(
        app,
        doctree,
        docname,
        EXPORT_ATTRIBUTE,
        lambda link: link.replace_self(nodes.inline("", link.astext())),
    )


def setup(app: Sphinx) -> None:
    app.add_directive("workshop-downloads", DownloadsDirective)
    app.add_transform(DownloadSections)
    app.connect("doctree-resolved", resolve_links)
