"""``python -m tools.linkcheck SOURCE OUT``: every link of the site checked by Sphinx's
``linkcheck`` builder, as ``nox -s linkcheck`` runs it.

Broken links fail it (exit status 1, each named with its page and line by Sphinx).  On a
machine without a network -- no external link answered at all, each failing before any
HTTP reply (no name resolution, no route, a proxy that is not there) -- it says so in one
line and exits 0: nothing could be checked, and that is not the site's fault.  A link that
answered with an error (404, 500) is a broken link, network or not.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

#: The statuses of a link that answered (Sphinx's linkcheck output.json).
ANSWERED = frozenset({"working", "redirected", "rate-limited"})


def results(outdir: Path) -> list[dict]:
    """The external links' results: one JSON record per line of ``output.json``."""
    try:
        lines = (outdir / "output.json").read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    records = [json.loads(line) for line in lines if line.strip()]
    return [r for r in records if str(r.get("uri", "")).startswith(("http://", "https://"))]


#: How requests words a failure before any reply, and what it means.
CAUSES = (
    ("ProxyError", "the proxy cannot be reached"),
    ("NameResolutionError", "host names do not resolve"),
    ("Failed to resolve", "host names do not resolve"),
    ("Name or service not known", "host names do not resolve"),
    ("timed out", "connections time out"),
    ("Network is unreachable", "the network is unreachable"),
    ("Connection refused", "connections are refused"),
)


def offline(records: list[dict]) -> str | None:
    """Why no link could be checked, when none got any answer (no HTTP status); else None."""
    tried = [r for r in records if r.get("status") not in ("ignored", "unchecked")]
    if not tried or any(r.get("status") in ANSWERED or r.get("code") for r in tried):
        return None
    info = str(tried[0].get("info") or tried[0].get("status"))
    return next((meaning for words, meaning in CAUSES if words in info), info.splitlines()[0][:100])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.linkcheck", description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the folder of the pages (docs)")
    parser.add_argument("out", type=Path, help="where linkcheck writes output.txt and output.json")
    parser.add_argument("-c", dest="confdir", type=Path, help="the folder of conf.py (default: SOURCE/..)")
    args = parser.parse_args(argv)
    confdir = args.confdir or args.source.parent
    overrides = {"linkcheck_timeout": 15, "linkcheck_retries": 1, "linkcheck_workers": 5}
    # A broken link is said by Sphinx; without a network every link would be, so its
    # warnings are held until it is known whether anything answered.
    held = io.StringIO()
    with patch_docutils(confdir), docutils_namespace():
        app = Sphinx(
            args.source,
            confdir,
            args.out,
            args.out / ".doctrees",
            "linkcheck",
            confoverrides=overrides,
            status=None,
            warning=held,
        )
        app.build()
    records = results(args.out)
    reason = offline(records)
    if reason is not None:
        print(
            f"linkcheck: no network: none of the {len(records)} external links could be reached "
            f"({reason}); nothing was checked"
        )
        return 0
    sys.stderr.write(held.getvalue())
    broken = [r for r in records if r.get("status") not in ANSWERED | {"ignored", "unchecked"}]
    print(
        f"linkcheck: {len(records)} external links, {len(broken)} broken (details: {args.out / 'output.txt'})"
    )
    return 1 if broken else app.statuscode


if __name__ == "__main__":
    sys.exit(main())
