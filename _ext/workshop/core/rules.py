"""The workshop's rules as the check's engine takes them: plain frozen values (the standard
library only), so that the engine runs where the data model cannot (the self-check page,
under Pyodide, has no pydantic).

One model, two renderings of the same values: the core derives a :class:`Rules` from the
loaded data (:func:`workshop.core.checkrules.rules_of`); the chairs' tool passes it to the
engine as it is, the site writes it as JSON (:meth:`Rules.to_json`) for the page, which
reads it back (:meth:`Rules.from_json`).  Each track carries the format its papers are held
to (the workshop's, with what the track sets otherwise), so a track is all the check needs.

Also here, the constants of the format that are the tool's and no edition's: how far sizes
and margins may be off, and the band at the foot of every page where the volume stamps its
page numbers (which the check keeps clear, and the volume stamps within).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

#: Points from the bottom edge where the volume stamps page numbers and its footer: the
#: check reports text there (``footer-band``), and the volume's stamps stay within it.
STAMP_BAND = 36.0
#: How far (pt) a page's size may be from the format's: exporters round (A4 is 595.28, 595 or 596).
SIZE_TOLERANCE = 2.0
#: How far (pt) text or a drawing may pass the text area's edge: advance widths are not
#: ink, and exporters round.
MARGIN_TOLERANCE = 2.0


@dataclasses.dataclass(frozen=True)
class Margins:
    """The margins around a template's text area, in points from each edge of the page."""

    top: float
    bottom: float
    left: float
    right: float


@dataclasses.dataclass(frozen=True)
class Format:
    """The camera-ready format a paper is held to: the page's size (width, height in
    points, portrait), the margins of its text area, the main text font's family (None:
    not checked).  No defaults: the data model has them (:mod:`workshop.core.paperformat`)."""

    page_size: tuple[float, float]
    margins: Margins
    font_family: str | None

    @property
    def area(self) -> tuple[float, float, float, float]:
        """The text area (x0, y0, x1, y1) in PDF points from the lower left corner."""
        (width, height), m = self.page_size, self.margins
        return (m.left, m.bottom, width - m.right, height - m.top)

    def to_json(self) -> dict[str, Any]:
        return {
            "page_size": list(self.page_size),
            "margins": dataclasses.asdict(self.margins),
            "font_family": self.font_family,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Format:
        width, height = (float(v) for v in data["page_size"])
        m = data["margins"]
        margins = Margins(float(m["top"]), float(m["bottom"]), float(m["left"]), float(m["right"]))
        family = data.get("font_family")
        return cls((width, height), margins, None if family is None else str(family))


@dataclasses.dataclass(frozen=True)
class Track:
    """A paper category: its id and name, its page limits (counted pages: figures, tables and
    appendices in, references out) and the format its papers are held to."""

    id: str
    name: str
    min_pages: int
    max_pages: int
    format: Format

    @property
    def pages(self) -> str:
        return f"{self.min_pages}-{self.max_pages}"

    def limits_json(self) -> dict[str, Any]:
        """The track without its format (what the check's cache keys a record by, beside the format)."""
        return {"id": self.id, "name": self.name, "min_pages": self.min_pages, "max_pages": self.max_pages}

    def to_json(self) -> dict[str, Any]:
        return {**self.limits_json(), "format": self.format.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Track:
        return cls(
            str(data["id"]),
            str(data["name"]),
            int(data["min_pages"]),
            int(data["max_pages"]),
            Format.from_json(data["format"]),
        )


@dataclasses.dataclass(frozen=True)
class PageException:
    """A chair's approval of a paper outside its track's page limits."""

    pages: int
    reason: str
    approved_by: str


@dataclasses.dataclass(frozen=True)
class Decision:
    """What a chair decided where the check cannot, or must not, decide alone: where the
    references begin, an exception to the limits."""

    references_start_page: int | None = None
    exception: PageException | None = None

    def to_json(self, *, exclude_none: bool = False) -> dict[str, Any]:
        """As the data writes it (``exclude_none``: without the keys it leaves out)."""
        out: dict[str, Any] = {
            "references_start_page": self.references_start_page,
            "exception": dataclasses.asdict(self.exception) if self.exception is not None else None,
        }
        return {k: v for k, v in out.items() if v is not None} if exclude_none else out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Decision:
        """A decision as :meth:`to_json` wrote it; raises on anything else."""
        start, exception = data.get("references_start_page"), data.get("exception")
        if start is not None and (isinstance(start, bool) or not isinstance(start, int) or start < 1):
            raise ValueError(f"references_start_page {start!r} is not a page")
        if exception is not None:
            pages = exception["pages"]
            if isinstance(pages, bool) or not isinstance(pages, int) or pages < 1:
                raise ValueError(f"exception pages {pages!r} is not a number of pages")
            exception = PageException(pages, str(exception["reason"]), str(exception["approved_by"]))
        return cls(start, exception)


@dataclasses.dataclass(frozen=True)
class Rules:
    """Everything the check holds papers to: the tracks, whether format findings fail a
    paper (``strict_format``), and the chair's decision of each paper that has one."""

    tracks: tuple[Track, ...]
    strict_format: bool = False
    decisions: tuple[tuple[str, Decision], ...] = ()

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)

    def decision(self, paper_id: str | None) -> Decision | None:
        return next((d for p, d in self.decisions if p == paper_id), None)

    def to_json(self) -> str:
        """The rules as JSON text (for the self-check page), in a fixed order: the same rules
        give the same bytes."""
        data = {
            "tracks": [t.to_json() for t in self.tracks],
            "strict_format": self.strict_format,
            "decisions": {paper: d.to_json(exclude_none=True) for paper, d in self.decisions},
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_json(cls, text: str) -> Rules:
        """The rules :meth:`to_json` wrote; raises ``ValueError``, ``KeyError`` or
        ``TypeError`` on anything else."""
        data = json.loads(text)
        return cls(
            tuple(Track.from_json(t) for t in data["tracks"]),
            bool(data.get("strict_format", False)),
            tuple((str(p), Decision.from_json(d)) for p, d in data.get("decisions", {}).items()),
        )
