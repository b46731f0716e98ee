"""Who presents a paper: its presenter, not every author.

A paper talk's speaker, and the person at a poster's board, is the paper's presenter: the
``presenter`` of the slot (or of the poster's entry), else the paper's own ``presenter``,
else its first author.  A presenter is named by one of the paper's authors' names, so that
their affiliation is written once.  People are the same person when their names are
(:func:`person_key`: the same letters, whatever the case, the spaces or the way accents
are encoded), which is how the program's checks find one person in two rooms
(:mod:`workshop.core.bookings`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from workshop.core.model import Paper, Person


def person_key(name: str) -> str:
    """The key by which two names are one person: composed, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def author_named(paper: Paper, name: str) -> Person | None:
    """The author of ``paper`` called ``name`` (None when no author is)."""
    key = person_key(name)
    return next((author for author in paper.authors if person_key(author.name) == key), None)


def presenter(paper: Paper, names: Sequence[str | None] = ()) -> Person:
    """Who presents ``paper``: the first of ``names`` (a slot's or a poster entry's
    ``presenter``) that is one of its authors, else the paper's ``presenter``, else its
    first author.  (The loader refuses a presenter who is no author.)"""
    for name in [*names, paper.presenter]:
        found = author_named(paper, name) if name else None
        if found is not None:
            return found
    return paper.authors[0]
