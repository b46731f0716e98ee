"""``python -m proceedings program publish``: record the program as published.

    python -m proceedings program publish [--data DIR] [--dry-run]

Appends a record of the program (each slot's key, day, times, room, kind and title) to
``published.yaml`` in the data folder (:mod:`workshop.core.published`), dated now, or by
``SOURCE_DATE_EPOCH`` when it is set (the same data and date give the same bytes).  Run it
when the program goes out and commit the file with the data: the site then tells readers
what changed since, and calendars update their events.  A program that has not changed
since the last record writes nothing.  The file is written whole (a temporary file beside
it, read back by the loader's own rules, then renamed over it) or not at all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from pathlib import Path

from workshop.core import epoch, paths
from workshop.core.changes import history, said, snapshot
from workshop.core.load import Loaded, WithSchedule
from workshop.core.model import WorkshopInfo
from workshop.core.outputs import OUTPUT_MODE, cannot_write
from workshop.core.problems import WorkshopError, shown_path, terminal
from workshop.core.program import ProgramDay, program
from workshop.core.published import FILE, Published, Record, render, stamp
from workshop.core.yamlfile import Refused, read


def add_program(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "program",
        help="record the program as published (published.yaml), so the site says what changed since",
        description="Commands on the program of schedule.yaml.",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    publish = actions.add_parser(
        "publish",
        help="append a record of the program as it is now to published.yaml",
        description="Append a record of the program (each slot's key, day, times, room and title), dated "
        "now or by SOURCE_DATE_EPOCH, to published.yaml in the data folder: the site says what changed "
        "since the last record, and its calendars update their events.",
    )
    publish.add_argument(
        "--data", default="docs/data", type=Path, help="the data folder (default: docs/data)"
    )
    publish.add_argument("--dry-run", action="store_true", help="say what would be recorded; write nothing")
    publish.set_defaults(run=run_publish)


def _moment(info: WorkshopInfo) -> dt.datetime:
    """Now, to the second, or ``SOURCE_DATE_EPOCH`` when set (malformed: an :class:`EpochError`)."""
    if os.environ.get(epoch.VARIABLE, "").strip():
        return epoch.build_moment(info)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def run_publish(args: argparse.Namespace) -> int:
    from proceedings.data import load_edition

    edition = load_edition(args.data)
    loaded = edition.narrowed(WithSchedule)
    if loaded is None:
        raise WorkshopError(
            "has no program to publish: write schedule.yaml first", file=shown_path(edition.data_dir)
        )
    workshop = loaded.workshop
    days = program(workshop)
    slots = snapshot(days)
    target = loaded.data_dir / FILE
    previous = workshop.published
    if previous is not None and previous.last.slots == slots:
        print(
            terminal(
                f"{shown_path(target)}: the program is as recorded on {said(previous.last.published)}: nothing written"
            )
        )
        return 0
    moment = _moment(workshop.info)
    if previous is not None and moment <= previous.last.published:
        raise WorkshopError(
            f"the new record ({stamp(moment)}) would not come after the last one "
            f"({stamp(previous.last.published)}): check the clock, or SOURCE_DATE_EPOCH",
            file=shown_path(target),
        )
    records = [*(previous.records if previous else []), Record(published=moment, slots=slots)]
    text = render(Published(records=records))
    news = _news(previous, days)
    if args.dry_run:
        print(
            terminal(
                f"{shown_path(target)}: would record the program of {len(slots)} slot(s) as published "
                f"on {stamp(moment)}; {news} (--dry-run: nothing written)"
            )
        )
        return 0
    _write(loaded, target, text, Published(records=records))
    print(
        terminal(
            f"{shown_path(target)}: recorded the program of {len(slots)} slot(s) as published on "
            f"{stamp(moment)}; {news}. Commit it with the data."
        )
    )
    return 0


def _news(previous: Published | None, days: list[ProgramDay]) -> str:
    """What the record adds: ``the first record``, or the changes since the last one."""
    if previous is None:
        return "the first record"
    counts: dict[str, int] = {}
    for change in history(previous, days).changes:
        for what in change.what:
            counts[what] = counts.get(what, 0) + 1
    said_ = ", ".join(f"{count} {what}" for what, count in counts.items())
    return f"since {said(previous.last.published)}: {said_}"


def _write(loaded: Loaded[WithSchedule], target: Path, text: str, expected: Published) -> None:
    """``text`` into ``target``, whole, after reading it back as the loader reads the file."""
    found = paths.locate(loaded.data_dir, FILE, loaded.root)
    if found.code in ("path-escape", "not-a-file") or target.is_symlink():
        raise WorkshopError(
            "is not a regular file of the data folder (a link, a folder, a device): put the file itself "
            "there, or remove it to start the record afresh",
            file=shown_path(target),
        )
    try:
        handle, name = tempfile.mkstemp(prefix=f".{FILE}.", dir=target.parent)
        temporary = Path(name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            raw, _ = read(temporary)
            if Published.model_validate(raw) != expected:  # a bug: the writer and the reader disagree
                raise WorkshopError("does not read back as written: nothing written", file=shown_path(target))
            os.chmod(temporary, OUTPUT_MODE)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    except Refused as refused:  # a bug too: what render writes is plain YAML
        raise WorkshopError(
            f"does not read back ({refused}): nothing written", file=shown_path(target)
        ) from None
    except OSError as error:
        words = cannot_write(error, again="run the command again", elsewhere="--data DIR")
        raise WorkshopError(words, file=shown_path(target)) from None
