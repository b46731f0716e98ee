"""Earlier editions of the workshop: ``{workshop-editions}`` lists ``editions`` of
``workshop.yaml`` with their links."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from workshop.core.load import WithInfo
from workshop.site.base import WorkshopDirective


class EditionsDirective(WorkshopDirective):
    def run(self) -> list[nodes.Node]:
        loaded = self.data(WithInfo)
        if loaded is None:
            return []
        items = nodes.bullet_list(classes=["workshop-editions"])
        for edition in loaded.workshop.info.editions:
            para = nodes.paragraph()
            label = f"{edition.name} ({edition.year})"
            para += nodes.reference("", label, refuri=edition.url) if edition.url else nodes.Text(label)
            items += nodes.list_item("", para)
        return [items]


def setup(app: Sphinx) -> None:
    app.add_directive("workshop-editions", EditionsDirective)
