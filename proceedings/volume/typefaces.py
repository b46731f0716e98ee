"""The typefaces bundled in ``proceedings/volume/fonts/`` (licences beside them), and which
characters each one has.

DejaVu Serif sets the front matter, the author index and the sample papers; DejaVu Sans
the page stamps.  For the characters DejaVu Serif lacks, the front matter and index fall
back on the fonts of :data:`FALLBACKS`: DejaVu Sans (Arabic, Hebrew), Droid Sans Fallback
(Chinese, Japanese) and NanumSquare (Korean, from Debian's ``fonts-nanum``; the smallest
of the Nanum fonts that has every Hangul syllable).  Every PDF the proceedings write
embeds what it uses of them.
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from pathlib import Path

FOLDER = Path(__file__).parent / "fonts"
SERIF = FOLDER / "DejaVuSerif.ttf"
SERIF_BOLD = FOLDER / "DejaVuSerif-Bold.ttf"
SANS = FOLDER / "DejaVuSans.ttf"
SANS_BOLD = FOLDER / "DejaVuSans-Bold.ttf"
CJK = FOLDER / "DroidSansFallbackFull.ttf"
HANGUL = FOLDER / "NanumSquareR.ttf"


@dataclasses.dataclass(frozen=True)
class Fallback:
    """A font the typeset pages fall back on: its name for fpdf2, its files (the bold one,
    when there is one, sets bold text), and the scripts it is preferred for."""

    family: str
    regular: Path
    bold: Path | None = None
    #: Unicode character-name prefixes of the characters this font draws even where a
    #: font tried before it has them too.
    prefers: tuple[str, ...] = ()


#: In the order tried.  Hangul goes to NanumSquare although Droid Sans Fallback has a few
#: syllables ("가" among them): a name drawn half in one font and half in another looks patched.
FALLBACKS = (
    Fallback("Sans", SANS, SANS_BOLD),
    Fallback("Cjk", CJK),
    Fallback("Hangul", HANGUL, prefers=("HANGUL",)),
)
#: The scripts the bundled fonts cover, as a chair is told when a name has other characters.
COVERED_SCRIPTS = "Latin, Greek, Cyrillic, Arabic, Hebrew, Chinese, Japanese and Korean"


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


@functools.lru_cache(maxsize=4096)
def fallback_for(char: str) -> Fallback | None:
    """The fallback font that draws ``char`` (a character the main font lacks), or
    ``None`` when no bundled font has it."""
    having = [font for font in FALLBACKS if ord(char) in characters(font.regular)]
    name = unicodedata.name(char, "")
    preferred = [font for font in having if font.prefers and name.startswith(font.prefers)]
    return next(iter(preferred or having), None)


def unprintable(text: str) -> str:
    """The characters of ``text`` that neither DejaVu Serif nor a fallback font has
    (spaces and invisible formatting characters aside), each once, in order."""
    serif = characters(SERIF)
    seen: dict[str, None] = {}
    for char in unicodedata.normalize("NFC", text):  # as the volume sets it
        if ord(char) in serif or char.isspace() or unicodedata.category(char) == "Cf":
            continue
        if fallback_for(char) is None:
            seen.setdefault(char)
    return "".join(seen)
