"""What Chromium hands a screen reader: its accessibility tree (over the DevTools protocol),
not the page's markup.  A stylesheet can take a table's semantics away (``display: block``
on its rows did, in older browsers) while the markup still says ``<table>``; this is where
that shows."""

from __future__ import annotations

from dataclasses import dataclass

CELL_ROLES = ("cell", "gridcell", "columnheader", "rowheader")


@dataclass
class Table:
    name: str
    rows: list[list[tuple[str, str]]]  # each row's cells as (role, accessible name)

    @property
    def column_headers(self) -> list[str]:
        return [name for row in self.rows for role, name in row if role == "columnheader"]

    @property
    def body_rows(self) -> list[list[str]]:
        """The names of the cells of each row that is not the header row."""
        return [
            [name for _role, name in row]
            for row in self.rows
            if row and all(role != "columnheader" for role, _name in row)
        ]


def tables(page) -> list[Table]:
    """Every table of the accessibility tree of ``page``, with its rows and cells."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = {node["nodeId"]: node for node in session.send("Accessibility.getFullAXTree")["nodes"]}
    finally:
        session.detach()

    def role(node) -> str:
        return "" if node.get("ignored") else node.get("role", {}).get("value", "")

    def name(node) -> str:
        return " ".join(str(node.get("name", {}).get("value", "")).split())

    def below(node, wanted: tuple[str, ...]):
        """The nearest descendants of ``node`` in one of the ``wanted`` roles (through
        ignored and generic nodes, not into another table)."""
        for child_id in node.get("childIds", []):
            child = nodes.get(child_id)
            if child is None:
                continue
            if role(child) in wanted:
                yield child
            elif role(child) != "table":
                yield from below(child, wanted)

    return [
        Table(
            name(table),
            [[(role(cell), name(cell)) for cell in below(row, CELL_ROLES)] for row in below(table, ("row",))],
        )
        for table in nodes.values()
        if role(table) == "table"
    ]
