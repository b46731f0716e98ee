"""The margin finding: text and drawings outside the template's text area, on any page,
with the page, the side and how far; a template's running head and page number allowed;
a picture of each page with the area and the offending marks drawn.

The example data's format is ACM sigconf's: US Letter, the text area 57 pt from the top,
73 from the bottom and 54 from either side, so x from 54 to 558 and y from 73 to 735."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from pdfs import TestPaper, with_content

from proceedings.check.picture import LONGEST, SCALE
from proceedings.check.run import check_one
from workshop.core.checkrules import format_rules, rules_of
from workshop.core.load import load
from workshop.core.paperformat import Margins, PaperFormat
from workshop.engine.paper import Task
from workshop.engine.records import CheckRecord

RULES = rules_of(load(ROOT / "docs" / "data").workshop.info)


def check(path: Path, findings: Path | None = None, fmt: PaperFormat | None = None) -> CheckRecord:
    track = RULES.track("short")
    if fmt is not None:
        track = dataclasses.replace(track, format=format_rules(fmt))
    return check_one(Task(path, path.name, None, track, findings_dir=findings, root=path.parent))


def paper(**kwargs) -> TestPaper:
    """A short paper that fits the area: running head in the top margin, page numbers in the bottom one."""
    result = TestPaper(page_numbers=True, **kwargs)
    result.body_until(page=2, fraction=0.5)
    return result


def finish(result: TestPaper, path: Path) -> Path:
    result.body_until(page=4, fraction=0.5)
    result.heading("References")
    result.references_until(page=5, fraction=0.4)
    return result.save(path)


def stray(result: TestPaper, x: float, top: float, text: str = "Words set where no text belongs") -> None:
    """A line of body-sized text whose baseline is ``top`` points below the page's top edge."""
    result.pdf.set_font("Serif", "", 9)
    result.pdf.text(x, top, text)


def margin(record: CheckRecord):
    found = [f for f in record.findings if f.code == "margin"]
    return found[0] if found else None


def test_a_paper_within_the_area_has_no_margin_finding(tmp_path):
    """The running head (top margin, every page) and the page numbers (bottom margin) are the template's."""
    record = check(finish(paper(), tmp_path / "clean.pdf"), tmp_path / "findings")
    assert margin(record) is None, record.warnings
    assert not (tmp_path / "findings").exists()  # no picture for a clean paper


@pytest.mark.parametrize(
    ("side", "x", "top", "distance"),
    [
        ("left", 20.0, 400.0, 34.0),  # starts 34 pt left of x = 54
        ("top", 200.0, 30.0, None),  # a single line high in the top margin (no other page has one)
        ("bottom", 200.0, 760.0, 41.0),  # baseline 32 pt above the bottom edge: 41 pt below y = 73
    ],
)
def test_text_in_a_margin_is_found_with_its_side_and_distance(tmp_path, side, x, top, distance):
    result = paper()
    stray(result, x, top)
    record = check(finish(result, tmp_path / f"{side}.pdf"))
    found = margin(record)
    assert found is not None and found.pages == (2,), record.findings
    [detail] = found.details
    assert (detail["page"], detail["side"], detail["kind"]) == (2, side, "text")
    assert detail["text"] == "Words set where no text belongs"
    if distance is not None:
        assert detail["distance"] == pytest.approx(distance, abs=0.2)
    assert (
        f'page 2: text ("Words set where no text belongs") {detail["distance"]:.1f} pt into the {side} margin'
        in (found.message)
    )
    assert record.verdict == "pass" and found.message in record.warnings  # strict_format is off


def test_a_line_running_past_the_right_edge_of_the_area(tmp_path):
    result = paper()
    result.pdf.set_font("Serif", "", 9)
    text = "A line of text that starts in the right column and runs on past its edge"
    start = 558.0 - result.pdf.get_string_width(text) + 25.0  # its end 25 pt past x = 558
    result.pdf.text(start, 300, text)
    found = margin(check(finish(result, tmp_path / "right.pdf")))
    [detail] = found.details
    assert detail["side"] == "right" and detail["distance"] == pytest.approx(25.0, abs=0.5)


def test_a_figure_into_the_right_margin_and_a_white_background_that_is_not(tmp_path):
    result = paper()
    pdf = result.pdf
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(0, 0, pdf.w, pdf.h, style="F")  # what Word draws under every page: white, not a drawing
    pdf.set_fill_color(120, 120, 120)
    pdf.rect(320, 300, 270, 100, style="F")  # a figure whose right edge is at 590: 32 pt past 558
    found = margin(check(finish(result, tmp_path / "figure.pdf")))
    assert found is not None and found.pages == (2,)
    [detail] = found.details
    assert (detail["kind"], detail["side"]) == ("path", "right")
    assert detail["distance"] == pytest.approx(32.0, abs=0.5)
    assert "a drawing 32.0 pt into the right margin" in found.message


def test_what_a_clip_hides_is_not_in_the_margin(tmp_path):
    """A plot clipped to its frame (pgfplots, matplotlib): its curves run on outside, unseen."""
    result = paper()
    pdf = result.pdf
    with pdf.rect_clip(x=320, y=300, w=200, h=100):
        pdf.set_fill_color(0, 0, 200)
        pdf.rect(300, 280, 320, 140, style="F")  # past the right edge, but clipped to x <= 520
    assert margin(check(finish(result, tmp_path / "clipped.pdf"))) is None


def test_a_running_head_set_larger_than_the_text_is_not_furniture(tmp_path):
    """A title repeated above every page in 16 pt: no template sets its head larger than its text."""
    result = TestPaper(running_head="A TITLE SET IN THE HEAD OF EVERY PAGE")
    result.pdf.head_style = (16, "B", 12)
    result.body_until(page=2)
    found = margin(check(finish(result, tmp_path / "big-head.pdf")))
    assert found is not None and set(found.pages) >= {2, 3, 4, 5}
    assert {d["side"] for d in found.details} == {"top"}


def test_a_page_number_alone_is_furniture_even_on_one_page(tmp_path):
    result = paper()
    stray(result, 300, 770, "2")
    assert margin(check(finish(result, tmp_path / "number.pdf"))) is None


def test_an_a4_paper_is_measured_from_its_own_edges(tmp_path):
    """Margins are what a template keeps clear of each edge: on A4 the area is 595 x 842 less them."""
    result = TestPaper(page_format="A4")
    result.body_until(page=2, fraction=0.5)
    stray(result, 600 - 54 - 20, 400, "Right")  # ends past 595 - 54 = 541, not past Letter's 558
    record = check(finish(result, tmp_path / "a4.pdf"))
    [detail] = margin(record).details
    assert detail["side"] == "right"


def test_the_picture_shows_the_page_the_area_and_the_marks(tmp_path):
    from PIL import Image

    result = paper()
    stray(result, 20, 400)
    path = finish(result, tmp_path / "left.pdf")
    findings = tmp_path / "findings"
    record = check(path, findings)
    found = margin(record)
    assert found.files == ("findings/left-page-2.png",)
    picture = tmp_path / found.files[0]
    assert f"(pictures: {found.files[0]})" in found.message
    image = Image.open(picture).convert("RGB")
    scale = SCALE
    assert image.size == (round(612 * scale), round(792 * scale))  # the page, Letter

    def pixel(x: float, y_from_top: float) -> tuple[int, int, int]:
        return image.getpixel((round(x * scale), round(y_from_top * scale)))

    # The area's left edge (blue) runs down x = 54; the stray text's box (red) frames x = 20.
    assert pixel(54, 600)[2] > 150 and pixel(54, 600)[0] < 100
    left_of_box = pixel(20 - 2 / scale, 398)
    assert left_of_box[0] > 150 and left_of_box[1] < 100
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: the picture is a schematic, not a rendering")
    # A rendering: the body text of the left column is dark ink on white.
    band = [pixel(x, y) for x in range(60, 280, 3) for y in range(150, 300, 3)]
    assert sum(1 for p in band if sum(p) < 300) > 50
    # The same bytes give the same picture; a second check rewrites nothing.
    first = picture.read_bytes()
    check(path, findings)
    assert picture.read_bytes() == first


def test_a_page_200_inches_square_gets_a_picture_of_bounded_size(tmp_path):
    """The largest page PDF allows: its picture is drawn smaller (at full scale it would be
    207 million pixels, which Pillow refuses as a bomb), and the verdict stands."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF(unit="pt", format=(14400, 14400))
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(10, 30, "A line set in the top margin")
    path = tmp_path / "huge.pdf"
    pdf.output(str(path))
    findings = tmp_path / "findings"
    record = check(path, findings)
    assert record.verdict != "error", record.reasons
    found = margin(record)
    assert found is not None and found.pages == (1,) and "top margin" in found.message
    image = Image.open(tmp_path / found.files[0])
    assert image.size == (LONGEST, LONGEST)


def test_a_renderer_that_hangs_costs_one_paper_a_minute_at_most(tmp_path, monkeypatch):
    """pdftoppm stuck on a hostile file: the paper's pictures share one budget, so five pages
    with findings start it once (its one-second share runs out), then are schematics."""
    import proceedings.check.picture

    calls = tmp_path / "calls"
    slow = tmp_path / "pdftoppm"
    slow.write_text(f"#!/bin/sh\necho run >> {calls}\nexec sleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setattr(proceedings.check.picture.shutil, "which", lambda name: str(slow))
    monkeypatch.setattr(proceedings.check.picture, "PAPER_SECONDS", 1)
    fmt = PaperFormat(margins=Margins(top=57, bottom=73, left=100, right=54))
    record = check(finish(paper(), tmp_path / "wide.pdf"), tmp_path / "findings", fmt=fmt)
    found = margin(record)
    assert found.pages == (1, 2, 3, 4, 5) and len(found.files) == 5
    assert calls.read_text().split() == ["run"]


def test_margins_from_the_data(tmp_path):
    """A workshop whose template keeps 100 pt clear at the left: the same paper is now past it."""
    fmt = PaperFormat(margins=Margins(top=57, bottom=73, left=100, right=54))
    found = margin(check(finish(paper(), tmp_path / "wide.pdf"), fmt=fmt))
    assert found is not None and found.pages == (1, 2, 3, 4, 5)
    assert {d["side"] for d in found.details} == {"left"}
    # The columns' lines start at 56.8 (fpdf2 pads a cell by 2.8 pt): 43.2 pt left of 100.
    assert [d["distance"] for d in found.details] == [43.2] * 5


def test_an_inline_image_in_the_margin(tmp_path):
    """An image written into the content itself (BI ... ID ... EI), its binary data no tokens."""
    plain = finish(paper(), tmp_path / "plain.pdf")
    image = b"q 40 0 0 40 570 300 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x00(\xff] EI Q"
    found = margin(check(with_content(plain, tmp_path / "inline.pdf", image, page=3)))
    assert found is not None and found.pages == (3,)
    [detail] = found.details
    assert (detail["kind"], detail["side"]) == ("image", "right")
    assert detail["distance"] == pytest.approx(52.0, abs=0.5)  # 570 + 40 = 610, past 558


def test_a_hostile_content_stream_is_read_in_bounded_time(tmp_path):
    """Half a million inline-image openings that never open, unclosed strings and arrays:
    each is read once, and the page is judged."""
    import time

    plain = finish(paper(), tmp_path / "plain.pdf")
    hostile = b" BI /W 1" * 100_000 + b" (unclosed [ [ [" * 50_000 + b" 1 0 0 1 0 0 cm"
    path = with_content(plain, tmp_path / "hostile.pdf", hostile, page=3)
    start = time.perf_counter()
    record = check(path)
    assert time.perf_counter() - start < 30
    assert record.verdict == "pass", record.reasons


def test_the_data_checks_pictures_follow_the_papers(tmp_path):
    """A paper with text in its margin gets its picture beside the report; fixed, the
    picture goes at the next data check."""
    from conftest import copy_site

    from proceedings.cli import main

    copy_site(tmp_path)
    (tmp_path / "pyproject.toml").write_text("")
    data = tmp_path / "docs" / "data"
    pdf = data / "papers" / "huang-bnn-crossbar.pdf"
    original = pdf.read_bytes()
    result = TestPaper()
    result.body_until(page=2, fraction=0.5)
    stray(result, 20, 400)
    finish(result, pdf)
    args = ["check", "--data", str(data), "--no-progress", "--jobs", "1"]
    assert main(args) == 0  # a finding, not a failure: strict_format is off
    picture = tmp_path / "_build" / "proceedings" / "findings" / "huang-bnn-crossbar-page-2.png"
    assert picture.is_file()
    report = json.loads((tmp_path / "_build" / "proceedings" / "report.json").read_text())
    [found] = [f for r in report["records"] for f in r["findings"] if f["code"] == "margin"]
    assert found["files"] == ["_build/proceedings/findings/huang-bnn-crossbar-page-2.png"]
    pdf.write_bytes(original)
    assert main(args) == 0
    assert not picture.exists()


def test_pictures_are_never_written_through_a_findings_folder_that_is_a_link(tmp_path, capsys):
    """findings/ a symbolic link (to anywhere: here another folder holding a picture of the
    paper's name): no picture is written through it, none removed there, and the check says
    so once (issue 23)."""
    from conftest import copy_site

    from proceedings.cli import main

    copy_site(tmp_path / "site")
    site = tmp_path / "site"
    (site / "pyproject.toml").write_text("")
    data = site / "docs" / "data"
    result = TestPaper()
    result.body_until(page=2, fraction=0.5)
    stray(result, 20, 400)
    finish(result, data / "papers" / "huang-bnn-crossbar.pdf")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "huang-bnn-crossbar-page-9.png").write_bytes(b"someone else's")
    (site / "_build" / "proceedings").mkdir(parents=True)
    (site / "_build" / "proceedings" / "findings").symlink_to(elsewhere)
    assert main(["check", "--data", str(data), "--no-progress", "--jobs", "1"]) == 0
    assert [p.name for p in elsewhere.iterdir()] == ["huang-bnn-crossbar-page-9.png"]
    assert capsys.readouterr().err.splitlines() == [
        (
            f"note: {site / '_build' / 'proceedings' / 'findings'}: is a symbolic link: the margin pictures are not "
            "written through it (nor old ones removed); make it a folder to have them"
        )
    ]
    report = json.loads((site / "_build" / "proceedings" / "report.json").read_text())
    [found] = [f for r in report["records"] for f in r["findings"] if f["code"] == "margin"]
    assert "files" not in found


def test_without_pdftoppm_the_picture_is_a_schematic_that_says_so(tmp_path, monkeypatch):
    from PIL import Image

    import proceedings.check.picture

    monkeypatch.setattr(proceedings.check.picture.shutil, "which", lambda name: None)
    result = paper()
    stray(result, 20, 400)
    record = check(finish(result, tmp_path / "left.pdf"), tmp_path / "findings")
    image = Image.open(tmp_path / margin(record).files[0]).convert("RGB")
    # Each run of text is a grey bar where the page has it; the note is written at the top left.
    bars = [
        image.getpixel((round(x * SCALE), round(y * SCALE)))
        for x in range(60, 280, 4)
        for y in range(150, 300, 2)
    ]
    assert sum(1 for p in bars if p[0] == p[1] == p[2] and 150 < p[0] < 200) > 100
    note = [image.getpixel((x, y)) for x in range(6, 300) for y in range(6, 20)]
    assert any(p[0] > 150 and p[1] < 100 for p in note)  # red text
