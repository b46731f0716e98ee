"""The README's "Starting a new edition", followed to the letter on a copy of the site: the
build passes, and no page still speaks of the old edition where the data has moved on."""

from __future__ import annotations

import re

from conftest import build_site, copy_site
from lxml import html as lxml_html
from volume_support import edit_yaml


def next_edition(info: dict) -> None:
    """Step 1: the workshop.yaml of MLBench'24, MLBench'23 moved into the editions."""
    info.update(short_name="MLBench'24", year=2024, edition=5, timezone="America/Los_Angeles")
    info["conference"] = {
        "name": "Seventh Conference on Machine Learning and Systems (MLSys)",
        "short_name": "MLSys 2024",
        "url": "https://mlsys.org/Conferences/2024",
    }
    for item, day in zip(
        info["dates"], ["2024-03-29", "2024-04-12", "2024-04-26", "2024-05-17"], strict=False
    ):
        item["date"] = day
    info["editions"].insert(
        0, {"name": "MLSys'23", "year": 2023, "url": "https://mlsys.org/Conferences/2023"}
    )


def without_directive(page: str, name: str) -> str:
    return re.sub(r"```\{" + name + r"\}[^`]*```", "To be announced.", page)


def test_the_readme_steps_for_a_new_edition_build_a_site_of_the_new_edition(tmp_path):
    site = copy_site(tmp_path / "site")
    docs = site / "docs"
    edit_yaml(docs / "data" / "workshop.yaml", next_edition)
    # Step 2: new committees; no program and no papers yet, nor their directives.
    edit_yaml(
        docs / "data" / "people.yaml",
        lambda people: people["committees"][1].update(
            members=[{"name": "Jane Roe", "affiliation": "Somewhere"}]
        ),
    )
    (docs / "data" / "schedule.yaml").unlink()
    (docs / "data" / "papers.yaml").unlink()
    (docs / "data" / "published.yaml").unlink()
    program = (docs / "program.md").read_text()
    program = program.split("\n## ")[0]  # the section that offers the program's downloads goes
    (docs / "program.md").write_text(without_directive(program, "workshop-schedule"))
    (docs / "papers.md").write_text(without_directive((docs / "papers.md").read_text(), "workshop-papers"))
    assert "workshop-" not in (docs / "program.md").read_text() + (docs / "papers.md").read_text()

    status, warnings = build_site(site, tmp_path / "out")
    assert (status, warnings) == (0, "")
    out = tmp_path / "out" / "html"
    home = lxml_html.parse(str(out / "index.html"))
    assert home.xpath("//meta[@name='description']/@content") == [
        "Workshop on Benchmarking Machine Learning Workloads on Emerging Hardware, held with MLSys 2024"
    ]
    assert "May 17, 2024" in home.getroot().text_content()
    assert "MLSys'23" in (out / "editions.html").read_text()
    for page in out.glob("*.html"):
        text = lxml_html.parse(str(page)).getroot().text_content()
        assert "MLBench'23" not in text and "MLSys 2023" not in text, page.name
