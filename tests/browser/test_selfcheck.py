"""The self-check page in a reader's browser: PDFs made by a real writer, dropped on the page
or chosen with the file input, are checked by the check's own engine running under Python in
the page's worker, with nothing fetched from anywhere but the site, and the page says of each
what the chairs' command (`proceedings check --json`) says of the same file: the verdict, the
counted pages, the reasons and findings (an AES-encrypted file, which the browser's pypdf
cannot decrypt, is said to be encrypted, with what to do); a margin finding comes with a
drawing of its page; a file that is no PDF gets a sentence, never a traceback; nothing loads
before a file is picked; the size and time limits hold; the accepted papers of the track are
offered where the rules list them; the phone's width and axe-core are satisfied with a result
on the page.

Where the build could have no runtime (tests/conftest.py: no network, nothing cached) these
tests skip with the reason; with WORKSHOP_REQUIRE_PYODIDE=1 (.ci/run) they fail instead.
The time to the first result, on a first visit and a later one, is reported at the end of
the run (never asserted: the machine's load decides it)."""

from __future__ import annotations

import base64
import html
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import conftest
import pytest
from pdfs import TestPaper

from browser import checks
from browser.conftest import FIGURES
from browser.selfcheck_support import ALSO, FACTS, SHOWN_JS, TRACK, WHY, command_records, counted, make_papers
from tools.browser import DESKTOP, PHONE, TOO_WIDE_JS, Reader, Screen, block_external, run_axe
from workshop.core.load import load

PAGE = "selfcheck.html"
#: The page's scripts, as the site has them under _static/.
STATIC = conftest.ROOT / "_ext" / "workshop" / "site" / "static"
#: The verdict is set on the form once the result (or a refusal) is out.
VERDICT_JS = "document.querySelector('.workshop-selfcheck').dataset.verdict"
#: A drop of ``name`` holding ``data`` (base64) on the drop zone, as a reader's file manager makes it.
DROP_JS = """([name, data]) => {
  const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, {type: 'application/pdf'}));
  const zone = document.querySelector('.workshop-selfcheck-drop');
  for (const type of ['dragenter', 'dragover', 'drop']) {
    zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
  }
}"""


@pytest.fixture(scope="module")
def site(reader) -> Reader:
    if conftest.PYODIDE_MISSING:
        if os.environ.get("WORKSHOP_REQUIRE_PYODIDE"):
            pytest.fail(f"{conftest.PYODIDE_MISSING} (and WORKSHOP_REQUIRE_PYODIDE is set)", pytrace=False)
        pytest.skip(conftest.PYODIDE_MISSING)
    return reader


@dataclass
class Tab:
    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # requests to other sites (blocked)

    def selfcheck_requests(self) -> list[str]:
        return [r for r in self.requests if "/_selfcheck/" in r or "selfcheck-worker" in r]


@contextmanager
def browsing(site: Reader, screen: Screen = DESKTOP) -> Iterator:
    """A reader's browser of its own (its own cache), every request outside the site blocked."""
    context = site.browser.new_context(**screen.context_options())
    left: list[str] = []
    block_external(context, site.base, left)
    try:
        yield context, left
    finally:
        context.close()


def open_page(context, left: list[str], site: Reader) -> Tab:
    tab = Tab(context.new_page(), left=left)
    tab.page.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.page.on("pageerror", lambda error: tab.errors.append(f"uncaught {error}"))
    tab.page.on("request", lambda request: tab.requests.append(request.url))
    tab.page.goto(site.base + PAGE, wait_until="load")
    return tab


def drop(tab: Tab, name: str, data: bytes) -> float:
    """Drop the file on the zone; the seconds until the page gave its verdict."""
    start = time.monotonic()
    tab.page.evaluate(DROP_JS, [name, base64.b64encode(data).decode()])
    tab.page.wait_for_function(VERDICT_JS, timeout=180_000)
    return time.monotonic() - start


def status(tab: Tab) -> str:
    return tab.page.inner_text(".workshop-selfcheck-status")


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> dict[str, Path]:
    return make_papers(tmp_path_factory.mktemp("selfcheck-papers"))


@pytest.fixture(scope="module")
def command(papers, tmp_path_factory) -> dict[str, dict]:
    """What the chairs' command says of each paper."""
    return command_records(tmp_path_factory.mktemp("selfcheck-command"), papers)


@pytest.fixture(scope="module")
def paper(papers) -> bytes:
    return papers["passing"].read_bytes()


def test_a_dropped_paper_is_checked_by_the_engine_in_the_worker(site, paper):
    with browsing(site) as (context, left):
        tab = open_page(context, left, site)
        tab.page.wait_for_timeout(500)
        assert tab.selfcheck_requests() == []  # nothing loads before a file is picked
        tab.page.get_by_label("Track").select_option(TRACK)
        first = drop(tab, "paper.pdf", paper)
        assert status(tab).startswith("Passes: 4 of 5 pages count, within the 4-6 pages"), status(tab)
        assert "Pages in the file: 5, counted: 4" in tab.page.inner_text(".workshop-selfcheck-details")
        # Python ran in the worker: the page itself never loaded the runtime.
        assert [w.url.rpartition("/")[2].partition("?")[0] for w in tab.page.workers] == [
            "workshop-selfcheck-worker.js"
        ]
        assert tab.page.evaluate("typeof loadPyodide") == "undefined"
        assert any(r.endswith("/pyodide.asm.wasm") for r in tab.requests)
        assert any("/_selfcheck/python/workshop.engine-" in r for r in tab.requests)
        assert (tab.errors, tab.left) == ([], [])
        # A later visit: the browser has the runtime.
        later = open_page(context, left, site)
        later.page.get_by_label("Track").select_option(TRACK)
        again = drop(later, "paper.pdf", paper)
        assert status(later).startswith("Passes") and (later.errors, later.left) == ([], [])
    FIGURES["self-check, first result"] = f"{first:.1f} s first visit, {again:.1f} s later visit"
    added = [p for p in (site.folder / "_selfcheck").rglob("*") if p.is_file()]
    added += [site.folder / "_static" / p.name for p in STATIC.glob("workshop-selfcheck*.js")]
    FIGURES["self-check, bytes added to the site"] = f"{sum(p.stat().st_size for p in added):,}"


def test_each_paper_gets_in_the_browser_what_the_command_says(site, papers, command):
    """A passing paper, one a page over, one with a table in the margin, an encrypted one
    and a file that is no PDF: the same verdict, counted pages, reasons and findings."""
    with browsing(site) as (context, left):
        tab = open_page(context, left, site)
        tab.page.get_by_label("Track").select_option(TRACK)
        for kind, path in papers.items():
            drop(tab, path.name, path.read_bytes())
            shown, record = tab.page.evaluate(SHOWN_JS), command[kind]
            if kind == "aes":  # the command opens it (it has `cryptography`); the browser cannot
                assert record["verdict"] == "pass"
                assert shown["status"] == (
                    "Cannot be checked: aes.pdf is encrypted (AES-128) and cannot be decrypted here: "
                    "export it again without encryption (no password, no restrictions)"
                )
                continue
            assert shown["verdict"] == record["verdict"], kind
            if record["verdict"] == "error":
                assert counted(shown) is None
                assert shown["status"] == "Cannot be checked: " + " ".join(record["reasons"]), kind
                continue
            assert counted(shown) == (record["pages_total"], record["pages_counted"]), kind
            assert shown["lists"][WHY] == record["reasons"], kind
            assert shown["lists"].get(ALSO, []) == record["warnings"], kind
            assert len(shown["figures"]) == (kind == "margin"), kind
        assert {kind: r["verdict"] for kind, r in command.items()} == {
            "passing": "pass",
            "one-over": "fail",
            "margin": "pass",
            "aes": "pass",
            "password": "error",
            "not-a-pdf": "error",
        }
        assert (tab.errors, tab.left) == ([], [])


def test_a_margin_finding_is_drawn_from_the_engine_s_scan(site, papers):
    with browsing(site) as (context, left):
        tab = open_page(context, left, site)
        tab.page.get_by_label("Track").select_option(TRACK)
        drop(tab, "margin.pdf", papers["margin"].read_bytes())
        [figure] = tab.page.evaluate(SHOWN_JS)["figures"]
        assert figure["caption"].startswith("Page 2: the text area (dashed)")
        assert (
            "text \u201cA table cell set past the margin\u201d, 34 pt into the left margin"
            in figure["caption"]
        )
        assert figure["past"] == 1 and figure["labelled"]
        # The drawing is the page: its text area where the example's format puts it, the cell left of it.
        area = tab.page.locator(".workshop-selfcheck-area").bounding_box()
        past = tab.page.locator(".workshop-selfcheck-past").bounding_box()
        sheet = tab.page.locator(".workshop-selfcheck-sheet").bounding_box()
        assert area["x"] - sheet["x"] == pytest.approx(54 / 612 * sheet["width"], abs=2)
        assert past["x"] < area["x"] < past["x"] + past["width"]
        assert (tab.errors, tab.left) == ([], [])


#: A record with a finding that marks a place on page 1 (the metadata finding as the engine
#: documents its ``marks``: each page's size, text area and boxes), said by the page's report.
MARKED_JS = """() => {
  const record = {verdict: 'review', track: 'short', paper_id: null, pages_total: 5, pages_counted: 4,
    min_pages: 4, max_pages: 6, reasons: ['4 of 5 pages count', 'page 1 names other authors: a chair must look'],
    warnings: [], pictures: [], page_one: {title: 'A <b>Title</b>', authors: ['Ada Lovelace']},
    findings: [{code: 'metadata', page: 1, pages: [1], message: 'page 1 names other authors', todo: 'fix them',
      marks: [{page: 1, size: [612, 792], area: [54, 73, 558, 735], boxes: [[100, 690, 500, 712], [120, 660, 480, 676]]}]}]};
  const box = document.createElement('div');
  box.className = 'workshop-selfcheck';
  box.appendChild(window.WorkshopSelfcheckReport.details(record, undefined, undefined, 'marked'));
  document.querySelector('article').appendChild(box);
  const figure = box.querySelector('figure');
  return {sentence: window.WorkshopSelfcheckReport.sentence(record), caption: figure.textContent,
    boxes: figure.querySelectorAll('.workshop-selfcheck-past').length, text: box.textContent,
    bold: box.querySelectorAll('b').length};
}"""


def test_a_finding_that_marks_a_page_is_drawn_from_its_marks(site):
    with browsing(site) as (context, left):
        tab = open_page(context, left, site)
        shown = tab.page.evaluate(MARKED_JS)
        assert shown["sentence"] == "A chair must look at it. Page 1 names other authors: a chair must look."
        assert shown["caption"] == (
            "Page 1: the text area (dashed) and what the finding marks (red): page 1 names other authors"
        )
        assert shown["boxes"] == 2
        assert "Page 1 reads: A <b>Title</b>, by Ada Lovelace" in shown["text"] and shown["bold"] == 0
        assert (tab.errors, tab.left) == ([], [])


def test_a_chosen_file_is_checked_and_again_for_another_track(site, papers):
    with browsing(site) as (context, left):
        tab = open_page(context, left, site)
        tab.page.get_by_label("Your camera-ready PDF").set_input_files(papers["passing"])
        tab.page.wait_for_function(VERDICT_JS, timeout=180_000)
        assert status(tab).startswith("Does not pass. Too short: 4 counted pages, the minimum is 8"), status(
            tab
        )
        tab.page.get_by_label("Track").select_option("short")
        tab.page.wait_for_function(f"{VERDICT_JS} === 'pass'", timeout=60_000)
        assert "Track: Short/position papers (4-6 pages)" in tab.page.inner_text(
            ".workshop-selfcheck-details"
        )
        assert (tab.errors, tab.left) == ([], [])


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("notes.pdf", lambda: b"Meeting notes, not a PDF at all.\n" * 20),
        ("empty.pdf", lambda: b""),
        ("damaged.pdf", lambda: b"%PDF-1.7\n" + bytes(200)),
        ("locked.pdf", "locked"),
    ],
    ids=["text", "empty", "damaged", "encrypted"],
)
def test_a_file_the_check_cannot_read_gets_a_sentence_not_a_traceback(site, tmp_path, name, make):
    if make == "locked":
        locked = TestPaper()
        locked.encrypt(user="secret")
        data = locked.save(tmp_path / name).read_bytes()
    else:
        data = make()
    with browsing(site) as (context, left):
        tab = open_page(context, left, site)
        drop(tab, name, data)
        assert status(tab).startswith(f"Cannot be checked: {name} "), status(tab)
        assert tab.page.evaluate(VERDICT_JS) == "error"
        text = tab.page.inner_text("article")
        assert "Traceback" not in text and "Error" not in text, text
        assert (tab.errors, tab.left) == ([], [])


def rewrite_page(context, site: Reader, old: str, new: str) -> None:
    """Serve the self-check page with ``old`` (in its data-selfcheck) replaced by ``new``."""

    def handle(route) -> None:
        body = route.fetch().text()
        assert old in body, old
        route.fulfill(body=body.replace(old, new), content_type="text/html")

    context.route(site.base + PAGE, handle)


def with_papers(context, site: Reader) -> list[dict]:
    """The page's rules with the accepted papers as the rules list them (``papers``: id,
    track, title, authors), added where the build's rules do not have them yet."""
    found = load(conftest.ROOT / "docs" / "data").workshop.papers
    listed = [
        {"id": p.id, "track": p.track, "title": p.title, "authors": [a.name for a in p.authors]}
        for p in (found.papers if found else [])
    ]

    def handle(route) -> None:
        body = route.fetch().text()
        quoted = re.search(r'data-selfcheck="([^"]*)"', body)[1]
        config = json.loads(html.unescape(quoted))
        rules = json.loads(config["rules"])
        rules.setdefault("papers", listed)
        config["rules"] = json.dumps(rules)
        route.fulfill(body=body.replace(quoted, html.escape(json.dumps(config))), content_type="text/html")

    context.route(site.base + PAGE, handle)
    return listed


def test_the_track_s_accepted_papers_are_offered_and_the_one_picked_is_checked(site, paper):
    with browsing(site) as (context, left):
        listed = with_papers(context, site)
        tab = open_page(context, left, site)
        picker = tab.page.get_by_label("Your accepted paper")
        options = "[...document.querySelectorAll('select[name=paper] option')].map(o => o.value)"
        assert picker.is_visible()
        assert tab.page.evaluate(options) == ["", *(p["id"] for p in listed if p["track"] == "full")]
        tab.page.get_by_label("Track").select_option("short")
        shorts = [p for p in listed if p["track"] == "short"]
        assert tab.page.evaluate(options) == ["", *(p["id"] for p in shorts)]
        picker.select_option(shorts[0]["id"])
        drop(tab, "paper.pdf", paper)
        facts = tab.page.evaluate(SHOWN_JS)["lists"][FACTS]
        assert facts[0] == f"Paper: {shorts[0]['title']} ({shorts[0]['id']})", facts
        assert (tab.errors, tab.left) == ([], [])


def test_a_file_over_the_limit_is_refused_before_anything_loads(site, paper):
    with browsing(site) as (context, left):
        rewrite_page(context, site, "&quot;maxBytes&quot;: 100000000", "&quot;maxBytes&quot;: 1000")
        tab = open_page(context, left, site)
        drop(tab, "paper.pdf", paper)
        assert status(tab).startswith("Cannot be checked: paper.pdf is "), status(tab)
        assert "more than the 1 kB a paper's PDF may be" in status(tab)
        assert tab.selfcheck_requests() == [] and tab.errors == []


def test_a_check_past_its_time_is_stopped(site, paper):
    with browsing(site) as (context, left):
        rewrite_page(context, site, "&quot;checkSeconds&quot;: 60", "&quot;checkSeconds&quot;: 0")
        tab = open_page(context, left, site)
        drop(tab, "paper.pdf", paper)
        assert status(tab).startswith("The check took longer than 0 seconds and was stopped"), status(tab)
        for _ in range(50):  # the worker's end is reported to Playwright a moment later
            if not tab.page.workers:
                break
            tab.page.wait_for_timeout(100)
        assert tab.page.workers == []
        assert tab.errors == []


def test_a_fault_of_the_engine_is_said_as_one_without_a_traceback(site, paper):
    """A bug (here: an entry point the engine lacks) is the page's fault, not the author's."""
    with browsing(site) as (context, left):
        rewrite_page(
            context, site, "&quot;function&quot;: &quot;check&quot;", "&quot;function&quot;: &quot;nope&quot;"
        )
        tab = open_page(context, left, site)
        drop(tab, "paper.pdf", paper)
        assert status(tab).startswith("The check failed with an internal error (not a fault of your file)")
        assert "Traceback" not in tab.page.inner_text("article")
        assert len(tab.errors) == 1 and "AttributeError" in tab.errors[0], tab.errors  # for whoever debugs it


def test_python_that_is_not_what_the_page_names_is_not_loaded(site, paper):
    """A zip whose bytes are not those the page was built with (a stale cache, a tampered
    host) fails its integrity check: the page says the checker could not be loaded."""
    with browsing(site) as (context, left):
        rewrite_page(
            context, site, "&quot;integrity&quot;: &quot;sha384-", "&quot;integrity&quot;: &quot;sha384-AAAA"
        )
        tab = open_page(context, left, site)
        drop(tab, "paper.pdf", paper)
        assert status(tab).startswith("The checker could not be loaded"), status(tab)
        assert "Traceback" not in status(tab)
        assert not any("/_selfcheck/python/workshop.engine-" in r for r in tab.requests)  # it stopped there


@pytest.mark.parametrize("screen", [PHONE], ids=lambda screen: screen.name)
def test_a_phone_shows_the_form_and_the_result_within_its_width(site, papers, screen):
    with browsing(site, screen) as (context, left):
        tab = open_page(context, left, site)
        assert tab.page.get_by_label("Your camera-ready PDF").is_visible()
        tab.page.get_by_label("Track").select_option(TRACK)
        drop(tab, "margin.pdf", papers["margin"].read_bytes())
        assert status(tab).startswith("Passes")
        assert tab.page.locator(".workshop-selfcheck-picture svg").is_visible()
        layout = tab.page.evaluate(TOO_WIDE_JS)
        assert layout["document"] <= layout["layout"] == screen.width, layout
        assert layout["tooWide"] == [], layout


def test_axe_finds_nothing_serious_with_a_result_on_the_page(site, papers):
    with browsing(site) as (context, left):
        with_papers(context, site)
        tab = open_page(context, left, site)
        tab.page.get_by_label("Track").select_option(TRACK)
        drop(tab, "margin.pdf", papers["margin"].read_bytes())
        problems = [v for v in run_axe(tab.page) if v["impact"] in checks.BLOCKING_IMPACTS]
        assert problems == [], problems
