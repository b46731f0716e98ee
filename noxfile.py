"""Every task of the project, run the same way on a laptop, in CI and on Read the Docs.

    nox -s docs              build the site into _build/html (warnings are errors)
    nox -s docs -- DIR       ... into DIR instead
    nox -s tests             run the test suite (builds the example site too)
    nox -s proceedings       check every accepted paper against the page limits
"""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["tests"]
# Reuse environments between runs: a second `nox -s docs` then costs seconds.
nox.options.reuse_venv = "yes"

ROOT = Path(__file__).parent
BUILD = ROOT / "_build"


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML site with warnings as errors (nitpicky)."""
    session.install("-e", ".[docs]")
    out = Path(session.posargs[0]).resolve() if session.posargs else BUILD / "html"
    doctrees = BUILD / "doctrees" if out == BUILD / "html" else out.parent / f"{out.name}.doctrees"
    session.run(
        "sphinx-build", "-b", "html", "-c", str(ROOT), "-d", str(doctrees),
        "-W", "--keep-going", "-n", "-q", str(ROOT / "docs"), str(out),
    )
    session.log(f"site written to {out}")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite; extra arguments go to pytest."""
    session.install("-e", ".[docs,proceedings,tests]")
    session.run("pytest", *session.posargs)


@nox.session
def proceedings(session: nox.Session) -> None:
    """Check every accepted paper against the page limits (report: _build/proceedings/report.json);
    extra arguments go to `python -m proceedings check`."""
    session.install("-e", ".[proceedings]")
    session.run("python", "-m", "proceedings", "check", *session.posargs)
