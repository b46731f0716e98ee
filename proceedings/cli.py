# PYTHON_ARGCOMPLETE_OK  (argcomplete completes the command from this module)
"""``proceedings`` (or ``python -m proceedings``): the chairs' tool.

    proceedings check                       every accepted paper of docs/data
    proceedings check [--track full|short] FILE.pdf ... [--json]
    proceedings build [--out DIR] [--json]  the check, then the volume (_build/proceedings)
    proceedings import easychair|hotcrp|openreview EXPORT... [--pdfs ZIP_OR_DIR] [--dry-run]
                                            accepted papers into papers.yaml
    proceedings package crossref|datacite|ceur|acl|pmlr|all [--out DIR]
                                            what archives take (_build/packages/<target>)
    proceedings program publish [--dry-run]      the program as published, into published.yaml
    proceedings handbook [--out DIR]        the program as a booklet (build makes it too)
    proceedings --version

Exit status: 0 when every paper passes (or a chair's decision admits it), 1 when
one does not or the data or a file is wrong, 2 for a usage error (with the usage of the
command it concerns), 3 for an internal error: a bug, said in one line naming the paper
(or the command) with the path of the log holding its traceback, ``_build/internal-error.log``
(:mod:`proceedings.internal`).  Every other error is one line (file, field, what to do) on
standard error; never a traceback.  Without the ``[proceedings]`` extra (pypdf and the rest),
a command says in one line how to install it.

Each subcommand is an ``add_<name>`` function that registers its arguments (those all
share come from :func:`add_shared`) and a ``run`` callable returning the exit status.
This module imports no PDF library: the commands load theirs when they run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from proceedings import internal
from proceedings.handbook.command import add_handbook, said
from proceedings.imports.command import add_import
from proceedings.outcome import build_json, refused, summary
from proceedings.package import add_package
from proceedings.program import add_program
from workshop import __version__
from workshop.core.problems import UsageError, WorkshopError, terminal
from workshop.engine.pdf import DEFAULT_MAX_MB, MB

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
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the check's records and the volume (as volume.json has it) as JSON on standard output",
    )
    add_shared(parser)
    parser.set_defaults(run=run_build, command_parser=parser)


def run_build(args: argparse.Namespace) -> int:
    from proceedings.check.report import print_table, write_report
    from proceedings.check.run import check_papers
    from proceedings.data import load_edition
    from proceedings.volume.build import build_volume
    from workshop.core.epoch import build_moment
    from workshop.core.load import WithPapers, WithSchedule

    loaded = load_edition(args.data).narrowed(WithPapers)
    if loaded is None or not loaded.workshop.papers.papers:
        # A new edition before its papers: nothing to do, not an error.
        print(terminal(f"{args.data}: no accepted papers yet, so no volume to build"), file=_said(args))
        if args.json:
            _print_json(build_json([], None))
        return 0
    out = args.out or loaded.root / VOLUME_DIR
    moment = build_moment(
        loaded.workshop.info
    )  # a malformed SOURCE_DATE_EPOCH stops the build before the long check
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
    if not args.json:
        print_table(records)
    problem = refused(records, loaded.files["papers"])
    if problem is not None:
        if args.json:
            _print_json(build_json(records, None))
        raise problem
    result = build_volume(loaded, out, progress=args.progress, max_bytes=args.max_bytes, moment=moment)
    if args.json:
        _print_json(build_json(records, result))
    else:
        print(terminal(summary(result)))
    scheduled = loaded.narrowed(WithSchedule)
    if scheduled is not None:  # the program as a booklet, beside the volume
        from proceedings.handbook.build import build_handbook

        print(terminal(said(build_handbook(scheduled, out), out)), file=_said(args))
    return 0


def _said(args: argparse.Namespace):
    """Where a remark goes: standard error when standard output carries JSON."""
    return sys.stderr if getattr(args, "json", False) else sys.stdout


def _print_json(data: dict) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def build_parser(prog: str = "proceedings") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="The proceedings toolchain: page-limit check, volume, import.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_check(commands)
    add_build(commands)
    add_import(commands)  # proceedings/imports/command.py
    add_package(commands)  # proceedings/package.py
    add_program(commands)  # proceedings/program.py
    add_handbook(commands)  # proceedings/handbook/command.py
    return parser


def _parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """The arguments; a usage error is said with the usage of the command it concerns
    (argparse leaves arguments no subcommand knows to the top-level parser, whose usage
    would not help)."""
    try:  # shell completion, where argcomplete is installed (it exits when it completes)
        import argcomplete

        argcomplete.autocomplete(parser)
    except ImportError:
        pass
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        getattr(args, "command_parser", parser).error(f"unrecognized arguments: {' '.join(unknown)}")
    return args


def main(argv: list[str] | None = None, prog: str = "proceedings") -> int:
    parser = build_parser(prog)
    try:
        args = _parse(parser, argv)
    except SystemExit as exit_:  # argparse has printed the usage message (or the version)
        return int(exit_.code or 0)
    try:
        check_shared(args)
        return args.run(args)
    except UsageError as error:
        command = args.command_parser
        command.print_usage(sys.stderr)
        print(terminal(f"{command.prog}: error: {error}"), file=sys.stderr)
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
    except Exception as error:  # an extra not installed (1), else a bug (3): one line either way
        return internal.escaped(error, args, prog)
