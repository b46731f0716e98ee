"""Read a page of a paper's PDF as lines of text that know their type and place.

The page-limit rule needs more than the words: whether a line stands alone, how big
and how bold it is, where it sits.  pypdf's text extraction calls a visitor with
each run of text, its font and its text and transformation matrices; this module
turns those runs into :class:`Line` objects (one per baseline and column) in
reading order.  Nothing here knows about references; see :mod:`proceedings.check.rule`.
The file is opened by :mod:`proceedings.pdf.opener`.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
import warnings
from collections import Counter

from pypdf import PageObject, PdfReader
from pypdf.generic import DictionaryObject

_SUBSET = re.compile(r"^[A-Z]{6}\+")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
#: Spaces, and the format characters extraction leaves in words (soft hyphen, zero-width
#: spaces and joiners, word joiner, byte order mark).
_UNSEEN = re.compile(r"[\s\u00ad\u200b-\u200f\u2060-\u2064\ufeff]+")
#: Font names of bold faces: the common words, and the TeX and ACM template fonts
#: whose names only hint at it (CMBX, LinLibertineTB, NimbusRomNo9L-Medi, ptmb, ...).
_BOLD = re.compile(
    r"bold|black|heavy|demi|semibold|extrabold|medi(um)?\b|[-,_]bd\b|[-,]b$|cmbx|cmssbx|cmb\d|"
    r"ecbx|ecsx|sfbx|sfsx|\bbx\d|(libertine|biolinum)[a-z]*tb|ptmb|phvb|pplb|pagd",
    re.IGNORECASE,
)
_SMALL_CAPS = re.compile(r"csc|smallcaps|\bsc\b|-sc$|caps", re.IGNORECASE)


@dataclasses.dataclass(frozen=True, slots=True)
class Run:
    """One run of text as pypdf reports it: one font, one baseline."""

    text: str
    x: float
    y: float
    size: float
    font: str
    bold: bool
    small_caps: bool


@dataclasses.dataclass(slots=True)
class Line:
    """The runs on one baseline within one column, left to right (numbered in place
    once the page's margins are set apart)."""

    text: str
    x: float
    y: float  # the baseline, in PDF user space (0 at the bottom)
    size: float  # the largest run's size, as printed
    font: str  # the largest run's font
    bold: bool  # every run with letters is bold
    small_caps: bool
    column: int
    number: int = 0  # 1-based position in reading order on the page
    gap_above: float | None = None  # baseline distance to the line above in the column

    @property
    def key(self) -> str:
        return normalise(self.text)


@dataclasses.dataclass(frozen=True)
class PageText:
    number: int  # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]  # reading order, running heads and page numbers excluded
    margin_lines: tuple[Line, ...]  # running heads, page numbers, footers
    has_images: bool  # the page draws an image XObject (or a form that may hold one)
    graphics: bool  # the page draws something other than text
    letters: int  # letters in the text layer
    chars: int  # characters in the text layer
    body_size: float | None  # the size most of the page's text is printed in

    @property
    def blank(self) -> bool:
        return self.chars == 0 and not self.has_images and not self.graphics

    @property
    def image_only(self) -> bool:
        return self.chars == 0 and (self.has_images or self.graphics)


def normalise(text: str) -> str:
    """Text as a key for matching: ligatures and compatibility forms unfolded
    (NFKC), invisible format characters and every space dropped (letter-spaced
    headings, spaces lost or added by extraction), case folded."""
    return _UNSEEN.sub("", unicodedata.normalize("NFKC", text)).casefold()


# --- one page ------------------------------------------------------------------------------


class _FontInfo:
    """Name, boldness and small caps of a font resource, computed once per resource."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[str, bool, bool]] = {}

    def __call__(self, resource: DictionaryObject | None) -> tuple[str, bool, bool]:
        if resource is None:
            return "unknown", False, False
        key = id(resource)
        if key not in self._cache:
            self._cache[key] = _font_info(resource)
        return self._cache[key]


def _font_info(resource: DictionaryObject) -> tuple[str, bool, bool]:
    try:
        name = str(resource.get("/BaseFont", resource.get("/Name", "Type3")))
        descriptor = resource.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in resource:
            descriptor = resource["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        weight = float(descriptor.get("/FontWeight", 0) or 0)
        force_bold = bool(int(descriptor.get("/Flags", 0) or 0) & (1 << 18))
    except Exception:
        name, weight, force_bold = str(resource.get("/BaseFont", "unknown")), 0.0, False
    name = _SUBSET.sub("", name.lstrip("/"))
    bold = weight >= 600 or force_bold or bool(_BOLD.search(name))
    return name, bold, bool(_SMALL_CAPS.search(name)) or _small_cap_glyphs(resource)


def _small_cap_glyphs(resource: DictionaryObject) -> bool:
    """TeX's small capitals are the text font re-encoded to its ``a.sc`` glyphs (pdfTeX
    names them in the encoding's /Differences), under the text font's own name."""
    try:
        encoding = resource.get("/Encoding")
        encoding = encoding.get_object() if encoding is not None else None
        differences = encoding.get("/Differences", ()) if isinstance(encoding, DictionaryObject) else ()
        return any(isinstance(g, str) and g.endswith((".sc", ".smcp", "small")) for g in differences)
    except Exception:
        return False


def _mult(a: list[float], b: list[float]) -> tuple[float, ...]:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def read_runs(page: PageObject) -> tuple[list[Run], int]:
    """Every upright run of text on ``page``, and the count of characters in runs that
    are not upright (rotated stamps, vertical labels), which are content all the same."""
    runs: list[Run] = []
    rotated = 0
    fonts = _FontInfo()

    def visit(
        text: str, cm: list[float], tm: list[float], resource: DictionaryObject | None, size: float
    ) -> None:
        nonlocal rotated
        text = text.strip()
        if not text:
            return
        m = _mult(tm, cm)
        if abs(m[1]) > 1e-3 * abs(m[0]) + 1e-6 or m[0] <= 0 or m[3] <= 0:
            rotated += len(text)
            return
        name, bold, small_caps = fonts(resource)
        runs.append(Run(text, m[4], m[5], abs(size) * math.hypot(m[2], m[3]), name, bold, small_caps))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page.extract_text(visitor_text=visit, orientations=(0, 90, 180, 270))
    return runs, rotated


def _draws(page: PageObject) -> tuple[bool, bool]:
    """Whether the page draws XObjects (images or forms), and whether its content is
    more than a text layer's worth of nothing."""
    has_images = False
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects:
            for ref in xobjects.get_object().values():
                subtype = ref.get_object().get("/Subtype")
                if subtype in ("/Image", "/Form"):
                    has_images = True
                    break
        contents = page.get_contents()
        graphics = contents is not None and len(contents.get_data().strip()) > 64
    except Exception:
        graphics = False
    return has_images, graphics


def read_page(reader: PdfReader, number: int) -> PageText:
    """The text of page ``number`` (1-based) as lines in reading order."""
    page = reader.pages[number - 1]
    box = page.mediabox
    left, bottom = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    runs, rotated = read_runs(page)
    runs = [dataclasses.replace(r, x=r.x - left, y=r.y - bottom) for r in runs] if (left or bottom) else runs
    lines = _lines(runs, width)
    body, margin = _split_margins(lines, height)
    text = "".join(r.text for r in runs)
    letters = len(_NOT_LETTERS.sub("", text))
    chars = len(text) + rotated
    has_images, graphics = _draws(page) if chars == 0 else (False, True)
    return PageText(
        number,
        width,
        height,
        tuple(body),
        tuple(margin),
        has_images,
        graphics,
        letters,
        chars,
        _body_size(body),
    )


def _body_size(lines: list[Line]) -> float | None:
    """The size (to half a point) that most of the characters on the page have."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _two_columns(runs: list[Run], width: float) -> bool:
    """A page is set in two columns when many runs start at one left edge in its right half."""
    starts = Counter(round(r.x) for r in runs if width / 2 <= r.x < width * 0.8)
    return bool(starts) and starts.most_common(1)[0][1] >= 5


def _lines(runs: list[Run], width: float) -> list[Line]:
    middle = width / 2 if _two_columns(runs, width) else float("inf")
    ordered = sorted(((int(r.x >= middle), -r.y, r.x, r) for r in runs), key=lambda t: t[:3])
    groups: list[tuple[int, list[Run]]] = []
    for column, _, _, run in ordered:
        if groups:
            last_column, group = groups[-1]
            first = group[0]
            if last_column == column and abs(first.y - run.y) <= 0.3 * max(first.size, run.size):
                group.append(run)
                continue
        groups.append((column, [run]))
    lines = []
    for column, group in groups:
        if len(group) == 1:
            run = group[0]
            lines.append(Line(run.text, run.x, run.y, run.size, run.font, run.bold, run.small_caps, column))
            continue
        group.sort(key=lambda r: r.x)
        main = max(group, key=lambda r: (r.size, len(r.text)))
        lettered = [r for r in group if not _NOT_LETTERS.fullmatch(r.text)] or group
        text = " ".join(r.text for r in group)
        small_caps = any(r.small_caps for r in lettered) or (len(text) <= 60 and _caps_run(group))
        lines.append(
            Line(
                text,
                group[0].x,
                main.y,
                main.size,
                main.font,
                all(r.bold for r in lettered),
                small_caps,
                column,
            )
        )
    return lines


def _caps_run(group: list[Run]) -> bool:
    """Small capitals faked with two sizes of capitals: "R" then "EFERENCES" smaller."""
    letters = "".join(r.text for r in group)
    sizes = {round(r.size, 1) for r in group}
    return len(sizes) > 1 and letters.replace(" ", "").isupper()


def _split_margins(lines: list[Line], height: float) -> tuple[list[Line], list[Line]]:
    """Running heads, page numbers and footers apart from the page's content.

    A margin line sits in the outer band of the page (the top or bottom 12%), is not
    larger than the text below it, and is set apart from the rest by a gap wider
    than ordinary line spacing: the layout of every template's head and foot.
    """
    if not lines:
        return [], []
    by_height = sorted(lines, key=lambda ln: -ln.y)
    margin: set[int] = set()
    band = 0.12 * height

    def peel(ordered: list[Line], outer: bool) -> None:
        for i, line in enumerate(ordered[:3]):
            inside = (height - line.y) <= band if outer else line.y <= band
            if not inside:
                return
            rest = ordered[i + 1 :]
            if not rest:
                return
            gap = abs(line.y - rest[0].y)
            if gap < 1.6 * max(line.size, rest[0].size) or line.size > 1.15 * rest[0].size:
                return
            margin.add(id(line))

    peel(by_height, outer=True)
    peel(by_height[::-1], outer=False)
    body = [ln for ln in lines if id(ln) not in margin]
    previous: dict[int, Line] = {}
    for n, line in enumerate(body, start=1):
        above = previous.get(line.column)
        line.number = n
        line.gap_above = (above.y - line.y) if above is not None else None
        previous[line.column] = line
    return body, [ln for ln in lines if id(ln) in margin]
