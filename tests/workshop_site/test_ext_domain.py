"""The ``workshop`` domain: links to a paper's page and a slot's row from prose, a link to
nothing said at its line, what a page shows forgotten when it no longer shows it, and the
data of one build never served to another."""

from __future__ import annotations

import os

import lxml.html
from ext_support import built, copy_root, edit, line_of, warnings_of

from workshop.site import domain

LINKS = (
    "See {workshop:paper}`tables`, {workshop:paper}`the paper <tables>` and the "
    "{workshop:slot}`keynote` slot.\n"
)
BROKEN = "Not {workshop:paper}`nope`, nor {workshop:slot}`nada`.\n"


def links_of(page) -> list[tuple[str | None, str]]:
    return [
        (a.get("href"), a.text_content())
        for a in page.xpath("//*[@role='main']//p//a[@class='reference internal']")
    ]


def test_the_roles_link_a_papers_page_and_a_slots_row(make_app, tmp_path):
    srcdir = copy_root("exports", tmp_path)
    (srcdir / "dates.md").write_text((srcdir / "dates.md").read_text() + "\n" + LINKS)
    app = built(make_app, srcdir)
    assert warnings_of(app) == []
    page = lxml.html.parse(str(app.outdir / "dates.html"))
    assert links_of(page) == [
        ("papers/tables.html", "On Tables"),  # the paper's title
        ("papers/tables.html", "the paper"),
        ("program.html#slot-keynote", "Ünïcode & <Markup>"),  # the slot's title, escaped
    ]
    # ... from a page one folder down too, and in dirhtml's layout
    app = built(make_app, srcdir, buildername="dirhtml")
    page = lxml.html.parse(str(app.outdir / "dates" / "index.html"))
    assert [href for href, _ in links_of(page)] == [
        "../papers/tables/",
        "../papers/tables/",
        "../program/#slot-keynote",
    ]


def test_a_builder_without_paper_pages_prints_the_titles_unlinked(make_app, tmp_path):
    srcdir = copy_root("exports", tmp_path)
    (srcdir / "dates.md").write_text((srcdir / "dates.md").read_text() + "\n" + LINKS)
    app = built(make_app, srcdir, buildername="text")
    assert warnings_of(app) == []
    text = " ".join((app.outdir / "dates.txt").read_text().split())
    assert "See *On Tables*, *the paper* and the *Ünïcode & <Markup>* slot." in text


def test_a_link_to_nothing_is_a_warning_at_its_line(make_app, tmp_path):
    srcdir = copy_root("exports", tmp_path)
    (srcdir / "dates.md").write_text((srcdir / "dates.md").read_text() + "\n" + BROKEN)
    app = built(make_app, srcdir)
    line = line_of(srcdir / "dates.md", "nada")
    at = f"{srcdir / 'dates.md'}:{line}: WARNING:"
    assert warnings_of(app) == [
        f"{at} {{workshop:paper}}: papers.yaml has no paper 'nope' [workshop.unknown-reference]",
        (
            f"{at} {{workshop:slot}}: no page shows a slot 'nada' (a slot's id, a paper talk's paper id) "
            "in its program [workshop.unknown-reference]"
        ),
    ]
    page = lxml.html.parse(str(app.outdir / "dates.html"))
    assert links_of(page) == []
    assert "Not nope, nor nada." in " ".join(page.getroot().text_content().split())


def test_a_page_that_no_longer_shows_the_program_is_forgotten(make_app, tmp_path):
    """clear_doc: a page read again forgets what it showed before."""
    srcdir = copy_root("incremental", tmp_path)
    app = built(make_app, srcdir)
    assert list(domain.of(app.env).program) == ["program"]
    assert '"program.html#slot-opening"' in (app.outdir / "schedule.json").read_text()
    edit(srcdir / "program.md", "```{workshop-schedule}\n```\n", "To be announced.\n")
    app = built(make_app, srcdir)
    assert warnings_of(app) == []
    assert domain.of(app.env).program == {}
    assert "workshop-localtime.js" not in (app.outdir / "program.html").read_text()
    assert "#slot-opening" not in (app.outdir / "schedule.json").read_text()


def test_a_build_reads_its_own_data_not_an_earlier_builds(make_app, tmp_path):
    """Each build loads the data folder afresh, even one edited within the file system's
    timestamp granularity (a process-wide cache keyed by the files' times served the old)."""
    srcdir = copy_root("exports", tmp_path)
    papers = srcdir / "data" / "papers.yaml"
    built(make_app, srcdir)
    stamp = papers.stat()
    edit(papers, "title: On Tables", "title: On Chairs")
    os.utime(papers, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    app = built(make_app, srcdir, freshenv=True)
    assert "On Chairs" in (app.outdir / "papers" / "tables.html").read_text()
    assert "On Chairs" in (app.outdir / "program.html").read_text()
