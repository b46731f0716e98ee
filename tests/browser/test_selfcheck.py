"""The self-check page in a reader's browser: a PDF made by a real writer, dropped on the
page or chosen with the file input, is read by Python running in the page's worker, with
nothing fetched from anywhere but the site; a file that is no PDF gets a sentence, never a
traceback; nothing loads before a file is picked; the size and time limits hold; the phone's
width and axe-core are satisfied with a result on the page.

Where the build could have no runtime (tests/conftest.py: no network, nothing cached) these
tests skip with the reason; with WORKSHOP_REQUIRE_PYODIDE=1 (.ci/run) they fail instead.
The time to the first result, on a first visit and a later one, is reported at the end of
the run (never asserted: the machine's load decides it)."""

from __future__ import annotations

import base64
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import conftest
import pytest
from pdfs import TestPaper

from browser import checks
from browser.conftest import FIGURES
from tools.browser import DESKTOP, PHONE, TOO_WIDE_JS, Reader, Screen, block_external, run_axe

PAGE = "selfcheck.html"
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
def paper(tmp_path_factory) -> bytes:
    made = TestPaper()
    made.body_until(page=5, fraction=0.5)
    return made.save(tmp_path_factory.mktemp("selfcheck") / "paper.pdf").read_bytes()


def test_a_dropped_paper_is_counted_by_python_in_the_worker(site, paper):
    with browsing(site) as (context, left):
        tab = open_page(context, left, site)
        tab.page.wait_for_timeout(500)
        assert tab.selfcheck_requests() == []  # nothing loads before a file is picked
        first = drop(tab, "paper.pdf", paper)
        assert "5 pages" in status(tab), status(tab)
        assert "Pages in the file: 5" in tab.page.inner_text(".workshop-selfcheck-details")
        # Python ran in the worker: the page itself never loaded the runtime.
        assert [w.url.rpartition("/")[2].partition("?")[0] for w in tab.page.workers] == [
            "workshop-selfcheck-worker.js"
        ]
        assert tab.page.evaluate("typeof loadPyodide") == "undefined"
        assert any(r.endswith("/pyodide.asm.wasm") for r in tab.requests)
        assert (tab.errors, tab.left) == ([], [])
        # A later visit: the browser has the runtime.
        later = open_page(context, left, site)
        again = drop(later, "paper.pdf", paper)
        assert "5 pages" in status(later) and (later.errors, later.left) == ([], [])
    FIGURES["self-check, first result"] = f"{first:.1f} s first visit, {again:.1f} s later visit"
    added = [p for p in (site.folder / "_selfcheck").rglob("*") if p.is_file()]
    added += [
        site.folder / "_static" / name for name in ("workshop-selfcheck.js", "workshop-selfcheck-worker.js")
    ]
    FIGURES["self-check, bytes added to the site"] = f"{sum(p.stat().st_size for p in added):,}"


def test_a_chosen_file_is_checked_and_again_for_another_track(site, paper, tmp_path):
    (tmp_path / "camera-ready.pdf").write_bytes(paper)
    with browsing(site) as (context, left):
        tab = open_page(context, left, site)
        tab.page.get_by_label("Your camera-ready PDF").set_input_files(tmp_path / "camera-ready.pdf")
        tab.page.wait_for_function(VERDICT_JS, timeout=180_000)
        assert "5 pages" in status(tab)
        tab.page.evaluate("document.querySelector('.workshop-selfcheck-details').textContent = ''")
        tab.page.get_by_label("Track").select_option("short")
        tab.page.wait_for_function(
            "document.querySelector('.workshop-selfcheck-details').textContent.includes('Short')"
        )
        assert "Track: Short/position papers (4-6 pages)" in tab.page.inner_text(
            ".workshop-selfcheck-details"
        )
        assert (tab.errors, tab.left) == ([], [])


@pytest.mark.parametrize(
    ("name", "make", "said"),
    [
        ("notes.pdf", lambda: b"Meeting notes, not a PDF at all.\n" * 20, "This file is not a PDF"),
        ("empty.pdf", lambda: b"", "This file is not a PDF"),
        ("locked.pdf", "locked", "This PDF is encrypted"),
    ],
    ids=["text", "empty", "encrypted"],
)
def test_a_file_the_check_cannot_read_gets_a_sentence_not_a_traceback(site, tmp_path, name, make, said):
    if make == "locked":
        locked = TestPaper()
        locked.encrypt(user="secret")
        data = locked.save(tmp_path / name).read_bytes()
    else:
        data = make()
    with browsing(site) as (context, left):
        tab = open_page(context, left, site)
        drop(tab, name, data)
        assert status(tab).startswith(said), status(tab)
        assert tab.page.evaluate(VERDICT_JS) == "unreadable"
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


def test_a_file_over_the_limit_is_refused_before_anything_loads(site, paper):
    with browsing(site) as (context, left):
        rewrite_page(context, site, "&quot;maxBytes&quot;: 104857600", "&quot;maxBytes&quot;: 1000")
        tab = open_page(context, left, site)
        drop(tab, "paper.pdf", paper)
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
        assert not any("/_selfcheck/python/selfcheck_standin" in r for r in tab.requests)  # it stopped there


@pytest.mark.parametrize("screen", [PHONE], ids=lambda screen: screen.name)
def test_a_phone_shows_the_form_and_the_result_within_its_width(site, paper, screen):
    with browsing(site, screen) as (context, left):
        tab = open_page(context, left, site)
        assert tab.page.get_by_label("Your camera-ready PDF").is_visible()
        drop(tab, "paper.pdf", paper)
        assert "5 pages" in status(tab)
        layout = tab.page.evaluate(TOO_WIDE_JS)
        assert layout["document"] <= layout["layout"] == screen.width, layout
        assert layout["tooWide"] == [], layout


def test_axe_finds_nothing_serious_with_a_result_on_the_page(site, paper):
    with browsing(site) as (context, left):
        tab = open_page(context, left, site)
        drop(tab, "paper.pdf", paper)
        problems = [v for v in run_axe(tab.page) if v["impact"] in checks.BLOCKING_IMPACTS]
        assert problems == [], problems
