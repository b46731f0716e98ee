"""Personal names as a library files them: the family name first, sorted without regard
to accents, case or punctuation.

A :class:`~workshop.model.Person` has a display ``name`` and, where the last word is not
the family name, ``sort_as`` ("Janapa Reddi, Vijay").  Without ``sort_as`` the name is
split as BibTeX and the Chicago Manual do for names written given-name first: the last
word is the family name, preceded by any lower-case particles ("de", "van der"), which
are filed after the given names ("Beauvoir, Simone de", "Gogh, Vincent van"); a
capitalised particle belongs to the family name ("Van Buren", "De Niro").  A suffix
("Jr.", "III") follows the given names.  Names in scripts written family name first
without spaces (Chinese, Japanese, Korean) are filed as written.

Sorting: accents and case are ignored first ("Émile" files with "Emile"), then break
ties; letters that do not decompose (ø, ß, æ, ł) are spelled out; apostrophes vanish and
hyphens count as spaces.  Latin names come first, other scripts after them in the order
of Unicode, each script in its own order.  For a name a library would file under a
romanised form, give that form in ``sort_as``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata

from workshop.model import Person

#: Lower-case words that join the family name but are filed after the given names.
PARTICLES = frozenset({
    "a", "af", "al", "auf", "av", "d'", "da", "das", "de", "del", "della", "den", "der", "des",
    "di", "do", "dos", "du", "el", "la", "le", "ten", "ter", "van", "vande", "vanden", "vander",
    "von", "zu", "zum", "zur",
})
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"})

#: Letters NFKD does not decompose, spelled as a library files them.
_SPELLED = str.maketrans({
    "ø": "o", "Ø": "O", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
    "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "NG",
})
_PUNCTUATION = re.compile(r"[\u0027\u2019\u02bc.\"()\[\]]")
_SPACES = re.compile(r"[\s\u2010-\u2015-]+")


def _family_first_script(text: str) -> bool:
    """A name in Han, Hiragana, Katakana or Hangul letters, which put the family name first."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            if not name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")):
                return False
    return any(c.isalpha() for c in text)


@dataclasses.dataclass(frozen=True)
class FiledName:
    """A name split for filing."""

    family: str
    given: str = ""
    particle: str = ""  # filed after the given names: "Gogh, Vincent van"
    suffix: str = ""
    #: Written family name first (East Asian order): shown as written, not inverted.
    as_written: str | None = None

    @property
    def inverted(self) -> str:
        """How an index prints it: ``Family, Given particle, Suffix``."""
        if self.as_written is not None:
            return self.as_written
        rest = " ".join(p for p in (self.given, self.particle) if p)
        text = f"{self.family}, {rest}" if rest else self.family
        return f"{text}, {self.suffix}" if self.suffix else text

    @property
    def bibtex(self) -> str:
        """BibTeX's ``von Last, Jr, First`` form, which BibTeX parses back to the same parts."""
        if self.as_written is not None:
            return "{" + self.as_written + "}"
        last = f"{self.particle} {self.family}" if self.particle else self.family
        parts = [last] + ([self.suffix] if self.suffix else []) + ([self.given] if self.given else [])
        return ", ".join(parts)


def split_name(person: Person) -> FiledName:
    """How a library files ``person`` (``sort_as`` wins)."""
    if person.sort_as:
        family, _, given = (part.strip() for part in person.sort_as.partition(","))
        given, _, suffix = (part.strip() for part in given.partition(","))
        return FiledName(family=family, given=given, suffix=suffix)
    words = person.name.split()
    if len(words) <= 1 or _family_first_script(person.name):
        return FiledName(family=person.name, as_written=person.name if len(words) > 1 else None)
    suffix = ""
    if len(words) > 2 and words[-1].lower().rstrip(",") in SUFFIXES:
        suffix = words.pop().rstrip(",")
        words[-1] = words[-1].rstrip(",")
    family = [words.pop()]
    # Particles just before the family name, leaving at least one given name: capitalised
    # ones are part of the family name ("Van Buren"), lower-case ones are filed after the
    # given names ("Gogh, Vincent van").
    particle: list[str] = []
    while len(words) > 1 and words[-1].lower() in PARTICLES:
        if words[-1][0].islower():
            particle.insert(0, words.pop())
        elif particle:
            break
        else:
            family.insert(0, words.pop())
    return FiledName(family=" ".join(family), given=" ".join(words), particle=" ".join(particle),
                     suffix=suffix)


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Accents, case and punctuation away: the primary sort key of a piece of a name."""
    text = unicodedata.normalize("NFKD", text.translate(_SPELLED))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _PUNCTUATION.sub("", text)
    return _SPACES.sub(" ", text).strip().casefold()


def sort_key(person: Person) -> tuple:
    """Family name, then given names, then particle and suffix; accents and case only
    break ties, and the name as written breaks the last."""
    name = split_name(person)
    primary = (fold(name.family), fold(name.given), fold(name.particle), fold(name.suffix))
    return (primary, (name.family, name.given, name.particle, name.suffix), person.name)
