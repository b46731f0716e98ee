"""Checks that no single field can make: order, overlap, references between files.

Each check reads the model, never the YAML, and reports through the file's
:class:`~workshop.core.load.Source` so that every problem carries its line.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from workshop.core import dois, paths, programrules, wording
from workshop.core.model import Papers, People, Schedule, Slot, Workshop, WorkshopInfo
from workshop.core.paperformat import PaperFormat
from workshop.core.problems import Problem
from workshop.core.yamlfile import Path_, Source

MIDNIGHT = 24 * 60
NOON = 12 * 60


def _slot_name(slot: Slot, papers: Papers | None) -> str:
    """How a message names a slot: its title, its paper's title, or its kind."""
    paper = papers.paper(slot.paper) if slot.paper and papers else None
    return slot.title or (paper.title if paper else slot.kind)


def check(workshop: Workshop, sources: dict[str, Source], data_dir: Path, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    info, people, schedule, papers = workshop.info, workshop.people, workshop.schedule, workshop.papers
    if info:
        problems += check_info(info, sources["info"])
        problems += check_sponsors(info, sources["info"], data_dir, root)
    if people:
        problems += check_people(people, sources["people"], info, sources.get("info"))
    if schedule:
        # A broken papers.yaml has said so already; a missing one leaves paper talks bare.
        papers_missing = "papers" not in sources and not os.path.lexists(data_dir / "papers.yaml")
        problems += check_schedule(schedule, sources["schedule"], info, papers, papers_missing)
    if papers:
        problems += check_papers(papers, sources["papers"], info, data_dir, root)
        problems += dois.check(info, papers, sources["papers"])
    problems += programrules.check(workshop, sources, data_dir, root)
    return problems


def _duplicates(source: Source, items: Iterable[tuple[tuple, str | None]], what: str) -> Iterator[Problem]:
    seen: dict[str, tuple] = {}
    for path, ident in items:
        if ident is None:
            continue
        if ident in seen:
            first = source.line(seen[ident])
            yield source.problem(
                path,
                f"{what} id {ident!r} is used twice (first on line {first}); ids must be unique",
                "duplicate-id",
            )
        else:
            seen[ident] = path


def check_info(info: WorkshopInfo, source: Source) -> Iterator[Problem]:
    yield from _duplicates(source, ((("dates", i, "id"), d.id) for i, d in enumerate(info.dates)), "date")
    yield from _duplicates(source, ((("tracks", i, "id"), t.id) for i, t in enumerate(info.tracks)), "track")
    if not info.workshop_dates:
        yield source.problem(("dates",), "no date has kind: workshop; add the day the workshop is held")
    for i, (before, after) in enumerate(zip(info.dates, info.dates[1:], strict=False), start=1):
        if after.date <= before.date:
            yield source.problem(
                ("dates", i, "date"),
                f"{after.label} ({wording.date(after.date)}) must come after {before.label} "
                f"({wording.date(before.date)}): dates are listed in the order they happen; check the year",
                "dates-order",
            )
    for i, track in enumerate(info.tracks):
        if track.min_pages > track.max_pages:
            yield source.problem(
                ("tracks", i, "min_pages"),
                f"min_pages ({track.min_pages}) is above max_pages ({track.max_pages})",
                "page-limits",
            )
    yield from _format_problem(info.format, ("format",), source)
    for i, track in enumerate(info.tracks):
        if track.format is not None:
            yield from _format_problem(info.format_of(track), ("tracks", i, "format"), source)


def _format_problem(fmt: PaperFormat, path: tuple[str | int, ...], source: Source) -> Iterator[Problem]:
    """A text area the margins leave no room for (on the page size in force there)."""
    (width, height), m = fmt.page_size, fmt.margins
    for across, extent, low, high, low_name, high_name in (
        (width, "wide", m.left, m.right, "left", "right"),
        (height, "high", m.bottom, m.top, "bottom", "top"),
    ):
        if low + high >= across:
            yield source.problem(
                (*path, "margins"),
                f"the {low_name} and {high_name} margins ({low:g} + {high:g} pt) leave no text area on a page "
                f"{across:g} pt {extent}: margins are in points from each edge "
                "(ACM sigconf: top 57, bottom 73, left 54, right 54)",
                "format",
            )


def check_people(
    people: People, source: Source, info: WorkshopInfo | None, info_source: Source | None
) -> Iterator[Problem]:
    yield from _duplicates(
        source, ((("committees", i, "id"), c.id) for i, c in enumerate(people.committees)), "committee"
    )
    if info and info.proceedings and info_source and not people.committee(info.proceedings.editors):
        known = ", ".join(c.id for c in people.committees)
        yield info_source.problem(
            ("proceedings", "editors"),
            f"names no committee of people.yaml ({info.proceedings.editors!r}; known: {known})",
            "unknown-reference",
        )


def _shares_room(a: Slot, b: Slot) -> bool:
    """Whether two slots of a day take the same place: one room, or the whole event (a slot
    without a room is for everyone, so it shares every room)."""
    return a.room is None or b.room is None or a.room == b.room


def _where(slot: Slot, other: Slot, schedule: Schedule) -> str:
    """How an overlap message says where the two slots meet (nothing without rooms)."""
    if slot.room is None and other.room is None:
        return ""
    if slot.room == other.room:
        room = schedule.room(slot.room)
        return f" in {room.name if room else slot.room}"
    return " (a slot without a room is for the whole event: it overlaps every room)"


def check_schedule(
    schedule: Schedule,
    source: Source,
    info: WorkshopInfo | None,
    papers: Papers | None,
    papers_missing: bool = False,
) -> Iterator[Problem]:
    ids = (
        (("days", d, "slots", s, "id"), slot.id)
        for d, day in enumerate(schedule.days)
        for s, slot in enumerate(day.slots)
    )
    yield from _duplicates(source, ids, "slot")
    yield from _duplicates(source, ((("rooms", i, "id"), r.id) for i, r in enumerate(schedule.rooms)), "room")
    yield from _duplicates(
        source, ((("sessions", i, "id"), x.id) for i, x in enumerate(schedule.sessions)), "session"
    )
    yield from _duplicate_days(schedule, source)
    for d, day in enumerate(schedule.days):
        if info and info.workshop_dates and day.date not in info.workshop_dates:
            yield source.problem(
                ("days", d, "date"),
                f"{wording.date(day.date)} is not a workshop date of workshop.yaml "
                f"({', '.join(wording.date(x) for x in info.workshop_dates)})",
                "schedule-date",
            )
        for s, slot in enumerate(day.slots):
            here = ("days", d, "slots", s)
            name = _slot_name(slot, papers)
            yield from _slot_times(source, here, name, slot)
            # Overlap is a matter of one room: the slots above in the same room (or for the
            # whole event) are the ones this one must follow.
            above = [other for other in day.slots[:s] if _shares_room(slot, other)]
            yield from _slot_order(schedule, source, here, name, slot, above, papers)
            if slot.kind == "paper" and slot.paper is None:
                yield source.problem(
                    here + ("paper",), "a paper talk names its paper: add paper: <id from papers.yaml>"
                )
            if slot.paper is not None:
                yield from _paper_reference(source, here + ("paper",), slot.paper, papers, papers_missing)
            if slot.kind not in ("paper", "break", "lunch", "poster") and not slot.title:
                yield source.problem(here, f"a slot of kind {slot.kind!r} needs a title")
            yield from _check_slot_parts(schedule, source, here, slot, papers, papers_missing)


def _slot_times(source: Source, here: Path_, name: str, slot: Slot) -> Iterator[Problem]:
    """A slot that ends after midnight, when it starts, or before it starts."""
    if slot.end > MIDNIGHT or slot.start >= MIDNIGHT:
        yield source.problem(
            here + ("end",),
            f"{name!r} runs past midnight; a day ends at 24:00, so put the rest on the next day",
            "slot-time",
        )
    elif slot.end == slot.start:
        yield source.problem(
            here + ("end",),
            f"{name!r} starts and ends at {wording.clock(slot.start)}: give it an end after its start",
            "slot-time",
        )
    elif slot.end < slot.start:
        # 11:30 PM to 12:30 AM reads as running past midnight, not as a typo.
        hint = (
            "; a day ends at midnight, so put the rest on the next day"
            if slot.end < NOON <= slot.start
            else ""
        )
        yield source.problem(
            here + ("end",),
            f"{name!r} ends ({wording.clock(slot.end)}) before it starts ({wording.clock(slot.start)}){hint}",
            "slot-time",
        )


def _slot_order(
    schedule: Schedule,
    source: Source,
    here: Path_,
    name: str,
    slot: Slot,
    above: list[Slot],
    papers: Papers | None,
) -> Iterator[Problem]:
    """A slot listed before one that starts earlier, or starting before one above it ends
    (``above``: the slots listed above it that share its room)."""
    previous = above[-1] if above else None
    latest = max(above, key=lambda other: other.end) if above else None  # ends last so far
    if previous is not None and slot.start < previous.start:
        where = _where(slot, previous, schedule)
        yield source.problem(
            here + ("start",),
            f"{name!r} starts ({wording.clock(slot.start)}) before the slot above it{where} "
            f"({_slot_name(previous, papers)!r}, {wording.clock(previous.start)}): list slots in time order",
            "slot-order",
        )
    elif latest is not None and slot.start < latest.end:
        where = _where(slot, latest, schedule)
        yield source.problem(
            here + ("start",),
            f"{name!r} starts ({wording.clock(slot.start)}) before {_slot_name(latest, papers)!r} ends "
            f"({wording.clock(latest.end)}){where}: slots must not overlap"
            + ("; put one of them in another room" if where else ""),
            "slot-order",
        )


def _duplicate_days(schedule: Schedule, source: Source) -> Iterator[Problem]:
    """Two program days of one date: the page would show the date twice, the calendars
    overlap, and the real other day would have no program."""
    first: dict[object, int] = {}
    for d, day in enumerate(schedule.days):
        if day.date in first:
            yield source.problem(
                ("days", d, "date"),
                f"{wording.date(day.date)} is already the date of the day on line "
                f"{source.line(('days', first[day.date], 'date'))}: each day of the program has a date of its "
                "own; correct this day's date, or put its slots under the other day",
                "duplicate-day",
            )
        else:
            first[day.date] = d


def _paper_reference(
    source: Source, path: tuple, paper_id: str, papers: Papers | None, papers_missing: bool
) -> Iterator[Problem]:
    """A paper named by the program: in papers.yaml, or a problem that says what was meant."""
    if papers is not None and papers.paper(paper_id) is None:
        paper_ids = [p.id for p in papers.papers]
        meant = difflib.get_close_matches(paper_id, paper_ids, n=1)
        if meant:
            hint = f"; did you mean {meant[0]!r}?"
        else:  # the ids to choose from, while they are few
            hint = f" (known: {', '.join(paper_ids)})" if len(paper_ids) <= 10 else ""
        yield source.problem(path, f"no paper with id {paper_id!r} in papers.yaml{hint}", "unknown-reference")
    elif papers_missing:
        yield source.problem(
            path, f"names paper {paper_id!r}, but the data folder has no papers.yaml", "unknown-reference"
        )


def _check_slot_parts(
    schedule: Schedule, source: Source, here: tuple, slot: Slot, papers: Papers | None, papers_missing: bool
) -> Iterator[Problem]:
    """A slot's room, session and posters: each names something that exists."""
    for field, value, known, what in (
        ("room", slot.room, [r.id for r in schedule.rooms], "rooms"),
        ("session", slot.session, [x.id for x in schedule.sessions], "sessions"),
    ):
        if value is not None and value not in known:
            listed = f"known: {', '.join(known)}" if known else f"schedule.yaml lists no {what}"
            yield source.problem(
                here + (field,), f"{value!r} is not an id of {what} ({listed})", "unknown-reference"
            )
    if slot.posters and slot.kind != "poster":
        yield source.problem(
            here + ("posters",),
            f"only a poster slot lists posters: give it kind: poster (it is {slot.kind!r})",
        )
    if slot.kind == "poster" and slot.paper is not None:
        yield source.problem(
            here + ("paper",),
            "a poster slot lists its papers under posters: - {paper: <id>, board: <number>}",
        )
    boards: dict[str, int] = {}
    for i, poster in enumerate(slot.posters):
        yield from _paper_reference(
            source, here + ("posters", i, "paper"), poster.paper, papers, papers_missing
        )
        if poster.board is not None and poster.board in boards:
            yield source.problem(
                here + ("posters", i, "board"),
                f"board {poster.board!r} is given twice in this slot (first to posters[{boards[poster.board]}]); "
                "each poster needs a board of its own",
                "duplicate-id",
            )
        elif poster.board is not None:
            boards[poster.board] = i


def check_papers(
    papers: Papers, source: Source, info: WorkshopInfo | None, data_dir: Path, root: Path
) -> Iterator[Problem]:
    yield from _duplicates(
        source, ((("papers", i, "id"), p.id) for i, p in enumerate(papers.papers)), "paper"
    )
    for i, paper in enumerate(papers.papers):
        if info and info.track(paper.track) is None:
            known = ", ".join(t.id for t in info.tracks)
            yield source.problem(
                ("papers", i, "track"),
                f"{paper.track!r} is not a track of workshop.yaml (known: {known})",
                "unknown-reference",
            )
        # A missing PDF is said by whoever needs it (the site, the check), each in its words;
        # one that must never be read is refused here, for all of them.
        found = paths.locate(data_dir, paper.pdf, root)
        if found.code in ("path-escape", "not-a-file"):
            yield source.problem(("papers", i, "pdf"), found.message, found.code)


#: The first bytes of the image files a logo may be: the volume embeds PNG and JPEG.
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def check_sponsors(info: WorkshopInfo, source: Source, data_dir: Path, root: Path) -> Iterator[Problem]:
    """Each sponsor's logo: a PNG or JPEG file inside the repository (never read otherwise)."""
    for i, sponsor in enumerate(info.sponsors):
        if sponsor.logo is None:
            continue
        here = ("sponsors", i, "logo")
        found = paths.locate(data_dir, sponsor.logo, root)
        if found.code:
            yield source.problem(here, found.message, found.code)
            continue
        try:
            with found.path.open("rb") as handle:
                head = handle.read(8)
        except OSError as error:
            yield source.problem(here, f"cannot be read: {error.strerror}", "missing-file")
            continue
        if not head.startswith(IMAGE_SIGNATURES):
            yield source.problem(
                here,
                f"{sponsor.logo!r} is not a PNG or JPEG image: save the logo as PNG (or JPEG) and name that file",
                "image",
            )
