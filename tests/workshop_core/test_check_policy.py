"""What the data says the check holds papers to, beyond the limits: ``proceedings.policy``,
``format.tolerance`` and a paper's ``decision.accept``, as the rules value the engine (and the
self-check page, as JSON) takes, with each accepted paper's title and authors."""

from __future__ import annotations

import shutil

from conftest import ROOT
from volume_support import edit_yaml

from workshop.core.checkrules import rules_of
from workshop.core.load import load
from workshop.core.rules import Acceptance, Margins, Policy, Rules


def data_with(tmp_path, workshop=None, papers=None):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "docs" / "data", data)
    (tmp_path / "pyproject.toml").write_text("")
    if workshop:
        edit_yaml(data / "workshop.yaml", workshop)
    if papers:
        edit_yaml(data / "papers.yaml", papers)
    return load(data)


def test_the_defaults_and_the_papers_facts(tmp_path):
    loaded = data_with(tmp_path)
    rules = rules_of(loaded.workshop.info, loaded.workshop.papers)
    assert rules.policy == Policy("review", "review")
    assert rules.tracks[0].format.tolerance == Margins(5, 5, 5, 5)
    facts = rules.paper("huang-bnn-crossbar")
    assert (
        facts.track == "short"
        and facts.authors[0] == "Ruirong Huang"
        and facts.title.startswith("Performance")
    )
    assert Rules.from_json(rules.to_json()) == rules


def test_the_chairs_policy_tolerance_and_acceptance_reach_the_rules(tmp_path):
    def workshop(d):
        d["proceedings"]["policy"] = {"metadata": "fail", "camera-ready": "warn"}
        d["format"] = {**d.get("format", {}), "tolerance": {"top": 1, "bottom": 2, "left": 3, "right": 9}}

    def papers(d):
        d["papers"][0]["decision"] = {
            "accept": [{"finding": "metadata", "reason": "a co-author left", "approved_by": "Program chairs"}]
        }

    loaded = data_with(tmp_path, workshop, papers)
    assert loaded.ok, loaded.problems
    rules = rules_of(loaded.workshop.info, loaded.workshop.papers)
    assert rules.policy == Policy("fail", "warn")
    assert rules.tracks[0].format.tolerance == Margins(1, 2, 3, 9)
    first = loaded.workshop.papers.papers[0].id
    assert rules.decision(first).accept == (Acceptance("metadata", "a co-author left", "Program chairs"),)
    assert Rules.from_json(rules.to_json()) == rules
    assert Rules.from_json('{"tracks": []}').papers == ()  # rules written before issue 18


def test_a_wrong_policy_or_acceptance_is_said_with_its_field(tmp_path):
    def workshop(d):
        d["proceedings"]["policy"] = {"metadata": "ignore"}

    def papers(d):
        d["papers"][0]["decision"] = {"accept": [{"finding": "margin", "reason": "r", "approved_by": "a"}]}

    loaded = data_with(tmp_path, workshop, papers)
    said = [str(p) for p in loaded.problems]
    assert any("proceedings.policy.metadata" in p and "fail" in p for p in said), said
    assert any("decision.accept[0].finding" in p for p in said), said
