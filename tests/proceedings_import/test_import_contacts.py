"""The authors' e-mail addresses an import keeps for ``check --letters``: in the data folder's
``contacts.private.json``, git-ignored and readable by its owner only, never in papers.yaml."""

from __future__ import annotations

import json
import stat
import subprocess

import pytest
from conftest import ROOT
from import_support import data_folder, easychair, run, write_json

from proceedings.imports.contacts import CONTACTS
from workshop.core.load import load


def contacts(data) -> dict:
    return json.loads((data / CONTACTS).read_text(encoding="utf-8"))["papers"]


def test_easychair_addresses_go_to_the_private_file_only(tmp_path):
    data = data_folder(tmp_path / "repo")
    done = run("easychair", *map(str, easychair(tmp_path / "export")), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    ids = {p.source.number: p.id for p in load(data).workshop.papers.papers}
    kept = contacts(data)
    assert kept[ids[1]] == [
        {"name": "Jürgen Müller", "email": "p1@example.org"},
        {"name": "Anne-Marie van der Berg", "email": "p2@example.org"},
        {"name": "Seán O'Brien", "email": "p3@example.org"},
    ]
    assert sorted(kept) == sorted(ids.values())  # the accepted papers', no other
    assert "@" not in (data / "papers.yaml").read_text(encoding="utf-8")
    assert stat.S_IMODE((data / CONTACTS).stat().st_mode) == 0o600
    assert f"the authors' e-mail addresses go to {(data / CONTACTS).relative_to(tmp_path)}" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("wrote ")  # the summary's last line stays what was written


def test_the_repository_never_commits_it():
    done = subprocess.run(
        ["git", "check-ignore", "-q", f"docs/data/{CONTACTS}"], cwd=ROOT, capture_output=True, check=False
    )
    if done.returncode == 128:
        pytest.skip("not a git checkout")
    assert done.returncode == 0, "contacts.private.json is not git-ignored"


def test_hotcrp_and_openreview_addresses_and_what_is_no_address(tmp_path):
    data = data_folder(tmp_path / "hotcrp")
    people = [
        {"email": "m@example.org", "first": "José", "last": "García", "affiliation": "UNAM"},
        {"email": "not an address", "first": "Kim", "last": "Lee"},
        {"name": "Dana Whole-Name"},
    ]
    paper = {"pid": 3, "title": "Fast Kernels", "abstract": "A.", "authors": people, "status": "accepted"}
    export = write_json(tmp_path / "hotcrp.json", [paper])
    assert run("hotcrp", str(export), "--data", str(data), cwd=tmp_path).returncode == 0
    (entry,) = contacts(data).values()
    assert entry == [{"name": "José García", "email": "m@example.org"}]

    data = data_folder(tmp_path / "openreview")
    content = {
        "title": "Accepted",
        "authors": ["Léa Dubois", "Pat O'Hara"],
        "authorids": ["~Lea_Dubois1", "pat@example.org"],
        "venueid": "MLBench/2023/Workshop",
        "venue": "MLBench 2023 Poster",
        "pdf": "/pdf/1.pdf",
    }
    note = {"id": "n1", "forum": "n1", "number": 1, "content": {k: {"value": v} for k, v in content.items()}}
    export = write_json(tmp_path / "notes.json", {"notes": [note]})
    assert run("openreview", str(export), "--data", str(data), cwd=tmp_path).returncode == 0
    (entry,) = contacts(data).values()
    assert entry == [{"name": "Pat O'Hara", "email": "pat@example.org"}]


def test_an_import_keeps_what_it_does_not_import_and_a_dry_run_writes_none(tmp_path):
    data = data_folder(tmp_path / "repo")
    export = [str(p) for p in easychair(tmp_path / "export")]
    done = run("easychair", *export, "--data", str(data), "--dry-run", cwd=tmp_path)
    assert done.returncode == 0 and not (data / CONTACTS).exists()
    (data / CONTACTS).write_text(
        json.dumps({"papers": {"typed-by-hand": [{"name": "A Chair", "email": "chair@example.org"}]}}),
        encoding="utf-8",
    )
    assert run("easychair", *export, "--data", str(data), cwd=tmp_path).returncode == 0
    kept = contacts(data)
    assert kept["typed-by-hand"] == [{"name": "A Chair", "email": "chair@example.org"}] and len(kept) == 4


def test_a_contacts_file_this_tool_did_not_write_is_said_in_one_line(tmp_path):
    data = data_folder(tmp_path / "repo")
    (data / CONTACTS).write_text("[not, contacts", encoding="utf-8")
    done = run("easychair", *map(str, easychair(tmp_path / "export")), "--data", str(data), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        (
            f"error: {(data / CONTACTS).relative_to(tmp_path)}: is not a contacts file this tool wrote: "
            "move it away and import the papers again to write it anew"
        )
    ]
