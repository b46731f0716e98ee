"""The self-check's runtime: Pyodide (CPython compiled to WebAssembly), the npm registry's
``pyodide`` package at a pinned version, fetched by the build itself in Python (no Node, and
no CDN when the page runs: the site serves every file the browser asks for).

:func:`obtain` gives the runtime's folder, from the cache when it is there
(``$WORKSHOP_CACHE_DIR``, else ``$XDG_CACHE_HOME/mlbench-workshop``, else
``~/.cache/mlbench-workshop``; a folder per version and hash, put in place by one rename, so
a build that is killed leaves no half-made runtime), else from a tarball named by
``WORKSHOP_PYODIDE`` (or the ``workshop_pyodide`` setting: a ``.tgz`` file, or a folder
holding ``pyodide-<version>.tgz`` as ``npm pack pyodide@<version>`` writes it) for builds
without a network, else from the registry (``$npm_config_registry``, as npm itself reads
it, else registry.npmjs.org).  Whichever the source, the tarball must match the pinned
sha512 (npm's ``dist.integrity``), and only the files the page needs are taken out of it,
each bounded in size; a member whose name leads outside the package folder refuses the
whole tarball.  Anything that stops it is a :class:`RuntimeUnavailable` (one line, saying
what to do); ``off`` as the source builds without the runtime on purpose.

To move to another version: set :data:`VERSION` and :data:`INTEGRITY` from
``npm view pyodide@<version> dist.integrity`` (or the registry's JSON), build, and run the
browser tests.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import json
import os
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workshop.core.problems import WorkshopError

VERSION = "314.0.8"
INTEGRITY = "sha512-74Wq1kXOC+CCEzAfxuRAO701nAcCMLjf8NrwvWpu8S41dVMXwXmLQ05dYB+F4e46AdnGo0oq7YHSVUpHsoarLQ=="
#: What the page loads: the loader, the interpreter (its JavaScript half and its WebAssembly),
#: the standard library, and the lock file the loader reads at start.  The package's other
#: files (TypeScript declarations, source maps, a REPL page, the CommonJS loader) stay out.
FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
#: npm packs every file of a package under this folder.
PACKAGE = "package"

MB = 1024 * 1024
#: Bounds on what is read: the tarball (6.5 MB for 314.0.8), each member, all members
#: together (13 MB unpacked), and how many there are (14).
MAX_TARBALL = 64 * MB
MAX_MEMBER = 64 * MB
MAX_UNPACKED = 160 * MB
MAX_MEMBERS = 2000
#: Seconds the registry may take to answer (each read, not the whole download).
TIMEOUT = 30

ENV_SOURCE = "WORKSHOP_PYODIDE"
ENV_CACHE = "WORKSHOP_CACHE_DIR"
#: The source that builds the site without the runtime (the page offers the CLI instead).
OFF = "off"
REGISTRY = "https://registry.npmjs.org/"


class RuntimeUnavailable(WorkshopError):
    """The runtime could not be had: the message says why and what to do."""


@dataclass(frozen=True)
class Runtime:
    """A verified runtime: :data:`FILES` in ``folder``."""

    version: str
    folder: Path

    def files(self) -> list[Path]:
        return [self.folder / name for name in FILES]


def cache_root(environ: Mapping[str, str] = os.environ) -> Path:
    if environ.get(ENV_CACHE):
        return Path(environ[ENV_CACHE])
    base = Path(environ["XDG_CACHE_HOME"]) if environ.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "mlbench-workshop"


def tarball_name(version: str = VERSION) -> str:
    return f"pyodide-{version}.tgz"


def _digest(integrity: str) -> bytes:
    algorithm, _, value = integrity.partition("-")
    if algorithm != "sha512":
        raise ValueError(f"not a sha512 integrity: {integrity}")
    return base64.b64decode(value)


def cached(cache: Path, version: str = VERSION, integrity: str = INTEGRITY) -> Runtime | None:
    """The runtime in ``cache``, if an earlier build put it there."""
    folder = cache / "pyodide" / f"{version}-{_digest(integrity).hex()[:16]}"
    if all((folder / name).is_file() for name in FILES):
        return Runtime(version, folder)
    return None


def obtain(
    source: str = "",
    cache: Path | None = None,
    *,
    version: str = VERSION,
    integrity: str = INTEGRITY,
    registry: str = "",
) -> Runtime:
    """The runtime: cached, or from ``source`` (a tarball, or a folder holding it), or from
    the registry when ``source`` is empty.  :class:`RuntimeUnavailable` when it cannot be
    had (``source`` is ``off``, no network, a tarball that does not match the pin)."""
    if source.strip().lower() == OFF:
        raise RuntimeUnavailable(f"{ENV_SOURCE}=off: built without it, on purpose")
    cache = cache or cache_root()
    found = cached(cache, version, integrity)
    if found is not None:
        return found
    pyodide = cache / "pyodide"
    try:
        pyodide.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".fetch-", dir=pyodide))
    except OSError as error:
        raise RuntimeUnavailable(
            f"cannot write the cache folder {pyodide} ({error.strerror or error}): "
            f"set {ENV_CACHE} to a folder this user can write"
        ) from None
    try:
        tarball = _local(Path(source), version) if source else _download(registry, version, work)
        _verify(tarball, integrity, str(tarball) if source else _url(registry, version))
        extract(tarball, work / "runtime")
        return _keep(work / "runtime", cache, version, integrity)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _local(source: Path, version: str) -> Path:
    tarball = source / tarball_name(version) if source.is_dir() else source
    if not tarball.is_file():
        raise RuntimeUnavailable(
            f"{ENV_SOURCE}: {tarball} is not a file: name Pyodide's tarball ({tarball_name(version)}, "
            f"from `npm pack pyodide@{version}`) or the folder holding it"
        )
    if tarball.stat().st_size > MAX_TARBALL:
        raise RuntimeUnavailable(f"{tarball}: larger than Pyodide's tarball can be ({MAX_TARBALL // MB} MB)")
    return tarball


def _url(registry: str, version: str) -> str:
    # npm's own setting of the registry (a mirror), which npm reads in lower case.
    base = registry or os.environ.get("npm_config_registry") or REGISTRY  # noqa: SIM112
    return f"{base.rstrip('/')}/pyodide/-/{tarball_name(version)}"


def _download(registry: str, version: str, work: Path) -> Path:
    url = _url(registry, version)
    target = work / tarball_name(version)
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as answer, target.open("wb") as out:
            size = 0
            while chunk := answer.read(1024 * 1024):
                size += len(chunk)
                if size > MAX_TARBALL:
                    raise RuntimeUnavailable(f"{url}: larger than {MAX_TARBALL // MB} MB: refused")
                out.write(chunk)
            announced = answer.headers.get("Content-Length")
            if announced and announced.isdigit() and int(announced) != size:
                raise RuntimeUnavailable(
                    f"cannot fetch {url}: the download was cut short ({size:,} of {int(announced):,} "
                    "bytes): build again"
                )
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise RuntimeUnavailable(
            f"cannot fetch {url} ({reason}): build where the npm registry answers, or set {ENV_SOURCE} "
            f"to a downloaded {tarball_name(version)}"
        ) from None
    return target


def _verify(tarball: Path, integrity: str, shown: str) -> None:
    digest = hashlib.sha512()
    with tarball.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    if digest.digest() != _digest(integrity):
        raise RuntimeUnavailable(
            f"{shown} does not match the pinned sha512 ({integrity[:20]}...): it is not the "
            "pinned Pyodide (another version, or damaged): use the pinned version's tarball"
        )


def extract(tarball: Path, dest: Path) -> None:
    """Take :data:`FILES` out of ``tarball`` into ``dest`` (bounded; regular files only; a
    member leading outside :data:`PACKAGE` refuses the tarball), and trim the lock file."""
    dest.mkdir(parents=True)
    taken: set[str] = set()
    unpacked = 0
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            for count, member in enumerate(archive, 1):
                path = PurePosixPath(member.name)
                if path.is_absolute() or ".." in path.parts or path.parts[:1] != (PACKAGE,):
                    raise RuntimeUnavailable(f"{tarball}: member {member.name!r} leads outside {PACKAGE}/")
                unpacked += member.size
                if count > MAX_MEMBERS or member.size > MAX_MEMBER or unpacked > MAX_UNPACKED:
                    raise RuntimeUnavailable(f"{tarball}: more than a Pyodide tarball holds: refused")
                name = path.relative_to(PACKAGE).as_posix()
                if name not in FILES:
                    continue
                readable = archive.extractfile(member) if member.isreg() else None
                if readable is None:
                    raise RuntimeUnavailable(f"{tarball}: {member.name} is not a regular file")
                with readable, (dest / name).open("wb") as out:
                    shutil.copyfileobj(readable, out)
                taken.add(name)
    except (tarfile.TarError, EOFError, OSError) as error:  # zlib.error is not raised: tarfile wraps it
        raise RuntimeUnavailable(f"{tarball}: not a readable tarball ({error})") from None
    if missing := sorted(set(FILES) - taken):
        raise RuntimeUnavailable(f"{tarball}: no {', '.join(missing)} in it: not a Pyodide tarball")
    _trim_lock(dest / "pyodide-lock.json")


def _trim_lock(lock: Path) -> None:
    """The loader reads the lock file at start and checks its ABI; its list of packages
    (357, 119 kB) only tells it where to fetch them, and the page loads none: kept empty,
    no package can be fetched from anywhere."""
    try:
        info = json.loads(lock.read_bytes())["info"]
    except (ValueError, KeyError, TypeError):
        raise RuntimeUnavailable(f"{lock.name}: not Pyodide's lock file") from None
    lock.write_text(json.dumps({"info": info, "packages": {}}, sort_keys=True), encoding="utf-8")


def _keep(made: Path, cache: Path, version: str, integrity: str) -> Runtime:
    """Rename ``made`` into the cache (another build that got there first wins: the same bytes)."""
    folder = cache / "pyodide" / f"{version}-{_digest(integrity).hex()[:16]}"
    with contextlib.suppress(OSError):
        os.replace(made, folder)
    found = cached(cache, version, integrity)
    if found is None:
        raise RuntimeUnavailable(
            f"cannot write the cache folder {folder}: set {ENV_CACHE} to a writable folder"
        )
    return found
