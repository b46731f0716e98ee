"""Python for the self-check page (workshop.site.pyarchives): a module or package of the
build's environment packed as a zip for Pyodide, with the modules of its own top-level
package that it imports (the check's engine with exactly the core's modules it uses),
found without running any of its code, the same bytes every time, and refused when the
browser could not load it."""

from __future__ import annotations

import io
import sys
import zipfile

import pytest

from workshop.site import pyarchives
from workshop.site.pyarchives import ArchiveError, pack


def members(data: bytes) -> list[zipfile.ZipInfo]:
    return zipfile.ZipFile(io.BytesIO(data)).infolist()


def test_pypdf_is_packed_whole_and_the_same_every_time():
    first, second = pack("pypdf"), pack("pypdf")
    assert first.data == second.data and first.filename == second.filename
    assert first.filename.startswith("pypdf-") and first.filename.endswith(".zip")
    names = [m.filename for m in members(first.data)]
    assert names == sorted(names)
    assert "pypdf/__init__.py" in names and "pypdf/_page.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert {(m.date_time, m.external_attr >> 16) for m in members(first.data)} == {
        ((1980, 1, 1, 0, 0, 0), 0o644)
    }
    assert first.integrity.startswith("sha384-")


@pytest.fixture
def packages(tmp_path, monkeypatch):
    """A folder on the import path whose packages refuse to be imported."""
    (tmp_path / "loud").mkdir()
    (tmp_path / "loud" / "__init__.py").write_text("raise RuntimeError('loud was imported')\n")
    (tmp_path / "loud" / "quiet.py").write_text("def check(pdf, rules, track):\n    return '{}'\n")
    (tmp_path / "loud" / "noise.py").write_text("NOISE = 1\n")
    (tmp_path / "loud" / "engine").mkdir()
    (tmp_path / "loud" / "engine" / "__init__.py").write_text("")
    (tmp_path / "loud" / "engine" / "rule.py").write_text("")
    (tmp_path / "native").mkdir()
    (tmp_path / "native" / "__init__.py").write_text("")
    (tmp_path / "native" / "_speedups.cpython-311-x86_64-linux-gnu.so").write_bytes(b"\x7fELF")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [n for n in sys.modules if n.split(".")[0] in ("loud", "native")]:
        del sys.modules[name]


def test_a_module_inside_a_package_comes_with_its_parents_init_and_nothing_runs(packages):
    archive = pack("loud.quiet")
    assert [m.filename for m in members(archive.data)] == ["loud/__init__.py", "loud/quiet.py"]
    assert "loud" not in sys.modules  # found by the finders, never imported


def test_a_subpackage_comes_whole_with_its_parents_init(packages):
    archive = pack("loud.engine")
    assert [m.filename for m in members(archive.data)] == [
        "loud/__init__.py",
        "loud/engine/__init__.py",
        "loud/engine/rule.py",
    ]


def test_compiled_code_is_refused(packages):
    with pytest.raises(ArchiveError, match=r"native: not pure Python \(native/_speedups.*\.so\)"):
        pack("native")


def test_a_name_not_installed_says_so():
    with pytest.raises(ArchiveError, match=r"no_such_package_here: not installed in the build's environment"):
        pack("no_such_package_here")
    with pytest.raises(ArchiveError, match=r"not the name of a Python module"):
        pack("pypdf/../etc")


def test_a_package_larger_than_a_page_should_download_is_refused(monkeypatch):
    monkeypatch.setattr(pyarchives, "MAX_BYTES", 1000)
    with pytest.raises(ArchiveError, match=r"pypdf: larger than a page should download"):
        pack("pypdf")


def test_the_engine_comes_with_exactly_the_core_s_modules_it_imports():
    """What the browser gets to run the check: the engine whole, the core's two standard-library
    modules it imports and the packages' __init__ on the way, nothing else of the core (whose
    model needs pydantic, which Pyodide has not)."""
    archive = pack("workshop.engine")
    names = [m.filename for m in members(archive.data)]
    assert [n for n in names if not n.startswith("workshop/engine/")] == [
        "workshop/__init__.py",
        "workshop/core/__init__.py",
        "workshop/core/problems.py",
        "workshop/core/rules.py",
    ]
    assert {"workshop/engine/page.py", "workshop/engine/pdf/opener.py"} <= set(names)
    assert "workshop.site" not in str(names)
    assert pack("workshop.engine").data == archive.data


def test_a_module_s_imports_of_its_own_package_come_with_it(packages):
    """Absolute and relative imports, inside functions too; a name imported from a module is
    not taken for a module; imports of other packages are left to their own zips."""
    (packages / "loud" / "engine" / "rule.py").write_text(
        "import json\nfrom loud.noise import NOISE\n\ndef later():\n    from .. import quiet\n"
    )
    names = [m.filename for m in members(pack("loud.engine").data)]
    assert names == [
        "loud/__init__.py",
        "loud/engine/__init__.py",
        "loud/engine/rule.py",
        "loud/noise.py",
        "loud/quiet.py",
    ]
    assert "loud" not in sys.modules
