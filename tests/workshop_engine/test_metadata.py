"""The ``metadata`` finding: page 1's title and authors against the data, compared as a reader
compares them, on page 1s made by a real writer (fpdf2, DejaVu) as templates set them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from frontpages import front_page

from workshop.core.rules import (
    Acceptance,
    Decision,
    Format,
    Margins,
    PaperFacts,
    Policy,
    Rules,
    Track,
)
from workshop.engine import page
from workshop.engine.paper import Task, check_pdf
from workshop.engine.records import CheckRecord

TITLE = "Benchmarking Sparse Training on Emerging Accelerators"
AUTHORS = ("Ana Ruiz", "Bo Li", "Chen Wei")
TRACK = Track("short", "Short papers", 1, 6, Format((612.0, 792.0), Margins(57, 73, 54, 54), None))


def check(path: Path, title: str = TITLE, authors=AUTHORS, **task) -> CheckRecord:
    facts = PaperFacts("p1", "short", title, tuple(authors))
    return check_pdf(Task(path, path.name, "p1", TRACK, facts=facts, **task))


def metadata(record: CheckRecord) -> str | None:
    found = [f for f in record.findings if f.code == "metadata"]
    return found[0].message if found else None


# --- what must not count ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "data"),
    [
        pytest.param({}, {}, id="the same, with superscript marks and a footnote sign"),
        pytest.param({"title": TITLE.upper()}, {}, id="case"),
        pytest.param(
            {"title": "E\ufb03cient Sparse Training on Emerging Accelerators"},
            {"title": "Efficient Sparse Training on Emerging Accelerators"},
            id="ligature",
        ),
        pytest.param(
            {"title": ["Benchmarking Sparse Train-", "ing on Emerging Accelerators"]},
            {},
            id="a word broken with a hyphen at the line's end",
        ),
        pytest.param(
            {"title": ["Benchmarking Sparse Training", "on Emerging Accelerators"]}, {}, id="a line break"
        ),
        pytest.param(
            {"authors": ["J\u00a8urgen M\u00a8uller", "Mart\u00b4\u0131n Garc\u00b4\u0131a"]},
            {"authors": ["Jürgen Müller", "Martín García"]},
            id="TeX's spacing accents and dotless i",
        ),
        pytest.param(
            {"authors": ["Ju\u0308rgen Mu\u0308ller", "Bo Li"]},
            {"authors": ["Jürgen Müller", "Bo Li"]},
            id="combining accents",
        ),
        pytest.param(
            {
                "layout": "grid",
                "names_bold": True,
                "authors": ["Ana Ruiz", "Bo Li", "Chen Wei", "Dana Kim", "Eli Cohen"],
            },
            {"authors": ["Ana Ruiz", "Bo Li", "Chen Wei", "Dana Kim", "Eli Cohen"]},
            id="a grid of bold names with affiliations and e-mail under each",
        ),
        pytest.param({"marks": False}, {}, id="no marks at all"),
    ],
)
def test_what_a_reader_does_not_see_is_no_finding(tmp_path, printed, data):
    path = front_page(tmp_path / "paper.pdf", **printed)
    record = check(path, data.get("title", TITLE), data.get("authors", AUTHORS))
    assert metadata(record) is None, metadata(record)
    assert str(record.verdict) == "pass"
    assert record.page_one is not None and record.page_one["authors"] == list(data.get("authors", AUTHORS))


# --- what must -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "data", "said"),
    [
        pytest.param(
            {"authors": ["Ana Ruiz", "Jürgen Mller"]},
            {"authors": ["Ana Ruiz", "Jürgen Müller"]},
            "author 2: page 1 has 'Jürgen Mller', the data 'Jürgen Müller'",
            id="a lost letter",
        ),
        pytest.param(
            {"authors": ["Ana Ruiz", "Jurgen Muller"]},
            {"authors": ["Ana Ruiz", "Jürgen Müller"]},
            "author 2: page 1 has 'Jurgen Muller', the data 'Jürgen Müller'",
            id="lost accents",
        ),
        pytest.param(
            {"title": "Benchmarking Sparse Training on Accelerators"},
            {},
            "title: the data has 'Emerging', which page 1 does not",
            id="a missing word",
        ),
        pytest.param(
            {"title": "Towards Benchmarking Sparse Training on Emerging Accelerators"},
            {},
            "title: page 1 has 'Towards', which the data does not",
            id="an extra word",
        ),
        pytest.param(
            {"title": "Benchmarking Dense Training on Emerging Accelerators"},
            {},
            "title: page 1 has 'Dense', the data 'Sparse'",
            id="a changed word",
        ),
        pytest.param(
            {"authors": ["Ana Ruiz", "Bo Li", "Chen Wei", "Dana Kim"]},
            {},
            "page 1 lists 4 authors, the data 3: 'Dana Kim' not in the data",
            id="an extra author",
        ),
        pytest.param(
            {"authors": ["Ana Ruiz", "Bo Li"]},
            {},
            "author 3, 'Chen Wei', is not on page 1",
            id="a missing author",
        ),
        pytest.param(
            {"authors": ["Bo Li", "Ana Ruiz", "Chen Wei"]},
            {},
            "the authors are in another order on page 1: Bo Li, Ana Ruiz, Chen Wei",
            id="reordered",
        ),
        pytest.param(
            {"layout": "grid", "authors": ["Ana Ruiz", "Bo Li", "Chen Wei", "Dana Kim"]},
            {},
            "page 1 lists 4 authors, the data 3: 'Dana Kim' not in the data",
            id="an extra author in a grid",
        ),
    ],
)
def test_each_difference_is_said_exactly(tmp_path, printed, data, said):
    path = front_page(tmp_path / "paper.pdf", **printed)
    record = check(path, data.get("title", TITLE), data.get("authors", AUTHORS))
    message = metadata(record)
    assert message is not None and said in message, message
    assert str(record.verdict) == "review"  # the default policy: a chair looks
    assert any(r.startswith("metadata (review): ") for r in record.reasons)


def test_a_page_1_without_text_is_a_warning_not_a_finding(tmp_path):
    record = check(front_page(tmp_path / "scan.pdf", no_text=True))
    assert metadata(record) is None
    assert any("page 1 has no text to compare" in w for w in record.warnings)


def test_the_policy_and_the_chairs_acceptance_decide_the_verdict(tmp_path):
    path = front_page(tmp_path / "paper.pdf", authors=["Ana Ruiz", "Bo Li"])
    assert str(check(path, policy=Policy(metadata="fail")).verdict) == "fail"
    warned = check(path, policy=Policy(metadata="warn"))
    assert str(warned.verdict) == "pass" and any(w.startswith("metadata: ") for w in warned.warnings)
    accepted = Decision(accept=(Acceptance("metadata", "Chen Wei left the project", "the program chairs"),))
    record = check(path, decision=accepted, policy=Policy(metadata="fail"))
    assert str(record.verdict) == "pass" and record.admitted
    assert any("accepted by the program chairs (Chen Wei left the project)" in w for w in record.warnings)


def test_an_ad_hoc_file_gets_no_metadata_finding(tmp_path):
    path = front_page(tmp_path / "paper.pdf", title="Something Else Entirely")
    record = check_pdf(Task(path, path.name, None, TRACK))
    assert metadata(record) is None and record.page_one is None


def test_the_browsers_entry_compares_the_paper_it_is_given(tmp_path):
    """``page.check(pdf, rules, track, paper_id)``: the finding with its code, page, message,
    what to do and the marks a picture draws (the page's size, the text area, the title's box)."""
    rules = Rules((TRACK,), papers=(PaperFacts("p1", "short", TITLE, AUTHORS),))
    pdf = front_page(tmp_path / "paper.pdf", title="Benchmarking Dense Training on Emerging Accelerators")
    result = json.loads(page.check(pdf.read_bytes(), rules.to_json(), "short", "p1"))
    finding = next(f for f in result["findings"] if f["code"] == "metadata")
    assert finding["page"] == 1 and "'Dense'" in finding["message"] and finding["todo"]
    (marks,) = finding["marks"]
    assert marks["size"] == [612.0, 792.0] and marks["area"] == [54.0, 73.0, 558.0, 735.0]
    x0, y0, x1, y1 = marks["boxes"][0]
    assert 792 - 72 - 25 < y0 < y1 <= 792 - 70 and x0 < 306 < x1  # the title's line, at the top
    without = json.loads(page.check(pdf.read_bytes(), rules.to_json(), "short"))
    assert not [f for f in without["findings"] if f["code"] == "metadata"]
