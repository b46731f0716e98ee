"""The chairs' tool as a command: ``proceedings`` (installed by pip) and ``python -m
proceedings`` alike, its version, the usage a mistake shows, ``build --json``, shell
completion, and one line instead of a traceback where the ``[proceedings]`` extra is missing."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from workshop import __version__

#: The command pip installed beside this Python (the tests' environment installs the project).
COMMAND = Path(sys.executable).parent / ("proceedings.exe" if os.name == "nt" else "proceedings")


def run(*args: str, cwd: Path = ROOT, env: dict | None = None, module: bool = False):
    program = [sys.executable, "-m", "proceedings"] if module else [str(COMMAND)]
    return subprocess.run(
        [*program, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_pip_installs_the_proceedings_command_with_its_version():
    assert COMMAND.exists(), f"{COMMAND}: pip install -e . installs it ([project.scripts])"
    done = run("--version")
    assert (done.returncode, done.stdout) == (0, f"proceedings {__version__}\n")
    assert __version__ == importlib.metadata.version("mlbench-workshop")
    module = run("--version", module=True)
    assert (module.returncode, module.stdout) == (0, f"python -m proceedings {__version__}\n")


@pytest.mark.parametrize(
    "args, usage, message",
    [
        (
            ["check", "--track", "bogus", "a.pdf"],
            "usage: proceedings check ",
            "proceedings check: error: --track: unknown track 'bogus'",
        ),
        (
            ["check", "--bogus"],
            "usage: proceedings check ",
            "proceedings check: error: unrecognized arguments: --bogus",
        ),
        (
            ["build", "--jobs", "0"],
            "usage: proceedings build ",
            "proceedings build: error: --jobs: must be at least 1",
        ),
        (
            ["build", "--jobs", "x"],
            "usage: proceedings build ",
            "proceedings build: error: argument --jobs/-j",
        ),
        (
            ["import", "easychair", "submission.csv"],
            "usage: proceedings import easychair ",
            "proceedings import easychair: error: the following arguments are required: AUTHORS.csv",
        ),
        (
            ["import", "hotcrp", "x.json", "--dry-run", "--nonsense"],
            "usage: proceedings import hotcrp ",
            "proceedings import hotcrp: error: unrecognized arguments: --nonsense",
        ),
        (["import"], "usage: proceedings import ", "proceedings import: error: the following arguments"),
    ],
)
def test_a_usage_error_shows_the_usage_of_its_own_command(args, usage, message):
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(usage), done.stderr
    assert done.stderr.splitlines()[-1].startswith(message), done.stderr
    assert "Traceback" not in done.stderr


BLOCK_EXTRA = (
    "import sys\n"
    "for name in ('pypdf', 'fpdf', 'rich', 'ruamel', 'cryptography', 'fontTools', 'uharfbuzz'):\n"
    "    sys.modules[name] = None  # as if pip had installed the project without its extra\n"
    "from proceedings.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@pytest.mark.parametrize("command", [["check"], ["build"], ["import", "openreview", "notes.json"]])
def test_without_the_extra_a_command_says_how_to_install_it(command, tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_EXTRA, *command], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    needed = "ruamel.yaml" if command[0] == "import" else "pypdf"
    assert line.startswith(f"error: proceedings {command[0]} needs {needed}, which is not installed: ")
    assert "pip install 'mlbench-workshop[proceedings]'" in line


def test_without_the_extra_help_and_version_still_work():
    for args in (["--version"], ["--help"], ["check", "--help"]):
        done = subprocess.run(
            [sys.executable, "-c", BLOCK_EXTRA, *args], capture_output=True, text=True, cwd=ROOT, check=False
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout and not done.stderr


def test_build_json_prints_the_check_and_the_volume(tmp_path):
    out = tmp_path / "volume"
    done = run("build", "--json", "--no-progress", "--out", str(out))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)  # nothing but the JSON on standard output
    manifest = json.loads((out / "volume.json").read_text())
    assert result["volume"] == {"folder": str(out), **manifest}
    assert [r["paper_id"] for r in result["records"]] == [p["id"] for p in manifest["papers"]]
    assert result["summary"]["papers"] == len(manifest["papers"]) == result["summary"]["admitted"]
    assert json.loads((out / "report.json").read_text())["records"] == result["records"]


def test_build_json_of_a_refused_build_has_the_records_and_no_volume(tmp_path):
    data = tmp_path / "repo" / "docs" / "data"
    shutil.copytree(ROOT / "docs" / "data", data)
    (tmp_path / "repo" / "pyproject.toml").write_text("# the repository's root\n")
    text = (data / "workshop.yaml").read_text()
    # Every paper too long for its track now.
    text = text.replace("min_pages: 8", "min_pages: 1").replace("min_pages: 4", "min_pages: 1")
    (data / "workshop.yaml").write_text(
        text.replace("max_pages: 10", "max_pages: 1").replace("max_pages: 6", "max_pages: 1")
    )
    done = run("build", "--json", "--no-progress", "--data", str(data), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["volume"] is None
    assert [r for r in result["records"] if not r["admitted"]]
    assert done.stderr.startswith("error: ") and "the volume is not built" in done.stderr


def test_the_shell_completes_the_commands(tmp_path):
    """argcomplete's protocol, as bash's completion function speaks it."""
    pytest.importorskip("argcomplete")
    answer = tmp_path / "completions"
    line = "proceedings b"
    done = run(
        env={
            "_ARGCOMPLETE": "1",
            "_ARGCOMPLETE_IFS": "\n",
            "COMP_LINE": line,
            "COMP_POINT": str(len(line)),
            "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
        }
    )
    assert done.returncode == 0, done.stderr
    assert answer.read_text().split() == ["build"]
