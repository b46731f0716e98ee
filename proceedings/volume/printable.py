"""Whether the volume can print every name and title the data gives it.

The front matter and the author index are set in the bundled fonts
(:mod:`proceedings.volume.typefaces`); a character that none of them has would not print at
all.  Such a name stops the build, as a paper that fails the check does, rather than
passing with a warning: a volume is the record a library keeps, an author's name with
letters missing is wrong in it for good, and a build that only warned would exit 0 and
let CI and Read the Docs publish it.  The previous volume stays in place, and the
message says which name in which file, which characters, and what to do.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

from workshop.core.load import Loaded, field_name
from workshop.core.model import Person

from workshop.core.problems import in_repository
from workshop.core.problems import WorkshopError
from proceedings.volume.typefaces import COVERED_SCRIPTS, unprintable

#: What the volume prints of a person.
_PERSON_FIELDS = ("name", "affiliation", "sort_as")


def check_printable(loaded: Loaded) -> None:
    """Raise :class:`WorkshopError` naming every text of the volume's front matter and
    index with a character no bundled font has."""
    found = list(_unprintable_fields(loaded))
    if not found:
        return
    (file, field, text, chars), more = found[0], found[1:]
    message = (f"{text!r} has characters that no bundled font has: {_listed(chars)}; the volume's front "
               "matter and index would print it without them.")
    for other_file, other_field, other_text, other_chars in more:
        message += f"\n  also {other_file}: {other_field}: {other_text!r} ({_listed(other_chars)})"
    message += (f"\nWrite it in a script the bundled fonts cover ({COVERED_SCRIPTS}), as the person writes "
                "it there (a romanised name, say), or add a font that has these characters to FALLBACKS in "
                "proceedings/typefaces.py.")
    raise WorkshopError(message, file=file, field=field)


def _unprintable_fields(loaded: Loaded) -> Iterator[tuple[str, str, str, str]]:
    """(file, field, text, its unprintable characters) for every text the front matter and
    index print: the workshop's names and the volume's title, the committees, the papers'
    titles and authors."""
    workshop = loaded.workshop
    texts: list[tuple[str, tuple, str | None]] = []
    info = workshop.info
    if info is not None:
        texts += [("workshop", ("name",), info.name), ("workshop", ("short_name",), info.short_name),
                  ("workshop", ("conference", "name"), info.conference.name),
                  ("workshop", ("conference", "short_name"), info.conference.short_name)]
        if info.proceedings is not None:
            texts.append(("workshop", ("proceedings", "title"), info.proceedings.title))
    for i, committee in enumerate(workshop.people.committees if workshop.people else []):
        texts.append(("people", ("committees", i, "title"), committee.title))
        for j, member in enumerate(committee.members):
            texts += _person("people", ("committees", i, "members", j), member)
    for i, paper in enumerate(workshop.papers.papers if workshop.papers else []):
        texts.append(("papers", ("papers", i, "title"), paper.title))
        for j, author in enumerate(paper.authors):
            texts += _person("papers", ("papers", i, "authors", j), author)
    for part, path, text in texts:
        chars = unprintable(text or "")
        if chars:
            yield in_repository(Path(loaded.files[part]), loaded.root), field_name(path), text, chars


def _person(part: str, path: tuple, person: Person) -> list[tuple[str, tuple, str | None]]:
    return [(part, (*path, field), getattr(person, field)) for field in _PERSON_FIELDS]


def _listed(chars: str) -> str:
    """``"अमि"`` -> ``"अ (U+0905 DEVANAGARI LETTER A), म (U+092E ...)"``."""
    return ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in chars)
