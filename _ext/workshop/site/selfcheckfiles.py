"""What the self-check page needs beside it, made once per build: the runtime
(:mod:`workshop.site.pyodide`) and the Python it runs (:mod:`workshop.site.pyarchives`),
written under ``_selfcheck/`` of the site.

:func:`prepare` gathers them into an :class:`Offer` (or raises a :class:`WorkshopError`
saying why the page cannot offer the check); :func:`write` puts the offer's files in place,
all or none and only where their bytes changed (:func:`workshop.core.outputs.replace_all`),
and removes what an earlier build left there that this one does not use (an older runtime,
an older zip).  File names carry the version or the bytes' hash, so a browser may keep
every file for good: the page alone says which to load.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workshop.core.outputs import replace_all
from workshop.core.problems import WorkshopError
from workshop.site import pyarchives, pyodide

#: The folder of the site that holds the runtime and the Python for the page.
FOLDER = "_selfcheck"
MB = 1024 * 1024


class EngineError(WorkshopError):
    """``workshop_selfcheck_engine`` names nothing the page would have."""


@dataclass(frozen=True)
class Offer:
    """Everything the page loads to check a paper."""

    runtime: pyodide.Runtime
    archives: tuple[pyarchives.Archive, ...]
    module: str
    function: str

    @property
    def runtime_folder(self) -> str:
        return f"{FOLDER}/pyodide-{self.runtime.version}/"

    def files(self) -> list[tuple[str, Path | bytes]]:
        """(path in the site, the file or its bytes)."""
        runtime = [(self.runtime_folder + path.name, path) for path in self.runtime.files()]
        python: list[tuple[str, Path | bytes]] = [
            (f"{FOLDER}/python/{archive.filename}", archive.data) for archive in self.archives
        ]
        return [*runtime, *python]

    def runtime_bytes(self) -> int:
        return sum(path.stat().st_size for path in self.runtime.files())

    def fingerprint(self) -> str:
        """Changes whenever what the page names changes (so the page is written again)."""
        names = [self.runtime_folder, *(a.filename for a in self.archives), self.module, self.function]
        return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]

    def config(self) -> dict:
        """The page's part of its ``data-selfcheck``: addresses relative to the site's root."""
        return {
            "runtime": self.runtime_folder,
            "runtimeBytes": self.runtime_bytes(),
            "python": [
                {"url": f"{FOLDER}/python/{a.filename}", "integrity": a.integrity} for a in self.archives
            ],
            "engine": {"module": self.module, "function": self.function},
        }


def parse_engine(engine: str) -> tuple[str, str]:
    module, colon, function = engine.partition(":")
    if not colon or not function.isidentifier() or not all(p.isidentifier() for p in module.split(".")):
        raise EngineError(f"workshop_selfcheck_engine = {engine!r}: write it as module:function")
    return module, function


def prepare(source: str, engine: str, python: Sequence[str]) -> Offer:
    """The offer, or :class:`WorkshopError` (:class:`pyodide.RuntimeUnavailable`, a name of
    ``python`` that cannot be shipped, an ``engine`` that none of them holds)."""
    module, function = parse_engine(engine)
    if not any(module == name or module.startswith(f"{name}.") for name in python):
        raise EngineError(
            f"workshop_selfcheck_engine names {module}, which workshop_selfcheck_python "
            f"({', '.join(python) or 'empty'}) does not ship: add it there"
        )
    archives = tuple(pyarchives.pack(name) for name in python)
    return Offer(pyodide.obtain(source), archives, module, function)


def write(outdir: Path, offer: Offer | None) -> list[Path]:
    """Put the offer's files under ``outdir``/:data:`FOLDER` (none: the folder goes);
    the files written.  :class:`OSError` when they cannot be (those there are left as they were)."""
    files = offer.files() if offer is not None else []
    written = replace_all((outdir / name, content) for name, content in files)
    wanted = {outdir / name for name, _ in files}
    folder = outdir / FOLDER
    if not wanted:
        shutil.rmtree(folder, ignore_errors=True)
        return written
    for stale in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        if stale.is_file() and stale not in wanted:
            stale.unlink()
        elif stale.is_dir() and not any(stale.iterdir()):
            stale.rmdir()
    return written


def describe(offer: Offer) -> str:
    """``Pyodide 314.0.8 (13.4 MB) and Python for the page (pypdf, ...: 0.4 MB)``: for the log."""
    python = sum(len(a.data) for a in offer.archives) / MB
    names = ", ".join(a.name for a in offer.archives)
    return (
        f"Pyodide {offer.runtime.version} ({offer.runtime_bytes() / MB:.1f} MB) and {names} ({python:.1f} MB)"
    )
