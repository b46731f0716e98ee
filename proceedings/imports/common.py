"""What every importer shares: the neutral record of a submission, clean text, names,
what counts as accepted, paper ids, and the bounded reading of an export file.

A reader (one module per submission system) turns its export into an :class:`Export`
of :class:`Submission` records, every submission it read, accepted or not (a paper
imported before and no longer accepted is reported, so the reader says why each one is
out).  Text in a record is already as ``papers.yaml`` holds it: one-line fields
(titles, names, affiliations) NFC-normalised with no control characters and single
spaces; abstracts with their paragraph breaks kept and nothing else of their layout.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workshop.core.fields import MAX_SUBMISSION_NUMBER
from workshop.core.names import PARTICLES, SUFFIXES, fold
from workshop.core.problems import WorkshopError, excerpt, shown_path

#: How the summary names each system.
SYSTEMS = {"easychair": "EasyChair", "hotcrp": "HotCRP", "openreview": "OpenReview"}

#: The largest export file read (CSV or JSON): 400 papers take a few megabytes, the
#: 50,000 submissions the import is built for (:data:`MAX_SUBMISSIONS`) some 2.5 kB each.
MAX_EXPORT = 128 * 2**20
#: The most submissions an export may hold, and the most of them accepted: the scale the
#: import is built for (the largest venues accept about 5,000 papers of 25,000; the
#: bench measures this scale, `nox -s bench`).
MAX_SUBMISSIONS = 50_000
MAX_ACCEPTED = 10_000

#: What a decision must read to count as accepted unless the chair names others: the word
#: alone or followed by more ("Accept (oral)"), in any case.  "probably accept", EasyChair's
#: tentative decision, does not count.
ACCEPT_WORDS = ("accept", "accepted")


@dataclasses.dataclass(frozen=True)
class Author:
    name: str
    affiliation: str | None = None
    #: "Family, Given", where the family name is not the last word of ``name``.
    sort_as: str | None = None
    #: The family name as the system has it (for the paper's id); the last word of the name
    #: when the system gives the name whole.
    family: str = ""
    #: Where to write to the author (kept only in the contacts file: :mod:`.contacts`).
    email: str | None = None


@dataclasses.dataclass(frozen=True)
class Submission:
    number: int
    title: str
    authors: tuple[Author, ...] = ()
    abstract: str | None = None
    accepted: bool = True
    #: Why a submission is not accepted ("withdrawn", "deleted", "decision 'reject'").
    why_not: str = ""
    #: Other names its PDF may carry besides the number (an OpenReview note id).
    pdf_names: tuple[str, ...] = ()
    #: What the system says of it, as a chair names it (``decision 'Reject'``, ``status
    #: 'submitted'``, ``venueid 'X/Submission'``): counted when an import accepts nothing.
    seen: str = ""


@dataclasses.dataclass
class Export:
    """One system's export, read."""

    system: str
    files: list[Path]
    submissions: list[Submission]
    #: What the summary says about the export as a whole (no affiliations in it, say).
    notes: list[str] = dataclasses.field(default_factory=list)

    @property
    def accepted(self) -> list[Submission]:
        return sorted((s for s in self.submissions if s.accepted), key=lambda s: s.number)


# --- numbers ------------------------------------------------------------------------------

#: The most digits a submission number has (:data:`MAX_SUBMISSION_NUMBER`): text is
#: measured before it is read as a number, so no export makes ``int()`` work on thousands
#: of digits (or refuse them with a traceback).
NUMBER_DIGITS = len(str(MAX_SUBMISSION_NUMBER))


def submission_number(value: object) -> int | None:
    """A submission number as an export gives it (JSON's number, or CSV's text of ASCII
    digits), or None when it is none: a whole number from 1 to :data:`MAX_SUBMISSION_NUMBER`,
    its digits counted before it is read."""
    if isinstance(value, str):
        text = value.strip()
        if not (0 < len(text) <= NUMBER_DIGITS and text.isascii() and text.isdigit()):
            return None
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_SUBMISSION_NUMBER:
        return None
    return value


class LongNumber:
    """A number in a JSON export with more digits than any field of it holds, kept as its
    length only (Python refuses to read a number of more than 4,300 digits at all)."""

    #: More than any number a submission system writes (ids, times, counts).
    DIGITS = 30

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("-"))

    def __repr__(self) -> str:
        return f"a number of {self.digits:,} digits"


def _json_int(text: str) -> int | LongNumber:
    return int(text) if len(text) <= LongNumber.DIGITS else LongNumber(text)


def check_scale(count: int, path: Path, what: str = "submissions") -> None:
    """One line when an export holds more ``what`` than the import is built for
    (:data:`MAX_ACCEPTED` accepted papers, :data:`MAX_SUBMISSIONS` of anything else)."""
    most = MAX_ACCEPTED if what.startswith("accepted") else MAX_SUBMISSIONS
    if count > most:
        raise WorkshopError(
            f"holds {count:,} {what}, more than this import is built for ({most:,}; the largest "
            "venues accept about 5,000 papers of 25,000): import a venue's accepted papers only",
            file=shown_path(path),
        )


# --- text -------------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"\r\n|[\r\u0085\u2028]")


def _no_controls(text: str) -> str:
    """Control characters out (tabs and other white space become spaces): the data loader
    refuses them, and a reader never meant them."""
    if text.isprintable():  # nearly every field: no control character, no space but ' '
        return text
    return "".join(" " if c.isspace() else c for c in text if c.isspace() or unicodedata.category(c) != "Cc")


def one_line(value: object) -> str:
    """A title, name or affiliation as ``papers.yaml`` holds it: NFC, no control
    characters, white space (line breaks too) as single spaces, nothing around it."""
    text = unicodedata.normalize("NFC", str(value or ""))
    return " ".join(_no_controls(text).split())


def paragraphs(value: object) -> str | None:
    """An abstract: lines trimmed and their inner spaces single, blank lines between
    paragraphs kept (one each), nothing before or after; None when nothing is left."""
    text = unicodedata.normalize("NFC", str(value or ""))
    text = _LINE_BREAKS.sub("\n", text).replace("\u2029", "\n\n")
    lines = [" ".join(_no_controls(line).split()) for line in text.split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n") or None


# --- names ------------------------------------------------------------------------------


def _east_asian(text: str) -> bool:
    """Written in Han, kana or Hangul only: a name in these scripts puts the family name
    first, with no space."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(
        unicodedata.name(c, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")) for c in letters
    )


def author(first: object, last: object, affiliation: object = None) -> Author | None:
    """An author from a given and a family name (None when both are empty).

    ``name`` is the given name, then the family name (family name first and no space for a
    name in Chinese, Japanese or Korean characters).  Where the family name is more than one
    word, the author index could not tell it from the name alone, so ``sort_as`` says it, as
    the index expects: lower-case particles after the given names ("Berg, Anne-Marie van
    der"), a suffix last ("King, Martin Luther, Jr.")."""
    given, family = one_line(first), one_line(last)
    where = one_line(affiliation) or None
    if not (given or family):
        return None
    if not (given and family):
        return Author(given or family, where, family=family or given)
    if _east_asian(given + family):
        return Author(family + given, where, family=family)
    words, sort_as = family.split(), None
    if len(words) > 1:
        suffix = words.pop() if words[-1].lower() in SUFFIXES else ""
        particle: list[str] = []
        while len(words) > 1 and words[0] in PARTICLES:  # lower-case ones only
            particle.append(words.pop(0))
        rest = " ".join([given, *particle])
        sort_as = f"{' '.join(words)}, {rest}" + (f", {suffix}" if suffix else "")
    return Author(f"{given} {family}", where, sort_as, family=family)


_EMAIL = re.compile(r"[^@\s<>\"',;]{1,64}@[^@\s<>\"',;]{1,255}\.[^@\s<>\"',;.]{2,63}")


def email_of(value: object) -> str | None:
    """An e-mail address as an export gives it, or None when it is none (an OpenReview
    profile id, an empty cell, anything that is not one address)."""
    text = value.strip() if isinstance(value, str) else ""
    return text if _EMAIL.fullmatch(text) else None


def whole_name(name: object, affiliation: object = None) -> Author | None:
    """An author whose system gives the name whole (None when it is empty)."""
    text = one_line(name)
    if not text:
        return None
    return Author(text, one_line(affiliation) or None, family=text.split()[-1])


# --- decisions and ids -----------------------------------------------------------------------


def is_accepted(decision: object, words: Sequence[str] = ACCEPT_WORDS) -> bool:
    """Whether ``decision`` reads one of ``words``, alone or followed by more than letters
    ("Accept (oral)" reads "accept"; "acceptable" does not), in any case."""
    text = " ".join(str(decision or "").split()).casefold()
    for word in words:
        word = " ".join(word.split()).casefold()
        if word and (text == word or (text.startswith(word) and not text[len(word)].isalnum())):
            return True
    return False


#: Title words an id leaves out.
_STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "by",
        "for",
        "from",
        "how",
        "in",
        "into",
        "is",
        "its",
        "of",
        "on",
        "or",
        "our",
        "the",
        "to",
        "toward",
        "towards",
        "using",
        "via",
        "what",
        "when",
        "where",
        "which",
        "why",
        "with",
    }
)
_MAX_ID = 48


def ascii_words(text: str) -> list[str]:
    """The words of ``text`` in lower-case ASCII letters and digits: accents off ("Müller"
    is "muller"), apostrophes out ("O'Brien" is "obrien"), letters with no ASCII form
    (Chinese characters, say) dropped."""
    return re.findall(r"[a-z0-9]+", fold(text))


def base_id(submission: Submission) -> str:
    """The id a new paper gets before any collision: the first author's family name and the
    first two telling words of the title (``muller-sparse-attention``); ``paper-12`` when
    the family name has no ASCII form."""
    family = ascii_words(submission.authors[0].family) if submission.authors else []
    if not family:
        return f"paper-{submission.number}"
    words = family + [w for w in ascii_words(submission.title) if w not in _STOP_WORDS][:2]
    text = ""
    for word in words:
        if text and len(text) + 1 + len(word) > _MAX_ID:
            break
        text = f"{text}-{word}" if text else word[:_MAX_ID]
    return text


# --- reading an export ---------------------------------------------------------------------


def read_export(path: Path, what: str) -> bytes:
    """The bytes of an export file, or one line saying why it cannot be read."""
    try:
        if not path.is_file():
            raise WorkshopError(
                f"does not exist (or is not a file): give the path of {what}", file=shown_path(path)
            )
        size = path.stat().st_size
        if size > MAX_EXPORT:
            raise WorkshopError(
                f"is {size / 2**20:.0f} MB, more than {what} of any venue ({MAX_EXPORT // 2**20} MB): "
                "check that this is the right file",
                file=shown_path(path),
            )
        return path.read_bytes()
    except OSError as error:
        raise WorkshopError(f"cannot be read: {error.strerror or error}", file=shown_path(path)) from None


def read_text(path: Path, what: str) -> str:
    """An export's text: UTF-8, with or without the byte-order mark some tools put first."""
    data = read_export(path, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise WorkshopError(
            f"is not UTF-8 (byte {error.start + 1}): use the file as the submission system wrote it, "
            "not one saved again by a spreadsheet",
            file=shown_path(path),
            line=line,
        ) from None


def read_json(path: Path, what: str) -> Any:
    text = read_text(path, what)
    try:
        return json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as error:
        raise WorkshopError(
            f"is not valid JSON ({error.msg}, column {error.colno}): download {what} again",
            file=shown_path(path),
            line=error.lineno,
        ) from None
    except RecursionError:
        raise WorkshopError(f"is nested too deeply to be {what}", file=shown_path(path)) from None


def json_kind(value: Any) -> str:
    """How a message names a JSON value's type."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, LongNumber):
        return repr(value)
    return {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number"}[
        type(value)
    ]


def excerpt_json(value: Any) -> str:
    """A JSON value as a message quotes it: a number or a short string as it reads, anything
    else by its kind (a field can hold thousands of digits or characters)."""
    if isinstance(value, str):
        return excerpt(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # 30 digits at most (LongNumber)
        return repr(value)
    return json_kind(value)


def json_path(*parts: str | int) -> str:
    """``("notes", 3, "content")`` -> ``notes[3].content``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
