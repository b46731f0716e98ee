"""``nox -s screenshots``: every page, whole, at both widths, and a sheet to compare them."""

from __future__ import annotations

import struct

from tools.browser import SCREENS, site_pages
from tools.screenshots import shot_name, take


def png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_screenshots_of_every_page_at_both_widths(browser, example_site, tmp_path, capsys):
    out = tmp_path / "screenshots"
    (out / "stale.png").parent.mkdir()
    (out / "stale.png").write_bytes(b"from an earlier run")
    written = take(browser, example_site, out)
    pages = site_pages(example_site)
    assert len(written) == len(pages) * len(SCREENS)
    for screen in SCREENS:
        scale = 2 if screen.mobile else 1
        for page in pages:
            shot = out / screen.name / shot_name(page)  # papers/x.html: papers-x.png
            width, height = png_size(shot)
            assert width == screen.width * scale, (shot, width)
            assert height >= screen.height * scale  # the whole page, not the first screenful
    sheet = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'src="{screen.name}/program.png"' in sheet for screen in SCREENS)
    assert not (out / "stale.png").exists(), "the old set is replaced, not mixed in"
    assert "[phone 1/" in capsys.readouterr().out  # progress, page by page
