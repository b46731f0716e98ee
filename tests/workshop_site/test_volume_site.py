"""The papers on the site: the accepted-papers page lists every paper with its authors,
track and pages in the volume, linking its own page (abstract, talk, a working PDF link and
BibTeX); the site offers the volume.  Built as ``nox -s docs`` builds it: the volume first, then the site with
``workshop_proceedings`` pointing at it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pypdf
import pytest
from conftest import ROOT, build_site, copy_site
from volume_support import run_build

PAPERS = [  # id, title, first author as shown, track, pages
    (
        "liu-time-variations",
        "Understanding Time Variations of DNN Inference in Autonomous Driving",
        "Liangkai Liu (Wayne State University)",
        "Full papers",
        "1\u201310",
    ),
    (
        "sridharan-chakra",
        "Chakra: Advancing Performance Benchmarking and Co-Design Using Standardized Execution Traces",
        "Srinivas Sridharan (Meta)",
        "Full papers",
        "11\u201320",
    ),
    (
        "huang-bnn-crossbar",
        "Performance Analysis of Binary Neural Networks Deployed in NVM Crossbar Architectures",
        "Ruirong Huang (Cornell)",
        "Short/position papers",
        "21\u201326",
    ),
]


@pytest.fixture(scope="module")
def site_with_volume(tmp_path_factory) -> tuple[Path, Path]:
    """(the built HTML folder, the volume folder), as `nox -s docs` makes them."""
    out = tmp_path_factory.mktemp("docs")
    volume = out / "proceedings"
    done = run_build(ROOT / "docs" / "data", volume)
    assert done.returncode == 0, done.stderr
    status, warnings = build_site(ROOT, out, "-D", f"workshop_proceedings={volume}")
    assert warnings == "", warnings
    assert status == 0
    return out / "html", volume


def page(html: Path, name: str = "papers.html"):
    return lxml.html.parse(str(html / name)).getroot()


def target(html: Path, href: str, name: str = "papers.html") -> Path:
    """The file a link of a page leads to (failing when there is none)."""
    path = (html / name).parent / unquote(urlsplit(href).path)
    assert path.is_file(), href
    return path


def entry(tree, paper_id: str):
    """A paper's entry in the accepted-papers list (its old section's anchor kept)."""
    found = tree.xpath(f"//li[.//*[@id='paper-{paper_id}']]")
    assert len(found) == 1, paper_id
    return found[0]


def paper_page(html: Path, paper_id: str):
    return page(html, f"papers/{paper_id}.html")


def text(element) -> str:
    return " ".join(element.text_content().split())


def links_of(element) -> dict[str, str]:
    return {a.text_content().strip(): a.get("href") for a in element.xpath(".//a[@href]")}


def test_every_accepted_paper_is_listed_in_program_order_and_links_its_page(site_with_volume):
    html, _ = site_with_volume
    tree = page(html)
    ids = [s.get("id") for s in tree.xpath("//li[contains(@class, 'workshop-paper')]/*[1]")]
    assert ids == [f"paper-{paper_id}" for paper_id, *_ in PAPERS]
    for paper_id, title, author, track, pages in PAPERS:
        body = text(entry(tree, paper_id))
        assert body.startswith(title)
        assert author in body
        assert f"{track} \u00b7 pages {pages}" in body
        assert target(html, links_of(entry(tree, paper_id))[title]) == html / "papers" / f"{paper_id}.html"
    # Compact: no abstracts, no BibTeX on the list.
    assert not tree.xpath("//*[contains(@class, 'workshop-bibtex')]")


def test_each_paper_page_shows_its_facts(site_with_volume):
    html, _ = site_with_volume
    for paper_id, title, author, track, pages in PAPERS:
        tree = paper_page(html, paper_id)
        # The navigation's trail leads back to the list.
        assert tree.xpath("//nav[@aria-label='Breadcrumb']//a/@href")[-1] == "../papers.html"
        main = tree.xpath("//article")[0]
        assert text(main.xpath(".//h1")[0]).startswith(title)
        assert author in [text(li) for li in main.xpath(".//ul[contains(@class, 'workshop-authors')]/li")]
        assert f"Track: {track} \u00b7 Pages {pages} of the proceedings" in text(main)
        talk = main.xpath(".//p[contains(@class, 'workshop-talk')]//a")[0]
        assert text(talk).startswith("Presented June 8, 2023, ")
        assert target(html, talk.get("href"), f"papers/{paper_id}.html").name == "program.html"
        assert talk.get("href").endswith(f"#slot-{paper_id}")


def test_pdf_links_give_each_paper_as_stamped_in_the_volume(site_with_volume):
    html, volume = site_with_volume
    for paper_id, _title, _, _, pages in PAPERS:
        name = f"papers/{paper_id}.html"
        main = paper_page(html, paper_id).xpath("//article")[0]
        links = links_of(main)
        pdf = target(html, links["PDF"], name)
        assert pdf == html / "papers" / f"{paper_id}.pdf"  # beside the page, on the same site
        assert pdf.read_bytes() == (volume / "papers" / f"{paper_id}.pdf").read_bytes()
        first, last = pages.split("\u2013")
        assert list(pypdf.PdfReader(pdf).page_labels) == [str(n) for n in range(int(first), int(last) + 1)]
        bib = target(html, links["BibTeX"], name).read_text()
        assert bib == (volume / "papers" / f"{paper_id}.bib").read_text()
        assert f"@inproceedings{{mlbench23:{paper_id}," in bib
        assert f"pages     = {{{first}--{last}}}," in bib
        # The BibTeX to copy on the page is the file's.
        assert main.xpath(".//div[contains(@class, 'workshop-bibtex')]//pre")[0].text_content() == bib


def test_the_volume_is_downloadable(site_with_volume):
    html, volume = site_with_volume
    links = {
        a.text_content().strip(): a.get("href")
        for a in page(html).xpath("//p[contains(@class, 'workshop-volume')]//a")
    }
    assert (
        target(html, links["The proceedings volume (PDF)"]).read_bytes()
        == (volume / "volume.pdf").read_bytes()
    )
    assert target(html, links["BibTeX of every paper"]).read_text().startswith("@proceedings{mlbench23,")
    assert target(html, links["Front matter (PDF)"]).read_bytes() == (volume / "frontmatter.pdf").read_bytes()


def test_program_rows_link_to_the_paper_pages(site_with_volume):
    html, _ = site_with_volume
    hrefs = page(html, "program.html").xpath("//table//a/@href")
    for paper_id, *_ in PAPERS:
        assert f"papers/{paper_id}.html" in hrefs


def test_without_a_volume_the_pages_offer_the_camera_ready_pdfs_and_cite_without_pages(example_site):
    """Pages come from the volume the build wrote, never from opening PDFs in the site."""
    tree = page(example_site)
    assert not tree.xpath("//p[contains(@class, 'workshop-volume')]")
    for paper_id, _title, _, _, _pages in PAPERS:
        assert "pages" not in text(entry(tree, paper_id))
        name = f"papers/{paper_id}.html"
        main = paper_page(example_site, paper_id).xpath("//article")[0]
        links = links_of(main)
        assert (
            target(example_site, links["PDF"], name).read_bytes()
            == (ROOT / "docs" / "data" / "papers" / f"{paper_id}.pdf").read_bytes()
        )
        assert "of the proceedings" not in text(main)
        bib = main.xpath(".//div[contains(@class, 'workshop-bibtex')]//pre")[0].text_content()
        assert bib.startswith(f"@inproceedings{{mlbench23:{paper_id},") and "pages" not in bib
        assert target(example_site, links["BibTeX"], name).read_text() == bib


def test_a_missing_volume_stops_the_site_build_with_a_clear_warning(tmp_path):
    site = copy_site(tmp_path / "site")
    status, warnings = build_site(
        site, tmp_path / "out", "-D", f"workshop_proceedings={tmp_path / 'nothing'}"
    )
    assert status != 0
    assert "holds no proceedings volume: run `python -m proceedings build` first" in warnings
    assert "[workshop.proceedings]" in warnings


def test_a_volume_of_other_papers_is_refused(tmp_path, site_with_volume):
    _, volume = site_with_volume
    site = copy_site(tmp_path / "site")
    pdf = site / "docs" / "data" / "papers" / "huang-bnn-crossbar.pdf"
    longer = ROOT / "docs" / "data" / "papers" / "liu-time-variations.pdf"
    pdf.write_bytes(longer.read_bytes())  # 10 pages where the volume has 6
    status, warnings = build_site(site, tmp_path / "out", "-D", f"workshop_proceedings={volume}")
    assert status != 0
    assert "was built from other papers or PDFs: run `python -m proceedings build` again" in warnings


def test_rebuilding_volume_and_site_with_nothing_changed_rewrites_no_page(tmp_path):
    site = copy_site(tmp_path / "site")
    (site / "pyproject.toml").write_text("")
    volume, out = tmp_path / "proceedings", tmp_path / "out"

    def docs() -> dict[str, int]:
        assert run_build(site / "docs" / "data", volume).returncode == 0
        assert build_site(site, out, "-D", f"workshop_proceedings={volume}") == (0, "")
        return {
            p.name: p.stat().st_mtime_ns
            for p in (out / "html").glob("*.html")
            if p.name not in ("search.html", "404.html")  # made anew by Sphinx each build
        }

    first = docs()
    assert docs() == first


def test_nox_docs_builds_the_volume_before_the_site_and_offers_it():
    """Read the Docs runs `nox -s docs` (tests/test_readthedocs.py): so the hosted site has the
    volume only if that session builds it first and points the site at it."""
    import ast

    tree = ast.parse((ROOT / "noxfile.py").read_text())
    docs = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "docs")
    runs = [
        [ast.unparse(arg) for arg in call.args]
        for call in ast.walk(docs)
        if isinstance(call, ast.Call) and ast.unparse(call.func) == "session.run"
    ]
    build = next(
        i for i, args in enumerate(runs) if args[:4] == ["'python'", "'-m'", "'proceedings'", "'build'"]
    )
    sphinx = next(
        i for i, args in enumerate(runs) if args[:3] == ["'python'", "'-m'", "'workshop.site.build'"]
    )
    assert build < sphinx
    assert "f'workshop_proceedings={VOLUME}'" in runs[sphinx]
    assert runs[build][-1] == "str(VOLUME)"


def test_the_abstract_is_shown_and_escaped(tmp_path):
    from volume_support import edit_yaml

    site = copy_site(tmp_path / "site")
    abstract = 'We measure <script>alert(1)</script> latency & throughput of "edge" accelerators.'
    edit_yaml(site / "docs" / "data" / "papers.yaml", lambda d: d["papers"][1].update(abstract=abstract))
    status, warnings = build_site(site, tmp_path / "out")
    assert (status, warnings) == (0, "")
    html = tmp_path / "out" / "html"
    shown = paper_page(html, "sridharan-chakra").xpath("//section[contains(@class, 'workshop-abstract')]/p")
    assert [p.text_content() for p in shown] == [abstract]
    for name in ("papers.html", "papers/sridharan-chakra.html"):
        assert "<script>alert(1)</script>" not in (html / name).read_text()


def test_the_program_page_offers_the_handbook_the_build_made(site_with_volume):
    """`build` makes the handbook beside the volume; the program page offers it as the papers
    page offers the volume, the file the same bytes."""
    html, volume = site_with_volume
    program = page(html, "program.html")
    link = program.xpath("//p[contains(@class, 'workshop-handbook')]//a")
    assert [" ".join(a.text_content().split()) for a in link] == [
        "The program as a printed booklet (PDF, 5 pages)"
    ]
    offered = target(html, link[0].get("href"), "program.html")
    assert offered.read_bytes() == (volume / "handbook.pdf").read_bytes()
    assert pypdf.PdfReader(offered).pages[0].extract_text().split("\n")[0].startswith("Benchmarking Machine")


def test_a_handbook_made_from_other_data_is_not_offered(tmp_path):
    site = copy_site(tmp_path / "site")
    (site / "pyproject.toml").write_text("")
    volume = tmp_path / "proceedings"
    assert run_build(site / "docs" / "data", volume).returncode == 0
    schedule = site / "docs" / "data" / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("title: Panel Session", "title: Closing Panel"))
    status, warnings = build_site(site, tmp_path / "out", "-D", f"workshop_proceedings={volume}")
    assert status == 1
    assert warnings.splitlines() == [
        (
            f"{site / 'docs' / 'program.md'}:6: WARNING: workshop_proceedings: the handbook in {volume} was made from "
            "other data than the site's: run `python -m proceedings handbook` (or build) again; it is not offered "
            "[workshop.proceedings]"
        )
    ]
    assert "workshop-handbook" not in (tmp_path / "out" / "html" / "program.html").read_text()
