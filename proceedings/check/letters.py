"""``check --letters DIR``: a plain-text letter to the authors of each paper that fails, needs
review or cannot be read, ready to send: ``<paper id>.txt`` with its ``To:`` and
``Subject:`` lines, then what to fix and what to do (:mod:`.plain`).

The addresses come from the import's contacts file (:mod:`proceedings.imports.contacts`),
which stays private: a letter is written only into the chair's ``DIR``.  A paper with no
address gets its letter all the same, with an empty ``To:``, and is named in the
command's output.  The same records give the same bytes; each file is replaced whole, and
only when its bytes change.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

from proceedings.check.html import page_name
from proceedings.check.plain import items_of, verdict_words, write_folder
from proceedings.imports.contacts import read_contacts
from workshop.core.checkrules import rules_of
from workshop.core.load import Loaded
from workshop.engine.records import CheckRecord, Verdict

_WIDTH = 76
#: Control characters (what a PDF's text may hold) are no part of a letter; line ends are.
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def needs_letter(record: CheckRecord) -> bool:
    return not record.admitted and record.verdict in (Verdict.FAIL, Verdict.REVIEW, Verdict.ERROR)


def write_letters(records: Sequence[CheckRecord], loaded: Loaded, out: Path) -> tuple[int, list[str]]:
    """Write the letters into ``out``: how many, and the papers with no address."""
    info = loaded.workshop.info
    rules = rules_of(info, loaded.workshop.papers) if info is not None else None
    workshop = info.short_name if info is not None else "the workshop"
    contacts = read_contacts(loaded.data_dir)
    letters: dict[str, str] = {}
    unaddressed = []
    for record in records:
        if not needs_letter(record):
            continue
        facts = rules.paper(record.paper_id) if rules is not None else None
        people = contacts.get(record.paper_id or "", [])
        if not people:
            unaddressed.append(record.paper_id or record.file)
        title = facts.title if facts is not None else record.file
        letters[page_name(record).removesuffix(".html") + ".txt"] = letter(record, title, people, workshop)
    write_folder(out, letters, "--letters DIR")
    return len(letters), unaddressed


def _one_line(text: str) -> str:
    """Header text on one line (a name or title with a line break cannot add a header)."""
    return " ".join(text.split())


def letter(record: CheckRecord, title: str, people: list[dict[str, str]], workshop: str) -> str:
    """The letter to the authors of ``record``'s paper."""
    to = ", ".join(f"{_one_line(p['name'])} <{_one_line(p['email'])}>" for p in people)
    names = ", ".join(_one_line(p["name"]) for p in people) or "authors"
    lines = [
        f"To: {to}",
        f'Subject: {_one_line(workshop)}: what to fix in the camera-ready of "{_one_line(title)}"',
        "",
        f"Dear {names},",
        "",
    ]
    lines += _wrap(
        f'We checked the camera-ready PDF of your paper "{_one_line(title)}" against the rules of '
        f"{_one_line(workshop)}. It {verdict_words(record)}."
    )
    for number, item in enumerate(items_of(record), start=1):
        where = (
            f" (page{'s' if len(item.pages) > 1 else ''} {', '.join(map(str, item.pages))})"
            if item.pages
            else ""
        )
        advised = "" if item.must else " [advised]"
        lines.append("")
        lines += _wrap(f"{number}. {item.title}{where}{advised}: {item.message}", indent="   ")
        lines += _wrap(f"What to do: {item.todo}", first="   ", indent="   ")
    lines += [""]
    lines += _wrap(
        "Please send the corrected PDF to the proceedings chairs; we will check it again. "
        "If something above is not right, reply to this message and say so."
    )
    lines += ["", "Best regards,", f"The proceedings chairs of {_one_line(workshop)}", ""]
    return _CONTROLS.sub("", "\n".join(lines))


def _wrap(text: str, first: str = "", indent: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        _WIDTH,
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]
