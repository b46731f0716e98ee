"""The sample exports shipped in docs/examples/ (made up, five submissions of a fictional
edition, three accepted) import as the README shows, from each system alike."""

from __future__ import annotations

import pytest
from conftest import ROOT
from import_support import data_folder, run, snapshot

from workshop.core.load import load

EXAMPLES = ROOT / "docs" / "examples"
COMMANDS = {
    "easychair": ["easychair", "easychair/submission.csv", "easychair/author.csv"],
    "hotcrp": ["hotcrp", "hotcrp/mlbench24-data.json"],
    "openreview": ["openreview", "openreview/notes.json", "--venueid", "MLBench/2024/Workshop"],
}


@pytest.mark.parametrize("system", list(COMMANDS))
def test_each_sample_export_imports_its_three_accepted_papers(tmp_path, system):
    data = data_folder(tmp_path / "repo")
    command = [str(EXAMPLES / arg) if arg.endswith((".csv", ".json")) else arg for arg in COMMANDS[system]]
    before = snapshot(data)
    dry = run(*command, "--data", str(data), "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert snapshot(data) == before
    done = run(*command, "--data", str(data), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "3 accepted of 5 submission(s)" in done.stdout
    papers = load(data).workshop.papers.papers
    assert [p.title for p in papers] == [
        "Roofline Models for Sparse Transformers on Edge Accelerators",
        "A Reproducible Harness for Benchmarking LLM Serving Latency",
        "Energy per Token: Measuring Inference Efficiency Across GPUs",
    ]
    assert [a.name for a in papers[1].authors] == ["Carlos Mendoza", "Aiko Tanaka", "Pieter van den Broek"]
    if system != "openreview":  # OpenReview's notes carry no affiliations
        assert papers[0].authors[0].affiliation == "IIT Madras"


def test_the_samples_are_not_pages_of_the_site(example_site):
    assert (EXAMPLES / "README.md").is_file()
    assert not (example_site / "examples").exists()
