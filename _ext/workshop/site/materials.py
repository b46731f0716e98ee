"""A talk's materials on the site (:mod:`workshop.core.materials`): the links of a program
row and of a paper's page, the files copied beside the pages, and a video played in the
page where the data asks.

Files go to ``materials/<owner>/<kind>.<type>`` (``owner``: ``paper-<id>``, or
``slot-<key>`` for an invited talk's), copied as the paper pages are made, only those the
loader found publishable: a file it refused is a warning at its line, and is neither
copied nor linked.  A link to a file is made relative to its page when the page is written
(a builder that makes no site drops it).  An embedded video is a link and a button until
the reader presses play (``workshop-paper.js`` then puts the player in its place): no
request goes to the video's host before that.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from workshop.core.materials import Item, embed_url, file_type, items
from workshop.core.model import Paper
from workshop.core.program import Session
from workshop.site import domain
from workshop.site.base import write_outputs
from workshop.site.builders import site_builder

#: Attribute of a link to a material file: the file's place in the site.
MATERIAL_ATTRIBUTE = "workshop_material"
SEPARATOR = " \u00b7 "


def label(item: Item) -> str:
    """``Slides (PDF)`` for a file, ``Code`` for a link."""
    return f"{item.label} ({file_type(item.value)})" if item.site_path else item.label


def link_nodes(items: list[Item], title: str, here: str | None = None) -> list[nodes.Node]:
    """``Slides (PDF) · Video · Code``, each titled with the talk it belongs to.  A file's
    link is resolved when its page is written, or at once relative to ``here`` (a page the
    site makes without a document)."""
    found: list[nodes.Node] = []
    for item in items:
        if found:
            found.append(nodes.Text(SEPARATOR))
        link = nodes.reference(
            "",
            label(item),
            refuri=item.address,
            reftitle=f"{item.label}: {title}",
            classes=[f"workshop-link-{item.kind}"],
        )
        if item.site_path and here is not None:
            link["refuri"] = relative_uri(here, item.site_path)
        elif item.site_path:
            link[MATERIAL_ATTRIBUTE] = item.site_path
        found.append(link)
    return found


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each link to a material file, relative to the page; a file the site does not
    publish (or a builder that makes no site) leaves no link, nor the separator before it."""
    published = domain.build_data(app.env).materials()
    builder = site_builder(app.builder)
    for link in list(doctree.findall(nodes.reference)):
        path = link.get(MATERIAL_ATTRIBUTE)
        if path is None:
            continue
        if builder is not None and path in published:
            link["refuri"] = relative_uri(builder.get_target_uri(docname), path)
            continue
        parent = link.parent
        index = parent.index(link)
        beside = parent[index - 1] if index else (parent[index + 1] if index + 1 < len(parent) else None)
        if isinstance(beside, nodes.Text) and beside.astext() == SEPARATOR:
            parent.remove(beside)
        parent.remove(link)


def copy_files(app: Sphinx) -> list:
    """(``html-collect-pages``) The material files the site publishes, beside the pages."""
    if site_builder(app.builder) is None:
        return []
    outdir = Path(app.outdir)
    files = domain.build_data(app.env).materials()
    write_outputs(
        [(outdir / path, source) for path, source in sorted(files.items())],
        "the talks' material files were not copied into the site",
    )
    return []


class video_player(nodes.General, nodes.Element):
    """A video to play in the page once the reader asks: HTML writes a hidden button that
    ``workshop-paper.js`` shows, and replaces with the player when pressed."""


def visit_video_html(self, node: video_player) -> None:
    host = node["host"]
    self.body.append(
        self.starttag(
            node,
            "div",
            "",
            CLASS="workshop-video",
            **{"data-embed": node["embed"], "data-title": node["title"]},
        )
    )
    self.body.append(
        f'<button type="button" class="workshop-video-play" hidden>Play the video here '
        f"(it then loads from {self.encode(host)})</button>"
    )


def depart_video_html(self, node: video_player) -> None:
    self.body.append("</div>\n")


def video_node(video: str, title: str) -> nodes.Node | None:
    """The player of ``video`` in a page, when its host has one without tracking."""
    embed = embed_url(video)
    if embed is None:
        return None
    return video_player(embed=embed, host=embed.split("/")[2], title=f"Video: {title}")


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """A paper's page copies its BibTeX and plays its video with ``workshop-paper.js``."""
    if pagename.startswith("papers/") and site_builder(app.builder) is not None:
        app.add_js_file("workshop-paper.js", loading_method="defer")


def setup(app: Sphinx) -> None:
    # Only the paper pages (HTML alone) have one.
    app.add_node(video_player, html=(visit_video_html, depart_video_html))
    app.connect("doctree-resolved", resolve_links)
    # Before the paper pages (priority 500), so their links find the files in place.
    app.connect("html-collect-pages", copy_files, priority=400)
    app.connect("html-page-context", add_script)


def paper_nodes(
    paper: Paper, talk: Session | None, published: dict[str, Path], here: str
) -> list[nodes.Node]:
    """A paper's materials on its page (its talk's, which add to its own), and its video
    player where the data asks."""
    found = talk.materials if talk is not None else items([(paper.links, f"paper-{paper.id}")])
    found = [item for item in found if not item.site_path or item.site_path in published]
    result: list[nodes.Node] = []
    if found:
        para = nodes.paragraph("", "", classes=["workshop-paper-materials"])
        para += nodes.inline("", "Materials: ", classes=["workshop-role"])
        para += link_nodes(found, paper.title, here)
        result.append(para)
    slot = talk.slot.links if talk is not None else None
    source = slot if slot is not None and slot.video else paper.links
    if source is not None and source.embed_video and source.video:
        player = video_node(source.video, paper.title)
        if player is not None:
            result.append(player)
    return result
