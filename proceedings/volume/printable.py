"""Whether the volume can print every name and title the data gives it.

The front matter and the author index are set in the bundled fonts
(:mod:`proceedings.volume.typefaces`); a character that none of them has would not print at
all.  Such a name stops the build, as a paper that fails the check does, rather than
passing with a warning: a volume is the record a library keeps, an author's name with
letters missing is wrong in it for good, and a build that only warned would exit 0 and
let CI and Read the Docs publish it.  The previous volume stays in place, and the
message says which name in which file, which characters, and what to do.

:func:`volume_texts` gathers what the volume prints from the data and checks it, once: the
volume's fonts are made for the same texts.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from proceedings.volume.stamps import STAMP_FONTS
from proceedings.volume.typefaces import COVERED_SCRIPTS, covers, unprintable
from workshop.core.citation import stamp_line
from workshop.core.load import Complete, Loaded
from workshop.core.model import Paper
from workshop.core.plan import Placement, printed_texts
from workshop.core.problems import WorkshopError, in_repository
from workshop.core.volumefacts import VolumeFacts
from workshop.core.yamlfile import Path_, field_name


@dataclasses.dataclass(frozen=True)
class Texts:
    """What the volume prints from the data, for the fonts it embeds: every text of the
    front matter and index (:func:`workshop.core.plan.printed_texts`: part, field, text),
    and every character of the page stamps (:func:`stamp_text`)."""

    printed: list[tuple[str, Path_, str]]
    stamp: str


def volume_texts(loaded: Loaded[Complete], facts: VolumeFacts, papers: Sequence[Paper]) -> Texts:
    """The :class:`Texts` of the volume of ``papers``, each checked (:func:`check_printable`,
    :func:`check_stamp`)."""
    texts = Texts(list(printed_texts(loaded.workshop)), stamp_text(facts, papers))
    check_printable(loaded, texts.printed)
    check_stamp(loaded, texts.stamp)
    return texts


def check_printable(loaded: Loaded[Complete], printed: Iterable[tuple[str, Path_, str]]) -> None:
    """Raise :class:`WorkshopError` naming every text of the volume's front matter and
    index (``printed``: :func:`workshop.core.plan.printed_texts`) with a character no
    bundled font has."""
    found = list(_unprintable_fields(loaded, printed))
    if not found:
        return
    (file, field, text, chars), more = found[0], found[1:]
    message = (
        f"{text!r} has characters that no bundled font has: {_listed(chars)}; the volume's front "
        "matter and index would print it without them."
    )
    for other_file, other_field, other_text, other_chars in more:
        message += f"\n  also {other_file}: {other_field}: {other_text!r} ({_listed(other_chars)})"
    message += (
        f"\nWrite it in a script the bundled fonts cover ({COVERED_SCRIPTS}), as the person writes "
        "it there (a romanised name, say), or add a font that has these characters to FALLBACKS in "
        "proceedings/volume/typefaces.py."
    )
    raise WorkshopError(message, file=file, field=field)


def stamp_text(facts: VolumeFacts, papers: Sequence[Paper]) -> str:
    """Every character the page stamps print: the footer of every page, and the citation
    line of each paper's first page (their pages aside, they differ only in their DOIs)."""
    text = facts.footer + stamp_line(facts, Placement(papers[0], 1, 2))
    others = "".join(stamp_line(facts, Placement(paper, 1, 2)) for paper in papers[1:])
    return text + "".join(dict.fromkeys(c for c in others if c not in text))


def check_stamp(loaded: Loaded[Complete], text: str) -> None:
    """Raise :class:`WorkshopError` when the page stamps (:func:`stamp_text`: the footer of
    every page, the citation line of each paper's first page) cannot be set: they are drawn
    character by character in the stamp's fonts, so every character must be in one of them,
    and none may read right to left (the stamp does not reorder or join letters)."""
    where = in_repository(Path(loaded.files["info"]), loaded.root)
    backwards = "".join(dict.fromkeys(c for c in text if unicodedata.bidirectional(c) in ("R", "AL")))
    if backwards:
        raise WorkshopError(
            f"the page footer and citation line ({text!r}) hold right-to-left letters "
            f"({_listed(backwards)}), which the page stamp cannot set: write the workshop's names "
            "and proceedings.title in a left-to-right script",
            file=where,
            field="proceedings.title",
        )
    missing = "".join(
        dict.fromkeys(c for c in text if c.strip() and not any(covers(path, c) for path in STAMP_FONTS))
    )
    if missing:
        raise WorkshopError(
            f"the page footer and citation line ({text!r}) hold characters that no bundled font "
            f"has: {_listed(missing)}: write them in a script the bundled fonts cover ({COVERED_SCRIPTS})",
            file=where,
            field="proceedings.title",
        )


def _unprintable_fields(
    loaded: Loaded[Complete], printed: Iterable[tuple[str, Path_, str]]
) -> Iterator[tuple[str, str, str, str]]:
    """(file, field, text, its unprintable characters) for every text the front matter and
    index print."""
    for part, path, text in printed:
        chars = unprintable(text)
        if chars:
            yield in_repository(Path(loaded.files[part]), loaded.root), field_name(path), text, chars


def _listed(chars: str) -> str:
    """``"अमि"`` -> ``"अ (U+0905 DEVANAGARI LETTER A), म (U+092E ...)"``."""
    return ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in chars)
