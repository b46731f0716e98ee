"""Real-world PDFs from many producers (../shared/pdf-samples): each gets a verdict or a
clear error, never a traceback, through the command a chair runs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, shared_path


def test_every_shared_sample_gets_a_verdict_or_a_clear_error():
    folder = shared_path("pdf-samples")
    files = sorted(str(p) for p in folder.glob("*.pdf"))
    assert files, f"no PDFs in {folder}"
    done = subprocess.run(
        [sys.executable, "-m", "proceedings", "check", "--track", "full", "--json", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1), done.stderr
    records = {r["file"]: r for r in json.loads(done.stdout)["records"]}
    assert sorted(records) == files
    for record in records.values():
        assert record["verdict"] in ("pass", "fail", "review", "error")
        assert record["reasons"], record
        for reason in record["reasons"]:
            assert "\n" not in reason and "Traceback" not in reason


@pytest.mark.parametrize(
    "name, verdict, text",
    [
        ("crazyones-encrypted-256.pdf", "error", "needs a password to open (AES-256)"),
        ("libreoffice-writer-password.pdf", "error", "needs a password to open (RC4 128-bit)"),
        # Shorter than a full paper's minimum whatever their references: fail, with the
        # reason the references could not be found kept as evidence.
        ("Seige_of_Vicksburg_Sample_OCR.pdf", "fail", "no references heading found"),
        ("Seige_of_Vicksburg_Sample_OCR.pdf", "fail", "too short: 6 counted pages"),
        ("pdflatex-forms.pdf", "fail", "too little text"),
    ],
)
def test_shared_samples_say_why(name, verdict, text):
    from test_check_rule import RULES

    from proceedings.check.run import check_one
    from workshop.engine.paper import Task

    path = shared_path("pdf-samples", name)
    record = check_one(Task(path, name, None, RULES.track("full")))
    assert record.verdict == verdict
    assert any(text in r for r in record.reasons), record.reasons


def test_an_encrypted_sample_that_opens_with_the_empty_password_is_judged():
    from test_check_rule import RULES

    from proceedings.check.run import check_one
    from workshop.engine.paper import Task

    path = shared_path("pdf-samples", "r2-empty-password.pdf")
    record = check_one(Task(path, path.name, None, RULES.track("full")))
    assert record.verdict != "error"
    assert record.pages_total == 1
    encrypted = [f for f in record.findings if f.code == "encrypted"]
    assert encrypted and "RC4 40-bit" in encrypted[0].message
