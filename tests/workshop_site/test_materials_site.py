"""Materials on the site, as the second edition has them: its two papers' files (real PDFs)
copied beside the pages and linked from the program row and the paper's page (the poster
with its board), web links as they are, the video played on request only; a file the loader
refused is neither copied nor linked, and the build says it in one line."""

from __future__ import annotations

import lxml.html
from conftest import build_site, second_edition
from ext_support import edit, line_of


def page(site, name: str):
    return lxml.html.parse(str(site / name))


def links(element) -> list[tuple[str, str]]:
    return [(" ".join(a.text_content().split()), a.get("href")) for a in element.xpath(".//a")]


def test_a_papers_files_are_copied_and_linked_from_its_page_and_its_row(second_edition_site):
    slides = second_edition_site / "materials" / "paper-wang-tail-latency" / "slides.pdf"
    poster = second_edition_site / "materials" / "paper-dubois-collectives" / "poster.pdf"
    source = second_edition_site.parent / "site" / "docs" / "data" / "materials"
    assert slides.read_bytes() == (source / "wang-tail-latency-slides.pdf").read_bytes()
    assert poster.read_bytes() == (source / "dubois-collectives-poster.pdf").read_bytes()
    paper = page(second_edition_site, "papers/wang-tail-latency.html")
    found = paper.xpath("//p[contains(@class, 'workshop-paper-materials')]")[0]
    assert links(found) == [
        ("Slides (PDF)", "../materials/paper-wang-tail-latency/slides.pdf"),
        ("Video", "https://www.youtube.com/watch?v=mlbench24tl"),
        ("Code", "https://github.com/example/mlbench24-tail-latency"),
    ]
    row = page(second_edition_site, "program.html").xpath("//td[@id='slot-wang-tail-latency']")[0]
    assert links(row.xpath(".//span[contains(@class, 'workshop-slot-links')]")[0]) == [
        ("Slides (PDF)", "materials/paper-wang-tail-latency/slides.pdf"),
        ("Video", "https://www.youtube.com/watch?v=mlbench24tl"),
        ("Code", "https://github.com/example/mlbench24-tail-latency"),
    ]


def test_a_poster_is_found_by_its_board_on_its_paper_page_and_in_the_program(second_edition_site):
    paper = page(second_edition_site, "papers/dubois-collectives.html")
    where = " ".join(paper.xpath("//p[contains(@class, 'workshop-talk')]/a")[0].text_content().split())
    assert where == "Poster on board 1, May 17, 2024, 12:30\u20132:00 PM PDT, Ballroom E"
    assert links(paper.xpath("//p[contains(@class, 'workshop-paper-materials')]")[0]) == [
        ("Poster (PDF)", "../materials/paper-dubois-collectives/poster.pdf"),
        ("Data", "https://zenodo.org/records/10000042"),
    ]
    board = page(second_edition_site, "program.html").xpath("//ul[contains(@class, 'workshop-posters')]/li")[
        0
    ]
    assert " ".join(board.text_content().split()).startswith("Board 1: Profiling Collective Communication")
    assert ("Poster (PDF)", "materials/paper-dubois-collectives/poster.pdf") in links(board)


def test_a_video_is_a_link_and_a_hidden_button_until_the_reader_asks(second_edition_site):
    html = (second_edition_site / "papers" / "wang-tail-latency.html").read_text()
    player = lxml.html.fromstring(html).xpath("//div[contains(@class, 'workshop-video')]")[0]
    assert player.get("data-embed") == "https://www.youtube-nocookie.com/embed/mlbench24tl"
    assert player.xpath("./button[@hidden]") and not player.xpath(".//iframe")
    assert "youtube-nocookie.com/embed" not in html.replace(player.get("data-embed"), "", 1)
    # The others have no player (a paper without embed_video, an invited talk's video link).
    assert "workshop-video" not in (second_edition_site / "papers" / "kim-energy-per-token.html").read_text()


def test_a_refused_file_is_one_line_and_neither_copied_nor_linked(tmp_path):
    site = second_edition(tmp_path / "site")
    data = site / "docs" / "data"
    (data / "materials" / "wang-tail-latency-slides.pdf").write_bytes(b"<html>not a PDF</html>")
    status, warnings = build_site(site, tmp_path / "out")
    papers = data / "papers.yaml"
    line = line_of(papers, "slides: materials/wang-tail-latency-slides.pdf")
    assert status == 1
    assert warnings.splitlines() == [
        (
            f"docs/data/papers.yaml:{line}: WARNING: papers[0].links.slides: 'materials/wang-tail-latency-slides.pdf' is not a "
            "PDF, whatever its name says: save it as a PDF again; it is not published [workshop.material]"
        )
    ]
    html = tmp_path / "out" / "html"
    assert not (html / "materials" / "paper-wang-tail-latency").exists()
    assert (html / "materials" / "paper-dubois-collectives" / "poster.pdf").is_file()
    paper = page(html, "papers/wang-tail-latency.html")
    assert links(paper.xpath("//p[contains(@class, 'workshop-paper-materials')]")[0]) == [
        ("Video", "https://www.youtube.com/watch?v=mlbench24tl"),
        ("Code", "https://github.com/example/mlbench24-tail-latency"),
    ]
    row = page(html, "program.html").xpath("//td[@id='slot-wang-tail-latency']")[0]
    assert "slides" not in lxml.html.tostring(row, encoding="unicode").lower()
    edit(papers, "      slides: materials/wang-tail-latency-slides.pdf\n", "")
    status, warnings = build_site(site, tmp_path / "out")
    assert (status, warnings) == (0, "")
