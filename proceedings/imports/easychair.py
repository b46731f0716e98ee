"""EasyChair's data download: ``submission.csv`` and ``author.csv``.

EasyChair's chair downloads every table of the conference as CSV (UTF-8, a header row,
fields quoted where they hold commas, quotes or line breaks, so an abstract's row runs
over several lines).  ``submission.csv`` has ``#, title, authors, submitted, last updated,
form fields, keywords, decision, notified, reviews sent, abstract, deleted?`` (and the
track's columns when the conference has several); ``author.csv`` has ``submission #,
first name, last name, email, country, affiliation, Web page, person #, corresponding?``,
one row per author of a submission, in the order of the paper's byline.  Columns are
found by their header, in any order and case; columns this import does not use may be
absent.  E-mail addresses and web pages are not imported: ``papers.yaml`` is published
with the site's repository.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from proceedings.imports.common import (
    ACCEPT_WORDS,
    Author,
    Export,
    Submission,
    author,
    check_scale,
    email_of,
    is_accepted,
    one_line,
    paragraphs,
    read_text,
    submission_number,
)
from workshop.core.problems import WorkshopError, excerpt, shown_path

#: Our name for a column -> its header in EasyChair's file.
SUBMISSION_COLUMNS = {
    "number": "#",
    "title": "title",
    "decision": "decision",
    "abstract": "abstract",
    "deleted": "deleted?",
}
AUTHOR_COLUMNS = {
    "number": "submission #",
    "first": "first name",
    "last": "last name",
    "affiliation": "affiliation",
}

_DOWNLOAD = (
    "download it again from EasyChair (Premium > Conference data download, as CSV with the table headers)"
)


def _rows(
    path: Path, columns: dict[str, str], what: str, optional: dict[str, str] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row that holds anything, as (the line it starts on, our name -> its text); the
    ``optional`` columns where the file has them."""
    reader = csv.reader(io.StringIO(read_text(path, what), newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise WorkshopError(f"is empty: {_DOWNLOAD}", file=shown_path(path))
        names = [cell.strip().casefold() for cell in header]
        if header and header[0].strip().isdigit():
            raise WorkshopError(f"has no header row: {_DOWNLOAD}", file=shown_path(path), line=1)
        where: dict[str, int] = {}
        for ours, theirs in columns.items():
            if theirs.casefold() not in names:
                raise WorkshopError(
                    f"has no column {theirs!r} (it has {', '.join(repr(h.strip()) for h in header)}): "
                    f"this is not EasyChair's {what}, or a column was taken out; {_DOWNLOAD}",
                    file=shown_path(path),
                    line=1,
                )
            where[ours] = names.index(theirs.casefold())
        for ours, theirs in (optional or {}).items():
            if theirs.casefold() in names:
                where[ours] = names.index(theirs.casefold())
        line = reader.line_num + 1
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header):
                raise WorkshopError(
                    f"has {len(row)} field(s) where the header has {len(header)}: the row was cut or a quote "
                    f"is missing; {_DOWNLOAD}",
                    file=shown_path(path),
                    line=start,
                )
            yield start, {ours: row[index] for ours, index in where.items()}
    except csv.Error as error:
        raise WorkshopError(
            f"is not a CSV file EasyChair wrote ({error}): {_DOWNLOAD}",
            file=shown_path(path),
            line=reader.line_num,
        ) from None


def _number(text: str, path: Path, line: int, column: str) -> int:
    number = submission_number(text)
    if number is None:
        raise WorkshopError(
            f"{excerpt(text.strip())} is not a submission number: EasyChair numbers submissions 1, 2, ...; "
            "check that the columns were not shifted",
            file=shown_path(path),
            line=line,
            field=column,
        )
    return number


def read(submissions: Path, authors: Path, accept: Sequence[str] = ACCEPT_WORDS) -> Export:
    """Both files, read: every submission of ``submission.csv`` with its authors.

    Accepted: not deleted, and a decision that reads one of ``accept`` (see
    :func:`~proceedings.imports.common.is_accepted`).  Every accepted submission must have
    an author in ``author.csv``."""
    found: dict[int, Submission] = {}
    first_line: dict[int, int] = {}
    for line, row in _rows(submissions, SUBMISSION_COLUMNS, "submission.csv"):
        number = _number(row["number"], submissions, line, "#")
        check_scale(len(found) + 1, submissions)
        if number in found:
            raise WorkshopError(
                f"submission {number} appears twice (first on line {first_line[number]}): {_DOWNLOAD}",
                file=shown_path(submissions),
                line=line,
                field="#",
            )
        deleted = row["deleted"].strip().casefold() == "yes"
        decision = one_line(row["decision"])
        accepted = not deleted and is_accepted(decision, accept)
        why = "deleted in EasyChair" if deleted else (f"decision {decision!r}" if decision else "no decision")
        title = one_line(row["title"])
        if accepted and not title:
            raise WorkshopError(
                f"an accepted submission has no title: give it one in EasyChair, then {_DOWNLOAD}",
                file=shown_path(submissions),
                line=line,
                field="title",
            )
        found[number] = Submission(
            number,
            title,
            abstract=paragraphs(row["abstract"]),
            accepted=accepted,
            why_not="" if accepted else why,
            seen="deleted" if deleted else (f"decision {decision!r}" if decision else "no decision"),
        )
        first_line[number] = line
    byline: dict[int, list[Author]] = {}
    for line, row in _rows(authors, AUTHOR_COLUMNS, "author.csv", {"email": "email"}):
        number = _number(row["number"], authors, line, "submission #")
        person = author(row["first"], row["last"], row["affiliation"])
        if person is None:
            raise WorkshopError(
                f"an author with neither a first nor a last name: fill one in EasyChair, then {_DOWNLOAD}",
                file=shown_path(authors),
                line=line,
                field="first name",
            )
        byline.setdefault(number, []).append(dataclasses.replace(person, email=email_of(row.get("email"))))
    for number, submission in found.items():
        if submission.accepted and not byline.get(number):
            raise WorkshopError(
                f"lists no author of submission {number} ({submission.title!r}), which is accepted: use the "
                "author.csv of the same download as submission.csv",
                file=shown_path(authors),
            )
        found[number] = dataclasses.replace(submission, authors=tuple(byline.get(number, ())))
    return Export("easychair", [submissions, authors], list(found.values()))
