"""Every page of the built site, at a desktop's and a phone's width, as a reader's browser
shows it: no errors, every asset and icon loaded, every local link landing, nothing to
scroll sideways."""

from __future__ import annotations

import pytest

from browser import checks
from tools.browser import DESKTOP, SCREENS

screens = pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)


def test_every_built_page_is_read(reader):
    # The checks below read whatever pages the build wrote; the home page must be among them.
    assert "index.html" in reader.pages
    assert len(reader.pages) >= 7, reader.pages


@screens
def test_no_console_errors(reader, screen):
    assert not (problems := checks.console_errors(reader, screen)), "\n".join(problems)


@screens
def test_every_request_succeeds(reader, screen):
    assert not (problems := checks.failed_requests(reader, screen)), "\n".join(problems)


@screens
def test_nothing_is_wider_than_the_screen(reader, screen):
    assert not (problems := checks.too_wide(reader, screen)), "\n".join(problems)


def test_every_local_link_lands(reader):
    assert not (problems := checks.dead_links(reader, DESKTOP)), "\n".join(problems)


def test_every_download_is_what_its_name_says(reader):
    assert not (problems := checks.downloads(reader, DESKTOP)), "\n".join(problems)
