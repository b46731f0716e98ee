"""The organizers' data reference, made from the model (:mod:`workshop.core.reference`):
``{workshop-data-reference}`` writes a section per data file and per mapping inside one,
each key with how its value is written, whether it is required (or its default) and what
it means; ``{workshop-problem-codes}`` lists every warning the data can raise
(:data:`workshop.core.problems.CODES`).  Nothing here is typed twice: a key added to the
model is on the page at the next build."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from workshop.core import reference
from workshop.core.problems import CODES, WARNING_TYPE


def anchor(model: str) -> str:
    return f"data-{model.lower()}"


def _key(key: reference.Key, where: tuple[str, int]) -> nodes.definition_list_item:
    item = nodes.definition_list_item()
    item.source, item.line = where  # Sphinx's transforms read where a term stands
    term = nodes.term("", "", nodes.literal(text=key.name))
    item += term
    item += nodes.classifier(text=f"{key.kind}; {key.presence}")
    meaning = nodes.paragraph(text=key.meaning[:1].upper() + key.meaning[1:])
    if key.section is not None:
        meaning += nodes.Text("; its keys: ")
        meaning += nodes.reference("", key.section, internal=True, refid=anchor(key.target or ""))
    meaning += nodes.Text(".")
    item += nodes.definition("", meaning)
    return item


class DataReferenceDirective(SphinxDirective):
    """Every data file and every mapping inside one, as sections of the page."""

    def run(self) -> list[nodes.Node]:
        found: list[nodes.Node] = []
        for part in reference.sections():
            section = nodes.section(ids=[anchor(part.model)], names=[nodes.fully_normalize_name(part.title)])
            section += nodes.title(text=part.title)
            if part.about:
                section += nodes.paragraph(text=part.about)
            listing = nodes.definition_list(classes=["workshop-reference"])
            for key in part.keys:
                listing += _key(key, self.get_source_info())
            section += listing
            found.append(section)
        return found


class ProblemCodesDirective(SphinxDirective):
    """Every subtype of the ``workshop`` warnings, with what it means."""

    def run(self) -> list[nodes.Node]:
        listing = nodes.definition_list(classes=["workshop-reference"])
        for code, meaning in CODES.items():
            item = nodes.definition_list_item()
            item.source, item.line = self.get_source_info()
            item += nodes.term("", "", nodes.literal(text=f"{WARNING_TYPE}.{code}"))
            item += nodes.definition("", nodes.paragraph(text=meaning[:1].upper() + meaning[1:]))
            listing += item
        return [listing]


def setup(app: Sphinx) -> None:
    app.add_directive("workshop-data-reference", DataReferenceDirective)
    app.add_directive("workshop-problem-codes", ProblemCodesDirective)
