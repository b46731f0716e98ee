"""Which characters a value of the data may hold, and how a message names the others.

Every value ends up where a stray character does harm: a web page (lxml refuses control
characters outright), a calendar (a line break ends an iCalendar property early), the
apps' JSON and XML, BibTeX, the volume's PDF.  So the data refuses them where they are
typed, and no output has to cope:

* in every value: the control characters but tab and line feed (C0, DEL and C1, the
  carriage return too: YAML already turns a file's line ends into line feeds, so a carriage
  return comes only from an escape such as ``"\\r"``), the line and paragraph separators
  U+2028 and U+2029 (line breaks to JavaScript and YAML, not to HTML), the bidirectional
  embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the noncharacters
  (U+FDD0-U+FDEF and the last two code points of every plane, such as U+FFFF) and lone
  surrogates (half of a character: a broken copy or escape);
* in a one-line value (every field but a paper's ``abstract``: names, titles, labels, ids,
  addresses, the short name): a tab or a line feed as well.  An abstract keeps its line
  breaks and tabs.

The same characters, less tab, line feed and carriage return, are those YAML itself does
not allow written raw in a file (:data:`NOT_YAML`), which :mod:`workshop.core.yamlfile` names
the same way.
"""

from __future__ import annotations

import re

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
#: The bidirectional controls that reorder the text after them (embeddings, overrides,
#: isolates): text in Arabic or Hebrew reads right without them, while they can make a
#: page, or a message in a terminal, show another order than the one written.
_BIDI = "\u202a-\u202e\u2066-\u2069"
#: Refused in every value.
ANYWHERE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff{_NONCHARACTERS}]")
#: Refused in a one-line value.
ONE_LINE = re.compile(f"[\t\n{ANYWHERE.pattern[1:-1]}]")
#: What YAML 1.1 does not allow raw in a file (its "printable" set, inverted).
NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def name(char: str) -> str:
    """``the control character U+0001``: a character as a message names it."""
    code = ord(char)
    label = {
        0x09: "a tab",
        0x0A: "a line break",
        0x0D: "a carriage return",
        0x2028: "the line separator",
        0x2029: "the paragraph separator",
    }.get(code)
    if label is None:
        if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            label = "the bidirectional control"
        elif 0xD800 <= code <= 0xDFFF:
            label = "half of a surrogate pair"
        elif code >= 0xA0:
            label = "the noncharacter"
        else:
            label = "the control character"
    return f"{label} U+{code:04X}"


def advice(char: str, one_line: bool) -> str:
    """What to do about ``char`` in a value."""
    code = ord(char)
    if code == 0x0D and not one_line:
        return "a line feed alone ends a line: delete the carriage return"
    if code in (0x0A, 0x0D):
        return (
            "write this field on one line (YAML joins the lines of a plain or quoted value with "
            "spaces; a '|' block keeps its line breaks)"
        )
    if code == 0x09:
        return "write a space"
    if code in (0x2028, 0x2029):
        return "write a space" if one_line else "write a plain line break"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return (
            "delete it (it reorders the text after it on a page and in a terminal; names and titles in "
            "Arabic or Hebrew read right without it)"
        )
    if 0xD800 <= code <= 0xDFFF:
        return "it is half of a character (a broken copy or escape): write the character itself"
    return (
        "delete it (it is invisible, and pages, calendars and the volume cannot carry it; copies "
        "from a PDF or a word processor bring such characters along)"
    )


def refusal(value: str, one_line: bool = True) -> str | None:
    """Why ``value`` cannot be a value of the data (the first character it must not hold,
    where, and what to do), or None."""
    found = (ONE_LINE if one_line else ANYWHERE).search(value)
    if found is None:
        return None
    char = found.group()
    return f"holds {name(char)} at character {found.start() + 1}: {advice(char, one_line)}"


class CharacterError(ValueError):
    """A value holds a character it must not (the loader reports it as ``character``)."""


def check_line(value: str) -> str:
    """A one-line value as it is, or :class:`CharacterError` saying what it must not hold
    (a validator)."""
    refused = refusal(value, one_line=True)
    if refused:
        raise CharacterError(refused)
    return value


def check_text(value: str) -> str:
    """A value of several lines (an abstract) as it is, or :class:`CharacterError`."""
    refused = refusal(value, one_line=False)
    if refused:
        raise CharacterError(refused)
    return value
