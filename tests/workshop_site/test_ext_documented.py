"""Every directive the README documents, with every option it names, and every role example
it gives, built by the real Sphinx application on the example's data (as sphinx-design tests
its documented examples): each renders something and warns of nothing, its doctree is the
one stored under ``snapshots/`` (so a change in rendering shows in review), and the
extension registers no directive the README does not document.

After a change in rendering that is meant, write the snapshots again and read their diff:

    WORKSHOP_UPDATE_SNAPSHOTS=1 nox -s tests -- tests/workshop_site/test_ext_documented.py
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from conftest import ROOT
from docutils import nodes
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
#: The extension's roles as the README writes them, each example once, in the README's order.
ROLE_EXAMPLES = list(dict.fromkeys(re.findall(r"\{(?:fact|workshop-[\w-]+|workshop:\w+)\}`[^`]+`", README)))
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("WORKSHOP_UPDATE_SNAPSHOTS") == "1"


def slug(source: str) -> str:
    """A file name for an example: ``{workshop-schedule} :day: 2023-06-08`` ->
    ``workshop-schedule-day-2023-06-08``."""
    return re.sub(r"[^A-Za-z0-9.]+", "-", source).strip("-").lower()


def examples() -> list[tuple[str, str]]:
    """(page name, MyST source) for each directive alone and with each documented option,
    then each role example."""
    pages = []
    for directive, options in DOCUMENTED:
        name, _, argument = directive.partition(" ")
        pages.append((slug(directive), f"```{{{name}}} {argument}\n```\n"))
        for option, value in options:
            source = f"```{{{name}}} {argument}\n:{option}: {value or 'Go'}\n```\n"
            pages.append((slug(f"{directive} {option} {value}"), source))
    pages += [(slug(example), f"{example}\n") for example in ROLE_EXAMPLES]
    assert len({name for name, _ in pages}) == len(pages), "two examples share a snapshot's name"
    return pages


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The built examples: (the application, warnings, the workshop directives registered).
    The self-check is built without its runtime (``WORKSHOP_PYODIDE=off``: the chairs'
    command), so its snapshot holds no hash of a download or of the build's pypdf."""
    saved = os.environ.get("WORKSHOP_PYODIDE")
    os.environ["WORKSHOP_PYODIDE"] = "off"
    try:
        yield _built(tmp_path_factory)
    finally:
        if saved is None:
            os.environ.pop("WORKSHOP_PYODIDE")
        else:
            os.environ["WORKSHOP_PYODIDE"] = saved


def _built(tmp_path_factory):
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
    return app, warnings_of(app), ours, pages


def snapshot(app: SphinxTestApp, name: str) -> str:
    """What the page ``name`` renders, as the HTML writer receives it (references resolved),
    below its title, with the build's own folder taken out."""
    doctree = app.env.get_and_resolve_doctree(name, app.builder, tags=app.tags)
    section = next(iter(doctree.findall(nodes.section)))
    text = "".join(child.pformat() for child in section.children[1:])
    return text.replace(str(app.srcdir), "<srcdir>")


def test_the_readme_documents_every_directive_the_extension_registers(site):
    *_, ours, _ = site
    assert ours == {directive.split()[0] for directive, _ in DOCUMENTED}
    assert ours >= {"workshop-schedule", "workshop-committee", "workshop-papers"}
    # and the roles: each is shown at least once
    assert {re.match(r"\{([^}]+)\}", e)[1] for e in ROLE_EXAMPLES} == {
        "fact",
        "workshop-link",
        "workshop:paper",
        "workshop:slot",
    }


def test_every_documented_example_renders_without_a_warning(site):
    app, warnings, _, pages = site
    assert warnings == []
    for name, source in pages:
        body = lxml.html.parse(str(app.outdir / f"{name}.html")).xpath("//*[@role='main']")[0]
        rendered = " ".join(body.text_content().split()).removeprefix(name).strip()
        # workshop-downloads prints nothing of its own on screen but its links
        assert rendered or body.xpath(".//a"), f"{source!r} rendered nothing"


def test_every_documented_example_renders_as_its_snapshot(site):
    app, _, _, pages = site
    stale = sorted({p.stem for p in SNAPSHOTS.glob("*.txt")} - {name for name, _ in pages})
    for name, _source in pages:
        stored, rendered = SNAPSHOTS / f"{name}.txt", snapshot(app, name)
        if stored.exists() and stored.read_text(encoding="utf-8") == rendered:
            continue
        if UPDATE:
            SNAPSHOTS.mkdir(exist_ok=True)
            stored.write_text(rendered, encoding="utf-8")
        else:
            assert stored.exists(), f"no snapshot of {name}: write it with WORKSHOP_UPDATE_SNAPSHOTS=1"
            assert rendered == stored.read_text(encoding="utf-8"), (
                f"{name} renders otherwise than its snapshot"
            )
    if UPDATE:
        for name in stale:
            (SNAPSHOTS / f"{name}.txt").unlink()
    else:
        assert stale == [], "snapshots of examples the README no longer gives"


def test_the_day_option_keeps_one_day_and_the_committee_one_committee(site):
    app, _, _, pages = site
    by_source = {source: name for name, source in pages}
    day = next(n for s, n in by_source.items() if ":day:" in s)
    assert lxml.html.parse(str(app.outdir / f"{day}.html")).xpath(
        "//table[contains(@class, 'workshop-schedule')]"
    )
    committee = next(n for s, n in by_source.items() if "{workshop-committee} " in s)
    text = lxml.html.parse(str(app.outdir / f"{committee}.html")).getroot().text_content()
    assert "Tom St. John" in text and "Oana Balmau" not in text  # organizers, not the program committee


def test_the_roles_link_a_papers_page_and_a_slots_row_by_their_titles(site):
    app, *_ = site
    for example, href, text in [
        (
            "{workshop:paper}`sridharan-chakra`",
            "papers/sridharan-chakra.html",
            "Chakra: Advancing Performance Benchmarking",
        ),
        (
            "{workshop:paper}`the Chakra paper <sridharan-chakra>`",
            "papers/sridharan-chakra.html",
            "the Chakra",
        ),
        ("{workshop:slot}`panel`", "workshop-schedule.html#slot-panel", "Panel"),
    ]:
        page = lxml.html.parse(str(app.outdir / f"{slug(example)}.html"))
        link = page.xpath("//*[@role='main']//p/a")[0]
        assert link.get("href") == href and link.text_content().startswith(text), example
