"""Text compared as a reader (and an index) compares it: what printing and extraction change
without changing the words does not count.

Not counted: case; ligatures and compatibility forms (NFKC: "ﬁ" is "fi"); TeX's accents
set as a spacing accent beside the letter ("M¨uller", "Mu¨ller" are "Müller") and its dotless
i under an accent ("ı́" is "í"); composed or combining accents ("ü" either way); line
breaks, spaces, hyphens and punctuation (a word broken at a line's end is one word);
footnote signs.  Counted: every letter and digit, so a lost accent ("Mller", "Muller") or a
changed, missing or extra word is a difference.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

#: TeX's spacing accents (OT1 and T1 fonts set them as glyphs of their own) and the
#: combining accent each stands for.
_SPACING = {
    "\u00a8": "\u0308",  # diaeresis
    "\u00b4": "\u0301",  # acute
    "\u02cb": "\u0300",  # grave
    "\u02c6": "\u0302",  # circumflex
    "\u02dc": "\u0303",  # tilde
    "\u00b8": "\u0327",  # cedilla
    "\u02c7": "\u030c",  # caron
    "\u02d8": "\u0306",  # breve
    "\u02d9": "\u0307",  # dot above
    "\u02da": "\u030a",  # ring
    "\u02dd": "\u030b",  # double acute
    "\u00af": "\u0304",  # macron
}
_ACCENT_BEFORE = re.compile(f"([{''.join(map(re.escape, _SPACING))}])\\s?([^\\W\\d_])")
_ACCENT_AFTER = re.compile(f"([^\\W\\d_])\\s?([{''.join(map(re.escape, _SPACING))}])")
_NOT_WORD = re.compile(r"[\W_]+")


def tidy(text: str) -> str:
    """``text`` as a reader reads it: TeX's spacing accents put on their letters, dotless i
    as i, composed (NFC), spaces collapsed.  Case and words are kept (for what is shown)."""
    text = _ACCENT_BEFORE.sub(lambda m: m.group(2) + _SPACING[m.group(1)], text)
    text = _ACCENT_AFTER.sub(lambda m: m.group(1) + _SPACING[m.group(2)], text)
    text = unicodedata.normalize("NFKD", text).replace("\u0131", "i").replace("\u0237", "j")
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


def key(text: str) -> str:
    """What must be equal for two texts to say the same: letters and digits, case folded."""
    return _NOT_WORD.sub("", tidy(text).casefold())


def words(text: str) -> list[str]:
    """The words of ``text`` as read (hyphenated words split at their hyphens)."""
    return [w for w in re.split(r"[\s\-\u2010-\u2015]+", tidy(text)) if key(w)]


def differences(printed: str, data: str) -> list[str]:
    """In words, how ``printed`` (page 1) differs from ``data``: each changed, missing or
    extra word, quoted ("page 1 has 'Mller', the data 'Müller'"); empty when they say the same."""
    if key(printed) == key(data):
        return []
    ours, theirs = words(printed), words(data)
    matcher = difflib.SequenceMatcher(a=[key(w) for w in ours], b=[key(w) for w in theirs], autojunk=False)
    said = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        here, there = " ".join(ours[a0:a1]), " ".join(theirs[b0:b1])
        if op == "replace":
            said.append(f"page 1 has '{here}', the data '{there}'")
        elif op == "delete":
            said.append(f"page 1 has '{here}', which the data does not")
        elif op == "insert":
            said.append(f"the data has '{there}', which page 1 does not")
    return said or [f"page 1 has '{tidy(printed)}', the data '{tidy(data)}'"]


def similarity(a: str, b: str) -> float:
    """How alike two texts are (0 to 1), compared by their keys."""
    return difflib.SequenceMatcher(a=key(a), b=key(b), autojunk=False).ratio()
