"""``python -m proceedings``: the chairs' tool.

    python -m proceedings check                       every accepted paper of docs/data
    python -m proceedings check [--track full|short] FILE.pdf ... [--json]
    python -m proceedings build [--out DIR]          the check, then the volume (_build/proceedings)
    python -m proceedings import easychair|hotcrp|openreview EXPORT... [--pdfs ZIP_OR_DIR] [--dry-run]
                                                      accepted papers into papers.yaml
    python -m proceedings package crossref|datacite|ceur|acl|pmlr|all [--out DIR]
                                                      what archives take (_build/packages/<target>)
    python -m proceedings program publish [--dry-run] the program as published, into published.yaml
    python -m proceedings handbook [--out DIR]        the program as a booklet (build makes it too)

Exit status: 0 when every paper passes (or a chair's decision admits it), 1 when
one does not or the data or a file is wrong, 2 for a usage error.  Every error is
one line (file, field, what to do) on standard error; never a traceback.

Each subcommand is an ``add_<name>`` function that registers its arguments (those all
share come from :func:`add_shared`) and a ``run`` callable returning the exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from proceedings.check.records import CheckRecord, Verdict
from proceedings.handbook.build import add_handbook, build_handbook, said
from proceedings.package import add_package
from proceedings.pdf.opener import DEFAULT_MAX_MB, MB
from proceedings.program import add_program
from workshop.core import wording
from workshop.core.manifest import MANIFEST, OPENING_VIEW, PAPERS, VOLUME_BIB, VolumeResult
from workshop.core.problems import UsageError, WorkshopError, shown_path, terminal

#: Where the data check writes its JSON report, relative to the repository.
REPORT = Path("_build/proceedings/report.json")


def add_shared(parser: argparse.ArgumentParser) -> None:
    """The data folder, the processes and the progress bar: the same in every subcommand."""
    parser.add_argument("--data", default="docs/data", type=Path, help="the data folder (default: docs/data)")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="processes for the check (default: one per core)",
    )
    parser.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bars")
    parser.add_argument(
        "--no-cache",
        dest="use_cache",
        action="store_false",
        help="read every paper again, even those whose records the check's cache holds "
        "(_build/proceedings/check-cache.json: same bytes, rule, limits, decision and format)",
    )
    parser.add_argument(
        "--max-pdf-size",
        type=float,
        default=DEFAULT_MAX_MB,
        metavar="MB",
        help=f"the largest PDF read, in MB (a million bytes; default: {DEFAULT_MAX_MB}): "
        "a larger file is an error",
    )


def check_shared(args: argparse.Namespace) -> None:
    if "jobs" not in args:  # a command without the shared options (import)
        return
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("must be at least 1", field="--jobs")
    if not args.max_pdf_size > 0 or args.max_pdf_size == float("inf"):  # not NaN, not 0, not inf
        raise UsageError(
            f"must be a number of MB above 0 (the default is {DEFAULT_MAX_MB})", field="--max-pdf-size"
        )
    args.max_bytes = int(args.max_pdf_size * MB)


def add_check(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="check PDFs against the page limits",
        description="Check camera-ready PDFs against the page limits of their track: with no FILE, "
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
    add_shared(parser)
    parser.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    from proceedings.check.report import dumps, print_table, write_report
    from proceedings.check.run import check_files, check_papers
    from proceedings.data import load_for_proceedings

    if args.track is not None and not args.files:
        raise UsageError(
            "applies to FILEs only: accepted papers are checked against their own track", field="--track"
        )
    loaded = load_for_proceedings(args.data)
    if args.files:
        try:
            records = check_files(
                loaded,
                args.files,
                track_id=args.track,
                jobs=args.jobs,
                progress=args.progress,
                max_bytes=args.max_bytes,
                use_cache=args.use_cache,
            )
        except WorkshopError as error:
            raise UsageError(error.message, file=error.file, field=error.field) from None
        report = args.report
    else:
        records = check_papers(
            loaded, jobs=args.jobs, progress=args.progress, max_bytes=args.max_bytes, use_cache=args.use_cache
        )
        report = args.report or loaded.root / REPORT
    if report is not None:
        write_report(records, report)
    if args.json:
        sys.stdout.write(dumps(records))
    else:
        print_table(records)
        if report is not None:
            print(terminal(f"report: {report}"))
    return 0 if all(r.admitted for r in records) else 1


#: Where the volume and what goes with it are written, relative to the repository.
VOLUME_DIR = Path("_build/proceedings")


def add_build(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "build",
        help="check every accepted paper, then build the proceedings volume",
        description="Check every accepted paper against the page limits (as `check` does), then build "
        "the volume: front matter, the papers stamped with their page numbers, bookmarks, "
        "author index; each paper's stamped PDF and BibTeX beside it.  A paper that fails the "
        "check stops the build unless a chair's decision in the data admits it.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help=f"where to write the volume (default: {VOLUME_DIR} in the repository)",
    )
    add_shared(parser)
    parser.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    from proceedings.check.report import print_table, write_report
    from proceedings.check.run import check_papers
    from proceedings.data import load_for_proceedings
    from proceedings.volume.build import build_moment, build_volume

    loaded = load_for_proceedings(args.data, require_papers=False)
    if not (loaded.workshop.papers and loaded.workshop.papers.papers):
        # A new edition before its papers: nothing to do, not an error.
        print(terminal(f"{args.data}: no accepted papers yet, so no volume to build"))
        return 0
    out = args.out or loaded.root / VOLUME_DIR
    build_moment(loaded.workshop)  # a malformed SOURCE_DATE_EPOCH stops the build before the long check
    records = check_papers(
        loaded,
        jobs=args.jobs,
        progress=args.progress,
        max_bytes=args.max_bytes,
        out_dir=out,
        use_cache=args.use_cache,
    )
    # Beside the volume (by default, where `check` writes it).
    write_report(records, out / REPORT.name, command="build", elsewhere="--out DIR")
    print_table(records)
    problem = refused(records, loaded.files["papers"])
    if problem is not None:
        raise problem
    result = build_volume(loaded, out, progress=args.progress, max_bytes=args.max_bytes)
    print(terminal(summary(result)))
    if loaded.workshop.schedule is not None:  # the program as a booklet, beside the volume
        print(terminal(said(build_handbook(loaded, out), out)))
    return 0


def add_import(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import",
        help="import the accepted papers from EasyChair, HotCRP or OpenReview into papers.yaml",
        description="Merge the accepted papers of a submission system's export into papers.yaml (titles, "
        "authors, affiliations, abstracts) and copy their PDFs into the data folder.  Importing "
        "again updates what the system holds and keeps the chair's edits.",
    )
    systems = parser.add_subparsers(dest="system", required=True, metavar="SYSTEM")
    easychair = systems.add_parser(
        "easychair",
        help="EasyChair's data download: submission.csv and author.csv",
        description="Accepted: not deleted, and a decision that reads 'accept' (any case, 'Accept (oral)' too).",
    )
    easychair.add_argument(
        "submissions", type=Path, metavar="SUBMISSIONS.csv", help="EasyChair's submission.csv"
    )
    easychair.add_argument("authors", type=Path, metavar="AUTHORS.csv", help="EasyChair's author.csv")
    easychair.add_argument(
        "--accept",
        nargs="+",
        metavar="WORD",
        help="the decisions that mean accepted (default: accept, accepted)",
    )
    hotcrp = systems.add_parser(
        "hotcrp",
        help="HotCRP's JSON paper download",
        description="Accepted: status 'accepted', or a decision that reads 'accept'.",
    )
    hotcrp.add_argument("export", type=Path, metavar="PAPERS.json", help="HotCRP's JSON paper download")
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
    for system in (easychair, hotcrp, openreview):
        system.add_argument(
            "--pdfs",
            type=Path,
            metavar="ZIP_OR_DIR",
            help="a zip or folder of the PDFs, named with their submission number",
        )
        system.add_argument(
            "--data", default="docs/data", type=Path, help="the data folder (default: docs/data)"
        )
        system.add_argument(
            "--track", metavar="ID", help="the track of new papers (default: the workshop's only track)"
        )
        system.add_argument(
            "--dry-run",
            action="store_true",
            help="show the summary and the changes to papers.yaml; write nothing",
        )
        system.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    from proceedings.imports import easychair, hotcrp, openreview
    from proceedings.imports.common import ACCEPT_WORDS
    from proceedings.imports.run import import_export

    if args.system == "easychair":
        export = easychair.read(args.submissions, args.authors, args.accept or ACCEPT_WORDS)
    elif args.system == "hotcrp":
        export = hotcrp.read(args.export)
    else:
        export = openreview.read(args.export, args.venueid)
    print(terminal(import_export(export, args.data, pdfs=args.pdfs, track=args.track, dry_run=args.dry_run)))
    return 0


# --- what the build says ----------------------------------------------------------------------


def refused(records: Sequence[CheckRecord], papers_file: Path | str = "papers.yaml") -> WorkshopError | None:
    """The error that stops the build when a paper is not admitted by the check, else None.

    ``records`` are :class:`~proceedings.check.records.CheckRecord` of the accepted papers: a
    paper goes into the volume when it passes or a chair's decision in the data admits it."""
    bad = [r for r in records if not r.admitted]
    if not bad:
        return None
    lines = []
    for record in bad:
        why = list(record.reasons[1:]) or list(record.reasons[:1]) or ["no verdict"]
        lines.append(f"  {record.paper_id or record.file} ({record.verdict}): {'; '.join(why)}")
    count = f"{len(bad)} paper{'s' if len(bad) > 1 else ''}"
    them = "them" if len(bad) > 1 else "it"
    # A decision admits a paper the check judged; a file it cannot read must be replaced.
    if all(r.verdict == Verdict.ERROR for r in bad):
        advice = "Fix the PDF (or its path): no chair's decision admits a file that cannot be read."
    else:
        advice = (
            "Fix the PDF, or record the chair's decision (decision: references_start_page, or exception: "
            "{pages, reason, approved_by}) for the paper in papers.yaml"
            + (
                "; a file that cannot be read must be fixed."
                if any(r.verdict == Verdict.ERROR for r in bad)
                else "."
            )
        )
    return WorkshopError(
        f"the volume is not built: {count} did not pass the page-limit check and no chair's decision "
        f"admits {them}:\n" + "\n".join(lines) + "\n" + advice,
        file=shown_path(papers_file),
    )


def summary(result: VolumeResult) -> str:
    """What was built, and what was left out of which paper (a paper's opening view, left
    out of nearly every one, in one line for all)."""
    papers = result.papers
    lines = [
        (
            f"volume: {result.volume} ({result.pages} pages: front matter i-{wording.roman(result.front_matter_pages)}, "
            f"{len(papers)} paper{'s' if len(papers) != 1 else ''} on pages 1-{papers[-1].last}, "
            f"author index from page {result.index_first})"
        ),
        f"each paper's stamped PDF and BibTeX: {result.folder / PAPERS}/; all BibTeX: {result.folder / VOLUME_BIB}",
    ]
    views = 0  # harmless, and in nearly every paper: said once, not a line per paper
    for paper in papers:
        views += OPENING_VIEW in paper.removed
        removed = [
            f"{what} ({count})" if count > 1 else what
            for what, count in paper.removed.items()
            if what != OPENING_VIEW
        ]
        if removed:
            lines.append(f"{paper.id}: not carried into the volume: {', '.join(removed)}")
        lines.extend(f"{paper.id}: {warning}" for warning in paper.warnings)
    if views:
        lines.append(
            f"opening view of {views} paper{'s' if views != 1 else ''} (where a viewer opens the file: "
            "most PDF writers set one) not carried in: the volume and each stamped paper open at "
            "their first page"
        )
    lines.append(f"manifest: {result.folder / MANIFEST}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m proceedings",
        description="The proceedings toolchain: page-limit check, volume, import.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_check(commands)
    add_build(commands)
    add_import(commands)
    add_package(commands)  # proceedings/package.py
    add_program(commands)  # proceedings/program.py
    add_handbook(commands)  # proceedings/handbook/build.py
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage message
        return int(exit_.code or 0)
    try:
        check_shared(args)
        return args.run(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(terminal(f"{parser.prog}: error: {error}"), file=sys.stderr)
        return 2
    except WorkshopError as error:
        print(terminal(f"error: {error}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of standard output went away (`... --json | head`)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so that exiting flushes nowhere
        return 1
