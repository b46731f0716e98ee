"""The layout's rules, read from the sources (every import, also inside functions and under
``TYPE_CHECKING``): the core knows neither of its users, the site never reaches a PDF
library or the chairs' tool, the check's engine stands alone (the standard library, pypdf
and the core's standard-library modules: the browser runs it, which the site packs and
never imports), nothing imports in a circle, no module outgrows one job (nor a function a
screen), mypy checks all three packages, and the README's map names every module."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from conftest import ROOT

#: Where each package's modules live.
PACKAGES = {"workshop": ROOT / "_ext" / "workshop", "proceedings": ROOT / "proceedings"}
#: A module of more lines holds more than one job.
MAX_LINES = 400
#: A function of more lines does more than one thing.
MAX_FUNCTION_LINES = 60
#: Libraries the site must never load: reading PDFs is the chairs' tool's job.
PDF_LIBRARIES = ("pypdf", "fpdf", "pikepdf", "fontTools", "uharfbuzz")
#: What the check's engine may import besides the standard library: the browser's Python
#: (Pyodide) has pypdf, packed by the site, and the core's modules that need nothing else
#: (the packages' ``__init__`` run on the way: they too stay standard library only).
ENGINE_MAY_IMPORT = {"pypdf", "workshop", "workshop.core", "workshop.core.problems", "workshop.core.rules"}


def modules() -> dict[str, Path]:
    found = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = [package, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = modules()


def imports(name: str) -> set[str]:
    """Every module ``name`` imports (absolute names), wherever the import stands."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            # `from package import module` imports the module
            found.update(
                f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in MODULES
            )
    return found


def own(imported: set[str]) -> set[str]:
    """The project's modules among ``imported`` (a package's import runs its ``__init__``)."""
    result = set()
    for module in imported:
        parts = module.split(".")
        for i in range(1, len(parts) + 1):
            if ".".join(parts[:i]) in MODULES:
                result.add(".".join(parts[:i]))
    return result


GRAPH = {name: own(imports(name)) - {name} for name in MODULES}


def reach(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in GRAPH[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_the_layout_is_as_the_readme_maps_it():
    assert {
        "workshop.core",
        "workshop.site",
        "workshop.engine",
        "workshop.engine.pdf",
        "proceedings.check",
        "proceedings.volume",
    } <= set(MODULES)


@pytest.mark.parametrize(
    "name", [m for m, path in MODULES.items() if path.name not in ("__init__.py", "__main__.py")]
)
def test_the_readme_maps_every_module(name):
    """The README's map names each module (`schedule.py`, or `schedule` among the site's
    directives), so a new module is placed on it by the change that adds it."""
    layout = (ROOT / "README.md").read_text(encoding="utf-8").split("## Layout", 1)[1].split("\n## ", 1)[0]
    path = MODULES[name]
    assert f"`{path.name}`" in layout or f"`{path.stem}`" in layout, f"the README's map does not name {name}"


@pytest.mark.parametrize("name", [m for m in MODULES if m.startswith("workshop.core")])
def test_the_core_knows_neither_the_site_nor_the_chairs_tool(name):
    reached = reach(name)
    assert not {m for m in reached if m.startswith(("workshop.site", "workshop.engine", "proceedings"))}, (
        reached
    )
    libraries = {m.split(".")[0] for m in imports(name)}
    assert not libraries & {"sphinx", "docutils", *PDF_LIBRARIES}


def _outside_the_standard_library(name: str) -> set[str]:
    """What ``name`` imports that is neither the standard library nor one of the engine's own modules."""
    return {
        m
        for m in imports(name)
        if m.split(".")[0] not in sys.stdlib_module_names
        and not m.startswith("workshop.engine")
        and m != "__future__"
    }


@pytest.mark.parametrize("name", [m for m in MODULES if m.startswith("workshop.engine")])
def test_the_engine_stands_alone(name):
    """The check's engine runs in the browser too (the self-check page, under Pyodide, where
    pydantic and the rest cannot): it imports the standard library, pypdf (and its parts)
    and the core's standard-library modules, nothing else; the modules it reaches too."""
    for module in {name, *reach(name)}:
        found = {
            m if m.startswith("workshop") else m.split(".")[0] for m in _outside_the_standard_library(module)
        }
        assert found <= ENGINE_MAY_IMPORT, f"{module} imports {sorted(found - ENGINE_MAY_IMPORT)}"


@pytest.mark.parametrize(
    "name", ["workshop", "workshop.core", "workshop.core.problems", "workshop.core.rules"]
)
def test_what_the_browser_runs_of_the_core_is_standard_library_only(name):
    """The packages' ``__init__`` and the core's modules the engine imports go to the browser with it."""
    assert _outside_the_standard_library(name) <= {"workshop.core", "workshop.core.problems"}, name


def test_the_tool_uses_the_engine_and_the_site_never_does():
    """The chairs' tool checks papers with the engine; the site only packs its files for the
    browser, by name (never an import)."""
    assert [m for m in MODULES if m.startswith("proceedings.check") and GRAPH[m] & {"workshop.engine.paper"}]
    assert not [
        m
        for m in MODULES
        if m.startswith("workshop.site") and any(g.startswith("workshop.engine") for g in GRAPH[m])
    ]


@pytest.mark.parametrize(
    "name", [m for m in MODULES if {"sphinx", "docutils"} & {i.split(".")[0] for i in imports(m)}]
)
def test_what_imports_sphinx_never_reaches_a_pdf_library_or_the_chairs_tool(name):
    reached = {name, *reach(name)}
    assert not [m for m in reached if m.startswith("proceedings")]
    loaded = {i.split(".")[0] for m in reached for i in imports(m)}
    assert not loaded & set(PDF_LIBRARIES)


def test_the_chairs_tool_uses_the_core_and_never_the_site():
    for name in MODULES:
        if name.startswith("proceedings"):
            assert not [m for m in GRAPH[name] if m.startswith("workshop.site")], name


def test_no_module_imports_itself_in_a_circle():
    def circle(start: str) -> list[str] | None:
        stack = [(start, [start])]
        seen = set()
        while stack:
            node, path = stack.pop()
            for nxt in GRAPH[node]:
                if node.startswith(f"{nxt}."):
                    continue  # a module reaching its own package's __init__ (which lists it) is no circle
                if nxt == start:
                    return [*path, nxt]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
        return None

    circles = [c for name in MODULES if (c := circle(name))]
    assert circles == []


@pytest.mark.parametrize("name", list(MODULES))
def test_no_module_outgrows_one_job(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[name].relative_to(ROOT)} has {lines} lines: split it by job"


@pytest.mark.parametrize("name", list(MODULES))
def test_no_function_outgrows_a_screen(name):
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == [], f"{MODULES[name].relative_to(ROOT)}: split {', '.join(long)}"


def test_the_wheel_carries_no_tests_or_tools():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert not [p for p in config["packages"] if p.split(".")[0] in ("tests", "tools")]
    assert set(config["package-dir"]) == set(PACKAGES)
    # every package of the code is shipped (a folder left out would be missing from a wheel)
    shipped = set(config["packages"])
    assert {m for m, path in MODULES.items() if path.name == "__init__.py"} == shipped


def test_mypy_checks_the_core_the_site_and_the_tool():
    """``nox -s lint`` type-checks every package of the product (pyproject's mypy files)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    checked = {Path(f).name for f in config["files"]}
    assert {"core", "site", "proceedings"} <= checked
    assert config["check_untyped_defs"] is True
