"""The self-check page as the build writes it: the form (the data's tracks, a paper picker, a
labelled file input, a live region, the one sentence on privacy), the workshop's rules as
the check's engine reads them, and beside it the runtime and the Python it loads (pypdf and
the engine), all from the site itself; or, where the runtime cannot be had, one
``workshop.selfcheck`` warning and the chairs' command on the page instead.  What the page
does in a browser is tested in tests/browser/test_selfcheck.py."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import conftest
import lxml.html
import pytest
from conftest import copy_site, sphinx_command
from sphinx.testing.util import SphinxTestApp

from workshop.core.checkrules import rules_of
from workshop.core.load import load
from workshop.site import pyodide
from workshop.site.selfcheck import PRIVACY

COMMAND = "python -m proceedings check --track full paper.pdf"


def needs_runtime() -> None:
    if conftest.PYODIDE_MISSING:
        pytest.skip(conftest.PYODIDE_MISSING)


def build(site: Path, out: Path, **environ: str) -> tuple[int, str]:
    """``nox -s docs``'s build of ``site`` with ``environ`` added to the environment."""
    done = subprocess.run(
        sphinx_command(site, out), capture_output=True, text=True, cwd=site, env={**os.environ, **environ}
    )
    return done.returncode, done.stderr


def form_of(html: Path):
    return lxml.html.parse(str(html)).xpath("//div[contains(@class, 'workshop-selfcheck')]")[0]


def test_the_call_for_papers_links_the_self_check(example_site):
    links = lxml.html.parse(str(example_site / "cfp.html")).xpath("//article//a/@href")
    assert "selfcheck.html" in links


def test_the_form_offers_the_data_s_tracks_and_a_labelled_file_input(example_site):
    needs_runtime()
    form = form_of(example_site / "selfcheck.html")
    select = form.xpath(".//select")[0]
    assert [(o.get("value"), o.text_content()) for o in select.xpath("option")] == [
        ("full", "Full papers (8-10 pages)"),
        ("short", "Short/position papers (4-6 pages)"),
    ]
    picker = form.xpath(".//select[@name='paper']")[0]
    assert [(o.get("value"), o.text_content()) for o in picker.xpath("option")] == [("", "None chosen")]
    assert picker.getparent().get("hidden") is not None  # shown by the page where the rules list papers
    for control in (select, picker, form.xpath(".//input[@type='file']")[0]):
        assert form.xpath(f".//label[@for='{control.get('id')}']"), control.get("id")
    assert form.xpath(".//input[@type='file']/@accept") == [".pdf,application/pdf"]
    assert form.xpath(".//*[@role='status'][@aria-live='polite']")
    assert PRIVACY in form.text_content()


def test_the_page_loads_everything_from_the_site_itself(example_site):
    needs_runtime()
    config = json.loads(form_of(example_site / "selfcheck.html").get("data-selfcheck"))
    addresses = [config["runtime"], config["worker"], *(a["url"] for a in config["python"])]
    assert not [a for a in addresses if re.match(r"^[a-z]+:|^/", a)], addresses  # all relative
    runtime = example_site / config["runtime"]
    assert sorted(p.name for p in runtime.iterdir()) == sorted(pyodide.FILES)
    assert json.loads((runtime / "pyodide-lock.json").read_text())["packages"] == {}
    assert config["runtimeBytes"] == sum(p.stat().st_size for p in runtime.iterdir())
    for archive in config["python"]:
        data = (example_site / archive["url"]).read_bytes()
        assert archive["integrity"] == "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
    assert (example_site / config["worker"].partition("?")[0]).is_file()
    assert config["engine"] == {"module": "workshop.engine.page", "function": "check"}
    [engine] = [a["url"] for a in config["python"] if "/workshop.engine-" in a["url"]]
    packed = zipfile.ZipFile(io.BytesIO((example_site / engine).read_bytes())).namelist()
    assert "workshop/engine/page.py" in packed and "workshop/core/model.py" not in packed
    # Only the self-check page loads its script.
    assert "workshop-selfcheck.js" in (example_site / "selfcheck.html").read_text()
    assert "workshop-selfcheck-report.js" in (example_site / "selfcheck.html").read_text()
    assert "workshop-selfcheck.js" not in (example_site / "cfp.html").read_text()


def test_without_the_runtime_the_build_warns_once_and_the_page_offers_the_command(tmp_path):
    site = copy_site(tmp_path / "site")
    impostor = tmp_path / f"pyodide-{pyodide.VERSION}.tgz"
    impostor.write_bytes(b"not the pinned tarball")
    status, warnings = build(
        site, tmp_path / "out", WORKSHOP_PYODIDE=str(impostor), WORKSHOP_CACHE_DIR=str(tmp_path / "cache")
    )
    assert status == 1  # -W: a site without its self-check is not published unnoticed
    lines = warnings.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("[workshop.selfcheck]"), warnings
    assert "selfcheck.md" in lines[0] and "does not match the pinned sha512" in lines[0]
    assert str(impostor) in lines[0] and "WORKSHOP_PYODIDE=off" in lines[0]
    page = tmp_path / "out" / "html" / "selfcheck.html"
    assert COMMAND in page.read_text()
    assert "workshop-selfcheck.js" not in page.read_text()
    assert not (tmp_path / "out" / "html" / "_selfcheck").exists()


def test_off_builds_the_page_with_the_command_and_no_warning(tmp_path):
    site = copy_site(tmp_path / "site")
    assert build(site, tmp_path / "out", WORKSHOP_PYODIDE="off") == (0, "")
    text = (tmp_path / "out" / "html" / "selfcheck.html").read_text()
    assert COMMAND in text and "data-selfcheck" not in text


def test_the_runtime_had_later_writes_the_page_again_and_then_nothing(tmp_path):
    needs_runtime()
    site = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    assert build(site, out, WORKSHOP_PYODIDE="off") == (0, "")
    assert build(site, out, WORKSHOP_PYODIDE="") == (0, "")
    page = out / "html" / "selfcheck.html"
    assert "data-selfcheck" in page.read_text()
    files = sorted(p for p in (out / "html" / "_selfcheck").rglob("*") if p.is_file())
    before = [p.stat().st_mtime_ns for p in [page, *files]]
    assert build(site, out, WORKSHOP_PYODIDE="") == (0, "")
    assert [p.stat().st_mtime_ns for p in [page, *files]] == before
    # Without it again, the page says so and the files go.
    assert build(site, out, WORKSHOP_PYODIDE="off") == (0, "")
    assert COMMAND in page.read_text() and not (out / "html" / "_selfcheck").exists()


def test_a_builder_that_writes_no_site_prints_the_command(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "conf.py").write_text(
        'extensions = ["myst_parser", "workshop.site"]\nworkshop_data = "../data"\n'
    )
    (tmp_path / "src" / "index.md").write_text("# Check\n\n```{workshop-selfcheck}\n```\n")
    (tmp_path / "data").symlink_to(conftest.ROOT / "docs" / "data")
    app = SphinxTestApp("text", srcdir=tmp_path / "src", freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    assert COMMAND in (app.outdir / "index.txt").read_text()
    assert not (app.outdir / "_selfcheck").exists()


def test_the_page_carries_the_rules_the_chairs_tool_checks_with(example_site):
    """One model, two renderings: the page holds the very JSON of the rules the tool derives
    from the data (the tracks, their limits and format, the chairs' decisions)."""
    needs_runtime()
    config = json.loads(form_of(example_site / "selfcheck.html").get("data-selfcheck"))
    loaded = load(conftest.ROOT / "docs" / "data")
    assert config["rules"] == rules_of(loaded.workshop.info, loaded.workshop.papers).to_json()
    assert json.loads(config["rules"])["tracks"][1]["format"]["margins"] == {
        "top": 57.0,
        "bottom": 73.0,
        "left": 54.0,
        "right": 54.0,
    }
