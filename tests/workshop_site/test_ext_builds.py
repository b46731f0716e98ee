"""The extension as a Sphinx citizen: editing a data file re-reads exactly the pages that use
it, a rebuild with nothing changed re-reads and rewrites nothing, and a parallel build
(``-j 2``) gives the same bytes as a serial one.

Every page's footer names the organizers (``show_contact`` in people.yaml), so every page
depends on people.yaml by design; the other files are dependencies of their pages only.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ext_support import ROOTS, built, copy_root, edit, warnings_of

from workshop.site import domain

#: The papers of the parallel root's papers.yaml.
PARALLEL_PAPERS = (ROOTS / "test-parallel" / "data" / "papers.yaml").read_text().count("  - id: ")


class Rebuild:
    """Builds one copy of a root again and again, saying what each build re-read and wrote."""

    def __init__(self, make_app, srcdir: Path) -> None:
        self.make_app, self.srcdir = make_app, srcdir
        self.outdir = srcdir / "_build" / "html"

    def pages(self) -> dict[str, int]:
        """The content pages (Sphinx rewrites its own genindex and search pages every time)."""
        return {
            p.name: p.stat().st_mtime_ns
            for p in self.outdir.glob("*.html")
            if p.stem not in ("genindex", "search")
        }

    def __call__(self) -> tuple[list[str], list[str]]:
        """Build; return the docnames re-read and the pages rewritten."""
        read: list[str] = []
        before = self.pages()
        app = self.make_app("html", srcdir=self.srcdir)
        app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
        try:
            app.build()
        finally:
            app.cleanup()
        assert warnings_of(app) == []
        after = self.pages()
        written = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
        return sorted(read), written

    def touch(self, name: str, old: str, new: str) -> None:
        path = self.srcdir / "data" / name
        edit(path, old, new)
        # Sphinx compares a dependency's mtime with the time the page was read: make sure
        # the edit is later even on a file system with coarse timestamps.
        later = path.stat().st_mtime + 2
        os.utime(path, (later, later))


@pytest.fixture
def rebuild(make_app, tmp_path) -> Rebuild:
    rebuild = Rebuild(make_app, copy_root("incremental", tmp_path))
    read, written = rebuild()
    assert read == ["about", "dates", "index", "plain", "program"]
    assert written == ["about.html", "dates.html", "index.html", "plain.html", "program.html"]
    return rebuild


def test_a_rebuild_with_nothing_changed_reads_and_rewrites_no_page(rebuild):
    assert rebuild() == ([], [])


def test_editing_the_schedule_rebuilds_only_the_program(rebuild):
    rebuild.touch("schedule.yaml", "title: Introduction", "title: Welcome")
    read, written = rebuild()
    assert read == ["program"]
    # Sphinx itself also rewrites (without re-reading) the page whose toctree lists a
    # re-read page, since its navigation may show a changed title.
    assert written == ["index.html", "program.html"]
    assert "Welcome" in (rebuild.outdir / "program.html").read_text()


def test_editing_the_papers_rebuilds_the_program_that_shows_their_titles(rebuild):
    rebuild.touch("papers.yaml", "title: On Tables", "title: On Round Tables")
    read, _ = rebuild()
    assert read == ["program"]  # no prose page: the paper pages are made from the data
    assert "On Round Tables" in (rebuild.outdir / "program.html").read_text()
    assert "On Round Tables" in (rebuild.outdir / "papers" / "tables.html").read_text()


def test_editing_workshop_yaml_rebuilds_the_pages_that_print_its_facts(rebuild):
    rebuild.touch("workshop.yaml", "label: Submission Deadline", "label: Paper Deadline")
    read, _ = rebuild()
    # program: the zone of its times; index: its description for search engines
    assert read == ["about", "dates", "index", "program"]
    assert "Paper Deadline" in (rebuild.outdir / "dates.html").read_text()


def test_editing_people_yaml_rebuilds_every_page_for_the_footer(rebuild):
    rebuild.touch("people.yaml", "grace@example.org", "hopper@example.org")
    read, _ = rebuild()
    assert read == ["about", "dates", "index", "plain", "program"]


def test_a_parallel_build_equals_a_serial_one(make_app, tmp_path):
    serial = built(make_app, copy_root("parallel", tmp_path / "serial"))
    parallel = make_app("html", srcdir=copy_root("parallel", tmp_path / "parallel"), parallel=2)
    readers = tmp_path / "readers"  # the process id of every page's reader, one a line
    parallel.connect("doctree-read", lambda app, doctree: readers.open("a").write(f"{os.getpid()}\n"))
    try:
        parallel.build()
    finally:
        parallel.cleanup()
    assert warnings_of(serial) == warnings_of(parallel) == []
    # Sphinx did take the parallel road: the extension says it is safe, and the pages
    # were read by worker processes, not by this one.
    assert parallel.is_parallel_allowed("read") and parallel.is_parallel_allowed("write")
    pids = readers.read_text().split()
    assert len(pids) == 8 and str(os.getpid()) not in pids
    files = sorted(
        p.relative_to(serial.outdir)
        for p in [*serial.outdir.glob("*.*"), *serial.outdir.glob("papers/*.*")]
        if p.suffix in (".html", ".ics", ".xml", ".json", ".bib", ".ris")
    )
    # 8 pages, Sphinx's genindex and search, 4 exports; a page, BibTeX, RIS and CSL-JSON per paper
    assert len(files) == 14 + 4 * PARALLEL_PAPERS
    for name in files:
        assert (serial.outdir / name).read_bytes() == (parallel.outdir / name).read_bytes(), name
    # What the parallel readers found was merged: the program page loads its script, and
    # the exports link each talk to its row on that page.
    assert "workshop-localtime.js" in (parallel.outdir / "program.html").read_text()
    assert "program.html#slot-tables" in (parallel.outdir / "schedule.json").read_text()
    # ... and the workshop domain knows what the serial build does: which page shows which
    # day and slots, and which page lists the papers (the paper pages' trail leads there).
    serial_domain, parallel_domain = domain.of(serial.env), domain.of(parallel.env)
    assert parallel_domain.program == serial_domain.program
    assert list(parallel_domain.program) == ["program"]
    assert parallel_domain.paper_list_pages() == serial_domain.paper_list_pages() == ["papers"]
