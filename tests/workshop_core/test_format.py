"""The camera-ready format in workshop.yaml: page size, margins and main font, per workshop
with a track's own settings, read by the one loader; a format whose margins leave no text
area is refused with the file, the line and the field."""

from __future__ import annotations

from test_data_errors import MINIMAL, write

from workshop.core.load import load
from workshop.core.paperformat import ACM_SIGCONF_MARGINS


def loaded(tmp_path, extra: str = "", track: str = ""):
    text = MINIMAL.replace(
        "  - {id: full, name: Full papers, min_pages: 8, max_pages: 10}\n",
        "  - {id: full, name: Full papers, min_pages: 8, max_pages: 10}\n"
        "  - id: short\n    name: Short papers\n    min_pages: 4\n    max_pages: 6\n" + track,
    )
    write(tmp_path, "workshop.yaml", text + extra)
    return load(tmp_path)


def test_acm_sigconf_by_default(tmp_path):
    info = loaded(tmp_path).workshop.info
    fmt = info.format_of(info.track("full"))
    assert fmt.page_size == (612.0, 792.0) and fmt.margins == ACM_SIGCONF_MARGINS
    assert fmt.font_family is None
    assert fmt.area == (54.0, 73.0, 558.0, 735.0)


def test_a_workshop_format_and_a_tracks_own(tmp_path):
    result = loaded(
        tmp_path,
        "format:\n  page_size: A4\n  margins: {top: 72, bottom: 72, left: 72, right: 72}\n"
        "  font_family: Times\n",
        "    format:\n      page_size: [612, 792]\n      margins: {top: 57, bottom: 73, left: 54, right: 54}\n",
    )
    assert result.problems == []
    info = result.workshop.info
    full, short = info.format_of(info.track("full")), info.format_of(info.track("short"))
    assert full.page_size == (595.276, 841.89) and full.margins.left == 72 and full.font_family == "Times"
    assert short.page_size == (612.0, 792.0) and short.margins == ACM_SIGCONF_MARGINS
    assert short.font_family == "Times"  # what the track does not set is the workshop's


def test_a_page_size_that_is_none_is_refused_in_words(tmp_path):
    result = loaded(tmp_path, "format:\n  page_size: b5\n", "    format: {page_size: [0, 842]}\n")
    messages = [str(p) for p in result.problems]
    assert any(
        "format.page_size: 'b5' is not a page size: write letter, a4 or [width, height]" in m
        for m in messages
    )
    assert any("tracks[1].format.page_size: [0, 842] is not a page size" in m for m in messages)


def test_margins_that_leave_no_text_area(tmp_path):
    result = loaded(tmp_path, "", "    format: {margins: {top: 57, bottom: 73, left: 300, right: 320}}\n")
    [problem] = result.problems
    assert problem.code == "format"
    assert str(problem).endswith(
        "tracks[1].format.margins: the left and right margins (300 + 320 pt) leave no text area on a page "
        "612 pt wide: margins are in points from each edge (ACM sigconf: top 57, bottom 73, left 54, right 54)"
    )
