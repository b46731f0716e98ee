"""The ``camera-ready`` finding (what a review mode leaves in a paper) and the margin's
tolerance per side, on papers made by a real writer (fpdf2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from frontpages import front_page
from pdfs import TestPaper

from workshop.core.rules import Format, Margins, Policy, Track
from workshop.engine.paper import Task, check_pdf
from workshop.engine.records import CheckRecord

ACM = Margins(57, 73, 54, 54)
TRACK = Track("short", "Short papers", 1, 6, Format((612.0, 792.0), ACM, None))


def check(path: Path, track: Track = TRACK, **task) -> CheckRecord:
    return check_pdf(Task(path, path.name, None, track, **task))


def leftovers(record: CheckRecord) -> str | None:
    found = [f for f in record.findings if f.code == "camera-ready"]
    return found[0].message if found else None


@pytest.mark.parametrize(
    ("printed", "said"),
    [
        pytest.param({"line_numbers": True}, "page 1: line numbers in the margin", id="a review ruler"),
        pytest.param({"authors": ["Anonymous Author(s)"]}, 'page 1: "Anonymous Author(s)"', id="anonymous"),
        pytest.param({"authors": ["Anonymous ACL submission"]}, '"Anonymous ACL submission"', id="ACL's"),
        pytest.param(
            {"banner": "CVPR 2024 Submission #123. CONFIDENTIAL REVIEW COPY. DO NOT DISTRIBUTE."},
            '"Submission #123", "CONFIDENTIAL REVIEW COPY", "DO NOT DISTRIBUTE"',
            id="a review banner",
        ),
        pytest.param(
            {"footer": "Preprint. Under review."}, 'page 1: "Preprint. Under review"', id="a footer"
        ),
        pytest.param(
            {"banner": "Under review as a conference paper at ICLR 2024"}, '"Under review"', id="ICLR's head"
        ),
        pytest.param(
            {"banner": "Submitted to 37th Conference on Neural Information Processing Systems"},
            '"Submitted to"',
            id="NeurIPS's preprint",
        ),
    ],
)
def test_each_leftover_is_named_with_its_page_and_words(tmp_path, printed, said):
    record = check(front_page(tmp_path / "paper.pdf", **printed))
    message = leftovers(record)
    assert message is not None and said in message, message
    assert str(record.verdict) == "review"
    finding = next(f for f in record.findings if f.code == "camera-ready")
    assert finding.advice.startswith("set the template in its final (camera-ready) mode")
    assert finding.marks and finding.marks[0]["page"] == finding.pages[0] and finding.marks[0]["boxes"]


def test_the_ruler_is_found_on_every_page(tmp_path):
    record = check(front_page(tmp_path / "paper.pdf", line_numbers=True, pages=3))
    finding = next(f for f in record.findings if f.code == "camera-ready")
    assert finding.pages == (1, 2, 3)


def test_a_clean_paper_and_the_words_in_running_text_are_no_leftovers(tmp_path):
    clean = check(front_page(tmp_path / "clean.pdf"))
    assert leftovers(clean) is None
    prose = front_page(tmp_path / "prose.pdf", sentence="results submitted to the leaderboard, under review")
    assert leftovers(check(prose)) is None


def test_the_policy_may_fail_or_only_warn(tmp_path):
    path = front_page(tmp_path / "paper.pdf", footer="Preprint. Under review.")
    assert str(check(path, policy=Policy(camera_ready="fail")).verdict) == "fail"
    warned = check(path, policy=Policy(camera_ready="warn"))
    assert str(warned.verdict) == "pass" and any(w.startswith("camera-ready: ") for w in warned.warnings)


def _ruled(path: Path, past: float) -> Path:
    """A clean paper with a table rule on page 2 that ends ``past`` points beyond the right
    edge of the text area (558 pt)."""
    paper = TestPaper()
    paper.body_until(page=2, fraction=0.5)
    paper.pdf.set_line_width(0.5)
    paper.pdf.line(320, 400, 558 + past, 400)
    paper.body_until(page=3, fraction=0.5)
    paper.heading("References")
    paper.references_until(page=4, fraction=0.3)
    return paper.save(path)


def test_a_margin_within_the_tolerance_is_a_warning(tmp_path):
    """A table rule 4.4 pt past the column (as in a real acmart paper) is said, not found;
    6 pt past the default 5 pt is a finding; a tolerance of 8 pt on the right lets it pass."""
    slight = check(_ruled(tmp_path / "slight.pdf", 4.15))  # and half the line's width
    assert not [f for f in slight.findings if f.code == "margin"]
    assert "page 2: a drawing 4.4 pt into the right margin, within the 5 pt tolerance" in slight.warnings
    over = check(_ruled(tmp_path / "over.pdf", 6.0))
    (margin,) = [f for f in over.findings if f.code == "margin"]
    assert "6.2 pt into the right margin" in margin.message and margin.marks[0]["page"] == 2
    loose = Track("short", "Short", 1, 6, Format((612.0, 792.0), ACM, None, Margins(5, 5, 5, 8)))
    assert not [f for f in check(_ruled(tmp_path / "loose.pdf", 6.0), loose).findings if f.code == "margin"]
