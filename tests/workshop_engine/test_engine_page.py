"""The engine's entry for the browser (:func:`workshop.engine.page.check`): for the same file
it gives the record the chairs' command gives (less the pictures the command writes, plus
what the page draws them from), says a bad file in its result, and runs where the
browser's Python runs: the standard library and pypdf, no pydantic, no `cryptography`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, copy_site
from pdfs import TestPaper

from proceedings.cli import main
from workshop.core.checkrules import rules_of
from workshop.core.load import load
from workshop.core.rules import Rules
from workshop.engine import page

#: The example's rules as the site writes them for the page.
RULES_JSON = rules_of(load(ROOT / "docs" / "data").workshop.info).to_json()


def short_paper(**kwargs) -> TestPaper:
    """A short paper of five pages, four and a half of them counted (running head and page numbers)."""
    result = TestPaper(page_numbers=True, **kwargs)
    result.body_until(page=4, fraction=0.5)
    result.heading("References")
    result.references_until(page=5, fraction=0.4)
    return result


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """A paper of each kind the page must judge as the command does."""
    folder = tmp_path_factory.mktemp("engine-page")
    made = {"passing": short_paper().save(folder / "passing.pdf")}
    long = TestPaper(page_numbers=True)
    long.body_until(page=7, fraction=0.5)
    long.heading("References")
    long.references_until(page=8, fraction=0.3)
    made["one-over"] = long.save(folder / "one-over.pdf")
    wide = TestPaper(page_numbers=True)
    wide.body_until(page=2, fraction=0.5)
    wide.pdf.set_font("Serif", "", 9)
    wide.pdf.text(20.0, 400.0, "A table cell set past the margin")
    wide.body_until(page=4, fraction=0.5)
    wide.heading("References")
    wide.references_until(page=5, fraction=0.4)
    made["margin"] = wide.save(folder / "margin.pdf")
    for name, user, method in (("rc4", "", "RC4"), ("aes", "", "AES_128"), ("password", "secret", "RC4")):
        locked = short_paper()
        locked.encrypt(user=user, method=method)
        made[name] = locked.save(folder / f"{name}.pdf")
    (folder / "notes.pdf").write_bytes(b"Dear chairs, the camera-ready follows.\n")
    made["not-a-pdf"] = folder / "notes.pdf"
    return made


def command_records(site: Path, paths: list[Path], capsys) -> dict[str, dict]:
    """``proceedings check --track short FILE... --json``: each record by its file."""
    status = main(
        ["check", "--data", str(site / "docs" / "data"), "--track", "short", "--json", "--no-progress",
         "--no-cache", "--jobs", "1", *map(str, paths)]
    )  # fmt: skip
    assert status in (0, 1)
    return {r["file"]: r for r in json.loads(capsys.readouterr().out)["records"]}


def without_pictures(record: dict) -> dict:
    """A record of the command as the page has it: no picture files, none named."""
    named = re.compile(r" \(pictures: [^)]*\)")
    findings = [{k: v for k, v in f.items() if k != "files"} for f in record["findings"]]
    for finding in findings:
        finding["message"] = named.sub("", finding["message"])
    warnings = [named.sub("", w) for w in record["warnings"]]
    return {**record, "findings": findings, "warnings": warnings}


def test_the_page_gives_the_commands_record_for_each_file(files, tmp_path, capsys):
    site = copy_site(tmp_path / "site")
    (site / "pyproject.toml").write_text("")
    commands = command_records(site, list(files.values()), capsys)
    for kind, path in files.items():
        result = json.loads(page.check(path.read_bytes(), RULES_JSON, "short", name=str(path)))
        pictures = result.pop("pictures")
        expected = without_pictures(commands[str(path)])
        if kind == "aes":  # opened by the command (it has `cryptography`): here too
            assert result["verdict"] == "pass" and "encrypted" in [f["code"] for f in result["findings"]]
        assert result == expected, kind
        assert bool(pictures) == (kind == "margin")
    verdicts = {kind: commands[str(path)]["verdict"] for kind, path in files.items()}
    assert verdicts == {
        "passing": "pass",
        "one-over": "fail",
        "margin": "pass",
        "rc4": "pass",
        "aes": "pass",
        "password": "error",
        "not-a-pdf": "error",
    }


def test_a_margin_finding_comes_with_what_the_page_draws(files):
    result = json.loads(page.check(files["margin"].read_bytes(), RULES_JSON, "short"))
    [drawn] = result["pictures"]
    assert drawn["page"] == 2 and drawn["size"] == [612.0, 792.0]
    assert drawn["area"] == [54.0, 73.0, 558.0, 735.0]  # the example's format (ACM sigconf)
    assert drawn["complete"] and len(drawn["text"]) > 20
    [past] = drawn["past"]
    assert (past["side"], past["kind"], past["text"]) == ("left", "text", "A table cell set past the margin")
    assert past["box"][0] == pytest.approx(20.0, abs=0.5) and past["box"][2] < 558
    [finding] = [f for f in result["findings"] if f["code"] == "margin"]
    assert finding["details"] == drawn["past"] and "pictures" not in finding["message"]


def test_the_rules_travel_as_json_unchanged():
    for data in (ROOT / "docs" / "data", ROOT / "tests" / "editions" / "mlbench24"):
        loaded = load(data)
        rules = rules_of(loaded.workshop.info, loaded.workshop.papers)
        assert Rules.from_json(rules.to_json()) == rules
        assert rules.to_json() == Rules.from_json(rules.to_json()).to_json()


#: Run by a Python that has the standard library, the project's `workshop` package and
#: pypdf on its path, nothing else (as the browser has them); it refuses pydantic, PyYAML
#: and `cryptography` outright, in case a path held them.
ALONE = """
import importlib.abc, json, sys
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pydantic", "pydantic_core", "yaml", "cryptography", "proceedings"):
            raise ImportError(f"{name} is not in the browser")
sys.meta_path.insert(0, Refuse())
sys.path.insert(0, sys.argv[1])
from workshop.engine.page import check
rules, out = sys.argv[2], {}
for name in sys.argv[3:]:
    out[name] = json.loads(check(open(name, "rb").read(), rules, "short", name=name))
loaded = sorted({m.split(".")[0] for m in sys.modules} - set(sys.stdlib_module_names) - {"__main__"})
print(json.dumps({"records": out, "loaded": loaded}))
"""


def test_the_entry_runs_on_the_standard_library_and_pypdf_alone(files, tmp_path):
    path = tmp_path / "browser-path"
    path.mkdir()
    (path / "workshop").symlink_to(ROOT / "_ext" / "workshop")
    (path / "pypdf").symlink_to(Path(pypdf.__file__).parent)
    names = [str(p) for p in files.values()]
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", ALONE, str(path), RULES_JSON, *names],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["loaded"] == ["pypdf", "workshop"]
    records = out["records"]
    here = {n: json.loads(page.check(Path(n).read_bytes(), RULES_JSON, "short", name=n)) for n in names}
    aes = str(files["aes"])
    assert {n: r for n, r in records.items() if n != aes} == {n: r for n, r in here.items() if n != aes}
    # AES needs `cryptography`, which the browser has not: said as encryption, with what to do.
    assert records[aes]["verdict"] == "error"
    [reason] = records[aes]["reasons"]
    assert reason == (
        f"{aes} is encrypted (AES-128) and cannot be decrypted here: export it again without "
        "encryption (no password, no restrictions)"
    )
