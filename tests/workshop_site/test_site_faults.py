"""The site's build when its surroundings fail: a SOURCE_DATE_EPOCH that Sphinx itself cannot
parse, a disk that is full or refuses to be written.  One line naming what is wrong and
what to do, a non-zero exit status, no traceback, and the last good site (and exports)
left as they were.

Disks are made to fail for real, as far as the machine lets a test: a file size limit
(RLIMIT_FSIZE: every write past it fails with EFBIG, which Python does not die of) works
everywhere and for any user; a full tmpfs (ENOSPC) and a read-only bind mount (EROFS) need
a private mount namespace (`unshare`), and those tests skip, saying why, where it is not
permitted.  (Tests run as root, for whom permission bits block nothing.)
"""

from __future__ import annotations

import importlib.util
import os
import resource
import shutil
import subprocess
import sys
import types
import warnings
from pathlib import Path

import pytest
from conftest import ROOT, copy_site, sphinx_command
from ext_support import built, copy_root, edit, warnings_of

from workshop.core.exports import EXPORTS

EPOCH = (
    "WARNING: SOURCE_DATE_EPOCH: {value!r} is not a date as seconds since 1970-01-01 UTC: set it to a whole "
    "number such as `date +%s` or `git log -1 --format=%ct` prints, or unset it to date the outputs by the "
    "workshop's day (2023-06-08); the exports were not written [workshop.source-date-epoch]"
)
TOO_LARGE = (
    "a file would be larger than this system lets a process write (ulimit -f): raise the limit, or write "
    "elsewhere with nox -s docs -- DIR"
)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def run(
    command: list[str],
    cwd: Path,
    env: dict | None = None,
    max_file: int | None = None,
) -> subprocess.CompletedProcess:
    """``command`` in a process of its own, under a file size limit of ``max_file`` bytes."""

    def limit() -> None:
        if max_file is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file, max_file))

    return subprocess.run(
        command,
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
        preexec_fn=limit,
    )


# --- SOURCE_DATE_EPOCH ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "1.5"])
def test_a_value_sphinx_cannot_parse_is_the_promised_warning_on_a_plain_sphinx_build(tmp_path, value):
    """Sphinx reads the variable as it starts (its gettext builder, before any extension: "abc")
    and for its copyright year ("1.5"), and stopped with its crash report on either."""
    site = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    done = run(
        sphinx_command(site, out),
        cwd=site,
        env={"SOURCE_DATE_EPOCH": value},
    )
    assert (done.returncode, done.stderr) == (1, EPOCH.format(value=value) + "\n")
    assert [name for name in EXPORTS if (out / "html" / name).exists()] == []


@pytest.mark.parametrize("value", ["abc", "1.5", "-1"])
def test_a_malformed_value_fails_a_plain_sphinx_build_without_w(tmp_path, value):
    """Not only under -W (as nox -s docs builds): a plain `sphinx-build -c . docs out` exits
    with 1 too, having said the one line, since the pages link calendars that were not made."""
    site = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(site), "-q", "--no-color"]
    done = run([*command, str(site / "docs"), str(out)], cwd=site, env={"SOURCE_DATE_EPOCH": value})
    assert (done.returncode, done.stderr) == (1, EPOCH.format(value=value) + "\n")
    assert [name for name in EXPORTS if (out / name).exists()] == []
    assert not (out / "calendar").exists()


@pytest.mark.parametrize("value", ["1.5", "1e9", "-0.5"])
def test_a_site_whose_conf_py_does_not_set_the_value_aside_gets_the_warning_too(
    make_app, tmp_path, monkeypatch, value
):
    """The extension sets it aside as it is set up, before Sphinx's copyright year reads it.
    (A value that is no number at all stops Sphinx's gettext builder as a new process imports
    it, before any extension: only conf.py can set that one aside, as the site's does.)"""
    import sphinx.builders.gettext  # noqa: F401 - as a build process has, before it reads conf.py

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    app = built(make_app, copy_root("exports", tmp_path))
    assert warnings_of(app) == [EPOCH.format(value=value)]
    assert app.statuscode == 1  # the build failed, without -W too
    assert [name for name in EXPORTS if (app.outdir / name).exists()] == []


def test_exports_that_cannot_be_written_fail_the_build_in_one_line(make_app, tmp_path):
    """Something in an export's place (here a folder named schedule.ics): the pages link
    exports that are not there, so the build fails (status 1) with -W or without, in one
    warning naming what to do, and no export is replaced (all or none)."""
    srcdir = copy_root("exports", tmp_path)
    (srcdir / "_build" / "html" / "schedule.ics").mkdir(parents=True)
    app = built(make_app, srcdir)
    assert warnings_of(app) == [
        (
            "WARNING: the exports were not written (the last ones were left as they were): cannot be written: "
            "Is a directory [workshop.output]"
        )
    ]
    assert app.statuscode == 1
    assert [name for name in EXPORTS if (app.outdir / name).is_file()] == []


def test_an_empty_value_counts_as_unset(make_app, tmp_path, monkeypatch):
    # Sphinx's gettext builder reads the variable once, as it is first imported (a build's
    # conf.py sets such a value aside before that: epoch.set_aside).  Imported here first,
    # so that the test does not depend on which test a worker ran before it.
    import sphinx.builders.gettext  # noqa: F401

    monkeypatch.setenv("SOURCE_DATE_EPOCH", " ")
    app = built(make_app, copy_root("exports", tmp_path))
    assert warnings_of(app) == []
    assert all((app.outdir / name).exists() for name in EXPORTS)


# --- a disk that refuses: `nox -s docs` -----------------------------------------------------------


class CommandFailed(Exception):
    """What nox does when a command of a session exits non-zero: the session stops."""


class Session:
    """Enough of ``nox.Session`` for the docs session, each command run for real; the
    module named by ``limited`` under a file size limit of ``max_file`` bytes."""

    def __init__(self, cwd: Path, limited: str = "", max_file: int = 0) -> None:
        self.cwd, self.posargs, self.limited, self.max_file = cwd, [], limited, max_file
        self.virtualenv = types.SimpleNamespace(location=None)  # no environment of its own

    def install(self, *args: str) -> None:
        """The test's environment already has the project installed."""

    def log(self, message: str) -> None:
        pass

    def run(self, program: str, *args: str, env: dict | None = None) -> None:
        assert program == "python" and args[0] == "-m", (program, args)
        limit = self.max_file if args[1] == self.limited else None
        done = run([sys.executable, *args], self.cwd, env, limit)
        if done.returncode:
            raise CommandFailed(done.returncode, done.stderr)


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of the repository's site, its noxfile, its lock and its root marker."""
    site = copy_site(tmp_path / "repo")
    for name in ("noxfile.py", "pyproject.toml", "constraints.txt"):
        shutil.copy2(ROOT / name, site / name)
    return site


def docs(site: Path, limited: str = "", max_file: int = 0) -> None:
    """``nox -s docs`` in ``site`` (its own noxfile, whose ROOT is ``site``)."""
    spec = importlib.util.spec_from_file_location("noxfile_under_test", site / "noxfile.py")
    noxfile = importlib.util.module_from_spec(spec)
    with warnings.catch_warnings():  # each copy registers its sessions with nox again: harmless here
        warnings.filterwarnings("ignore", "The session .* has already been registered", FutureWarning)
        spec.loader.exec_module(noxfile)
    noxfile.docs(Session(site, limited, max_file))


def test_a_file_size_limit_in_the_build_or_the_update_is_one_line_and_the_site_stays(site):
    docs(site)
    html = site / "_build" / "html"
    good = snapshot(html)
    edit(site / "docs" / "data" / "workshop.yaml", "date: 2023-05-19", "date: 2023-05-22")

    with pytest.raises(CommandFailed) as failed:  # Sphinx writing into the staging folder
        docs(site, "workshop.site.build", 4096)
    assert failed.value.args == (
        1,
        (
            f"error: cannot write the site into {site / '_build' / '.html.building'} (doctrees in "
            f"{site / '_build' / 'doctrees'}): {TOO_LARGE}; nothing was published\n"
        ),
    )
    assert snapshot(html) == good

    with pytest.raises(CommandFailed) as failed:  # the staged site copied over the last one
        docs(site, "workshop.core.outputs", 4096)
    assert failed.value.args == (
        1,
        (f"error: cannot update the site in {html}: {TOO_LARGE}; the site was left as it was\n"),
    )
    assert snapshot(html) == good  # not a byte, not a timestamp, no temporary file left

    docs(site)  # room again: the site is updated
    assert "May 22, 2023" in (html / "dates.html").read_text()


def test_the_exports_are_written_all_or_none(tmp_path):
    """The exports are the only files that change (a new SOURCE_DATE_EPOCH restamps the
    calendars), and the three holding the long abstract are past the limit: none is written,
    not even the small deadlines.ics, and the build says so in one line."""
    srcdir = copy_root("exports", tmp_path)
    edit(
        srcdir / "data" / "papers.yaml",
        "abstract: Rows, columns, and why they matter.",
        f"abstract: {'Rows and columns. ' * 4000}",
    )
    out, doctrees = tmp_path / "out", tmp_path / "doctrees"
    command = [sys.executable, "-m", "workshop.site.build", "-d", str(doctrees), str(srcdir), str(out)]
    first = run(command, tmp_path)
    assert (first.returncode, first.stderr) == (0, "")
    exports = {name: (out / name).read_bytes() for name in EXPORTS}
    assert min(len(exports[name]) for name in ("schedule.ics", "schedule.xml", "schedule.json")) > 60_000

    done = run(command, tmp_path, env={"SOURCE_DATE_EPOCH": "1685577600"}, max_file=40_000)
    assert (done.returncode, done.stderr) == (
        1,
        f"error: cannot write the site into {out} (doctrees in {doctrees}): {TOO_LARGE}; nothing was published\n",
    )
    assert {name: (out / name).read_bytes() for name in EXPORTS} == exports
    assert not list(out.glob(".*.*"))  # no temporary file left


# --- a disk that is full or read-only, for real -----------------------------------------------


def namespaced(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``sh -c script`` as root of a private user and mount namespace (mounts there are
    seen by nothing else, and go with it)."""
    return subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", *args],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def mounts(tmp_path):
    """Skips, with the reason, where a test may not mount a tmpfs of its own."""
    if shutil.which("unshare") is None:
        pytest.skip(
            "no `unshare` (util-linux): cannot give a test a disk of its own to fill or make read-only"
        )
    probe = tmp_path / "probe"
    probe.mkdir()
    done = namespaced('mount -t tmpfs -o size=64k tmpfs "$1"', str(probe), cwd=tmp_path)
    if done.returncode:
        pytest.skip(
            f"this machine does not let a test mount a tmpfs in a namespace of its own: {done.stderr.strip()}"
        )


def test_a_full_disk_under_the_build_is_one_line(mounts, tmp_path):
    """A tmpfs of 256 KB under the staging folder fills up with the theme's first files."""
    staging, doctrees = tmp_path / "staging", tmp_path / "doctrees"
    staging.mkdir()
    done = namespaced(
        'mount -t tmpfs -o size=256k tmpfs "$1" && shift && exec "$@"',
        str(staging),
        sys.executable,
        "-m",
        "workshop.site.build",
        "-c",
        str(ROOT),
        "-d",
        str(doctrees),
        str(ROOT / "docs"),
        str(staging),
        cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (
        1,
        (
            f"error: cannot write the site into {staging} (doctrees in {doctrees}): no space left on device: "
            "free some space and run nox -s docs again; nothing was published\n"
        ),
    )


@pytest.fixture
def staged(site) -> tuple[Path, Path]:
    """(a good site, the staged build of a changed one), as `nox -s docs` leaves them when
    its last step, the update, has yet to run."""
    docs(site)
    edit(site / "docs" / "data" / "workshop.yaml", "date: 2023-05-19", "date: 2023-05-22")
    with pytest.raises(CommandFailed):  # everything but the update
        docs(site, "workshop.core.outputs", 1)
    return site / "_build" / "html", site / "_build" / ".html.building"


def test_a_read_only_site_is_one_line_and_left_as_it_was(mounts, staged, tmp_path):
    html, staging = staged
    good = snapshot(html)
    done = namespaced(
        'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"',
        str(html),
        sys.executable,
        "-m",
        "workshop.core.outputs",
        str(staging),
        str(html),
        cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (
        1,
        (
            f"error: cannot update the site in {html}: read-only file system: write elsewhere with "
            "nox -s docs -- DIR; the site was left as it was\n"
        ),
    )
    assert snapshot(html) == good


def test_a_site_on_a_full_disk_is_one_line_and_left_as_it_was(mounts, staged, tmp_path):
    """The last good site on a tmpfs filled to the last byte; compared with a copy inside
    the namespace (the tmpfs goes with it).  (48 MB: the site with its self-check's runtime
    is 15 MB.)"""
    html, staging = staged
    copy = tmp_path / "copy"
    shutil.copytree(html, copy)
    script = (
        'mount -t tmpfs -o size=48m tmpfs "$1" && cp -a "$2/." "$1/" '
        '&& { cat /dev/zero > "$1/.filler" 2>/dev/null; true; } '
        '&& "$4" -m workshop.core.outputs "$3" "$1"; status=$?; rm "$1/.filler" '
        '&& diff -r "$2" "$1" >&2 && echo "unchanged $status"'
    )
    done = namespaced(script, str(html), str(copy), str(staging), sys.executable, cwd=tmp_path)
    assert (done.stdout, done.stderr) == (
        "unchanged 1\n",
        (
            f"error: cannot update the site in {html}: no space left on device: free some space and run "
            "nox -s docs again; the site was left as it was\n"
        ),
    )
