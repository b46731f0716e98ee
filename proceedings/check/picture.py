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

import io
import shutil
import subprocess
from pathlib import Path

from proceedings.check.margins import Frame, Overrun
from proceedings.pdf.content import Box, Scan
from workshop.core.outputs import replace_if_changed

#: Pixels per point: 1.5 (108 dpi) shows a line of 9 pt text legibly.
SCALE = 1.5
#: The longest a page may take to render (a page of a paper takes well under a second).
RENDER_SECONDS = 20
_AREA = (30, 90, 220, 255)
_PAST = (220, 30, 30, 255)
_PAST_FILL = (220, 30, 30, 60)


def render(pdf: bytes, page: int, size: tuple[float, float]) -> tuple[object, bool]:
    """The page as a Pillow image ``size`` x SCALE pixels, and whether it is a rendering
    (``False``: a blank sheet, pdftoppm was not there or failed)."""
    from PIL import Image

    pixels = (max(1, round(size[0] * SCALE)), max(1, round(size[1] * SCALE)))
    tool = shutil.which("pdftoppm")
    if tool is not None:
        try:
            done = subprocess.run(
                [
                    tool,
                    "-q",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-r",
                    f"{72 * SCALE:g}",
                    "-png",
                    "-singlefile",
                    "-",
                ],
                input=pdf,
                capture_output=True,
                timeout=RENDER_SECONDS,
                check=False,
            )
            if done.returncode == 0 and done.stdout.startswith(b"\x89PNG"):
                image = Image.open(io.BytesIO(done.stdout)).convert("RGB")
                return (image if image.size == pixels else image.resize(pixels)), True
        except (OSError, subprocess.SubprocessError, ValueError):
            pass
    return Image.new("RGB", pixels, "white"), False


def _pixels(box: Box, height: float) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    return (x0 * SCALE, (height - y1) * SCALE, x1 * SCALE, (height - y0) * SCALE)


def picture(
    pdf: bytes, page: int, frame: Frame, area: Box, found: list[Overrun], scan: Scan
) -> tuple[bytes, bool]:
    """The PNG of ``page`` with ``area`` and ``found`` drawn, and whether the page itself is
    in it (a rendering) or only a schematic of it."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=14)  # Pillow's own face: the same on every machine
    width, height = frame.size
    image, rendered = render(pdf, page, (width, height))
    if not rendered:  # a schematic from what the scan saw
        sketch = ImageDraw.Draw(image)
        for show in scan.shows:
            if not show.invisible:
                sketch.rectangle(_pixels(frame.seen(show.box), height), fill=(175, 175, 175))
        for mark in scan.marks:
            sketch.rectangle(_pixels(frame.seen(mark.box), height), outline=(120, 120, 120))
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.rectangle(_pixels(area, height), outline=_AREA, width=2)
    for overrun in found:
        x0, y0, x1, y1 = _pixels(overrun.box, height)
        draw.rectangle((x0 - 2, y0 - 2, x1 + 2, y1 + 2), outline=_PAST, fill=_PAST_FILL, width=2)
        label = f"{overrun.distance:.1f} pt {overrun.side}"
        draw.text((x0, max(0.0, y0 - 18)), label, fill=_PAST, font=font)
    if not rendered:
        draw.text(
            (6, 6), "schematic: install poppler-utils (pdftoppm) for a rendering", fill=_PAST, font=font
        )
    merged = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    out = io.BytesIO()
    merged.save(out, format="PNG", optimize=False)
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
    by_page: dict[int, list[Overrun]] = {}
    for overrun in found:
        by_page.setdefault(overrun.page, []).append(overrun)
    written: dict[int, str] = {}
    for page, overruns in sorted(by_page.items()):
        target = folder / f"{stem}-page-{page}.png"
        try:
            data, _ = picture(pdf, page, frames[page], areas[page], overruns, scans[page])
            replace_if_changed(target, data)
        except OSError:
            continue
        written[page] = shown(target, root)
    return written


def shown(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` when inside it (records do not depend on where the check ran)."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
