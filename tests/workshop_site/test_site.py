"""The example site carries every fact of the published MLBench'23 page.

Expected values are typed here from the published page, not read from the data,
so a wrong fact in the data fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from conftest import build_site, copy_site


def text_of(site: Path, page: str) -> str:
    """The visible text of a built page, whitespace collapsed."""
    tree = lxml.html.parse(str(site / page))
    for junk in tree.xpath("//script|//style"):
        junk.drop_tree()
    return re.sub(r"\s+", " ", tree.getroot().text_content())


PAGES = [
    "index.html",
    "cfp.html",
    "dates.html",
    "program.html",
    "committees.html",
    "papers.html",
    "editions.html",
]

TALK_TITLES = [
    "Introduction",
    "Towards More Efficient Vision Transformers: From Novel Few-Shot Parameter-Efficient Tuning to New Linear-Angular Attention",
    "Understanding Time Variations of DNN Inference in Autonomous Driving",
    "Chakra: Advancing Performance Benchmarking and Co-Design Using Standardized Execution Traces",
    "Performance Analysis of Binary Neural Networks Deployed in NVM Crossbar Architectures",
    "Morning Break",
    "ML Workloads in AR/VR and Their Implication to ML System Design",
    "Benchmarks for Developing Generalist Agents: Closing the Gap in Real-World Autonomous Decision-Making",
    "Lunch",
    "Towards AI Workflow Benchmarking with Consideration of Energy Efficiency on Leadership Computing Platforms",
    "Accelerating LLMs with Speculative Inference and Token Tree Verification",
    "Afternoon Break",
    "Panel Session",
    "Conclusion",
]

SPEAKERS = [
    "Yingyan (Celine) Lin (Georgia Tech)",
    # Each paper talk names its authors, its presenter (the first author by default) marked.
    "Liangkai Liu (Wayne State University, presenting)",
    "Yanzhi Wang (Northeastern University)",
    "Weisong Shi (University of Delaware)",
    "Srinivas Sridharan (Meta, presenting)",
    "Taekyung Heo (Georgia Tech)",
    "Tushar Krishna (Georgia Tech)",
    "Janarbek Matai (Qualcomm)",
    "Zhiru Zhang (Cornell)",
    "Hyoukjun Kwon (UC Irvine)",
    "Vijay Janapa Reddi (Harvard)",
    "Wes Brewer (Oak Ridge National Laboratory)",
    "Zhihao Jia (Carnegie Mellon University)",
    "Wes Brewer (ORNL)",
    "Zhihao Jia (CMU)",
    "Hyoukjun Kwon (UCI)",
    "Yingyan (Celine) Lin (GA Tech)",
    "Vijay Reddi (Harvard)",
]

ORGANIZERS = [
    ("Tom St. John", "OctoML", "tomstjohn617@gmail.com"),
    ("Murali Emani", "Argonne National Laboratory", "memani@anl.gov"),
    ("Wenqian Dong", "Florida International University", "wdong@fiu.edu"),
]

PROGRAM_COMMITTEE = [
    ("Oana Balmau", "McGill University"),
    ("Steven Farrell", "Lawrence Berkeley National Laboratory"),
    ("Srivatsan Krishnan", "Harvard"),
    ("Jae W. Lee", "Seoul National University"),
    ("Dong Li", "UC Merced"),
    ("Qian Li", "Stanford"),
    ("Sid Raskar", "Argonne National Laboratory"),
    ("Karthik Swaminathan", "IBM"),
    ("Dingwen Tao", "Indiana University"),
    ('Yu "Emma" Wang', "Google"),
    ("Bo Yuan", "Rutgers"),
]


def test_every_page_is_built(example_site):
    for page in PAGES:
        assert (example_site / page).is_file(), page


def test_home_names_the_workshop_its_conference_and_date(example_site):
    text = text_of(example_site, "index.html")
    assert "Benchmarking Machine Learning Workloads on Emerging Hardware" in text
    assert "MLBench'23" in text
    assert "Sixth Conference on Machine Learning and Systems (MLSys) on June 8, 2023" in text
    for date in ("April 3, 2023", "April 14, 2023", "May 19, 2023", "June 8, 2023"):
        assert date in text


def test_home_has_a_submit_button_to_easychair(example_site):
    tree = lxml.html.parse(str(example_site / "index.html"))
    buttons = tree.xpath("//a[contains(@class, 'sd-btn')]")
    assert [b.text_content().strip() for b in buttons] == ["Submit a paper"]
    assert buttons[0].get("href").startswith("https://easychair.org/")


def test_important_dates_with_deadlines_anywhere_on_earth(example_site):
    text = text_of(example_site, "dates.html")
    assert "Submission Deadline April 3, 2023, 23:59 AoE (April 4, 11:59 UTC)" in text
    assert "Acceptance Notification April 14, 2023" in text
    # The published page's "May 19, 2022" is a typo: the site ships 2023.
    assert "Camera Ready Submission Deadline May 19, 2023, 23:59 AoE (May 20, 11:59 UTC)" in text
    assert "2022" not in text
    assert "Workshop date June 8, 2023" in text
    assert "All deadlines are at 23:59 Anywhere on Earth (AoE), and are firm." in text


def test_call_for_papers(example_site):
    text = text_of(example_site, "cfp.html")
    for fact in [
        "full papers (8-10 pages) and short/position papers (4-6 pages)",
        "Submissions are not double blind (author names must be included)",
        "The page limit includes figures, tables, and appendices, but excludes references.",
        "LaTeX or Word ACM templates",
        "EasyChair",
        "at least three reviewers from the program committee",
        "novelty, quality, technical strength, and relevance to the workshop",
        "All accepted papers will be published here",
        "image and speech recognition, language processing, drug discovery, simulations, and scientific applications",
        "which representative ML benchmarks cater to workloads seen in industry, national labs, and interdisciplinary sciences",
        "how to characterize the ML workloads based on their interaction with hardware",
        "heterogeneity in compute, memory, and networking, will drive their adoption",
        "performance modeling and projections to next-generation hardware",
    ]:
        assert fact in text, fact
    for mark in ("(i)", "(ii)", "(iii)", "(iv)"):
        assert mark in text


def test_program_lists_every_talk_with_times_and_speakers(example_site):
    text = text_of(example_site, "program.html")
    for title in TALK_TITLES:
        assert title in text, title
    for speaker in SPEAKERS:
        assert speaker in text, speaker
    assert "Eastern Time (America/New_York" in text
    tree = lxml.html.parse(str(example_site / "program.html"))
    rows = tree.xpath("//table[contains(@class, 'workshop-schedule')]/tbody/tr")
    assert len(rows) == 14
    # Each time with the link to the slot's own calendar after it (but for the three breaks).
    calendars = [row.xpath("./td[1]//a/@href") for row in rows]
    assert sum(1 for links in calendars if links) == 11
    assert calendars[1] == ["calendar/invited-lin.ics"]
    # (The time's cell: the two <time> elements and the dash between them.)
    times = ["".join(row.xpath("./td[1]/p/time/text() | ./td[1]/p/text()")).strip() for row in rows]
    assert times[0] == "8:00\u20138:10 AM EDT"
    assert times[2] == "8:55\u20139:20 AM EDT"
    assert times[7] == "11:15 AM\u201312:00 PM EDT"
    assert times[-1] == "4:30\u20134:40 PM EDT"


def test_committees(example_site):
    text = text_of(example_site, "committees.html")
    assert "Organizing Committee" in text and "Program Committee" in text
    for name, affiliation, email in ORGANIZERS:
        assert f"{name}, {affiliation} ({email})" in text
    for name, affiliation in PROGRAM_COMMITTEE:
        assert f"{name}, {affiliation}" in text


def test_every_page_footer_gives_the_organizers_contact(example_site):
    for page in PAGES:
        tree = lxml.html.parse(str(example_site / page))
        mails = tree.xpath("//footer//a[starts-with(@href, 'mailto:')]/@href")
        assert mails == [f"mailto:{email}" for _, _, email in ORGANIZERS], page


def test_earlier_editions(example_site):
    text = text_of(example_site, "editions.html")
    for edition in ("MLSys'22", "MLSys'21", "MLSys'20"):
        assert edition in text


def test_navbar_names_the_workshop_and_reaches_every_page(example_site):
    tree = lxml.html.parse(str(example_site / "index.html"))
    assert "MLBench'23" in tree.xpath("string(//a[contains(@class, 'navbar-brand')])")
    nav = tree.xpath("//nav//a[contains(@class, 'nav-link')]/@href")
    for page in PAGES[1:]:
        assert page in nav, page


def test_no_sphinx_boilerplate(example_site):
    html = (example_site / "index.html").read_text()
    assert "Created using" not in html and "_sources" not in html
    assert "Built with the" not in html


def test_a_second_build_rewrites_no_page(tmp_path):
    site = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    assert build_site(site, out) == (0, "")
    pages = [out / "html" / page for page in PAGES]
    before = [p.stat().st_mtime_ns for p in pages]
    assert build_site(site, out) == (0, "")
    assert [p.stat().st_mtime_ns for p in pages] == before


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_an_unrendered_role(example_site, page):
    text = text_of(example_site, page)
    assert "{fact}" not in text and "{workshop" not in text
