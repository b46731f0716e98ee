"""Important dates: ``{workshop-dates}`` as a table (``:style: table``, the default) or as
sphinx-design cards (``:style: cards``), deadlines with their zone and UTC instant."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx_design.shared import create_component

from workshop.core import wording
from workshop.core.load import WithInfo
from workshop.core.model import WorkshopInfo
from workshop.site.base import WorkshopDirective


class DatesDirective(WorkshopDirective):
    option_spec = {"style": lambda arg: directives.choice(arg, ("table", "cards"))}

    def run(self) -> list[nodes.Node]:
        loaded = self.data(WithInfo)
        if loaded is None:
            return []
        info = loaded.workshop.info
        if self.options.get("style") == "cards":
            return [self.cards(info)]
        return [self.table(info)]

    def table(self, info: WorkshopInfo) -> nodes.Node:
        table = nodes.table(classes=["workshop-dates"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=40)
        group += nodes.colspec(colwidth=60)
        head = nodes.thead()
        group += head
        head += _row("What", "When")
        body = nodes.tbody()
        group += body
        for item in info.dates:
            row = _row(item.label, wording.when(info, item))
            row["classes"].append(f"workshop-date-{item.kind}")
            row["ids"].append(f"date-{item.id}")
            body += row
        return table

    def cards(self, info: WorkshopInfo) -> nodes.Node:
        row = create_component(
            "grid-row", ["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-md-4", "sd-g-3"]
        )
        for item in info.dates:
            body = create_component("card-body", ["sd-card-body"])
            body += nodes.paragraph("", item.label, classes=["sd-card-title", "sd-font-weight-bold"])
            body += nodes.paragraph(
                "", wording.date(item.date), classes=["sd-card-text", "workshop-date-day"]
            )
            if item.is_deadline:
                detail = f"{wording.deadline_time(info, item)} ({wording.deadline_utc(info, item)})"
                body += nodes.paragraph("", detail, classes=["sd-card-text", "workshop-date-detail"])
            card = create_component(
                "card",
                ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", f"workshop-date-{item.kind}"],
                children=[body],
            )
            row += create_component("grid-item", ["sd-col", "sd-d-flex-row"], children=[card])
        return create_component(
            "grid-container",
            ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "workshop-date-cards"],
            children=[row],
        )


def _row(*texts: str) -> nodes.row:
    row = nodes.row()
    for text in texts:
        row += nodes.entry("", nodes.paragraph("", text))
    return row


def setup(app: Sphinx) -> None:
    app.add_directive("workshop-dates", DatesDirective)
