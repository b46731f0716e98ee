"""The checks of a program attendees can follow, across the data files: nobody booked in
two places (:mod:`workshop.core.bookings`), materials the site can publish
(:mod:`workshop.core.materials`), and the record of the published program in order
(:mod:`workshop.core.published`).  :mod:`workshop.core.validate` calls :func:`check`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from workshop.core import bookings, materials, published, wording
from workshop.core.materials import Materials
from workshop.core.model import Workshop, WorkshopInfo
from workshop.core.problems import Problem
from workshop.core.published import Published
from workshop.core.yamlfile import Path_, Source


def check(workshop: Workshop, sources: dict[str, Source], data_dir: Path, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    schedule, papers = workshop.schedule, workshop.papers
    if schedule is not None and "schedule" in sources:
        problems += bookings.check(schedule, sources["schedule"], papers)
        for d, day in enumerate(schedule.days):
            for s, slot in enumerate(day.slots):
                here = ("days", d, "slots", s, "links")
                problems += _materials(slot.links, here, sources["schedule"], data_dir, root)
    if papers is not None and "papers" in sources:
        problems += bookings.check_papers(papers, sources["papers"])
        for i, paper in enumerate(papers.papers):
            problems += _materials(paper.links, ("papers", i, "links"), sources["papers"], data_dir, root)
    if workshop.published is not None and "published" in sources:
        problems += published.check(workshop.published, sources["published"])
        if workshop.info is not None:
            problems += _another_edition(workshop.published, workshop.info, sources["published"])
    return problems


def _another_edition(recorded: Published, info: WorkshopInfo, source: Source) -> Iterator[Problem]:
    """A record none of whose days is a day of this workshop: a copied edition's."""
    days = sorted({slot.day for record in recorded.records for slot in record.slots})
    if days and not set(days) & set(info.workshop_dates):
        yield source.problem(
            ("records",),
            f"records the program of {wording.date_span(days)}, none of them a day of this workshop "
            f"({wording.date_span(info.workshop_dates)}): it is another edition's record; delete "
            "published.yaml when starting a new edition (python -m proceedings program publish writes it afresh)",
            "schedule-date",
        )


def _materials(
    given: Materials | None, here: Path_, source: Source, data_dir: Path, root: Path
) -> Iterator[Problem]:
    """Each material file publishable; a video embedded only from a host that can."""
    if given is None:
        return
    for kind in materials.KINDS:
        value = getattr(given, kind)
        if value and materials.is_file(value):
            code, message = materials.inspect(data_dir, value, root)
            if code:
                yield source.problem((*here, kind), f"{message}; it is not published", code)
    if given.embed_video and not given.video:
        yield source.problem(
            (*here, "embed_video"), "embeds a video, but no video is given: add video: <address>"
        )
    elif given.embed_video and given.video and materials.embed_url(given.video) is None:
        yield source.problem(
            (*here, "embed_video"),
            f"{given.video!r} cannot be embedded: only YouTube (played from youtube-nocookie.com) and Vimeo "
            "(with do-not-track) play without tracking cookies; remove embed_video, and the video is linked",
            "material",
        )
