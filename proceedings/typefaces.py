"""The typefaces bundled in ``proceedings/fonts/`` (licences beside them), and which
characters each one has.

DejaVu Serif sets the front matter, the author index and the sample papers; DejaVu Sans
the page stamps; Droid Sans Fallback whatever DejaVu lacks (Chinese, Japanese and Korean
names, for one).  Every PDF the proceedings write embeds what it uses of them.
"""

from __future__ import annotations

import functools
from pathlib import Path

FOLDER = Path(__file__).parent / "fonts"
SERIF = FOLDER / "DejaVuSerif.ttf"
SERIF_BOLD = FOLDER / "DejaVuSerif-Bold.ttf"
SANS = FOLDER / "DejaVuSans.ttf"
SANS_BOLD = FOLDER / "DejaVuSans-Bold.ttf"
FALLBACK = FOLDER / "DroidSansFallbackFull.ttf"


@functools.lru_cache(maxsize=8)
def characters(path: Path) -> frozenset[int]:
    """The code points the font at ``path`` has a glyph for (read once per font)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def covers(path: Path, text: str) -> bool:
    """Whether the font at ``path`` has every character of ``text`` but its spaces."""
    have = characters(path)
    return all(ord(c) in have for c in text if not c.isspace())
