"""Format findings: reported with every verdict, failing a paper only when the data is strict."""

from __future__ import annotations

from fpdf import FPDF
from pdfs import TestPaper
from test_check_rule import check


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


def test_a4_pages_are_a_finding_not_a_failure(tmp_path):
    record = check(short(TestPaper(page_format="A4")).save(tmp_path / "a4.pdf"))
    assert codes(record) == ["page-size"]
    assert record.findings[0].message.startswith("pages 1-5: A4 (595 x 842 pt), not US Letter (612 x 792 pt)")
    assert record.verdict == "pass"
    assert record.findings[0].message in record.warnings


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
    assert codes(record) == ["footer-band"]
    assert record.findings[0].pages == (4, 5)  # the pages that were read
    assert '("4")' in record.findings[0].message
    assert record.verdict == "pass"


def test_fonts_not_embedded(tmp_path):
    """fpdf2's core fonts (Helvetica, Times) are referenced, not embedded."""
    pdf = FPDF(format="letter", unit="pt")
    for _ in range(5):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 12, "Body text of a paper set in a font that is not embedded. " * 40)
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
