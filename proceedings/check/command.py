"""``proceedings check``: its arguments and what it runs (registered by :mod:`proceedings.cli`).

Besides the terminal's table and the JSON report, the check writes on request what is
looked at by people: the margin finding's pictures (``--pictures``: PNGs beside the report,
named in the report's ``files``), a page per paper for its authors (``--html DIR``,
:mod:`proceedings.check.html`) and a letter per paper that must be fixed (``--letters DIR``,
:mod:`proceedings.check.letters`).  Nothing is drawn otherwise: pictures cost a rendering
of each page concerned, and a check that only judges does not need them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workshop.core.problems import UsageError, WorkshopError, terminal

#: Where the data check writes its JSON report, relative to the repository.
REPORT = Path("_build/proceedings/report.json")


def add_check(commands: argparse._SubParsersAction, add_shared) -> None:
    parser = commands.add_parser(
        "check",
        help="check PDFs against the page limits, the format and the data",
        description="Check camera-ready PDFs against the page limits and format of their track, and "
        "page 1 of each accepted paper against its title and authors in the data: with no FILE, "
        "every accepted paper of the data (and write the JSON report); with FILEs, those.",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE.pdf",
        help="PDFs to check ad hoc (default: every accepted paper of the data)",
    )
    parser.add_argument(
        "--track",
        help="the track whose limits apply to FILEs (a track id of the data, "
        "e.g. full or short); accepted papers keep their own by default",
    )
    parser.add_argument("--json", action="store_true", help="print the records as JSON on standard output")
    parser.add_argument(
        "--report",
        type=Path,
        metavar="PATH",
        help=f"write the JSON report here (default for the data check: {REPORT} in the "
        "repository; ad-hoc checks write none unless asked)",
    )
    parser.add_argument(
        "--pictures",
        action="store_true",
        help="draw a picture of each page with a margin finding (PNG, under _build/proceedings/findings/, "
        "named in the report)",
    )
    parser.add_argument(
        "--html",
        type=Path,
        metavar="DIR",
        help="write a page per paper for its authors (and index.html for the chair) into DIR: "
        "the verdict, every finding and what to do, pictures of the pages concerned",
    )
    parser.add_argument(
        "--letters",
        type=Path,
        metavar="DIR",
        help="write a plain-text letter to the authors of each paper that fails or needs review into DIR, "
        "addressed from the import's contacts file",
    )
    add_shared(parser)
    parser.set_defaults(run=run_check, command_parser=parser)


def run_check(args: argparse.Namespace) -> int:
    from proceedings.check.report import dumps, print_table, write_report
    from proceedings.check.run import check_files, check_papers
    from proceedings.data import load_for_proceedings

    if args.track is not None and not args.files:
        raise UsageError(
            "applies to FILEs only: accepted papers are checked against their own track", field="--track"
        )
    loaded = load_for_proceedings(args.data)
    options = {
        "jobs": args.jobs,
        "progress": args.progress,
        "max_bytes": args.max_bytes,
        "use_cache": args.use_cache,
        "pictures": args.pictures,
    }
    if args.files:
        try:
            records = check_files(loaded, args.files, track_id=args.track, **options)
        except WorkshopError as error:
            raise UsageError(error.message, file=error.file, field=error.field) from None
        report = args.report
    else:
        records = check_papers(loaded, **options)
        report = args.report or loaded.root / REPORT
    if report is not None:
        write_report(records, report)
    written = _for_people(args, loaded, records)
    if args.json:
        sys.stdout.write(dumps(records))
    else:
        print_table(records)
        if report is not None:
            print(terminal(f"report: {report}"))
    for line in written:
        print(terminal(line), file=sys.stderr if args.json else sys.stdout)
    return 0 if all(r.admitted for r in records) else 1


def _for_people(args: argparse.Namespace, loaded, records) -> list[str]:
    """The authors' pages and letters, when asked; what was written, in words."""
    said = []
    if args.html is not None:
        from proceedings.check.html import write_pages

        count = write_pages(records, loaded, args.html, max_bytes=args.max_bytes)
        said.append(f"pages for the authors: {count} in {args.html} (open {args.html / 'index.html'})")
    if args.letters is not None:
        from proceedings.check.letters import write_letters

        count, unaddressed = write_letters(records, loaded, args.letters)
        said.append(f"letters to the authors: {count} in {args.letters}")
        said.extend(
            f"note: {paper}: no contact address (import the papers again, or add it to the contacts file)"
            for paper in unaddressed
        )
    return said
