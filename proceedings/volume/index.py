"""The author index: who the authors are, and where their papers start.

An author is one person across papers when they share an ORCID iD, or the same name
(unless ORCID iDs tell two people of that name apart); names are filed as
:mod:`workshop.core.names` says, and two people with the same name are told apart by
their affiliations.
"""

from __future__ import annotations

from collections.abc import Sequence

from proceedings.volume.typeset import IndexEntry
from workshop.core.model import Paper, Person
from workshop.core.names import index_heading, sort_key, split_name


def index_entries(papers: Sequence[tuple[Paper, int]]) -> list[IndexEntry]:
    """Every author of ``papers`` (each with the page it starts on in the volume) once --
    the same ORCID, or the same name, is one person -- filed by family name, with the
    first pages of their papers as links to them."""
    people: dict[str, tuple[Person, list[tuple[Paper, int]]]] = {}
    orcids_of: dict[str, set[str]] = {}  # a name -> the ORCIDs seen with it
    for paper, _ in papers:
        for author in paper.authors:
            if author.orcid:
                orcids_of.setdefault(_plain(author.name), set()).add(author.orcid)
    for placed in papers:
        for author in placed[0].authors:
            key = _identity(author, orcids_of)
            _, theirs = people.setdefault(key, (author, []))
            if placed not in theirs:
                theirs.append(placed)
    entries = []
    shown: dict[str, list[Person]] = {}
    for person, _ in people.values():
        shown.setdefault(split_name(person).inverted, []).append(person)
    for person, theirs in sorted(people.values(), key=lambda item: sort_key(item[0])):
        name = split_name(person).inverted
        if len(shown[name]) > 1 and person.affiliation:  # two people with one name
            name = f"{name} ({person.affiliation})"
        entries.append(
            IndexEntry(
                name=name,
                letter=index_heading(person),
                pages=tuple((str(first), ("paper", paper.id)) for paper, first in theirs),
            )
        )
    return entries


def _plain(name: str) -> str:
    return " ".join(name.split()).casefold()


def _identity(author: Person, orcids_of: dict[str, set[str]]) -> str:
    """Who an author is for the index: the same ORCID is one person; the same name is one
    person, unless ORCIDs tell two people of that name apart."""
    if author.orcid:
        return f"orcid:{author.orcid}"
    name = _plain(author.name)
    orcids = orcids_of.get(name, set())
    return f"orcid:{next(iter(orcids))}" if len(orcids) == 1 else f"name:{name}"
