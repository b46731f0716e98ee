"""A reader's path through the site: from the home page by the navigation (the menu on a
phone) to every part of the workshop, the call to submit, the program to take along."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pytest
from conftest import ROOT

from browser import checks
from tools.browser import DESKTOP, SCREENS

# What a reader looks for in the navigation (the list), and the heading that
# tells them they arrived.  Patterns, not the exact labels, so a relabelled menu still
# passes while a missing page does not.
DESTINATIONS = {
    "call for papers": r"call for papers",
    "dates": r"\bdates\b",
    "program": r"^program$|^schedule$",
    "committees": r"committee",
    "accepted papers": r"accepted papers",
    "earlier editions": r"earlier editions|past editions|previous editions",
}


def open_navigation_link(page, name: re.Pattern):
    """The visible navigation link called ``name``; on a phone, open the menu first."""
    links = page.get_by_role("navigation").get_by_role("link", name=name)
    if not links.filter(visible=True).count():
        page.get_by_role("button", name=re.compile(r"navigation|menu", re.IGNORECASE)).first.click()
    return links.filter(visible=True).first


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)
@pytest.mark.parametrize("destination", DESTINATIONS)
def test_navigation_reaches(reader, screen, destination):
    pattern = re.compile(DESTINATIONS[destination], re.IGNORECASE)
    page = reader.open("", screen)  # the site's root, as a reader types it
    try:
        open_navigation_link(page, pattern).click()
        page.wait_for_load_state()
        heading = page.get_by_role("heading", level=1)
        assert heading.count() == 1, f"{page.url}: one main heading expected"
        assert pattern.search(heading.inner_text().strip()), (
            f"the navigation's {destination!r} link led to {page.url}, titled {heading.inner_text()!r}"
        )
        assert page.url.startswith(reader.base)
    finally:
        page.context.close()


def submission_url() -> str:
    from workshop.core.load import load

    return load(ROOT / "docs" / "data").workshop.info.links["submission"].url


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)
def test_submit_button_goes_to_the_submission_site(reader, screen):
    expected = submission_url()
    assert expected.startswith("https://easychair.org/")
    page = reader.open("", screen)
    try:
        # The submission site is not fetched (the tests run offline): a stand-in answers.
        page.context.route(
            expected.split("?")[0] + "*",
            lambda route: route.fulfill(
                status=200, content_type="text/html", body="<title>Submission site (stand-in)</title>"
            ),
        )
        button = page.get_by_role("link", name=re.compile(r"\bsubmit\b", re.IGNORECASE)).first
        assert button.get_attribute("href") == expected
        assert "btn" in (button.get_attribute("class") or ""), "the call to action looks like a button"
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= screen.width
        button.click()
        page.wait_for_url(expected)
        assert page.title() == "Submission site (stand-in)"
    finally:
        page.context.close()


# The exports readers take with them, by the extension of the file a page links.
EXPORT_KINDS = {".ics": "calendar", ".xml": "schedule", ".json": "schedule"}


@pytest.mark.parametrize(
    ("page", "wanted"), [("program.html", {"calendar", "schedule"}), ("dates.html", {"calendar"})]
)
def test_calendar_and_schedule_downloads_are_served(reader, page, wanted):
    links = checks.download_links(reader.visit(page, DESKTOP), reader.base)
    kinds = {EXPORT_KINDS.get(PurePosixPath(urlsplit(link).path).suffix) for link in links}
    assert wanted <= kinds, f"{page} links {links}"
    assert not (problems := checks.download_problems(reader, links)), problems
