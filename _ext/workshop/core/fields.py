"""The types of the model's fields: what a value must look like (one line of text, an id,
a web address, a clock time, an IANA zone...), each checked by a function so that a
refusal is said in words.  A pattern's own message would be the regular expression
itself ("String should match pattern '^[a-z0-9]...'")."""

from __future__ import annotations

import re
import zoneinfo
from pathlib import PurePosixPath
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from workshop.core import characters, identifiers


class Model(BaseModel):
    """What every model is: frozen (shared between Sphinx processes and cached), no
    unknown key (a typo in a key is an error), text stripped of surrounding spaces."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


#: Text on one line: names, titles, labels, addresses (every text field but an abstract):
#: no control character, no line break (see :mod:`workshop.core.characters`).
Line = Annotated[str, AfterValidator(characters.check_line)]
#: Text of several lines (a paper's abstract): line breaks and tabs, no other control character.
Text = Annotated[str, AfterValidator(characters.check_text)]


#: The longest id: ids name files (``papers/<id>.pdf``, ``<id>.html``, ``<id>-page-12.png``,
#: ``calendar/<id>.ics``), and a file's name has at most 255 bytes on every common file
#: system (ext4, APFS, NTFS), its path a few thousand; an id of ASCII letters is one byte a
#: letter, so 100 leave room for what is added to it and for the folders above.
MAX_ID = 100
#: The largest submission number a paper's ``source`` (and an import) takes: systems number
#: submissions 1, 2, ...; the largest venues stay below 100,000.
MAX_SUBMISSION_NUMBER = 999_999_999


def _check_identifier(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise ValueError(
            f"{value!r} is not an id: use lower-case letters, digits, '-' and '_' "
            "(ids go into web addresses, anchors and calendar UIDs)"
        )
    if len(value) > MAX_ID:
        raise ValueError(
            f"{value[:40]!r}... is {len(value)} characters long: an id has at most {MAX_ID} "
            "(ids name files, and a file's name is short on every system); shorten it"
        )
    return value


def _check_url(value: str) -> str:
    if not re.fullmatch(r"(https?://|mailto:)\S+", value):
        raise ValueError(
            f"{value!r} is not a web address: write it whole, starting with https:// (or mailto:)"
        )
    return value


def _check_web_url(value: str) -> str:
    if not re.fullmatch(r"https?://\S+", value):
        raise ValueError(f"{value!r} is not a web address: write it whole, starting with https://")
    return value


NonEmpty = Annotated[Line, Field(min_length=1)]
Identifier = Annotated[Line, AfterValidator(_check_identifier)]
Url = Annotated[Line, AfterValidator(_check_url)]
#: A page on the web (http or https only): a talk's slides, video or code.
WebUrl = Annotated[Line, AfterValidator(_check_web_url)]


def _board(value: object) -> object:
    """A poster board as written: ``12`` (a number) or ``A3``."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: A poster's board: a number or a label.
Board = Annotated[NonEmpty, BeforeValidator(_board)]


def _check_email(value: str) -> str:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError(f"{value!r} is not an e-mail address (name@example.org)")
    return value


def _check_zone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    # OSError: zoneinfo opens the name as a file (``America`` is a folder of zones, a name
    # of 300 letters too long for the file system).
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"{value!r} is not an IANA time zone (for example America/New_York)") from None
    return value


_TIME = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?")


def parse_clock(value: object) -> int:
    """A wall-clock time as minutes after midnight: ``8:55 AM``, ``08:55`` or ``20:55``.

    Minutes rather than :class:`datetime.time` so that a slot running past midnight
    (``24:30``) can be represented and refused with a clear message by validation.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    match = _TIME.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a time: write it like 8:55 AM or 08:55")
    hour, minute, ampm = int(match["h"]), int(match["m"]), match["ampm"]
    if minute > 59:
        raise ValueError(f"{text!r} is not a time: minutes run from 00 to 59")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r} is not a time: with AM/PM the hour runs from 1 to 12")
        hour = hour % 12 + (12 if ampm[0] in "Pp" else 0)
    elif hour > 47:
        raise ValueError(f"{text!r} is not a time: the hour runs from 0 to 23")
    return hour * 60 + minute


def _check_deadline_zone(value: str) -> str:
    """One type, not ``Literal["AoE"] | TimeZone``: a union reports each of its members'
    failures, named in pydantic's words ("literal['AoE']", "function-after[...]")."""
    if value == "AoE":
        return value
    try:
        return _check_zone(value)
    except ValueError:
        raise ValueError(
            f"{value!r} is neither AoE nor an IANA time zone (for example America/New_York)"
        ) from None


Clock = Annotated[int, BeforeValidator(parse_clock)]
Email = Annotated[Line, AfterValidator(_check_email)]
#: An ORCID iD whose check digit is right (:func:`workshop.core.identifiers.orcid`).
Orcid = Annotated[Line, AfterValidator(identifiers.orcid)]
TimeZone = Annotated[Line, AfterValidator(_check_zone)]
DeadlineZone = Annotated[Line, AfterValidator(_check_deadline_zone)]


def _check_relative_path(value: str) -> str:
    path = PurePosixPath(value)
    if path.is_absolute() or "\\" in value:
        raise ValueError(f"{value!r} must be a relative path with '/' separators")
    return value


RelativePath = Annotated[Line, AfterValidator(_check_relative_path)]


#: A DOI as its registry writes it (``10.1145/3578356.3592577``); ``https://doi.org/`` is dropped.
Doi = Annotated[Line, AfterValidator(identifiers.doi)]
