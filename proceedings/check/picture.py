"""A picture of a page with a margin finding: the page, its text area (blue) and what
lies past it (red, with how far), as aclpubcheck draws them, written as PNG beside the
report (``_build/proceedings/findings/``).

The page is rendered by ``pdftoppm`` (poppler-utils: ``apt-get install poppler-utils``),
the renderer Debian and every CI image have at hand, reading the very bytes that were
checked from its standard input; the marks are drawn over it with Pillow (which fpdf2
brings).  Where pdftoppm is missing, fails or takes too long, the picture is a schematic
drawn from the scan itself (each run of text a grey bar, each drawing an outline) and
says so.  The same bytes give the same picture (no date or tool name in the file).
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.core.outputs import replace_if_changed
from workshop.engine.findings import Draw
from workshop.engine.margins import Overrun
from workshop.engine.paper import Task
from workshop.engine.pdf.content import Box, Scan
from workshop.engine.pdf.marks import Frame

if TYPE_CHECKING:
    from PIL import Image

#: Pixels per point: 1 (72 dpi, as aclpubcheck draws) shows a line of 9 pt text legibly,
#: and costs half the time of 1.5.
SCALE = 1.0
#: The longest side of a picture, in pixels: a page larger than A3 (a poster, or a page
#: 200 inches square) is drawn smaller, so its picture stays a few megabytes.
LONGEST = 1700
#: The longest a page may take to render (a page of a paper takes well under a second),
#: and all of one paper's pages: past it, the rest are schematics (a hostile file cannot
#: hold the check for pages x seconds).
RENDER_SECONDS = 20
PAPER_SECONDS = 60
#: The most things past the area boxed on one picture (the furthest first).
_DRAWN = 500
#: The picture is the page in grey with the marks in colour: a palette of 254 greys, then
#: blue for the text area and red for what lies past it (a palette image is a third of the
#: bytes of a colour one, and as quick to write).
_BLUE, _RED = 254, 255
_PALETTE = [v for grey in range(254) for v in (grey * 255 // 253,) * 3] + [30, 90, 220, 220, 30, 30]


def scale_for(size: tuple[float, float]) -> float:
    """Pixels per point for a page of ``size`` (points): :data:`SCALE`, less for a page
    whose longer side would pass :data:`LONGEST` pixels."""
    return min(SCALE, LONGEST / max(size[0], size[1], 1.0))


def render(
    pdf: bytes, page: int, size: tuple[float, float], seconds: float = RENDER_SECONDS
) -> tuple[Image.Image, bool]:
    """The page in greys as a Pillow image ``size`` x :func:`scale_for` pixels, and whether
    it is a rendering (``False``: a blank sheet, pdftoppm was not there or failed)."""
    from PIL import Image

    scale = scale_for(size)
    pixels = (max(1, round(size[0] * scale)), max(1, round(size[1] * scale)))
    tool = shutil.which("pdftoppm")
    if tool is not None and seconds > 0:
        try:
            # PGM on standard output: pdftoppm's own PNG encoder costs ten times its rendering.
            done = subprocess.run(
                [
                    tool,
                    "-q",
                    "-gray",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-r",
                    f"{72 * scale:g}",
                    "-singlefile",
                    "-",
                ],
                input=pdf,
                capture_output=True,
                timeout=min(seconds, RENDER_SECONDS),
                check=False,
            )
            if done.returncode == 0 and done.stdout.startswith(b"P5"):
                image = Image.open(io.BytesIO(done.stdout)).convert("L")
                return (image if image.size == pixels else image.resize(pixels)), True
        except (OSError, subprocess.SubprocessError, ValueError, Image.DecompressionBombError):
            pass
    return Image.new("L", pixels, 255), False


def _pixels(box: Box, height: float, scale: float) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    return (x0 * scale, (height - y1) * scale, x1 * scale, (height - y0) * scale)


def picture(
    pdf: bytes,
    page: int,
    frame: Frame,
    area: Box,
    found: list[Overrun],
    scan: Scan,
    seconds: float = RENDER_SECONDS,
) -> tuple[bytes, bool]:
    """The PNG of ``page`` with ``area`` and ``found`` drawn, and whether the page itself is
    in it (a rendering, given at most ``seconds``) or only a schematic of it."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=14)  # Pillow's own face: the same on every machine
    width, height = frame.size
    grey, rendered = render(pdf, page, (width, height), seconds)
    scale = scale_for((width, height))
    if not rendered:  # a schematic from what the scan saw
        sketch = ImageDraw.Draw(grey)
        for show in scan.shows:
            if not show.invisible:
                sketch.rectangle(_pixels(frame.seen(show.box), height, scale), fill=175)
        for mark in scan.marks:
            sketch.rectangle(_pixels(frame.seen(mark.box), height, scale), outline=120)
    image = Image.frombytes("P", grey.size, grey.point([v * 253 // 255 for v in range(256)]).tobytes())
    image.putpalette(_PALETTE)
    draw = ImageDraw.Draw(image)
    draw.rectangle(_pixels(area, height, scale), outline=_BLUE, width=2)
    for overrun in sorted(found, key=lambda o: -o.distance)[:_DRAWN]:
        x0, y0, x1, y1 = _pixels(overrun.box, height, scale)
        draw.rectangle((x0 - 3, y0 - 3, x1 + 3, y1 + 3), outline=_RED, width=3)
        label = f"{overrun.distance:.1f} pt {overrun.side}"
        draw.text((x0, max(0.0, y0 - 19)), label, fill=_RED, font=font)
    if not rendered:
        note = "schematic: pdftoppm (poppler-utils) was not at hand or did not render this page in time"
        draw.text((6, 6), note, fill=_RED, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue(), rendered


def write_pictures(
    pdf: bytes,
    found: list[Overrun],
    frames: dict[int, Frame],
    areas: dict[int, Box],
    scans: dict[int, Scan],
    folder: Path,
    stem: str,
    root: Path | None,
) -> dict[int, str]:
    """A PNG for each page with something past its area, ``<stem>-page-<n>.png`` in
    ``folder`` (each replaced whole, and only when its bytes change); the names written,
    relative to ``root`` where they are inside it.  A folder that cannot be written costs
    the pictures, never the check."""
    if os.path.islink(folder):  # never through a link, which may lead anywhere (see check.run)
        return {}
    by_page: dict[int, list[Overrun]] = {}
    for overrun in found:
        by_page.setdefault(overrun.page, []).append(overrun)
    written: dict[int, str] = {}
    deadline = time.monotonic() + PAPER_SECONDS
    for page, overruns in sorted(by_page.items()):
        target = folder / f"{stem}-page-{page}.png"
        try:
            left = deadline - time.monotonic()
            data, _ = picture(pdf, page, frames[page], areas[page], overruns, scans[page], left)
            replace_if_changed(target, data)
        except OSError:
            continue
        written[page] = shown(target, root)
    return written


def drawer(task: Task) -> Draw | None:
    """How the engine draws ``task``'s pictures: into its ``findings_dir`` (None: none drawn)."""
    if task.findings_dir is None:
        return None
    return functools.partial(write_pictures, folder=task.findings_dir, stem=task.stem, root=task.root)


def shown(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` when inside it (records do not depend on where the check ran)."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
