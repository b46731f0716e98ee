"""Reports of the check: a table for the terminal and JSON for tools and the volume.

The JSON report is ``{"summary": ..., "records": [...]}`` with the records'
:meth:`~workshop.engine.records.CheckRecord.to_json` in check order, the same bytes for
the same input; :func:`write_report` replaces the file atomically, so a reader never
sees half a report, and only when its bytes change.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from workshop.core.outputs import cannot_write, replace_if_changed
from workshop.core.problems import WorkshopError, shown_path, terminal, terminal_json
from workshop.engine.records import CheckRecord, Verdict, page_ranges

if TYPE_CHECKING:
    from rich.text import Text

_STYLE = {
    Verdict.PASS: "bold green",
    Verdict.FAIL: "bold red",
    Verdict.REVIEW: "bold yellow",
    Verdict.ERROR: "bold magenta",
}


def summary(records: Sequence[CheckRecord]) -> dict[str, int]:
    counts = {"papers": len(records)}
    counts.update({v.value: sum(1 for r in records if r.verdict == v) for v in Verdict})
    counts["admitted"] = sum(1 for r in records if r.admitted)
    return counts


def report_json(records: Sequence[CheckRecord]) -> dict[str, Any]:
    return {"summary": summary(records), "records": [r.to_json() for r in records]}


def dumps(records: Sequence[CheckRecord]) -> str:
    return terminal_json(json.dumps(report_json(records), indent=2, ensure_ascii=False)) + "\n"


def write_report(
    records: Sequence[CheckRecord], path: Path, *, command: str = "check", elsewhere: str = "--report PATH"
) -> bool:
    """Write the JSON report to ``path`` by the rule every output follows
    (:func:`workshop.core.outputs.replace_if_changed`): whole or not at all, and not at all
    when the file already holds these bytes, so a check that finds nothing new touches
    nothing.  Whether it was written; a folder or file that cannot be written (a full
    disk, a read-only folder) is a :class:`WorkshopError` that says to run ``command``
    again or to write elsewhere with the option ``elsewhere``."""
    try:
        return replace_if_changed(path, dumps(records).encode("utf-8"))
    except OSError as error:
        words = cannot_write(
            error,
            again=f"run the {command} again",
            elsewhere=elsewhere,
            otherwise="cannot write the report here",
        )
        raise WorkshopError(words, file=shown_path(path)) from None


def _verdict_cell(record: CheckRecord) -> Text:
    from rich.text import Text

    text = Text(str(record.verdict), style=_STYLE[Verdict(record.verdict)])
    if record.admitted_by_decision:
        text.append(" (admitted)", style="green")
    return text


def print_table(records: Sequence[CheckRecord], stream: TextIO | None = None) -> None:
    """The readable report: one row per paper, then each paper's evidence."""
    # rich only here: --json and the volume build's report file do without it.
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Evidence lines are not wrapped (soft_wrap): they stay whole when copied into a mail.
    console = Console(file=stream, highlight=False, soft_wrap=True)
    table = Table(title="Page-limit check", title_justify="left")
    table.add_column("paper", overflow="fold")
    table.add_column("track")
    table.add_column("counted", justify="right")
    table.add_column("total", justify="right")
    table.add_column("limit", justify="right")
    table.add_column("refs only")
    table.add_column("verdict")
    # Everything from data or PDFs goes in as Text, never as rich markup: a file named
    # "[/x].pdf" or a heading "[1]" is printed as it is; its control characters spelt out.
    for r in records:
        table.add_row(
            Text(terminal(r.paper_id or r.file)),
            Text(r.track or "-"),
            "-" if r.pages_counted is None else str(r.pages_counted),
            "-" if r.pages_total is None else str(r.pages_total),
            f"{r.min_pages}-{r.max_pages}" if r.min_pages is not None else "-",
            page_ranges(r.reference_pages) or "-",
            _verdict_cell(r),
        )
    console.print(table)
    for r in records:
        console.print(
            Text.assemble(
                (terminal(r.paper_id or r.file), "bold"),
                "  ",
                _verdict_cell(r),
                f"  {terminal(r.file)}" if r.paper_id else "",
            )
        )
        for reason in r.reasons:
            console.print(f"  - {terminal(reason)}", markup=False)
        if r.decision_text:
            console.print(f"  chair's decision: {terminal(r.decision_text)}", markup=False)
        for warning in r.warnings:
            console.print(f"  ! {terminal(warning)}", style="yellow", markup=False)
    counts = summary(records)
    line = ", ".join(f"{counts[v.value]} {v.value}" for v in Verdict if counts[v.value])
    console.print(f"{counts['papers']} paper(s): {line}; {counts['admitted']} admitted to the volume")
