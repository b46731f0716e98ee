"""The page-limit rule, one case per test, on two-column PDFs made here by fpdf2.

Each test asserts what a chair reads in the report: the counted pages, the pages
that hold only references, the verdict, and the evidence line.  Limits are the
example data's: short papers 4-6 pages, full papers 8-10.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from pdfs import TestPaper, image_only_pdf, small_caps_font

from proceedings.check.run import check_one
from workshop.core.checkrules import rules_of
from workshop.core.load import load
from workshop.core.rules import Decision, PageException
from workshop.engine.paper import Task
from workshop.engine.pdf.text import normalise
from workshop.engine.records import CheckRecord
from workshop.engine.rule import REFERENCES

INFO = load(ROOT / "docs" / "data").workshop.info
#: The example's rules, as the check takes them (each track with its format).
RULES = rules_of(INFO)


def check(
    path: Path, track: str = "short", decision: Decision | None = None, strict: bool = False
) -> CheckRecord:
    return check_one(Task(path, path.name, None, RULES.track(track), decision, strict))


def short_paper(heading: str = "References", **kwargs) -> TestPaper:
    """Body to the middle of page 4, the heading, references onto page 5 only."""
    paper = TestPaper(**kwargs)
    paper.body_until(page=4, fraction=0.5)
    paper.heading(heading)
    paper.references_until(page=5, fraction=0.4)
    return paper


def test_references_begin_mid_page(tmp_path):
    paper = TestPaper()
    paper.body_until(page=5, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=6, column=1, fraction=0.3)
    record = check(paper.save(tmp_path / "mid.pdf"))
    assert (record.pages_total, record.pages_counted, record.reference_pages) == (6, 5, (6,))
    assert record.verdict == "pass", record.reasons
    assert record.references_heading.page == 5
    assert record.references_heading.text == "References"
    assert record.references_heading.bold


def test_references_at_the_top_of_a_page(tmp_path):
    """The heading opens page 5: that page holds only references and does not count."""
    paper = TestPaper()
    paper.body_until(page=4, column=1, fraction=0.8)
    paper.new_page()
    paper.heading("References")
    paper.references_until(page=6, fraction=0.3)
    record = check(paper.save(tmp_path / "top.pdf"))
    assert record.references_heading.page == 5 and record.references_heading.line == 1
    assert (record.pages_total, record.pages_counted, record.reference_pages) == (6, 4, (5, 6))
    assert record.verdict == "pass", record.reasons


def test_references_at_the_top_of_the_right_column_count_their_page(tmp_path):
    """Body text fills the left column: the page holds more than references."""
    paper = TestPaper()
    paper.body_until(page=5, column=0, fraction=0.8)
    paper.new_column()
    paper.heading("References")
    paper.references_until(page=6, fraction=0.5)
    record = check(paper.save(tmp_path / "right.pdf"))
    assert (record.pages_counted, record.reference_pages) == (5, (6,))
    assert record.verdict == "pass"


def test_only_references_on_the_last_pages(tmp_path):
    """A long reference list: three pages of references only, none counted; the
    paper is 8 pages long but counts 5."""
    paper = TestPaper()
    paper.body_until(page=5, fraction=0.3)
    paper.heading("References")
    paper.references_until(page=8, fraction=0.5)
    record = check(paper.save(tmp_path / "long-refs.pdf"))
    assert (record.pages_total, record.pages_counted, record.reference_pages) == (8, 5, (6, 7, 8))
    assert record.verdict == "pass"
    assert record.pages_read == 4  # pages 8, 7, 6 and 5: nothing before the heading


def test_too_many_pages_fail(tmp_path):
    paper = TestPaper()
    paper.body_until(page=7, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=8, fraction=0.5)
    record = check(paper.save(tmp_path / "long.pdf"))
    assert (record.pages_counted, record.reference_pages) == (7, (8,))
    assert record.verdict == "fail"
    assert any("too long: 7 counted pages, the maximum is 6" in r for r in record.reasons)
    assert not record.admitted


def test_too_few_pages_fail(tmp_path):
    paper = TestPaper()
    paper.body_until(page=3, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=4, fraction=0.5)
    record = check(paper.save(tmp_path / "short.pdf"))
    assert (record.pages_counted, record.reference_pages) == (3, (4,))
    assert record.verdict == "fail"
    assert any("too short: 3 counted pages, the minimum is 4" in r for r in record.reasons)


def test_appendix_after_the_references_counts(tmp_path):
    """References on pages 4-6, then "A Proofs" on page 6 and an appendix to page 8:
    only page 5 holds nothing but references, so 7 pages count: too long."""
    paper = TestPaper()
    paper.body_until(page=4, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=6, fraction=0.4)
    paper.heading("A Proofs of the Results")
    paper.body_until(page=8, fraction=0.3)
    record = check(paper.save(tmp_path / "appendix-after.pdf"))
    assert (record.pages_total, record.pages_counted, record.reference_pages) == (8, 7, (5,))
    assert record.references_end is not None
    assert (record.references_end.page, record.references_end.text) == (6, "A Proofs of the Results")
    assert record.verdict == "fail"


def test_appendix_after_references_on_a_page_of_its_own(tmp_path):
    """ "Appendix" at the top of page 6: page 5 holds only references and does not count."""
    paper = TestPaper()
    paper.body_until(page=4, fraction=0.6)
    paper.heading("References")
    paper.references_until(page=5, column=1, fraction=0.8)
    paper.new_page()
    paper.heading("Appendix")
    paper.body_until(page=6, fraction=0.5)
    record = check(paper.save(tmp_path / "appendix-page.pdf"))
    assert (record.pages_total, record.pages_counted, record.reference_pages) == (6, 5, (5,))
    assert record.references_end.text == "Appendix"
    assert record.verdict == "pass"


@pytest.mark.parametrize("appendix", ["Appendix: Extra Results", "B Extra Results"])
def test_an_appendix_heading_ends_the_references_whatever_its_size(tmp_path, appendix):
    """The appendix heading is set smaller than "References" (bold at the text's size): it
    is not of the references heading's rank, yet it ends them by what it says ("Appendix",
    or a lettered section), and the appendix pages count."""
    paper = TestPaper()
    paper.body_until(page=4, fraction=0.5)
    paper.heading("References", size=12)
    paper.references_until(page=5, fraction=0.4)
    paper.heading(appendix, size=9)
    paper.body_until(page=6, fraction=0.5)
    record = check(paper.save(tmp_path / "small-appendix-heading.pdf"))
    assert record.references_end is not None, record.reasons
    assert (record.references_end.page, record.references_end.text) == (5, appendix)
    assert (record.pages_counted, record.reference_pages, record.verdict) == (6, (), "pass")


def test_appendix_before_the_references_counts(tmp_path):
    paper = TestPaper()
    paper.body_until(page=4, fraction=0.2)
    paper.heading("Appendix A: Additional Measurements")
    paper.body_until(page=5, fraction=0.3)
    paper.heading("References")
    paper.references_until(page=6, column=1, fraction=0.2)
    record = check(paper.save(tmp_path / "appendix-before.pdf"))
    assert (record.pages_counted, record.reference_pages) == (5, (6,))
    assert record.references_heading.page == 5
    assert record.references_end is None
    assert record.verdict == "pass"


def test_references_in_body_text_are_not_the_heading(tmp_path):
    """After the real heading, an appendix says "references" in sentences and ends a
    paragraph on a line of that one word, in the text's own type: neither is taken for
    the heading (which would leave the appendix uncounted)."""
    paper = TestPaper()
    paper.body_until(page=4, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=5, fraction=0.3)
    paper.heading("A Sources")
    paper.paragraph(
        "All references in this appendix follow the references of the paper, and the "
        "references themselves are listed in the references."
    )
    paper.write("References", size=9)  # a paragraph's last line: plain type, no space above
    paper.body_until(page=6, fraction=0.5)
    record = check(paper.save(tmp_path / "body-mention.pdf"))
    assert record.references_heading.page == 4
    assert record.candidates == ()
    assert (record.pages_counted, record.reference_pages) == (6, ())
    assert record.verdict == "pass"


def test_references_in_a_caption_are_not_the_heading(tmp_path):
    paper = TestPaper()
    paper.body_until(page=4, fraction=0.3)
    paper.caption("Figure 3: References per paper, by year.")
    paper.body_until(page=4, fraction=0.6)
    paper.heading("References")
    paper.references_until(page=5, column=1, fraction=0.5)
    paper.caption("Table 4: References")
    record = check(paper.save(tmp_path / "caption.pdf"))
    assert record.references_heading.page == 4
    assert record.references_heading.text == "References"
    # The figure after the references is not references: its page counts.
    assert (record.pages_counted, record.reference_pages) == (5, ())
    assert any("caption among the references" in w for w in record.warnings)


def test_a_running_head_saying_references_is_not_the_heading(tmp_path):
    """A thesis-style running head "REFERENCES" in bold capitals just above the text of
    every page of references: it repeats at the same place, so it is no heading (else
    page 6 would hold "only references" below it while pages 5 and 6 are both so)."""
    paper = TestPaper()
    paper.body_until(page=4, fraction=0.5)
    paper.heading("References")
    paper.pdf.running_head = "REFERENCES"
    paper.pdf.head_style = (9, "B", 60)
    paper.references_until(page=6, fraction=0.5)
    record = check(paper.save(tmp_path / "running-head.pdf"))
    assert record.references_heading.page == 4
    assert (record.pages_counted, record.reference_pages) == (4, (5, 6))
    assert record.verdict == "pass", record.reasons


def test_numbered_heading(tmp_path):
    record = check(short_paper("7 References").save(tmp_path / "numbered.pdf"))
    assert record.references_heading.text == "7 References"
    assert (record.pages_counted, record.reference_pages, record.verdict) == (4, (5,), "pass")


def test_numbered_heading_with_lost_space_and_capitals(tmp_path):
    record = check(short_paper("7.REFERENCES").save(tmp_path / "numbered-caps.pdf"))
    assert record.references_heading.text == "7.REFERENCES"
    assert (record.pages_counted, record.verdict) == (4, "pass")


def test_letter_spaced_small_caps_heading(tmp_path):
    """ "R" at text size and "EFERENCES" smaller and letter-spaced, in regular weight: the
    way small capitals come out of many templates."""
    paper = TestPaper()
    paper.body_until(page=4, fraction=0.5)
    paper.runs([("R", 10, "", 0), ("E F E R E N C E S", 8, "", 1.2)])
    paper.references_until(page=5, fraction=0.4)
    record = check(paper.save(tmp_path / "small-caps.pdf"))
    assert record.references_heading is not None, record.reasons
    assert record.references_heading.page == 4 and not record.references_heading.bold
    assert record.references_heading.small_caps
    assert (record.pages_counted, record.reference_pages, record.verdict) == (4, (5,), "pass")


def test_small_caps_font_heading(tmp_path):
    """Small capitals from a small-caps face: the text extracts in lower case, at the
    text's size and weight; the font says what it is."""
    paper = TestPaper()
    paper.add_font("SmallCaps", small_caps_font(tmp_path))
    paper.body_until(page=4, fraction=0.5)
    paper.runs([("References", 9, "", 0)], family="SmallCaps")
    paper.references_until(page=5, fraction=0.4, size=9)
    record = check(paper.save(tmp_path / "small-caps-font.pdf"))
    assert record.references_heading is not None, record.reasons
    assert record.references_heading.font == "DejaVuSerifSmallCaps"
    assert record.references_heading.small_caps and "small capitals" in record.reasons[0]
    assert (record.pages_counted, record.reference_pages, record.verdict) == (4, (5,), "pass")


def test_bibliography_heading(tmp_path):
    record = check(short_paper("Bibliography").save(tmp_path / "bibliography.pdf"))
    assert record.references_heading.text == "Bibliography"
    assert (record.pages_counted, record.reference_pages, record.verdict) == (4, (5,), "pass")


def test_heading_text_is_normalised():
    """Ligatures and compatibility forms unfolded, spaces and invisible marks dropped."""
    assert normalise("R E F E R E N C E S") == "references"
    assert normalise("Re\u00adfer\u200bences") == "references"
    assert normalise("ＲＥＦＥＲＥＮＣＥＳ") == "references"
    assert normalise("Arti\ufb01cial Supple\ufb00ect") == "artificialsuppleffect"
    assert REFERENCES.match(normalise("7 References"))
    assert REFERENCES.match(normalise("VII. REFERENCES"))
    assert not REFERENCES.match(normalise("References and further reading of the paper"))


def no_heading(tmp_path, pages: int):
    """References with no heading; the text mentions references, and a paragraph ends
    on a line of that one word: none of it is a heading.  The references fill the last
    page, which holds nothing else."""
    paper = TestPaper()
    paper.body_until(page=pages - 1, fraction=0.4)
    paper.paragraph(
        "The evaluation follows the references of earlier studies and cites their "
        "results, so that every reader can trace the numbers back to the references"
    )
    paper.write("References", size=9)
    paper.references_until(page=pages, fraction=0.5)
    return check(paper.save(tmp_path / "no-heading.pdf"))


def test_no_heading_is_review_when_the_readings_differ(tmp_path):
    """7 pages for a track of 4-6: with no reference list all 7 count (too long); were the
    last page an unseen list, 6 would (within).  A chair must say."""
    record = no_heading(tmp_path, 7)
    assert record.verdict == "review"
    assert record.pages_counted is None and record.pages_total == 7
    assert record.references_heading is None and record.candidates == ()
    assert any("no references heading found" in r for r in record.reasons)
    assert record.pages_read == 7  # it looked everywhere before saying so


def test_no_heading_is_a_doubt_when_every_reading_agrees(tmp_path):
    """5 pages for a track of 4-6: no reference list (5 count) or an unseen one on the last
    page (4 count), within the limits either way: pass, the doubt said."""
    record = no_heading(tmp_path, 5)
    assert record.verdict == "pass"
    assert (record.pages_counted, record.reference_pages) == (5, ())
    [doubt] = [r for r in record.reasons[1:] if "no references heading found" in r]
    assert doubt == (
        "no references heading found (all 5 pages read): a paper without a reference list, or one whose "
        "heading the tool cannot see on the last page 5; every reading gives 4 to 5 counted pages, within "
        "the limits either way: every page counted"
    )
    assert record.reasons[0].endswith("no page holds only references; no references heading found")


def test_a_file_far_longer_than_a_paper_is_not_read_whole(tmp_path):
    """25 pages of text for a short paper (at most 6): the last 18 pages are read, no
    heading is there, and the chair is asked whether this is the right file."""
    paper = TestPaper()
    paper.body_until(page=25, fraction=0.5)
    record = check(paper.save(tmp_path / "thesis.pdf"))
    assert (record.verdict, record.pages_total, record.pages_counted, record.pages_read) == (
        "review",
        25,
        None,
        18,
    )
    assert any("no references heading in the last 18 pages of 25" in r for r in record.reasons)


def plain_heading(tmp_path, pages: int):
    paper = TestPaper()
    paper.body_until(page=pages - 1, fraction=0.5)
    paper.heading("References", size=9, style="", space_before=14)
    paper.references_until(page=pages, fraction=0.4, size=9)
    return check(paper.save(tmp_path / "plain.pdf"))


def test_plain_heading_with_space_above_is_review(tmp_path):
    """ "References" in the text's own type on a line of its own with space above: a
    weak candidate, used for the count but left to a chair when it decides the verdict
    (7 pages: 6 count with it, within 4-6; 7 without it, too long)."""
    record = plain_heading(tmp_path, 7)
    assert record.verdict == "review"
    assert (record.pages_counted, record.reference_pages) == (6, (7,))
    assert any("not set apart by its type" in r for r in record.reasons)


def test_plain_heading_that_decides_nothing_is_a_doubt(tmp_path):
    """5 pages: 4 count with the weak heading, 5 without: within 4-6 either way."""
    record = plain_heading(tmp_path, 5)
    assert record.verdict == "pass"
    assert (record.pages_counted, record.reference_pages) == (4, (5,))
    assert (
        'the references heading is not set apart by its type ("References" in plain 9 pt on page 4): read as '
        "the heading or not, 4 to 5 counted pages, within the limits either way"
    ) in record.reasons


def test_a_file_shorter_than_the_minimum_fails_without_a_heading(tmp_path):
    """Three pages of text with no references heading, for a track of at least 4: whatever
    the references are, too few pages can count."""
    paper = TestPaper()
    paper.body_until(page=3, fraction=0.5)
    record = check(paper.save(tmp_path / "stub.pdf"), track="short")
    assert (record.verdict, record.pages_total, record.pages_counted) == ("fail", 3, 3)
    assert any("too short: 3 counted pages, the minimum is 4" in r for r in record.reasons)
    assert any("no references heading found" in r and "too short either way" in r for r in record.reasons)


def test_a_scan_shorter_than_the_minimum_fails(tmp_path):
    record = check(image_only_pdf(tmp_path / "scan.pdf", pages=3), track="short")
    assert record.verdict == "fail"
    assert any("too short: 3 pages in all" in r for r in record.reasons)


def test_image_only_pages_are_review(tmp_path):
    record = check(image_only_pdf(tmp_path / "scan.pdf", pages=5))
    assert record.verdict == "review"
    assert (record.pages_total, record.pages_counted) == (5, None)
    assert any("only images" in r for r in record.reasons)


def test_an_image_only_page_after_the_references_counts_and_is_review(tmp_path):
    paper = short_paper()
    paper.image_page()
    record = check(paper.save(tmp_path / "scanned-appendix.pdf"))
    assert (record.pages_total, record.pages_counted, record.reference_pages) == (6, 5, (5,))
    assert record.verdict == "review"


def test_truncated_file_is_an_error(tmp_path):
    whole = short_paper().save(tmp_path / "whole.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    record = check(cut)
    assert record.verdict == "error"
    assert record.pages_counted is None
    assert record.reasons == (
        (
            "cut.pdf is truncated (it has no %%EOF end marker): the upload or copy was cut short; "
            "ask the authors for the complete file"
        ),
    )


def test_password_protected_file_is_an_error(tmp_path):
    paper = short_paper()
    paper.encrypt(user="secret", method="AES_128")
    record = check(paper.save(tmp_path / "locked.pdf"))
    assert record.verdict == "error"
    assert record.reasons == (
        "locked.pdf needs a password to open (AES-128): ask the authors for a file without a password",
    )


@pytest.mark.parametrize(
    "method, described", [("RC4", "RC4 128-bit"), ("AES_128", "AES-128"), ("AES_256", "AES-256")]
)
def test_encrypted_file_that_opens_without_password_is_judged(tmp_path, method, described):
    paper = short_paper()
    paper.encrypt(user="", method=method)
    record = check(paper.save(tmp_path / "open.pdf"))
    assert (record.pages_counted, record.reference_pages, record.verdict) == (4, (5,), "pass")
    assert [f.code for f in record.findings] == ["encrypted"]
    assert described in record.findings[0].message


def test_not_a_pdf_and_missing_file_are_errors(tmp_path):
    text = tmp_path / "paper.pdf"
    text.write_text("\\documentclass{acmart}\n")
    assert check(text).reasons == (
        ("paper.pdf is not a PDF (it does not start with %PDF-): export the paper to PDF again"),
    )
    missing = check(tmp_path / "gone.pdf")
    assert missing.verdict == "error"
    assert "gone.pdf does not exist" in missing.reasons[0]


def two_headings(tmp_path, track: str):
    """A second "References" in the appendix: counting from it the paper is too long for
    a short paper, so the rest is read and the first heading found."""
    paper = TestPaper()
    paper.body_until(page=4, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=6, fraction=0.5)
    paper.heading("A Supplementary Material")
    paper.body_until(page=7, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=8, fraction=0.5)
    return check(paper.save(tmp_path / "two.pdf"), track=track)


def test_several_headings_that_agree_give_their_verdict_with_the_doubt(tmp_path):
    """Read from either heading the paper is too long for 4-6 pages (7 count from the
    second, 7 from the first: page 5 holds only references, page 6 the appendix): fail,
    and the doubt said, not review."""
    record = two_headings(tmp_path, "short")
    assert record.verdict == "fail"
    assert record.references_heading.page == 7 and record.pages_counted == 7
    assert [c.page for c in record.candidates] == [4]
    assert "too long: 7 counted pages, the maximum is 6" in record.reasons
    [doubt] = [r for r in record.reasons if "more than one line looks like the references heading" in r]
    assert doubt.endswith("every reading gives 7 counted pages, too long whichever it is")


def test_several_headings_that_disagree_are_review(tmp_path):
    """Two pages of references only after the first heading, then the appendix with its
    own references: read from the second heading 7 pages count (too long for 4-6), from
    the first 6 (within).  A chair must say which."""
    paper = TestPaper()
    paper.body_until(page=4, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=6, column=1, fraction=0.9)
    paper.new_page()
    paper.heading("A Supplementary Material")
    paper.body_until(page=7, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=8, fraction=0.5)
    record = check(paper.save(tmp_path / "two.pdf"))
    assert record.verdict == "review"
    assert record.pages_counted == 7 and [c.page for c in record.candidates] == [4]
    assert any(
        "more than one line looks like the references heading" in r and "decision.references_start_page" in r
        for r in record.reasons
    )


def test_chair_start_page_decides_where_references_begin(tmp_path):
    paper = TestPaper()
    paper.body_until(page=4, fraction=0.5)
    paper.references_until(page=5, column=1, fraction=0.5)  # no heading at all
    decision = Decision(references_start_page=5)
    record = check(paper.save(tmp_path / "decided.pdf"), decision=decision)
    # Page 5 holds only references but has no heading to show it: it is counted.
    assert (record.pages_counted, record.verdict) == (5, "pass")
    assert record.decision_text == "references start on page 5"
    assert record.to_json()["decision"] == {"references_start_page": 5}


def test_chair_start_page_on_a_scan(tmp_path):
    """A scanned paper cannot be read; the chair says the references begin on page 5: the
    pages after it are taken as references, page 5 itself counts."""
    path = image_only_pdf(tmp_path / "scan.pdf", pages=6)
    record = check(path, decision=Decision(references_start_page=5))
    assert (record.pages_counted, record.reference_pages, record.verdict) == (5, (6,), "pass")
    assert any("taken as references after the chair's start page" in w for w in record.warnings)
    beyond = check(path, decision=Decision(references_start_page=9))
    assert beyond.verdict == "review"
    assert any("references_start_page 9 is beyond the last page (6)" in r for r in beyond.reasons)


def test_chair_exception_admits_a_long_paper(tmp_path):
    paper = TestPaper()
    paper.body_until(page=7, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=8, fraction=0.5)
    path = paper.save(tmp_path / "long.pdf")
    allowed = Decision(exception=PageException(pages=7, reason="artifact appendix", approved_by="PC chairs"))
    record = check(path, decision=allowed)
    assert (record.pages_counted, record.verdict) == (7, "fail")
    assert record.admitted and record.admitted_by_decision
    assert record.decision_text == "exception: 7 pages allowed (artifact appendix; approved by PC chairs)"
    too_little = Decision(exception=PageException(pages=6, reason="typo", approved_by="PC chairs"))
    assert not check(path, decision=too_little).admitted


def test_chair_exception_admits_a_short_paper(tmp_path):
    """An exception below the track's minimum admits a shorter paper, down to its pages."""
    paper = TestPaper()
    paper.body_until(page=3, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=4, fraction=0.5)
    path = paper.save(tmp_path / "short.pdf")
    allowed = Decision(exception=PageException(pages=3, reason="position paper", approved_by="PC chairs"))
    record = check(path, decision=allowed)
    assert (record.pages_counted, record.verdict) == (3, "fail")
    assert record.admitted and record.admitted_by_decision
    at_the_minimum = Decision(
        exception=PageException(pages=4, reason="stretches nothing", approved_by="PC chairs")
    )
    assert not check(path, decision=at_the_minimum).admitted
