"""The engine as the self-check page calls it, in the author's browser (Pyodide, in the
page's worker), with nothing but the standard library and pypdf:

    check(pdf: bytes, rules_json: str, track_id: str) -> str

``rules_json`` is the workshop's rules as the site writes them
(:meth:`workshop.core.rules.Rules.to_json`).  The result is JSON: the record that
``proceedings check --track TRACK FILE --json`` prints for the same file (the same keys
and values: the verdict, the pages in all and counted, where the references begin, the
reasons and warnings, each finding with its pages, and a margin finding's page, side and
distance of each thing past the text area), less the pictures the chairs' tool writes
(no ``files``, and no picture named in the margin finding's message); and under
``pictures`` what the page needs to draw them itself: for each page with a margin
finding, its size, the text area, the boxes of its text and of its drawings as the scan
saw them, and what lies past the area, all in points from the page's lower left corner.

A bad file is said in the result (the verdict ``error`` and the reason: not a PDF, damaged,
needs a password, or encrypted with AES, which the browser's pypdf cannot decrypt without
``cryptography``); only a bug raises.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workshop.core.rules import Rules
from workshop.engine.findings import Draw
from workshop.engine.margins import Overrun
from workshop.engine.paper import Task, check_pdf
from workshop.engine.pdf.content import Box, Scan
from workshop.engine.pdf.marks import Frame

#: The most boxes of text, and of drawings, kept for one page's picture (a page of a
#: paper has some hundreds; a plot drawn point by point, a hundred thousand).
MAX_BOXES = 5000


def check(
    pdf: bytes, rules_json: str, track_id: str, *, name: str = "paper.pdf", paper_id: str | None = None
) -> str:
    """The check of the PDF ``pdf`` against the track ``track_id`` of the rules, as JSON
    (see the module).  ``name`` is how the record names the file; ``paper_id``, an
    accepted paper's id, brings its chair's decision from the rules."""
    rules = Rules.from_json(rules_json)
    track = rules.track(track_id)
    if track is None:  # the page offers the rules' own tracks: anything else is a bug
        raise ValueError(f"the rules have no track {track_id!r}")
    pictures: list[dict[str, Any]] = []
    task = Task(Path(name), name, paper_id, track, rules.decision(paper_id), rules.strict_format)
    record = check_pdf(task, _keep(pictures), bytes(pdf))
    return json.dumps({**record.to_json(), "pictures": pictures}, ensure_ascii=False)


def _keep(pictures: list[dict[str, Any]]) -> Draw:
    """A :data:`~workshop.engine.findings.Draw` that keeps each page's picture in
    ``pictures`` (and names no file)."""

    def draw(
        pdf: bytes,
        found: list[Overrun],
        frames: dict[int, Frame],
        areas: dict[int, Box],
        scans: dict[int, Scan],
    ) -> dict[int, str]:
        for number in sorted({o.page for o in found}):
            pictures.append(picture(number, frames[number], areas[number], scans[number], found))
        return {}

    return draw


def picture(number: int, frame: Frame, area: Box, scan: Scan, found: list[Overrun]) -> dict[str, Any]:
    """What the page draws of page ``number``: its size, the text area, its text and
    drawings as boxes, and what lies past the area (the furthest first)."""
    text = [_box(frame.seen(show.box)) for show in scan.shows if not show.invisible]
    marks = [_box(frame.seen(mark.box)) for mark in scan.marks]
    past = sorted((o for o in found if o.page == number), key=lambda o: -o.distance)
    return {
        "page": number,
        "size": [round(v, 1) for v in frame.size],
        "area": _box(area),
        "text": text[:MAX_BOXES],
        "marks": marks[:MAX_BOXES],
        "complete": len(text) <= MAX_BOXES and len(marks) <= MAX_BOXES,
        "past": [o.to_json() for o in past[:MAX_BOXES]],
    }


def _box(box: Box) -> list[float]:
    return [round(v, 1) for v in box]
