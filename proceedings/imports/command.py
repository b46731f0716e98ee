"""``proceedings import easychair|hotcrp|openreview``: the command's arguments and its run.

Registering the arguments loads no reader of an export (nor anything of pypdf): the run
imports what its system needs."""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop.core.problems import terminal


def add_import(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import",
        help="import the accepted papers from EasyChair, HotCRP or OpenReview into papers.yaml",
        description="Merge the accepted papers of a submission system's export into papers.yaml (titles, "
        "authors, affiliations, abstracts) and copy their PDFs into the data folder.  Importing "
        "again updates what the system holds and keeps the chair's edits.",
    )
    parser.set_defaults(command_parser=parser)
    systems = parser.add_subparsers(dest="system", required=True, metavar="SYSTEM")
    for system in (_easychair(systems), _hotcrp(systems), _openreview(systems)):
        _shared(system)


def _easychair(systems: argparse._SubParsersAction) -> argparse.ArgumentParser:
    easychair = systems.add_parser(
        "easychair",
        help="EasyChair's data download: submission.csv and author.csv",
        description="Accepted: not deleted, and a decision that reads 'accept' (any case, 'Accept (oral)' too).",
    )
    easychair.add_argument(
        "submissions", type=Path, metavar="SUBMISSIONS.csv", help="EasyChair's submission.csv"
    )
    easychair.add_argument("authors", type=Path, metavar="AUTHORS.csv", help="EasyChair's author.csv")
    _accept(easychair)
    return easychair


def _hotcrp(systems: argparse._SubParsersAction) -> argparse.ArgumentParser:
    hotcrp = systems.add_parser(
        "hotcrp",
        help="HotCRP's JSON paper download",
        description="Accepted: status 'accepted', or (where the status does not settle it) a decision "
        "that reads 'accept' or one named with --accept.",
    )
    hotcrp.add_argument("export", type=Path, metavar="PAPERS.json", help="HotCRP's JSON paper download")
    _accept(hotcrp)
    return hotcrp


def _openreview(systems: argparse._SubParsersAction) -> argparse.ArgumentParser:
    openreview = systems.add_parser(
        "openreview",
        help="OpenReview's API v2 notes as JSON",
        description="Accepted: venueid equal to --venueid; without it, a venue that is not a submission, "
        "rejection or withdrawal.",
    )
    openreview.add_argument(
        "export", type=Path, metavar="NOTES.json", help="the venue's submissions as API v2 notes"
    )
    openreview.add_argument(
        "--venueid", metavar="ID", help="the venue id of accepted papers (MLBench/2023/Workshop)"
    )
    return openreview


def _accept(system: argparse.ArgumentParser) -> None:
    """The decisions that mean accepted (the systems whose export says a decision in words)."""
    system.add_argument(
        "--accept",
        nargs="+",
        metavar="WORD",
        help="the decisions that mean accepted (default: accept, accepted)",
    )


def _shared(system: argparse.ArgumentParser) -> None:
    """What every system's import takes: the PDFs, the data folder, the track, a dry run."""
    system.add_argument(
        "--pdfs",
        type=Path,
        metavar="ZIP_OR_DIR",
        help="a zip or folder of the PDFs, named with their submission number",
    )
    system.add_argument("--data", default="docs/data", type=Path, help="the data folder (default: docs/data)")
    system.add_argument(
        "--track", metavar="ID", help="the track of new papers (default: the workshop's only track)"
    )
    system.add_argument(
        "--dry-run",
        action="store_true",
        help="show the summary and the changes to papers.yaml; write nothing",
    )
    system.set_defaults(run=run_import, command_parser=system)


def run_import(args: argparse.Namespace) -> int:
    from proceedings.imports import easychair, hotcrp, openreview
    from proceedings.imports.common import ACCEPT_WORDS
    from proceedings.imports.run import import_export
    from proceedings.imports.tally import nothing_accepted

    if args.system == "easychair":
        export = easychair.read(args.submissions, args.authors, args.accept or ACCEPT_WORDS)
    elif args.system == "hotcrp":
        export = hotcrp.read(args.export, args.accept or ACCEPT_WORDS)
    else:
        export = openreview.read(args.export, args.venueid)
    problem = nothing_accepted(export)  # before anything is read of the data or written
    if problem is not None:
        raise problem
    print(terminal(import_export(export, args.data, pdfs=args.pdfs, track=args.track, dry_run=args.dry_run)))
    return 0
