"""My schedule in a reader's real browser (headless Chromium, nothing leaving 127.0.0.1): two
talks starred on the program survive a reload, the "My schedule" page lists exactly them and
downloads them as one .ics whose events (read with icalendar) are the site's own, UIDs and
all; with the keyboard and on a phone the stars work; a starred talk the program no longer
has is said so; axe-core finds nothing serious with stars pressed and the list shown."""

from __future__ import annotations

import re

import icalendar
import pytest

from browser import checks
from tools.browser import DESKTOP, PHONE, run_axe

STARRED = ["liu-time-variations", "invited-kwon"]  # a paper talk and an invited talk
TITLES = [
    "Understanding Time Variations of DNN Inference in Autonomous Driving",
    "ML Workloads in AR/VR and Their Implication to ML System Design",
]
PRESSED_JS = "els => els.filter(e => e.getAttribute('aria-pressed') === 'true').map(e => e.dataset.slot)"


def site_events(reader) -> dict[str, str]:
    """The UIDs of ``schedule.ics``, by the event's title."""
    status, body = reader.fetch(reader.base + "schedule.ics")
    assert status == 200
    return {str(e["summary"]): str(e["uid"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def serious(page) -> list[str]:
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {v['targets'][:3]}"
        for v in run_axe(page)
        if v["impact"] in checks.BLOCKING_IMPACTS
    ]


def test_two_starred_talks_survive_a_reload_and_download_as_the_sites_events(reader, tmp_path):
    page = reader.open("program.html", DESKTOP, accept_downloads=True)
    try:
        for key in STARRED:
            star = page.locator(f"#slot-{key} button.workshop-star")
            assert star.is_visible() and star.get_attribute("aria-pressed") == "false"
            assert star.get_attribute("data-slot") == key
            star.click()
            assert star.get_attribute("aria-pressed") == "true"
        assert not (problems := serious(page)), problems
        page.reload()
        assert page.locator("button.workshop-star").evaluate_all(PRESSED_JS) == STARRED
        page.goto(reader.base + "myschedule.html")
        items = page.locator("ul.workshop-my-list > li")
        items.first.wait_for()
        assert [item.locator("p.workshop-my-title a").inner_text() for item in items.all()] == TITLES
        assert (
            page.locator("p.workshop-my-status").inner_text()
            == "You have starred 2 talks (kept in this browser only)."
        )
        link = page.get_by_role("link", name=re.compile(r"^Download my schedule \(2 talks"))
        with page.expect_download() as started:
            link.click()
        download = started.value
        assert download.suggested_filename == "mlbench23-my-schedule.ics"
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        assert not (problems := serious(page)), problems
    finally:
        page.context.close()
    raw = path.read_bytes()
    # RFC 5545: lines end in CRLF, none longer than 75 octets (folded).
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    calendar = icalendar.Calendar.from_ical(raw)
    events = {str(e["summary"]): str(e["uid"]) for e in calendar.walk("VEVENT")}
    ours = site_events(reader)
    assert events == {title: ours[title] for title in TITLES}
    assert str(calendar["X-WR-CALNAME"]) == "MLBench'23: my schedule" and calendar.walk("VTIMEZONE")


def test_the_keyboard_stars_and_the_view_unstars(reader):
    page = reader.open("program.html", DESKTOP)
    try:
        star = page.locator("#slot-panel button.workshop-star")
        star.focus()
        page.keyboard.press("Space")
        assert star.get_attribute("aria-pressed") == "true"
        assert star.evaluate("e => e.textContent") == "\u2605 Star"
        assert star.get_attribute("aria-label") == "Star: Panel Session"
        page.goto(reader.base + "myschedule.html")
        unstar = page.get_by_role("button", name="Star: Panel Session")
        assert unstar.get_attribute("aria-pressed") == "true"
        unstar.focus()
        page.keyboard.press("Enter")
        status = page.locator("p.workshop-my-status")
        assert status.inner_text().startswith("You have starred no talk yet")
    finally:
        page.context.close()


def test_a_starred_talk_that_is_gone_is_said_so_not_dropped(reader):
    page = reader.open("myschedule.html", DESKTOP)
    try:
        key = page.evaluate(
            "() => 'workshop-stars:' + new URL(document.documentElement.dataset.content_root, location).pathname"
        )
        page.evaluate("key => localStorage.setItem(key, JSON.stringify(['a-withdrawn-talk', 'panel']))", key)
        page.reload()
        items = page.locator("ul.workshop-my-list > li")
        items.first.wait_for()
        texts = [" ".join(item.inner_text().split()) for item in items.all()]
        assert texts[0].endswith("PANEL Panel Session \u2605 Star"), texts
        assert texts[1].startswith(
            "A talk you starred is no longer in the program (its id was \u201ca-withdrawn-talk\u201d)."
        )
        page.get_by_role("button", name="Remove it from my schedule").click()
        assert items.count() == 1
        assert page.evaluate("key => localStorage.getItem(key)", key) == '["panel"]'
    finally:
        page.context.close()


@pytest.mark.parametrize("where", ["papers/sridharan-chakra.html", "program.html"])
def test_on_a_phone_the_star_and_the_view_are_usable(reader, where):
    page = reader.open(where, PHONE)
    try:
        star = page.locator("button.workshop-star[data-slot='sridharan-chakra']")
        box = star.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE.width
        assert box["height"] >= 24 and box["width"] >= 24  # WCAG 2.2's smallest target
        star.tap()
        assert star.get_attribute("aria-pressed") == "true"
        page.goto(reader.base + "myschedule.html")
        item = page.locator("ul.workshop-my-list > li").first
        item.wait_for()
        assert "Chakra" in item.inner_text()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE.width, f"the page is {width} px wide"
        for element in (item, page.locator("a.workshop-my-download")):
            box = element.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE.width
        assert not (problems := serious(page)), problems
    finally:
        page.context.close()


def test_without_javascript_the_stars_are_hidden_and_the_view_says_what_it_is(reader):
    page = reader.open("program.html", DESKTOP, java_script_enabled=False)
    try:
        assert page.locator("button.workshop-star").count() == 11
        assert not page.locator("button.workshop-star").first.is_visible()
        page.goto(reader.base + "myschedule.html")
        assert "This page needs JavaScript to show them." in page.locator("article").inner_text()
    finally:
        page.context.close()
