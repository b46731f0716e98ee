"""Papers where readers and indexers look, read from the built HTML (lxml) against the data:
a page per paper with Google Scholar's tags and schema.org JSON-LD, OpenGraph and Twitter
card tags on every page, a sitemap of every page, a 404 page whose links work from any
depth; with and without the site's address; and a site built before there is a program.

The site is built as Read the Docs builds it (``nox -s docs``: the volume first, then the
site, with ``READTHEDOCS_CANONICAL_URL`` giving its address), from the example's data with
values that must be escaped (quotes, ``<``, ``&``, ``</script>``, names in other scripts).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import lxml.html
import pytest
from conftest import build_site, copy_site
from volume_support import edit_yaml, run_build

from tools.samples import build_sample
from workshop.core.load import load
from workshop.core.manifest import built_papers

BASE = "https://mlbench.example.org/en/latest/"
VOLUME_TITLE = (
    "Proceedings of the Workshop on Benchmarking Machine Learning Workloads on Emerging Hardware (MLBench'23)"
)
TITLE = 'Chakra: "Standardized" Execution Traces for </script><b>x</b> & Co-Design'
ABSTRACT = 'We trace <everything> & compare "runs".\n\nA second paragraph </script>.'


def sphinx(site: Path, out: Path, *args: str, env: dict[str, str]) -> tuple[int, str]:
    """``build_site`` with an environment (conf.py reads Read the Docs' variables)."""
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-c", str(site), "-d", str(out / "doctrees"),
        "-W", "--keep-going", "-n", "-q", "--no-color", *args, str(site / "docs"), str(out / "html"),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, cwd=site, env={**os.environ, **env})
    return done.returncode, done.stderr


@pytest.fixture(scope="module")
def hosted(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(HTML folder, volume folder, data folder) of the example with hard values, hosted."""
    root = tmp_path_factory.mktemp("hosted")
    site = copy_site(root / "site")
    (site / "pyproject.toml").write_text("")
    data = site / "docs" / "data"

    def papers(d):
        chakra = d["papers"][1]
        chakra.update(title=TITLE, abstract=ABSTRACT, doi="10.1145/3578356.3592577")
        chakra["authors"].insert(1, {"name": "王小明", "affiliation": "清华大学 & <Lab>"})

    edit_yaml(data / "papers.yaml", papers)
    edit_yaml(
        data / "workshop.yaml",
        lambda d: (d.update(site_url=BASE), d["proceedings"].update(publisher="MLBench & Friends")),
    )
    # Its sample made again, as an organizer would (tools.samples): page 1 says the new title
    # and authors, else the check holds the paper (issue 18).
    loaded = load(data)
    chakra = loaded.workshop.papers.papers[1]
    build_sample(
        chakra,
        next(t for t in loaded.workshop.info.tracks if t.id == chakra.track),
        loaded.pdf_path(chakra.pdf),
    )
    volume = root / "proceedings"
    done = run_build(data, volume)
    assert done.returncode == 0, done.stderr
    status, warnings = sphinx(
        site, root, "-D", f"workshop_proceedings={volume}", env={"READTHEDOCS_CANONICAL_URL": BASE}
    )
    assert (status, warnings) == (0, "")
    return root / "html", volume, data


def head_metas(path: Path) -> list[tuple[str, str]]:
    """(name or property, content) of every <meta> in the head, in order."""
    tree = lxml.html.parse(str(path))
    return [
        (m.get("name") or m.get("property"), m.get("content"))
        for m in tree.xpath("/html/head/meta")
        if m.get("name") or m.get("property")
    ]


def pages(html: Path) -> list[str]:
    """Every page of the site (not the theme's files under _static/)."""
    found = (p.relative_to(html).as_posix() for p in html.rglob("*.html"))
    return sorted(name for name in found if not name.startswith("_"))


def test_every_paper_has_a_page_with_scholars_tags_from_the_data(hosted):
    html, volume, data = hosted
    workshop = load(data).workshop
    built = {p.id: p for p in built_papers(volume)}
    assert sorted(p for p in pages(html) if p.startswith("papers/")) == sorted(
        f"papers/{p.id}.html" for p in workshop.papers.papers
    )
    for paper in workshop.papers.papers:
        metas = [
            (n, c) for n, c in head_metas(html / "papers" / f"{paper.id}.html") if n.startswith("citation_")
        ]
        expected = [("citation_title", paper.title)]
        for author in paper.authors:  # in order, each followed by its institution
            expected += [
                ("citation_author", author.name),
                ("citation_author_institution", author.affiliation),
            ]
            if author.orcid:
                expected.append(("citation_author_orcid", author.orcid))
        expected += [
            ("citation_publication_date", "2023/06/08"),
            ("citation_conference_title", VOLUME_TITLE),
            ("citation_publisher", "MLBench & Friends"),
            ("citation_firstpage", str(built[paper.id].first)),
            ("citation_lastpage", str(built[paper.id].last)),
        ]
        # The paper's own DOI, else the one minted from proceedings.doi.
        expected.append(("citation_doi", paper.doi or f"10.5555/mlbench23.{paper.id}"))
        expected.append(("citation_pdf_url", f"{BASE}papers/{paper.id}.pdf"))
        if paper.abstract:
            expected.append(("citation_abstract", " ".join(paper.abstract.split())))
        assert metas == expected
        # The PDF Scholar is sent to is the stamped paper, on this site.
        assert (html / "papers" / f"{paper.id}.pdf").read_bytes() == (
            volume / built[paper.id].pdf
        ).read_bytes()


def test_the_json_ld_says_the_same_and_cannot_break_out_of_its_script(hosted):
    html, volume, data = hosted
    workshop = load(data).workshop
    built = {p.id: p for p in built_papers(volume)}
    for paper in workshop.papers.papers:
        page = html / "papers" / f"{paper.id}.html"
        scripts = lxml.html.parse(str(page)).xpath("//script[@type='application/ld+json']")
        assert len(scripts) == 1
        found = json.loads(scripts[0].text)
        assert found["@type"] == "ScholarlyArticle" and found["@context"] == "https://schema.org"
        assert found["headline"] == paper.title
        assert [a["name"] for a in found["author"]] == [a.name for a in paper.authors]
        assert (found["pageStart"], found["pageEnd"]) == (
            str(built[paper.id].first),
            str(built[paper.id].last),
        )
        assert found["url"] == f"{BASE}papers/{paper.id}.html"
        assert found["encoding"]["contentUrl"] == f"{BASE}papers/{paper.id}.pdf"
        assert found["datePublished"] == "2023-06-08"
    raw = (html / "papers" / "sridharan-chakra.html").read_text()
    assert "</script><b>" not in raw and "<everything>" not in raw
    assert TITLE in lxml.html.parse(str(html / "papers" / "sridharan-chakra.html")).xpath("string(//h1)")


def test_bibtex_gains_the_papers_page_the_publisher_and_the_doi(hosted):
    html, volume, _ = hosted
    bib = (html / "papers" / "sridharan-chakra.bib").read_text()
    assert bib == (volume / "papers" / "sridharan-chakra.bib").read_text()
    assert f"url       = {{{BASE}papers/sridharan-chakra.html}}," in bib
    assert "doi       = {10.1145/3578356.3592577}," in bib
    assert r"publisher = {MLBench \& Friends}," in bib
    assert f"url       = {{{BASE}}}," in (volume / "volume.bib").read_text().split("\n\n")[0]


def test_each_paper_page_offers_ris_and_csl_json_beside_bibtex(hosted):
    html, volume, _ = hosted
    page = lxml.html.parse(str(html / "papers" / "sridharan-chakra.html"))
    links = {
        a.text_content(): a.get("href")
        for a in page.xpath("//p[contains(@class, 'workshop-paper-links')]//a")
    }
    assert links["BibTeX"] == "sridharan-chakra.bib"
    assert links["RIS"] == "sridharan-chakra.ris"
    assert links["CSL-JSON"] == "sridharan-chakra.csl.json"
    assert links["doi:10.1145/3578356.3592577"] == "https://doi.org/10.1145/3578356.3592577"
    built = {p.id: p for p in built_papers(volume)}["sridharan-chakra"]
    record = (html / "papers" / "sridharan-chakra.ris").read_bytes().decode()
    assert f"SP  - {built.first}\r\nEP  - {built.last}\r\n" in record
    assert "DO  - 10.1145/3578356.3592577\r\n" in record
    (item,) = json.loads((html / "papers" / "sridharan-chakra.csl.json").read_text())
    assert item["title"] == TITLE and item["page"] == f"{built.first}-{built.last}"
    assert item["author"][1] == {"family": "王小明"}  # one word: all family name, as BibTeX reads it
    minted = lxml.html.parse(str(html / "papers" / "liu-time-variations.html"))
    assert minted.xpath("//a[text()='doi:10.5555/mlbench23.liu-time-variations']/@href") == [
        "https://doi.org/10.5555/mlbench23.liu-time-variations"
    ]


def test_opengraph_and_twitter_tags_on_every_page(hosted):
    html, _, _ = hosted
    for name in pages(html):
        metas = dict(head_metas(html / name))
        assert metas.get("og:title"), name
        assert metas.get("og:type") in ("website", "article"), name
        assert metas.get("og:url") == BASE + name, name
        assert metas.get("og:site_name") == "MLBench'23"
        assert metas.get("twitter:card") == "summary", name
    paper = dict(head_metas(html / "papers" / "sridharan-chakra.html"))
    assert (paper["og:type"], paper["og:title"]) == ("article", TITLE)
    assert paper["og:description"] == " ".join(ABSTRACT.split())


def test_the_sitemap_lists_every_page_once_in_order(hosted):
    html, _, _ = hosted
    tree = ElementTree.parse(html / "sitemap.xml")
    locations = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    expected = [
        BASE + name for name in pages(html) if name not in ("search.html", "404.html", "genindex.html")
    ]
    assert locations == sorted(expected)


def test_an_incremental_build_writes_the_same_sitemap(hosted, tmp_path):
    """sphinx-sitemap lists the pages a build writes; one that writes none lists them all still."""
    html, volume, data = hosted
    site, root = data.parent.parent, html.parent
    before = (html / "sitemap.xml").read_bytes()
    env = {"READTHEDOCS_CANONICAL_URL": BASE}
    assert sphinx(site, root, "-D", f"workshop_proceedings={volume}", env=env) == (0, "")
    assert (html / "sitemap.xml").read_bytes() == before


def test_the_404_page_links_work_from_any_depth(hosted):
    """Served for any missing address, so every link starts at the site's root path."""
    html, _, _ = hosted
    tree = lxml.html.parse(str(html / "404.html"))
    links = tree.xpath("//a/@href | //link/@href | //script/@src | //img/@src")
    local = [link for link in links if not urlsplit(link).scheme and not link.startswith("#")]
    assert local and all(link.startswith("/en/latest/") for link in local), local
    for link in local:
        path = urlsplit(link).path.removeprefix("/en/latest/")
        assert (html / (path or "index.html")).exists(), link


def test_without_the_sites_address_links_are_relative_and_there_is_no_sitemap(example_site):
    assert not (example_site / "sitemap.xml").exists()
    metas = dict(head_metas(example_site / "papers" / "liu-time-variations.html"))
    assert metas["citation_pdf_url"] == "liu-time-variations.pdf"
    assert "og:url" not in metas and metas["og:title"]
    for name in ("index.html", "404.html", "papers/liu-time-variations.html"):
        assert dict(head_metas(example_site / name)).get("og:title"), name
    links = lxml.html.parse(str(example_site / "404.html")).xpath("//a/@href")
    assert "/index.html" in links  # a site served at the root of its host


def test_a_site_with_papers_and_no_program_builds(tmp_path):
    """Accepted papers are known weeks before the schedule."""
    site = copy_site(tmp_path / "site")
    (site / "pyproject.toml").write_text("")
    (site / "docs" / "data" / "schedule.yaml").unlink()
    (site / "docs" / "program.md").write_text("# Program\n\nTo be announced.\n")
    volume = tmp_path / "proceedings"
    assert run_build(site / "docs" / "data", volume).returncode == 0
    status, warnings = build_site(site, tmp_path / "out", "-D", f"workshop_proceedings={volume}")
    assert (status, warnings) == (0, "")
    html = tmp_path / "out" / "html"
    listed = lxml.html.parse(str(html / "papers.html")).xpath(
        "//li[contains(@class, 'workshop-paper')]//a/@href"
    )
    assert listed == [f"papers/{p.id}.html" for p in load(site / "docs" / "data").workshop.papers.papers]
    for href in listed:
        page = lxml.html.parse(str(html / href))
        assert not page.xpath("//p[contains(@class, 'workshop-talk')]")  # no program, no talk
        assert "of the proceedings" in page.xpath("string(//article)")
