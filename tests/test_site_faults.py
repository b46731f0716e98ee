"""The site's build when its surroundings fail: a SOURCE_DATE_EPOCH that Sphinx itself cannot
parse is the promised warning, one line, and no export is written."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_site
from ext_support import built, copy_root, warnings_of
from workshop.exports import EXPORTS

EPOCH = ("WARNING: SOURCE_DATE_EPOCH: {value!r} is not a date as seconds since 1970-01-01 UTC: set it to a whole "
         "number such as `date +%s` or `git log -1 --format=%ct` prints, or unset it to date the outputs by the "
         "workshop's day (2023-06-08); the exports were not written [workshop.source-date-epoch]")
TOO_LARGE = "a file would be larger than this process may write: raise the limit (ulimit -f), or free some space"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def run(command: list[str], cwd: Path, env: dict | None = None, max_file: int | None = None,
        ) -> subprocess.CompletedProcess:
    """``command`` in a process of its own, under a file size limit of ``max_file`` bytes."""
    def limit() -> None:
        if max_file is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file, max_file))

    return subprocess.run(command, check=False, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})}, preexec_fn=limit)


# --- SOURCE_DATE_EPOCH ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "1.5"])
def test_a_value_sphinx_cannot_parse_is_the_promised_warning_on_a_plain_sphinx_build(tmp_path, value):
    """Sphinx reads the variable as it starts (its gettext builder, before any extension: "abc")
    and for its copyright year ("1.5"), and stopped with its crash report on either."""
    site = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    done = run([sys.executable, "-m", "sphinx", "-b", "html", "-c", str(site), "-d", str(out / "doctrees"), "-W",
                "--keep-going", "-n", "-q", "--no-color", str(site / "docs"), str(out / "html")],
               cwd=site, env={"SOURCE_DATE_EPOCH": value})
    assert (done.returncode, done.stderr) == (1, EPOCH.format(value=value) + "\n")
    assert [name for name in EXPORTS if (out / "html" / name).exists()] == []


@pytest.mark.parametrize("value", ["1.5", "1e9", "-0.5"])
def test_a_site_whose_conf_py_does_not_set_the_value_aside_gets_the_warning_too(make_app, tmp_path, monkeypatch,
                                                                                value):
    """The extension sets it aside as it is set up, before Sphinx's copyright year reads it.
    (A value that is no number at all stops Sphinx's gettext builder as a new process imports
    it, before any extension: only conf.py can set that one aside, as the site's does.)"""
    import sphinx.builders.gettext  # noqa: F401 - as a build process has, before it reads conf.py
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    app = built(make_app, copy_root("exports", tmp_path))
    assert warnings_of(app) == [EPOCH.format(value=value)]
    assert [name for name in EXPORTS if (app.outdir / name).exists()] == []


def test_an_empty_value_counts_as_unset(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", " ")
    app = built(make_app, copy_root("exports", tmp_path))
    assert warnings_of(app) == []
    assert all((app.outdir / name).exists() for name in EXPORTS)
