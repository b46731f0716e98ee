"""Every task of the project, run the same way on a laptop, in CI and on Read the Docs.

python3 noxfile.py -s docs     the same as `nox -s docs`, on a machine with no nox: the pinned
                               nox in .nox/_bootstrap (tools/bootstrap.py), made on first use

nox -s docs              build the site into _build/html (warnings are errors)
nox -s docs -- DIR       ... into DIR instead
nox -s serve             the site on http://127.0.0.1:8000, rebuilt and reloaded on every change
nox -s tests             run the test suite on every core (builds the example site too)
nox -s lint              ruff (lint and format check) and mypy on the core
nox -s proceedings       check every accepted paper, then build the volume into _build/proceedings
nox -s proceedings -- check|build|import ...   any command of the chairs' tool
nox -s screenshots       build the site, screenshot every page (desktop, phone) into _build/screenshots
nox -s bench             benchmarks on generated corpora (figures in _build/bench/*.json)
nox -s linkcheck         check every link of the site (without a network: one line, exit 0)
nox -s lock              make the lock (constraints.txt) again from pyproject.toml

Every session installs the project with the exact versions of constraints.txt (the lock), and
only when the lock or pyproject.toml changed since it last did: a second run starts at once.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

if __name__ == "__main__":  # python3 noxfile.py ...: nox without installing it by hand
    if sys.version_info < (3, 11):  # noqa: UP036 - this runs before anything checks the version
        sys.exit(
            f"error: this project needs Python 3.11 or newer; {sys.executable} is {sys.version.split()[0]}"
        )
    from tools.bootstrap import run

    run(Path(__file__).resolve(), sys.argv[1:])
    sys.exit(0)

import nox

nox.options.sessions = ["tests"]
# Reuse environments between runs: a second `nox -s docs` then costs seconds.
nox.options.reuse_venv = "yes"

ROOT = Path(__file__).parent
BUILD = ROOT / "_build"
#: Where `python -m proceedings build` writes the volume (its default).
VOLUME = BUILD / "proceedings"
#: The lock: the exact version of every package of every extra, for every supported Python.
LOCK = ROOT / "constraints.txt"
#: The Pythons the lock is made for (the oldest; it holds the pins of the newer ones too).
LOCK_PYTHON = "3.11"


def install(session: nox.Session, *extras: str) -> None:
    """The project (editable) with ``extras``, every package at the lock's version; skipped
    when this environment already holds them for the same lock and pyproject.toml."""
    spec = f".[{','.join(extras)}]" if extras else "."
    key = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes() + spec.encode())
    location = session.virtualenv.location  # None where nox makes no environment
    stamp = Path(location) / ".workshop-installed" if location else None
    if stamp is not None and stamp.is_file() and stamp.read_text() == key.hexdigest():
        session.log(f"{spec}: installed already (the lock and pyproject.toml are unchanged)")
        return
    session.install("-c", str(LOCK), "--build-constraint", str(LOCK), "-e", spec)
    if stamp is not None:
        stamp.write_text(key.hexdigest())


@nox.session
def docs(session: nox.Session) -> None:
    """Build the proceedings volume, then the HTML site (warnings are errors, nitpicky),
    which offers the volume and each paper's stamped PDF."""
    install(session, "docs", "proceedings")
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
    """Run the test suite on every core (pytest-xdist: a module's tests on one worker, the
    browser tests together on one, see tests/conftest.py); extra arguments go to pytest
    (``-n 0``: in this process alone)."""
    install(session, "docs", "proceedings", "tests", "browser", "serve")
    # A worker that dies is a bug to see: the run says which test killed it and goes on
    # without it (a replaced worker can leave pytest-xdist's module scheduler waiting).
    session.run("pytest", "-n", "auto", "--dist", "loadfile", "--max-worker-restart", "0", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check, and mypy (its files: pyproject.toml's [tool.mypy]).
    The tool's extra is installed so that mypy reads the libraries the chairs' tool imports."""
    install(session, "docs", "proceedings", "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session
def proceedings(session: nox.Session) -> None:
    """The chairs' tool: ``nox -s proceedings -- check|build|import ...`` runs that command
    (``-- --help`` lists them); with no arguments, check every accepted paper against the
    page limits, then build the volume (the report, the volume, each paper's stamped PDF and
    BibTeX: _build/proceedings/)."""
    install(session, "proceedings")
    if session.posargs:
        session.run("proceedings", *session.posargs)
    else:
        session.run("proceedings", "check")
        session.run("proceedings", "build")


@nox.session
def screenshots(session: nox.Session) -> None:
    """Build the site into _build/html, then screenshot every page at a desktop's and a
    phone's width into _build/screenshots/ (open its index.html).  Needs the system's
    Chromium (apt-get install chromium)."""
    if session.posargs:
        session.error("nox -s screenshots takes no arguments")
    docs(session)  # the very build of `nox -s docs`
    install(session, "docs", "proceedings", "browser")
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
    install(session, "docs")
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
    install(session, "proceedings")
    # tools/ is not installed; the benchmarks make their papers with the tests' factory (tests/pdfs.py).
    env = {"PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}
    session.run("python", "-m", "tools.bench.check", *session.posargs, env=env)
    session.run("python", "-m", "tools.bench.build", *session.posargs, env=env)
    # The volume build alone beside qpdf, on corpora of the tests' papers (needs qpdf: apt-get install qpdf).
    session.run("python", "-m", "tools.bench.volume", env=env)
    # The import at the scale it is built for (5,000 of 25,000 and 10,000 of 50,000) beside a plain writer.
    session.run("python", "-m", "tools.bench.imports", env=env)


def serve_command(root: Path, out: Path, *options: str) -> list[str]:
    """sphinx-autobuild on ``root`` (conf.py + docs/): the site in ``out``, served on
    127.0.0.1 (port 8000 unless ``options`` say ``--port N``), rebuilt on every change of
    the prose or the data (docs/data/ is inside docs/) and of the extension, each page
    reloading itself.  No -W: a warning is shown, and the last good page stays served."""
    code = ["--watch", str(root / "_ext")] if (root / "_ext").is_dir() else []
    return [
        "sphinx-autobuild",
        "--host",
        "127.0.0.1",
        *code,
        "-c",
        str(root),
        "-d",
        str(out.parent / f"{out.name}.doctrees"),
        "-n",
        *options,
        str(root / "docs"),
        str(out),
    ]


@nox.session
def serve(session: nox.Session) -> None:
    """A live preview: the site on http://127.0.0.1:8000 (``-- --port N`` for another),
    rebuilt when a page of docs/ or a data file changes, the browser reloading by itself.
    The preview leaves the volume out (its paper pages link the camera-ready PDFs):
    ``nox -s docs`` builds the site as published."""
    install(session, "docs", "serve")
    session.run(*serve_command(ROOT, BUILD / "serve", *session.posargs))


@nox.session
def lock(session: nox.Session) -> None:
    """Make the lock (constraints.txt) again from pyproject.toml: one pin per package of
    every extra (and of the build), for every Python the project supports and every
    platform (``uv pip compile --universal``).  Pins that still fit are kept; ``nox -s lock
    -- --upgrade`` moves every package to its newest version that fits."""
    import tomllib

    if LOCK.exists():
        install(session, "lock")
    else:
        session.install("uv")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    # What building the project needs (setuptools), pinned too; named by a relative path,
    # which the lock's comments show.
    build = Path(session.create_tmp()) / "build-system.in"
    build.write_text("\n".join(project["build-system"]["requires"]) + "\n")
    build = Path(os.path.relpath(build, ROOT))
    session.run(
        "uv",
        "pip",
        "compile",
        "--quiet",
        "--universal",
        "--all-extras",
        "--python-version",
        LOCK_PYTHON,
        "--annotation-style",
        "line",
        "--custom-compile-command",
        "nox -s lock",
        "--output-file",
        str(LOCK),
        *session.posargs,
        "pyproject.toml",
        str(build),
    )
