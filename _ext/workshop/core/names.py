"""Personal names as a library files them: the family name first, sorted without regard
to accents, case or punctuation.

A :class:`~workshop.core.model.Person` has a display ``name`` and, where the last word is not
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
of Unicode, each script in its own order (Hangul by its letters, katakana with
hiragana, as Korean and Japanese dictionaries file them; an Arabic family name without
its article "al-", as Arabic indexes do).  For a name a library would file under a
romanised form, give that form in ``sort_as``: the index files it there and shows the
name as written after it.

Headings (:func:`index_heading`) are the index characters of the Unicode CLDR, which
ICU's ``AlphabeticIndex`` uses: the first letter of the filed family name in its own
script (A-Z, Α-Ω, А-Я, א-ת, ا-ي ...); for Korean the initial consonant (ㄱ ㄴ ㄷ ...);
for Japanese kana the row of the syllabary (あ か さ ...).  Chinese characters (kanji,
hanja) have no letters to file by: their order needs a reading the data does not give,
so such names go together under "Other scripts", after every letter (ICU's overflow
label), unless ``sort_as`` romanises them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Callable

from workshop.core.model import Person

#: Lower-case words that join the family name but are filed after the given names.
PARTICLES = frozenset(
    {
        "a",
        "af",
        "al",
        "auf",
        "av",
        "d'",
        "da",
        "das",
        "de",
        "del",
        "della",
        "den",
        "der",
        "des",
        "di",
        "do",
        "dos",
        "du",
        "el",
        "la",
        "le",
        "ten",
        "ter",
        "van",
        "vande",
        "vanden",
        "vander",
        "von",
        "zu",
        "zum",
        "zur",
    }
)
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"})

#: Letters NFKD does not decompose, spelled as a library files them.
_SPELLED = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
        "ŋ": "ng",
        "Ŋ": "NG",
    }
)
#: Katakana filed with hiragana, small kana with full-size ones (after NFKD, which has
#: already taken the voicing marks off: "ガ" files as "か").
_FULL_SIZE = dict(zip("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ", strict=True))
_KANA = str.maketrans(
    {
        **{chr(c): _FULL_SIZE.get(chr(c - 0x60), chr(c - 0x60)) for c in range(0x30A1, 0x30F7)},
        **_FULL_SIZE,
    }
)
_PUNCTUATION = re.compile(r"[\u0027\u2019\u02bc.\"()\[\]]")
_SPACES = re.compile(r"[\s\u2010-\u2015-]+")
#: The word that separates two names in a BibTeX name list, in any case.
_AND = re.compile(r"(?<!\S)and(?!\S)", re.IGNORECASE)
_ARABIC_ARTICLE = "\u0627\u0644"  # "al-", written joined to the name

#: The heading of names that no letter files (Chinese characters, mostly).
OTHER_SCRIPTS = "Other scripts"
#: Korean initial consonants (conjoining jamo, as NFKD leaves a syllable) as index
#: headings: the letters themselves, a doubled consonant with its single one (CLDR).
_HANGUL_HEADINGS = dict(
    zip("ᄀᄁᄂᄃᄄᄅᄆᄇᄈᄉᄊᄋᄌᄍᄎᄏᄐᄑᄒ", "ㄱㄱㄴㄷㄷㄹㅁㅂㅂㅅㅅㅇㅈㅈㅊㅋㅌㅍㅎ", strict=True)
)
#: The rows of the Japanese syllabary, each headed by its first kana (CLDR).
_KANA_ROWS = {
    kana: row[0]
    for row in (
        "あいうえお",
        "かきくけこ",
        "さしすせそ",
        "たちつてと",
        "なにぬねの",
        "はひふへほ",
        "まみむめも",
        "やゆよ",
        "らりるれろ",
        "わゐゑをん",
    )
    for kana in row
}


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
    #: The name as written, shown after the filed form when ``sort_as`` romanises it.
    original: str = ""

    @property
    def inverted(self) -> str:
        """How an index prints it: ``Family, Given particle, Suffix``."""
        if self.as_written is not None:
            return self.as_written
        rest = " ".join(p for p in (self.given, self.particle) if p)
        text = f"{self.family}, {rest}" if rest else self.family
        text = f"{text}, {self.suffix}" if self.suffix else text
        return f"{text} ({self.original})" if self.original else text

    @property
    def bibtex(self) -> str:
        """BibTeX's ``von Last, Jr, First`` form (:meth:`bibtex_form`, nothing escaped)."""
        return self.bibtex_form()

    def bibtex_form(self, escape: Callable[[str], str] = str) -> str:
        """BibTeX's ``von Last, Jr, First`` form, which BibTeX parses back to the same parts,
        each part passed through ``escape``.  What BibTeX would split a part at is braced:
        the part whole when it holds a comma (BibTeX would take it for ``Last, First``),
        the word "and" in any case (a second author), a name that is only "others" (et al.)."""
        if self.as_written is not None:
            return "{" + escape(self.as_written) + "}"
        last = f"{self.particle} {self.family}" if self.particle else self.family
        parts = [last] + ([self.suffix] if self.suffix else []) + ([self.given] if self.given else [])
        text = ", ".join(
            "{" + part + "}" if "," in part else _AND.sub(r"{\g<0>}", part) for part in map(escape, parts)
        )
        return "{others}" if text == "others" else text


def split_name(person: Person) -> FiledName:
    """How a library files ``person`` (``sort_as`` wins)."""
    if person.sort_as:
        family, _, given = (part.strip() for part in person.sort_as.partition(","))
        given, _, suffix = (part.strip() for part in given.partition(","))
        # A romanised sort_as ("Kim, Minjun" for 김민준) must not hide the name as written.
        original = person.name if _scripts(person.name) - _scripts(person.sort_as) else ""
        return FiledName(family=family, given=given, suffix=suffix, original=original)
    words = person.name.split()
    if len(words) <= 1 or _family_first_script(person.name):
        return FiledName(family=person.name, as_written=person.name if len(words) > 1 else None)
    suffix = ""
    if len(words) > 2 and words[-1].lower().rstrip(",") in SUFFIXES:
        suffix = words.pop().rstrip(",")
        words[-1] = words[-1].rstrip(",")
    family_words = [words.pop()]
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
            family_words.insert(0, words.pop())
    return FiledName(
        family=" ".join(family_words), given=" ".join(words), particle=" ".join(particle), suffix=suffix
    )


def _scripts(text: str) -> set[str]:
    """The scripts of the letters of ``text``, by the first word of their Unicode names
    ("LATIN", "HANGUL", "CJK" ...)."""
    return {unicodedata.name(c, "?").split()[0] for c in text if c.isalpha()}


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Accents, case, punctuation and invisible marks (such as a right-to-left mark) away:
    the primary sort key of a piece of a name."""
    text = unicodedata.normalize("NFKD", text.translate(_SPELLED))
    text = "".join(c for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    text = _PUNCTUATION.sub("", text).translate(_KANA)
    return _SPACES.sub(" ", text).strip().casefold()


def _filed_family(name: FiledName) -> str:
    """The family name as the index files it: folded; an Arabic one without its article
    (الأحمد files under ا of احمد, as "al-Aḥmad" files under A)."""
    family = fold(name.family)
    if family.startswith(_ARABIC_ARTICLE) and len(family) > len(_ARABIC_ARTICLE) + 1:
        family = family[len(_ARABIC_ARTICLE) :]
    return family


def _heading(family: str) -> str:
    letter = next((c for c in family if c.isalpha()), "")
    if not letter or unicodedata.name(letter, "").startswith("CJK"):
        return OTHER_SCRIPTS
    return _HANGUL_HEADINGS.get(letter) or _KANA_ROWS.get(letter) or letter.upper()


def index_heading(person: Person) -> str:
    """The heading an index files ``person`` under (``sort_as`` first): never empty."""
    return _heading(_filed_family(split_name(person)))


def sort_key(person: Person) -> tuple:
    """Family name, then given names, then particle and suffix; accents and case only
    break ties, and the name as written breaks the last.  Names under "Other scripts"
    come after every letter, so that each heading's names stand together."""
    name = split_name(person)
    family = _filed_family(name)
    primary = (family, fold(name.given), fold(name.particle), fold(name.suffix))
    return (
        _heading(family) == OTHER_SCRIPTS,
        primary,
        (name.family, name.given, name.particle, name.suffix),
        person.name,
    )
