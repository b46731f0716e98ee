"""Font findings: fonts not embedded (test_check_format), Type 3 bitmap fonts, and the main
text font against the template's (``format.font_family`` in the data), with the fonts
found and the share of the text in each."""

from __future__ import annotations

from pdfs import TestPaper, with_type3_text
from test_check_margins import check, finish

from workshop.core.paperformat import PaperFormat


def codes(record) -> list[str]:
    return [f.code for f in record.findings]


def test_a_type3_bitmap_font_is_found_on_its_page(tmp_path):
    plain = finish(TestPaper(), tmp_path / "plain.pdf")
    record = check(with_type3_text(plain, tmp_path / "bitmap.pdf", page=3))
    assert codes(record) == ["type3-bitmap"]
    found = record.findings[0]
    assert found.pages == (3,)
    assert found.message.startswith("Type 3 bitmap font(s): Type3 (page 3), blurry in print:")
    assert record.verdict == "pass"


def test_a_type3_outline_font_is_not_a_bitmap(tmp_path):
    """matplotlib sets its text in Type 3 fonts drawn as outlines: sharp at any size."""
    plain = finish(TestPaper(), tmp_path / "plain.pdf")
    record = check(with_type3_text(plain, tmp_path / "outline.pdf", page=3, bitmap=False))
    assert "type3-bitmap" not in codes(record)


def test_the_share_of_text_in_each_font_family(tmp_path):
    record = check(finish(TestPaper(), tmp_path / "paper.pdf"))
    families = dict(record.text_fonts)
    assert list(families) == ["DejaVuSerif", "DejaVuSans"]  # the text, then the running head
    assert families["DejaVuSerif"] > 0.95 and sum(families.values()) == 1.0


def test_a_main_text_font_other_than_the_templates(tmp_path):
    path = finish(TestPaper(), tmp_path / "paper.pdf")
    record = check(path, fmt=PaperFormat(font_family="Linux Libertine"))
    assert codes(record) == ["main-font"]
    message = record.findings[0].message
    share = dict(record.text_fonts)["DejaVuSerif"]
    assert message.startswith(f"the text is set in DejaVuSerif ({share:.0%} of it), not in Linux Libertine")
    assert "fonts found: DejaVuSerif" in message


def test_the_templates_font_under_its_own_name(tmp_path):
    """The data names a family as people do ("DejaVu Serif"); PDFs name faces ("DejaVuSerif-Bold")."""
    path = finish(TestPaper(), tmp_path / "paper.pdf")
    assert check(path, fmt=PaperFormat(font_family="DejaVu Serif")).findings == ()
