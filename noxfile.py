"""Every task of the project, run the same way on a laptop, in CI and on Read the Docs.

nox -s docs              build the site into _build/html (warnings are errors)
nox -s docs -- DIR       ... into DIR instead
nox -s tests             run the test suite (builds the example site too)
nox -s lint              ruff (lint and format check) and mypy on the core
nox -s proceedings       check every accepted paper, then build the volume into _build/proceedings
nox -s screenshots       build the site, screenshot every page (desktop, phone) into _build/screenshots
nox -s bench             benchmarks on generated corpora (figures in _build/bench/*.json)
nox -s linkcheck         check every link of the site (without a network: one line, exit 0)
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.options.sessions = ["tests"]
# Reuse environments between runs: a second `nox -s docs` then costs seconds.
nox.options.reuse_venv = "yes"

ROOT = Path(__file__).parent
BUILD = ROOT / "_build"
#: Where `python -m proceedings build` writes the volume (its default).
VOLUME = BUILD / "proceedings"


@nox.session
def docs(session: nox.Session) -> None:
    """Build the proceedings volume, then the HTML site (warnings are errors, nitpicky),
    which offers the volume and each paper's stamped PDF."""
    session.install("-e", ".[docs,proceedings]")
    out = Path(session.posargs[0]).resolve() if session.posargs else BUILD / "html"
    doctrees = BUILD / "doctrees" if out == BUILD / "html" else out.parent / f"{out.name}.doctrees"
    # Sphinx writes every page before -W fails the build: it writes into a staging folder
    # (kept, so rebuilds stay incremental), and the site is updated from it only when the
    # build passed.  A failed or interrupted build leaves the last good site.
    staging = out.parent / f".{out.name}.building"
    # An unchanged volume is not rewritten, so the site does not rebuild its pages for it.
    session.run("python", "-m", "proceedings", "build", "--no-progress", "--out", str(VOLUME))
    # sphinx-build -b html -W --keep-going -n -q, but a full or read-only disk is one line
    # naming the folder, not Sphinx's crash report (workshop/site/build.py).
    session.run(
        "python",
        "-m",
        "workshop.site.build",
        "-c",
        str(ROOT),
        "-d",
        str(doctrees),
        "-D",
        f"workshop_proceedings={VOLUME}",
        str(ROOT / "docs"),
        str(staging),
    )
    # It says what it updated ("DIR: 3 file(s) updated", "DIR: up to date"); the session
    # says nothing more, which `nox -s docs --install-only`, running no command, could not honour.
    session.run("python", "-m", "workshop.core.outputs", str(staging), str(out))


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite; extra arguments go to pytest."""
    session.install("-e", ".[docs,proceedings,tests,browser]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check, and mypy on the core (workshop.core)."""
    session.install("-e", ".[docs,lint]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session
def proceedings(session: nox.Session) -> None:
    """Check every accepted paper against the page limits, then build the volume (the report,
    the volume, each paper's stamped PDF and BibTeX: _build/proceedings/); extra arguments go to
    `python -m proceedings build`."""
    session.install("-e", ".[proceedings]")
    session.run("python", "-m", "proceedings", "build", *session.posargs)


@nox.session
def screenshots(session: nox.Session) -> None:
    """Build the site into _build/html, then screenshot every page at a desktop's and a
    phone's width into _build/screenshots/ (open its index.html).  Needs the system's
    Chromium (apt-get install chromium)."""
    if session.posargs:
        session.error("nox -s screenshots takes no arguments")
    docs(session)  # the very build of `nox -s docs`
    session.install("-e", ".[browser]")
    session.run(
        "python",
        "-m",
        "tools.screenshots",
        str(BUILD / "html"),
        str(BUILD / "screenshots"),
        env={"PYTHONPATH": str(ROOT)},
    )


@nox.session
def linkcheck(session: nox.Session) -> None:
    """Check every link of the site with Sphinx's linkcheck builder (_build/linkcheck/output.txt);
    on a machine without a network it says so in one line and exits 0."""
    session.install("-e", ".[docs]")
    session.run(
        "python",
        "-m",
        "tools.linkcheck",
        str(ROOT / "docs"),
        str(BUILD / "linkcheck"),
        "-c",
        str(ROOT),
        env={"PYTHONPATH": str(ROOT)},
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks beside the tools a chair would use; figures in _build/bench/*.json (needs
    pdftotext and qpdf: apt-get install poppler-utils qpdf).  The check and the whole build
    run on the shared corpus (../shared/tools/gen_corpus.py --papers 400, made once under
    _build/bench; extra arguments such as --corpus DIR go to both)."""
    session.install("-e", ".[proceedings]")
    # tools/ is not installed; the benchmarks make their papers with the tests' factory (tests/pdfs.py).
    env = {"PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}
    session.run("python", "-m", "tools.bench.check", *session.posargs, env=env)
    session.run("python", "-m", "tools.bench.build", *session.posargs, env=env)
    # The volume build alone beside qpdf, on corpora of the tests' papers (needs qpdf: apt-get install qpdf).
    session.run("python", "-m", "tools.bench.volume", env=env)
    # The import at the scale it is built for (5,000 of 25,000 and 10,000 of 50,000) beside a plain writer.
    session.run("python", "-m", "tools.bench.imports", env=env)
