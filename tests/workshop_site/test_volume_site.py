"""The papers on the site: the accepted-papers page lists every paper with its authors,
track, pages in the volume, abstract, a working PDF link and BibTeX; the site offers the
volume.  Built as ``nox -s docs`` builds it: the volume first, then the site with
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


def section(tree, paper_id: str):
    found = tree.xpath(f"//section[@id='paper-{paper_id}']")
    assert len(found) == 1, paper_id
    return found[0]


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_every_accepted_paper_is_listed_in_program_order(site_with_volume):
    html, _ = site_with_volume
    tree = page(html)
    ids = [s.get("id") for s in tree.xpath("//section[contains(@class, 'workshop-paper')]")]
    assert ids == [f"paper-{paper_id}" for paper_id, *_ in PAPERS]
    for paper_id, title, author, track, pages in PAPERS:
        body = text(section(tree, paper_id))
        assert body.startswith(title)
        assert author in body
        assert f"Track: {track} \u00b7 Pages {pages} of the proceedings" in body


def test_pdf_links_give_each_paper_as_stamped_in_the_volume(site_with_volume):
    html, volume = site_with_volume
    tree = page(html)
    for paper_id, _title, _, _, pages in PAPERS:
        links = {
            a.text_content().strip(): a.get("href") for a in section(tree, paper_id).xpath(".//a[@href]")
        }
        pdf = target(html, links["PDF"])
        assert pdf.read_bytes() == (volume / "papers" / f"{paper_id}.pdf").read_bytes()
        first, last = pages.split("\u2013")
        assert list(pypdf.PdfReader(pdf).page_labels) == [str(n) for n in range(int(first), int(last) + 1)]
        bib = target(html, links["BibTeX"]).read_text()
        assert f"@inproceedings{{mlbench23:{paper_id}," in bib
        assert f"pages     = {{{first}--{last}}}," in bib
        # The BibTeX to copy on the page is the file's.
        shown = section(tree, paper_id).xpath(".//div[contains(@class, 'workshop-bibtex')]//pre")[0]
        assert shown.text_content() == bib


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


def test_program_rows_link_to_the_papers(site_with_volume):
    html, _ = site_with_volume
    hrefs = page(html, "program.html").xpath("//table//a/@href")
    for paper_id, *_ in PAPERS:
        assert f"papers.html#paper-{paper_id}" in hrefs


def test_without_a_volume_the_page_links_the_camera_ready_pdfs_and_cites_without_pages(example_site):
    """Pages come from the volume the build wrote, never from opening PDFs in the site."""
    tree = page(example_site)
    assert not tree.xpath("//p[contains(@class, 'workshop-volume')]")
    for paper_id, _title, _, _, _pages in PAPERS:
        links = {
            a.text_content().strip(): a.get("href") for a in section(tree, paper_id).xpath(".//a[@href]")
        }
        assert (
            target(example_site, links["PDF"]).read_bytes()
            == (ROOT / "docs" / "data" / "papers" / f"{paper_id}.pdf").read_bytes()
        )
        assert "of the proceedings" not in text(section(tree, paper_id))
        bib = (
            section(tree, paper_id)
            .xpath(".//div[contains(@class, 'workshop-bibtex')]//pre")[0]
            .text_content()
        )
        assert bib.startswith(f"@inproceedings{{mlbench23:{paper_id},") and "pages" not in bib


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
            p.name: p.stat().st_mtime_ns for p in (out / "html").glob("*.html") if p.name != "search.html"
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
    shown = section(page(html), "sridharan-chakra").xpath(".//p[contains(@class, 'workshop-abstract')]")
    assert [p.text_content() for p in shown] == [abstract]
    assert "<script>alert(1)</script>" not in (html / "papers.html").read_text()
