"""A progress bar on standard error for long runs in a terminal; silent otherwise."""

from __future__ import annotations

import sys
from typing import Self

from workshop.core.problems import terminal


class Progress:
    #: Runs shorter than this many steps finish before a bar would help.
    MINIMUM = 10

    def __init__(self, label: str, total: int, enabled: bool = True) -> None:
        self.total = total
        self.bar = None
        if enabled and total >= self.MINIMUM and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            # On standard error: standard output may be the JSON report (--json).
            self.bar = RichProgress(
                TextColumn(label),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}", markup=False),
                transient=True,
                console=Console(stderr=True),
            )

    def __enter__(self) -> Self:
        if self.bar is not None:
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        return self

    def advance(self, name: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=terminal(name))

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
