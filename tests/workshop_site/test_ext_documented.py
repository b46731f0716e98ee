"""Every directive the README documents, with every option it names, built by the real
Sphinx application on the example's data (as sphinx-design tests its documented
examples): each renders something and warns of nothing, and the extension registers no
directive the README does not document."""

from __future__ import annotations

import re
import shutil

import lxml.html
import pytest
from conftest import ROOT
from docutils.parsers.rst import directives as docutils_directives
from ext_support import warnings_of
from sphinx.testing.util import SphinxTestApp

README = (ROOT / "README.md").read_text(encoding="utf-8")
TABLE = README.split("**Directives** render the data:", 1)[1].split("\n\n", 2)[1]
#: (directive with its argument, [(option, value)] the README names for it), row by row.
DOCUMENTED = []
for row in TABLE.splitlines()[2:]:
    directive, renders = row.strip("| ").split(" | ", 1)
    DOCUMENTED.append(
        (
            re.search(r"\{([^}]+)\}\s*([^`]*?)\s*`", directive).expand(r"\1 \2").strip(),
            re.findall(r"`:(\w+):\s*([^`]*)`", renders),
        )
    )


def examples() -> list[tuple[str, str]]:
    """(page name, MyST source) for each directive alone and with each documented option."""
    pages = []
    for i, (directive, options) in enumerate(DOCUMENTED):
        name, _, argument = directive.partition(" ")
        pages.append((f"plain{i}", f"```{{{name}}} {argument}\n```\n"))
        for option, value in options:
            pages.append((f"{option}{i}", f"```{{{name}}} {argument}\n:{option}: {value or 'Go'}\n```\n"))
    return pages


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The built examples: (output folder, warnings, the workshop directives registered)."""
    src = tmp_path_factory.mktemp("documented")
    shutil.copytree(ROOT / "docs" / "data", src / "data")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "workshop.site"]\nexclude_patterns = ["data/**"]\n'
    )
    pages = examples()
    (src / "index.md").write_text("# Examples\n\n```{toctree}\n" + "\n".join(n for n, _ in pages) + "\n```\n")
    for name, source in pages:
        (src / f"{name}.md").write_text(f"# {name}\n\n{source}")
    app = SphinxTestApp("html", srcdir=src, freshenv=True)
    try:
        app.build()
        ours = {name for name in docutils_directives._directives if name.startswith("workshop-")}
    finally:
        app.cleanup()
    return app.outdir, warnings_of(app), ours, pages


def test_the_readme_documents_every_directive_the_extension_registers(site):
    *_, ours, _ = site
    assert ours == {directive.split()[0] for directive, _ in DOCUMENTED}
    assert ours >= {"workshop-schedule", "workshop-committee", "workshop-papers"}


def test_every_documented_example_renders_without_a_warning(site):
    outdir, warnings, _, pages = site
    assert warnings == []
    for name, source in pages:
        body = lxml.html.parse(str(outdir / f"{name}.html")).xpath("//*[@role='main']")[0]
        rendered = " ".join(body.text_content().split()).removeprefix(name).strip()
        # workshop-downloads prints nothing of its own on screen but its links
        assert rendered or body.xpath(".//a"), f"{source!r} rendered nothing"


def test_the_day_option_keeps_one_day_and_the_committee_one_committee(site):
    outdir, _, _, pages = site
    by_source = {source: name for name, source in pages}
    day = next(n for s, n in by_source.items() if ":day:" in s)
    assert lxml.html.parse(str(outdir / f"{day}.html")).xpath(
        "//table[contains(@class, 'workshop-schedule')]"
    )
    committee = next(n for s, n in by_source.items() if "{workshop-committee} " in s)
    text = lxml.html.parse(str(outdir / f"{committee}.html")).getroot().text_content()
    assert "Tom St. John" in text and "Oana Balmau" not in text  # organizers, not the program committee
