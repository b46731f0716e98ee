"""``python -m workshop.site.build SOURCE OUT``: the site's Sphinx build, as ``nox -s docs`` runs it.

    python -m workshop.site.build docs _build/.html.building -c . -d _build/doctrees -D name=value

The HTML builder with every warning an error (``-W``), nitpicky, quiet: what
``sphinx-build -b html -W --keep-going -n -q`` does, with one difference.  A disk that is
full, or refuses to be written (read-only, not this user's, a file size limit), anywhere
in the build (the pages, the doctrees, the exports) is one line naming the folder and what
to do, with exit status 1, where Sphinx prints a warning for every file it could not
write (dozens: each static file, each page) and then, at the first write it does not
guard, a crash report asking for a bug report (which on a full disk it cannot even
save).  Anything else is said as ``sphinx-build`` says it.
Nothing is published either way: ``nox -s docs`` runs :mod:`workshop.core.outputs` only after a
build that passed.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.cmd.build import handle_exception
from sphinx.util.console import color_terminal, nocolor
from sphinx.util.docutils import docutils_namespace, patch_docutils
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

from workshop.core.outputs import DISK_ERRORS, SITE_AGAIN, SITE_ELSEWHERE, cannot_write


def disk_error(error: BaseException) -> OSError | None:
    """The full or unwritable disk behind ``error`` (Sphinx wraps an extension's error in
    its own, and an error met while handling another chains them), or None."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in DISK_ERRORS:
            return current
        pending += [current.__cause__, current.__context__, getattr(current, "orig_exc", None)]
    return None


class FailedWrites(logging.Filter):
    """Holds back the warnings of files that could not be written for lack of a writable
    disk (Sphinx's, which carry the error, and the exports' ``workshop.output``), keeping
    the words of the first for the one line said at the end."""

    def __init__(self) -> None:
        super().__init__()
        self.first: str | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        error = next((a for a in args if isinstance(a, OSError) and a.errno in DISK_ERRORS), None)
        if error is not None:
            self.first = self.first or cannot_write(error, again=SITE_AGAIN, elsewhere=SITE_ELSEWHERE)
        elif getattr(record, "subtype", None) == "output" and args:
            self.first = self.first or str(args[-1])  # the exports say cannot_write's words last
        else:
            return True
        return False

    def install(self) -> None:
        """Ahead of Sphinx's own filters (which count the warnings) on its warning stream."""
        for handler in logging.getLogger(NAMESPACE).handlers:
            if isinstance(handler, WarningStreamHandler):
                handler.filters.insert(0, self)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m workshop.site.build", description="Build the site's HTML with every warning an error."
    )
    parser.add_argument("source", type=Path, help="the folder of the pages (docs)")
    parser.add_argument("out", type=Path, help="the folder to write the site into")
    parser.add_argument("-c", dest="confdir", type=Path, help="the folder of conf.py (default: SOURCE)")
    parser.add_argument(
        "-d", dest="doctrees", type=Path, help="the folder of the doctrees (default: OUT/.doctrees)"
    )
    parser.add_argument(
        "-D",
        dest="define",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a setting of conf.py",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    overrides: dict[str, object] = {"nitpicky": True}
    for item in args.define:
        name, equals, value = item.partition("=")
        if not equals:
            parser.error(f"-D {item}: write it as NAME=VALUE")
        overrides[name] = value
    if not color_terminal():
        nocolor()
    confdir = args.confdir or args.source
    doctrees = args.doctrees or args.out / ".doctrees"
    app = None
    failed = FailedWrites()
    try:
        with patch_docutils(confdir), docutils_namespace():
            app = Sphinx(
                args.source,
                confdir,
                args.out,
                doctrees,
                "html",
                confoverrides=overrides,
                status=None,
                warning=sys.stderr,
                warningiserror=True,
            )
            failed.install()
            app.build()
            status = app.statuscode
    except (Exception, KeyboardInterrupt) as error:
        disk = disk_error(error)
        if disk is None:  # Sphinx's own report, as sphinx-build gives it
            handle_exception(app, argparse.Namespace(pdb=False, verbosity=0, traceback=False), error)
            return 2
        failed.first = failed.first or cannot_write(disk, again=SITE_AGAIN, elsewhere=SITE_ELSEWHERE)
    if failed.first is None:
        return status
    print(
        f"error: cannot write the site into {args.out} (doctrees in {doctrees}): {failed.first}; "
        "nothing was published",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
