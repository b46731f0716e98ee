"""Format findings: reported with every verdict, failing a paper only when the data is strict."""

from __future__ import annotations

import shutil

from conftest import ROOT
from fpdf import FPDF
from pdfs import TestPaper
from test_check_rule import check

from proceedings.check.run import check_one
from workshop.core.checkrules import track_rules
from workshop.core.load import load
from workshop.engine.paper import Task


def load_format(tmp_path, extra: str, short: str = ""):
    """The example's workshop.yaml with ``extra`` added at its end, and ``short`` under the
    short track; its info, loaded by the one loader."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "docs" / "data", data)
    text = (data / "workshop.yaml").read_text()
    if short:
        text = text.replace("    max_pages: 6\n", "    max_pages: 6\n" + short)
    (data / "workshop.yaml").write_text(text + extra)
    loaded = load(data)
    assert loaded.ok, loaded.problems
    return loaded.workshop.info


def check_with(path, info, track: str = "short"):
    return check_one(Task(path, path.name, None, track_rules(info, info.track(track))))


def short(paper: TestPaper) -> TestPaper:
    paper.body_until(page=4, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=5, fraction=0.4)
    return paper


def codes(record) -> list[str]:
    return [f.code for f in record.findings]


def test_a_clean_letter_paper_has_no_findings(tmp_path):
    record = check(short(TestPaper()).save(tmp_path / "clean.pdf"))
    assert record.findings == () and record.warnings == ()


def test_a4_pages_against_a_letter_workshop_are_a_finding_not_a_failure(tmp_path):
    record = check(short(TestPaper(page_format="A4")).save(tmp_path / "a4.pdf"))
    assert codes(record) == ["page-size"]
    assert record.findings[0].message == (
        "pages 1-5: A4 (595 x 842 pt), not US Letter (612 x 792 pt) as the workshop's format: "
        "export the paper on US Letter paper"
    )
    assert record.verdict == "pass"
    assert record.findings[0].message in record.warnings


def test_letter_pages_against_an_a4_workshop(tmp_path):
    """The page size comes from the data (format.page_size): on an A4 workshop, Letter is the odd one."""
    a4 = load_format(tmp_path, "format:\n  page_size: a4\n")
    record = check_with(short(TestPaper()).save(tmp_path / "letter.pdf"), a4)
    assert codes(record) == ["page-size"]
    assert record.findings[0].message == (
        "pages 1-5: US Letter (612 x 792 pt), not A4 (595 x 842 pt) as the workshop's format: "
        "export the paper on A4 paper"
    )
    assert check_with(short(TestPaper(page_format="A4")).save(tmp_path / "a4.pdf"), a4).findings == ()


def test_a_tracks_own_page_size(tmp_path):
    """A track may set its own format (here the short papers on A4), the rest keep the workshop's."""
    info = load_format(tmp_path, "", short="    format: {page_size: [595.28, 841.89]}\n")
    a4 = short(TestPaper(page_format="A4")).save(tmp_path / "a4.pdf")
    assert check_with(a4, info, "short").findings == ()
    assert codes(check_with(a4, info, "full")) == ["page-size"]


def test_strict_format_makes_findings_fail(tmp_path):
    record = check(short(TestPaper(page_format="A4")).save(tmp_path / "a4.pdf"), strict=True)
    assert record.verdict == "fail"
    assert any(r.startswith("format (strict): pages 1-5: A4") for r in record.reasons)
    assert record.pages_counted == 4  # the count itself is unchanged


def test_mixed_page_sizes(tmp_path):
    paper = short(TestPaper())
    paper.pdf.add_page(format="A4")
    paper.write("A last page on A4 paper, added by a careless merge.", size=9)
    record = check(paper.save(tmp_path / "mixed.pdf"))
    assert codes(record) == ["page-size", "mixed-sizes"]
    mixed = record.findings[1]
    assert mixed.pages == (6,)
    assert mixed.message == (
        "pages differ in size: US Letter (612 x 792 pt) on pages 1-5; A4 (595 x 842 pt) on page 6"
    )


def test_page_numbers_in_the_stamping_band(tmp_path):
    record = check(short(TestPaper(page_numbers=True)).save(tmp_path / "numbered.pdf"))
    assert codes(record) == ["footer-band"]  # the page numbers are the template's: no margin finding
    assert record.findings[0].pages == (1, 2, 3, 4, 5)  # every page is looked at
    assert '("1")' in record.findings[0].message
    assert record.verdict == "pass"


def test_fonts_not_embedded(tmp_path):
    """fpdf2's core fonts (Helvetica, Times) are referenced, not embedded."""
    pdf = FPDF(format="letter", unit="pt")
    pdf.set_margins(72, 72)  # within the template's text area: the fonts are the finding
    pdf.set_auto_page_break(True, margin=90)
    for _ in range(5):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(
            0,
            12,
            "Body text of a paper set in a font that is not embedded. " * 40,
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.set_font("Times", "B", 12)
    pdf.cell(0, 14, "References", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Times", "", 9)
    pdf.multi_cell(0, 11, "[1] A. Author. A paper. 2020.")
    path = tmp_path / "core-fonts.pdf"
    pdf.output(str(path))
    record = check(path)
    assert codes(record) == ["fonts-not-embedded"]
    assert record.findings[0].message.startswith(
        "font(s) not embedded: Helvetica, Times-Bold, Times-Roman (pages 1-5)"
    )
