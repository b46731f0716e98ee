"""Python for the browser: modules and packages of the build's own environment, each packed
into a zip that the page's worker unpacks into Pyodide's ``site-packages``
(``pyodide.unpackArchive(bytes, "zip")``).

A name is found as ``import`` would find it, without importing anything: the top-level
name by :func:`importlib.util.find_spec` (which asks the finders, an editable install's
included, and runs no code of the package), each further part by
:class:`importlib.machinery.PathFinder` inside its parent's folder (so ``a.b`` never runs
``a/__init__.py`` either, as ``find_spec("a.b")`` would).  The site thus ships, say, pypdf or
the check's engine without loading them: the layering (``tests/test_house.py``) holds.

A zip holds the module's file, or the package's folder (but ``__pycache__``), with the
``__init__.py`` of each parent package, and the modules of its own top-level package that
those files import (read from their source, as far as the imports reach): so
``workshop.engine`` comes with exactly the core's modules it imports (``workshop.core.rules``,
``workshop.core.problems``), not the whole core.  Its bytes depend on the files alone
(sorted names, one fixed date and mode), and its name on its bytes, so a browser may keep it
forever.  Compiled extensions are refused: Pyodide can only load code built for WebAssembly.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib.util
import io
import zipfile
from dataclasses import dataclass
from importlib.machinery import ModuleSpec, PathFinder
from pathlib import Path

from workshop.core.problems import WorkshopError

#: Bounds: a package larger than this is not one a page should make its readers download.
MAX_BYTES = 32 * 1024 * 1024
MAX_FILES = 5000
#: Files that are machine code for the build's machine, which Pyodide cannot load.
COMPILED = (".so", ".pyd", ".dylib", ".dll")
#: The date every member carries (zip's earliest): the bytes do not depend on the files' times.
EPOCH = (1980, 1, 1, 0, 0, 0)


class ArchiveError(WorkshopError):
    """A name that cannot be shipped to the browser: not found, compiled, too large."""


@dataclass(frozen=True)
class Archive:
    """One name, packed: ``filename`` (``pypdf-<hash>.zip``) holds ``data``."""

    name: str
    filename: str
    data: bytes

    @property
    def integrity(self) -> str:
        """Subresource Integrity, as ``fetch(url, {integrity})`` checks it."""
        return "sha384-" + base64.b64encode(hashlib.sha384(self.data).digest()).decode()


def _find(name: str) -> list[ModuleSpec]:
    """The spec of ``name`` and of each package above it, outermost first (no code run)."""
    parts = name.split(".")
    if not all(part.isidentifier() for part in parts):
        raise ArchiveError(f"{name!r} is not the name of a Python module")
    found = importlib.util.find_spec(parts[0])
    specs: list[ModuleSpec] = []
    for depth in range(1, len(parts) + 1):
        if found is None:
            raise ArchiveError(f"{name}: not installed in the build's environment (pip install it)")
        specs.append(found)
        where = found.submodule_search_locations
        if depth < len(parts):
            found = PathFinder.find_spec(".".join(parts[: depth + 1]), list(where)) if where else None
    return specs


def _root(spec: ModuleSpec, depth: int) -> Path:
    """The folder that holds the top-level package (or module) of ``spec``, ``depth`` levels up."""
    if spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))).parents[depth]
    return Path(str(spec.origin)).parents[depth]


def _own_files(name: str, *, whole: bool = True) -> dict[str, Path]:
    """The files of ``name`` (a package's whole folder, or, not ``whole``, its ``__init__``
    only) and of its parents' ``__init__``, by their paths inside the zip."""
    specs = _find(name)
    spec = specs[-1]
    root = _root(spec, len(specs) - 1)
    found: dict[str, Path] = {}
    for parent in specs[:-1]:  # a package's __init__ only: nothing else of it is needed
        if parent.origin and parent.has_location:
            found[Path(parent.origin).relative_to(root).as_posix()] = Path(parent.origin)
    if spec.submodule_search_locations and whole:
        for folder in map(Path, spec.submodule_search_locations):
            for path in sorted(folder.rglob("*")):
                if "__pycache__" in path.parts or path.is_symlink() or not path.is_file():
                    continue
                found[path.relative_to(root).as_posix()] = path
    elif spec.origin and spec.has_location:
        found[Path(spec.origin).relative_to(root).as_posix()] = Path(spec.origin)
    return found


def _imported(inside: str, path: Path) -> set[str]:
    """The modules the source at ``inside`` (its path in the zip) imports, by absolute
    name, each with the names it imports from it (``from a import b``: ``a`` and ``a.b``,
    whichever exists), also those inside functions and under ``TYPE_CHECKING``."""
    package = inside.removesuffix(".py").split("/")
    if package[-1] != "__init__":
        package = package[:-1]
    else:
        package.pop()
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names if alias.name != "*")
    return {n for n in names if n}


def files_of(name: str) -> dict[str, Path]:
    """Each file to ship for ``name``, by its path inside the zip (``pypdf/_page.py``),
    with the modules of its top-level package that they import (see the module)."""
    top = name.split(".", maxsplit=1)[0]
    found = _own_files(name)
    todo = list(found) if top != name else []  # a top-level package is shipped whole already
    while todo:
        inside = todo.pop()
        if not inside.endswith(".py"):
            continue
        for module in sorted(_imported(inside, found[inside])):
            if module.split(".")[0] != top or module == name or module.startswith(f"{name}."):
                continue
            try:
                more = _own_files(module, whole=False)
            except ArchiveError:  # ``from a import b`` where b is a name, not a module
                continue
            new = {k: v for k, v in more.items() if k not in found}
            found.update(new)
            todo.extend(new)
    compiled = sorted(n for n in found if n.endswith(COMPILED) or ".so." in n)
    if compiled:
        raise ArchiveError(
            f"{name}: not pure Python ({compiled[0]}): Pyodide cannot load machine code built for this machine"
        )
    return found


def pack(name: str) -> Archive:
    """``name`` (``pypdf``, ``pkg.module``) as a deterministic zip."""
    files = files_of(name)
    if len(files) > MAX_FILES or sum(p.stat().st_size for p in files.values()) > MAX_BYTES:
        raise ArchiveError(f"{name}: larger than a page should download ({MAX_BYTES // 1024 // 1024} MB)")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for inside in sorted(files):
            member = zipfile.ZipInfo(inside, date_time=EPOCH)
            member.create_system = 3  # Unix, whatever the build's system: the mode below reads the same
            member.external_attr = 0o644 << 16
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, files[inside].read_bytes(), compresslevel=9)
    data = buffer.getvalue()
    return Archive(name, f"{name}-{hashlib.sha256(data).hexdigest()[:16]}.zip", data)
