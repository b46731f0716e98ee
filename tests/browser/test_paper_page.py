"""A paper's own page as a reader meets it, at a desktop's and a phone's width: reached from
the accepted papers, its title and authors on screen, its BibTeX readable without moving
the page sideways, its PDF and BibTeX downloads working; and the 404 page for an address
that does not exist, deep in the site, with its navigation leading home."""

from __future__ import annotations

import re

import pytest

from tools.browser import SCREENS, block_external

PAPER = "sridharan-chakra"
TITLE = "Chakra: Advancing Performance Benchmarking and Co-Design Using Standardized Execution Traces"

screens = pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)


def test_every_paper_has_its_page_among_the_pages_read(reader):
    assert {f"papers/{p}.html" for p in (PAPER, "liu-time-variations", "huang-bnn-crossbar")} <= set(
        reader.pages
    )


@screens
def test_a_paper_page_reached_from_the_list_reads_on_the_screen(reader, screen):
    page = reader.open("papers.html", screen)
    try:
        page.get_by_role("link", name=TITLE).click()
        page.wait_for_load_state()
        assert page.url == f"{reader.base}papers/{PAPER}.html"
        heading = page.get_by_role("heading", level=1)
        assert heading.inner_text().strip() == TITLE and heading.is_visible()
        authors = page.locator("ul.workshop-authors li")
        assert authors.first.inner_text() == "Srinivas Sridharan (Meta)" and authors.first.is_visible()
        # The BibTeX wraps inside its box: no line runs past it, nothing scrolls sideways.
        bibtex = page.locator("div.workshop-bibtex pre")
        overflow = bibtex.evaluate("pre => pre.scrollWidth - pre.clientWidth")
        assert overflow <= 0, f"a BibTeX line runs {overflow} px past its box at {screen.width} px"
        assert bibtex.is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= screen.width, f"the page is {width} px wide on a {screen.width} px screen"
        box = bibtex.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= screen.width
        for name, kind in (("PDF", b"%PDF-"), ("BibTeX", b"@inproceedings{")):
            href = page.get_by_role("link", name=name, exact=True).get_attribute("href")
            status, body = reader.fetch(f"{reader.base}papers/{href}")
            assert status == 200 and body.startswith(kind), (name, href)
        talk = page.locator("p.workshop-talk a")
        talk.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"program.html#slot-{PAPER}")
    finally:
        page.context.close()


@screens
def test_the_404_page_works_from_any_depth(reader, screen):
    """A server answers a missing address with 404.html (as Read the Docs does)."""
    status, body = reader.fetch(f"{reader.base}404.html")
    assert status == 200 and b"Page not found" in body
    context = reader.browser.new_context(**screen.context_options())
    block_external(context, reader.base)
    page = context.new_page()
    try:
        # The page at a deep address: its assets and links start from the site's root.
        failed: list[str] = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        page.route(
            re.compile(r".*/a/b/c/missing\.html$"),
            lambda route: route.fulfill(body=body, content_type="text/html"),
        )
        page.goto(f"{reader.base}a/b/c/missing.html", wait_until="load")
        assert not failed, failed
        home = page.locator("a[href='/index.html']").first
        home.click()
        page.wait_for_load_state()
        assert page.url == f"{reader.base}index.html"
    finally:
        page.context.close()


@screens
def test_the_copy_button_copies_the_bibtex_whole(reader, screen):
    page = reader.open(f"papers/{PAPER}.html", screen, permissions=["clipboard-read", "clipboard-write"])
    try:
        button = page.get_by_role("button", name="Copy the BibTeX")
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= screen.width
        button.click()
        # The clipboard answers asynchronously: wait for the status to be said, then read it.
        page.wait_for_function("document.querySelector('.workshop-copy-status').textContent !== ''")
        assert page.locator(".workshop-copy-status").inner_text() == "Copied the BibTeX."
        copied = page.evaluate("navigator.clipboard.readText()")
    finally:
        page.context.close()
    status, bib = reader.fetch(f"{reader.base}papers/{PAPER}.bib")
    assert status == 200 and copied == bib.decode("utf-8")  # whole, to the last line break


def test_a_video_plays_in_the_page_only_once_asked(second_reader):
    """Nothing is requested from the video's host until the reader presses play; then the
    player is the host's privacy-friendly one (the request is blocked here, being off-site)."""
    before = len(second_reader.blocked)
    page = second_reader.open("papers/wang-tail-latency.html", SCREENS[0])
    try:
        play = page.get_by_role("button", name=re.compile(r"^Play the video here"))
        assert play.is_visible() and page.locator("iframe").count() == 0
        assert second_reader.blocked[before:] == []
        play.click()
        frame = page.locator("div.workshop-video iframe")
        assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/mlbench24tl"
        assert frame.get_attribute("title").startswith("Video: Tail Latency")
    finally:
        page.context.close()
