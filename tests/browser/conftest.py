"""Fixtures of the browser tests: one Chromium per session, the example site served on
127.0.0.1 and read by it.

Where no browser can be had (Playwright not installed, no Chromium on the machine) the
tests skip with the reason; with WORKSHOP_REQUIRE_BROWSER=1 (set by .ci/run) they fail
instead, so CI cannot pass by skipping them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tools.browser import Reader, chromium, find_chromium, reading

# What the summary at the end of the run reports (so a CI log shows the browser ran).
_USED: dict[str, str] = {}
#: Figures the tests measure, said at the end of the run (never asserted: the machine's load
#: decides them): what, and how much.
FIGURES: dict[str, str] = {}
SECOND_EDITION = Path(__file__).resolve().parents[1] / "editions" / "mlbench24"


def no_browser(reason: str):
    if os.environ.get("WORKSHOP_REQUIRE_BROWSER"):
        pytest.fail(f"{reason} (and WORKSHOP_REQUIRE_BROWSER is set)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Headless Chromium, the system's: Debian's ``chromium`` package."""
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        no_browser(f"{error.name} is not installed: pip install -e '.[browser]'")
    executable = find_chromium()
    if executable is None:
        no_browser("no Chromium on this machine: apt-get install chromium (or set WORKSHOP_CHROMIUM)")
    if not os.access(executable, os.X_OK):
        no_browser(f"{executable} (WORKSHOP_CHROMIUM) is not a program that can be run")
    with chromium(executable) as started:
        _USED["browser"] = f"Chromium {started.version} ({executable})"
        yield started


@pytest.fixture(scope="session")
def reader(browser, example_site) -> Iterator[Reader]:
    """The example site, served on 127.0.0.1 and read in ``browser``."""
    with reading(browser, example_site) as site_reader:
        yield site_reader


@pytest.fixture(scope="session")
def second_reader(browser, second_edition_site) -> Iterator[Reader]:
    """The second edition's site (two days, two rooms in parallel), served and read in
    ``browser`` at the path of its address (``site_url``), as its host would: its 404 page
    links the site's files from there."""
    info = yaml.safe_load((SECOND_EDITION / "workshop.yaml").read_text(encoding="utf-8"))
    mount = urlsplit(info.get("site_url") or "/").path.rstrip("/") + "/"
    with reading(browser, second_edition_site, mount) as site_reader:
        yield site_reader


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Each browser test's report names the browser it ran in, for the line the run ends
    with (tests/conftest.py: the reports reach the process that writes it, under
    pytest-xdist too, where this worker's memory does not)."""
    report = yield
    if call.when == "call" and "browser" in _USED and item.nodeid.startswith("tests/browser/"):
        report.user_properties.append(("browser", _USED["browser"]))
    if call.when == "call":  # figures a test measured, said at the end of the run
        report.user_properties.extend((f"figure:{what}", figure) for what, figure in FIGURES.items())
        FIGURES.clear()
    return report
