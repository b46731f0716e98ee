"""The camera-ready format the check holds papers to: the page's size, the text area
within it (margins from each edge) and the template's main text font; a workshop's, and
what a track sets otherwise."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field

from workshop.core.fields import Model, NonEmpty

#: The paper sizes a format may name, in points (width, height, portrait).
PAPER_SIZES = {"letter": (612.0, 792.0), "a4": (595.276, 841.89)}
#: The largest page a PDF may have (ISO 32000: 14,400 units, 200 inches).
_LARGEST_PAGE = 14400.0


def parse_page_size(value: object) -> tuple[float, float]:
    """``letter``, ``a4`` (any case) or ``[width, height]`` in points -> (width, height)."""
    if isinstance(value, str):
        size = PAPER_SIZES.get(value.strip().lower())
        if size is None:
            raise ValueError(
                f"{value!r} is not a page size: write letter, a4 or [width, height] in points ([612, 792])"
            )
        return size
    if isinstance(value, (list, tuple)) and len(value) == 2:
        try:
            width, height = (float(v) for v in value if not isinstance(v, bool))
        except (TypeError, ValueError):
            width = height = -1.0
        if 0 < width <= _LARGEST_PAGE and 0 < height <= _LARGEST_PAGE:
            return (width, height)
    shown = "[" + ", ".join(str(v) for v in value) + "]" if isinstance(value, (list, tuple)) else repr(value)
    raise ValueError(
        f"{shown} is not a page size: write letter, a4 or [width, height], two numbers of points "
        f"above 0 and up to {_LARGEST_PAGE:g} ([612, 792] is US Letter)"
    )


PageSize = Annotated[tuple[float, float], BeforeValidator(parse_page_size)]
#: A length on the page in points (a margin): from 0 to the largest page.
Points = Annotated[float, Field(ge=0, le=_LARGEST_PAGE, allow_inf_nan=False)]


class Margins(Model):
    """The margins around a template's text area, in points from each edge of the page."""

    top: Points
    bottom: Points
    left: Points
    right: Points


#: ACM's sigconf template (acmart): US Letter, the text area 57 pt from the top (its
#: running head inside it), 73 pt from the bottom and 54 pt from either side.
ACM_SIGCONF_MARGINS = Margins(top=57, bottom=73, left=54, right=54)


#: What passes the text area by no more than this on a side is a warning, not a finding
#: (the README says why 5 pt: :data:`workshop.core.rules.DEFAULT_TOLERANCE`).
DEFAULT_TOLERANCE = Margins(top=5, bottom=5, left=5, right=5)


class FormatOverride(Model):
    """A track's own format: what it sets replaces the workshop's (margins whole)."""

    page_size: PageSize | None = None
    margins: Margins | None = None
    font_family: NonEmpty | None = None
    tolerance: Margins | None = None


class PaperFormat(Model):
    """The camera-ready format the check holds papers to: the page, the text area within
    it, and the template's main text font (``None``: not checked)."""

    page_size: PageSize = (612.0, 792.0)
    margins: Margins = ACM_SIGCONF_MARGINS
    font_family: NonEmpty | None = None
    tolerance: Margins = DEFAULT_TOLERANCE

    def merged(self, override: FormatOverride | None) -> PaperFormat:
        """This format with what a track's ``override`` sets in its place."""
        if override is None:
            return self
        update = {
            key: value
            for key in ("page_size", "margins", "font_family", "tolerance")
            if (value := getattr(override, key)) is not None
        }
        return self.model_copy(update=update)

    @property
    def area(self) -> tuple[float, float, float, float]:
        """The text area (x0, y0, x1, y1) in PDF points from the lower left corner."""
        (width, height), m = self.page_size, self.margins
        return (m.left, m.bottom, width - m.right, height - m.top)


# --- what a chair weighs -------------------------------------------------------------------

#: How a finding the chair weighs bears on the verdict: fails the paper, holds it for a
#: chair to look (review), or is said and changes nothing (warn).
PolicyWord = Literal["fail", "review", "warn"]


class FindingsPolicy(Model):
    """``proceedings.policy`` in workshop.yaml: the verdict of a paper whose page 1 disagrees
    with the data (``metadata``) or that still carries review-mode leftovers (``camera-ready``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    metadata: PolicyWord = "review"
    camera_ready: PolicyWord = Field(default="review", alias="camera-ready")


class Acceptance(Model):
    """A chair who has looked at a paper's ``metadata`` or ``camera-ready`` finding and
    accepts it (``decision.accept``): the paper is admitted despite it."""

    finding: Literal["metadata", "camera-ready"]
    reason: NonEmpty
    approved_by: NonEmpty
