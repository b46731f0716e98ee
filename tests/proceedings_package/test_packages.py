"""Every archive's package made from the second edition (which carries what every archive
needs) as a chair makes it, ``python -m proceedings package all``, then read as the archive
reads it: Crossref's schema 5.3.1, DataCite's kernel 4.6, CEUR's markers, aclpub2's
required fields and the sigdial example's shape, PMLR's required fields (all offline, from
../shared/schemas/archives; skipped with the reason where it is absent)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pypdf
import pytest
from archives_support import (
    assert_valid,
    check_acl,
    check_ceur,
    check_pmlr,
    crossref_schema,
    datacite_schema,
    package,
)
from conftest import second_edition
from lxml import etree
from volume_support import run_build, stamp_lines

from workshop.core.manifest import built_papers
from workshop.core.rules import STAMP_BAND

EPOCH = "1716000000"  # 2024-05-18 02:40 UTC
#: A paper's own DOI (registered elsewhere) wins over the minted one.
OWN_DOIS = {"osei-thermal": "10.5555/preprint.2024.0042"}
FOOTNOTE = (
    "Copyright © 2024 for this paper by its authors. Use permitted under Creative Commons License "
    "Attribution 4.0 International (CC BY 4.0)."
)


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """The second edition in a repository of its own, its volume built; (root, volume folder)."""
    root = second_edition(tmp_path_factory.mktemp("archives") / "site")
    (root / "pyproject.toml").write_text("# the repository's root, for the loader\n")
    volume = root / "_build" / "proceedings"
    done = run_build(root / "docs" / "data", volume)
    assert done.returncode == 0, done.stderr
    return root, volume


@pytest.fixture(scope="module")
def packages(edition):
    root, _ = edition
    done = package(root, "all", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return root / "_build" / "packages", done.stdout


def test_every_archive_is_built_and_said_in_a_line_each(packages):
    folder, said = packages
    assert sorted(p.name for p in folder.iterdir()) == ["acl", "ceur", "crossref", "datacite", "pmlr"]
    assert [line.split(":")[0] for line in said.splitlines()] == [
        "crossref",
        "datacite",
        "ceur",
        "acl",
        "pmlr",
    ]


def test_crossref_deposit_is_valid_and_says_what_crossref_registers(packages):
    folder, _ = packages
    document = assert_valid(crossref_schema(), folder / "crossref" / "crossref.xml")
    ns = {"c": "http://www.crossref.org/schema/5.3.1", "ai": "http://www.crossref.org/AccessIndicators.xsd"}
    assert document.findtext(".//c:timestamp", namespaces=ns) == "20240518024000000"
    assert document.findtext(".//c:doi_batch_id", namespaces=ns) == "mlbench24-20240518024000000"
    assert (
        document.findtext(".//c:proceedings_metadata/c:doi_data/c:doi", namespaces=ns)
        == "10.5555/mlbench.2024"
    )
    assert document.findtext(".//c:proceedings_metadata/c:isbn", namespaces=ns) == "978-0-306-40615-7"
    papers = document.findall(".//c:conference_paper", namespaces=ns)
    assert len(papers) == 8
    first = papers[0]
    assert first.findtext("c:titles/c:title", namespaces=ns) == (
        "Tail Latency & Throughput of LLM Serving on Heterogeneous Accelerators"
    )
    assert first.findtext("c:doi_data/c:doi", namespaces=ns) == "10.5555/mlbench.2024.wang-tail-latency"
    assert first.findtext("c:doi_data/c:resource", namespaces=ns) == (
        "https://mlbench.example.org/2024/papers/wang-tail-latency.html"
    )
    assert [o.text for o in first.findall(".//c:ORCID", namespaces=ns)] == [
        "https://orcid.org/0000-0000-0000-1012",
        "https://orcid.org/0000-0000-0000-1020",
    ]
    assert (
        first.findtext("c:pages/c:first_page", namespaces=ns),
        first.findtext("c:pages/c:last_page", namespaces=ns),
    ) == ("1", "10")
    assert (
        first.findtext(".//ai:license_ref", namespaces=ns) == "https://creativecommons.org/licenses/by/4.0/"
    )
    dois = [p.findtext("c:doi_data/c:doi", namespaces=ns) for p in papers]
    assert "10.5555/preprint.2024.0042" in dois  # a paper's own DOI wins
    # The abstract with '<' and '&' is text of the XML, not markup.
    assert "a <script> tag" in etree.tostring(document, encoding="unicode", method="text")


def test_datacite_records_are_valid_a_paper_in_the_volume_with_its_pages(packages):
    folder, _ = packages
    schema = datacite_schema()
    records = sorted((folder / "datacite" / "papers").glob("*.xml"))
    assert len(records) == 8
    ns = {"d": "http://datacite.org/schema/kernel-4"}
    for record in [folder / "datacite" / "volume.xml", *records]:
        assert_valid(schema, record)
    paper = etree.parse(str(folder / "datacite" / "papers" / "lefevre-sparse-training.xml"))
    assert paper.find(".//d:resourceType", ns).get("resourceTypeGeneral") == "ConferencePaper"
    item = paper.find(".//d:relatedItem", ns)
    assert (item.get("relationType"), item.get("relatedItemType")) == (
        "IsPublishedIn",
        "ConferenceProceeding",
    )
    assert item.findtext("d:relatedItemIdentifier", namespaces=ns) == "10.5555/mlbench.2024"
    assert (item.findtext("d:firstPage", namespaces=ns), item.findtext("d:lastPage", namespaces=ns)) == (
        "11",
        "20",
    )
    assert paper.find(".//d:nameIdentifier", ns).text == "https://orcid.org/0000-0000-0000-1047"
    assert paper.find(".//d:rights", ns).get("rightsIdentifier") == "CC-BY-4.0"
    volume = etree.parse(str(folder / "datacite" / "volume.xml"))
    assert volume.find(".//d:resourceType", ns).get("resourceTypeGeneral") == "ConferenceProceeding"
    assert len(volume.findall(".//d:relatedIdentifier[@relationType='HasPart']", ns)) == 8
    urls = (folder / "datacite" / "urls.tsv").read_text().splitlines()
    assert urls[:2] == ["DOI\tURL", "10.5555/mlbench.2024\thttps://mlbench.example.org/2024/"]


def test_ceur_upload_has_every_marker_and_the_volumes_papers(packages, edition):
    folder, _ = packages
    _, volume = edition
    page = check_ceur(folder / "ceur")
    assert page.find_class("CEURVOLACRONYM")[0].text_content() == "MLBench 2024"
    assert [a.text_content() for a in page.find_class("CEURAUTHOR")][:2] == ["王小明", "José Álvarez"]
    assert page.find_class("CEURPAGES")[0].text_content() == "1-10"
    # The PDFs are the volume's stamped papers, in its order, CEUR's copyright footnote below
    # the citation line on the first page, a quarter inch up, inside the band the check keeps clear.
    built = built_papers(volume)
    for position, paper in enumerate(built, start=1):
        ceur, ours = (
            pypdf.PdfReader(p) for p in (folder / "ceur" / f"paper{position}.pdf", volume / paper.pdf)
        )
        first = " ".join(ceur.pages[0].extract_text().split())
        doi = OWN_DOIS.get(paper.id, f"10.5555/mlbench.2024.{paper.id}")
        assert first.endswith(
            f"pages {paper.first}-{paper.last}, held with MLSys 2024, May 17-18, 2024. "
            f"https://doi.org/{doi} {FOOTNOTE}"
        )
        assert FOOTNOTE not in " ".join(ours.pages[0].extract_text().split())
        for page in (ceur.pages[0], ceur.pages[-1]):
            assert all(
                y - 0.24 * size >= 18 and y + 0.76 * size <= STAMP_BAND for y, size in stamp_lines(page)
            )
        assert [p.extract_text() for p in ceur.pages[1:]] == [p.extract_text() for p in ours.pages[1:]]
        assert ceur.xmp_metadata.dc_title == ours.xmp_metadata.dc_title == {"x-default": paper.title}
        assert ceur.page_labels == ours.page_labels
        if shutil.which("qpdf"):
            checked = subprocess.run(
                ["qpdf", "--check", str(folder / "ceur" / f"paper{position}.pdf")], capture_output=True
            )
            assert checked.returncode == 0, checked.stdout
    bib = (folder / "ceur" / "mlbench2024.bib").read_text()
    assert "doi       = {10.5555/mlbench.2024.wang-tail-latency}" in bib


def test_acl_delivery_as_aclpub2_and_the_anthology_read_it(packages, edition):
    folder, _ = packages
    _, volume = edition
    details, papers = check_acl(folder / "acl")
    assert details["start_date"] == dt.date(2024, 5, 17)
    assert details["volume_name"] == "1"
    assert [p["id"] for p in papers] == list(range(1, 9))
    assert papers[1]["authors"][0] == {
        "first_name": "Françoise",
        "last_name": "Lefèvre",
        "institution": "Inria",
        "orcid": "0000-0000-0000-1047",
    }
    assert (folder / "acl" / "watermarked_pdfs" / "0.pdf").read_bytes() == (
        volume / "frontmatter.pdf"
    ).read_bytes()
    assert papers[1]["abstract"].startswith(
        "Sparse training promises 10x savings; we test the claim on 12 models, with \\$O(n)\\$"
    )


def test_pmlr_bibtex_has_every_field_and_each_pdf_is_named_by_its_key(packages):
    folder, _ = packages
    volume, papers = check_pmlr(folder / "pmlr")
    assert volume.fields["volume"] == "999"
    assert list(papers) == [
        "wang24", "lefevre24", "kim24", "dubois24a", "oconnor24", "thorsson24", "dubois24b", "osei24"
    ]  # fmt: skip
    text = (folder / "pmlr" / "mlbench24.bib").read_text()
    assert "author   = {Lef{\\`{e}}vre, Fran{\\c{c}}oise and Nguy{\\~{\\^{e}}}n, V{\\u{a}}n An}" in text
    assert "\\textless{}script\\textgreater{}" in text  # PMLR shows abstracts as HTML
    assert "Tail Latency \\& Throughput" in text


def test_a_second_run_gives_the_same_bytes_and_writes_nothing(packages, edition):
    root, _ = edition
    folder, _ = packages
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    done = package(root, "all", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 0, done.stderr
    assert all(line.endswith("unchanged)") for line in done.stdout.splitlines()), done.stdout
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_crossref_timestamp_grows_with_the_clock_without_source_date_epoch(edition, tmp_path):
    root, _ = edition
    out = tmp_path / "crossref"
    started = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    done = package(root, "crossref", "--out", str(out))
    assert done.returncode == 0, done.stderr
    stamp = re.search(r"<timestamp>(\d+)</timestamp>", (out / "crossref.xml").read_text())[1]
    assert stamp[:14] >= started


def test_a_package_drops_what_an_earlier_one_held_and_nothing_else(edition, tmp_path):
    root, _ = edition
    out = tmp_path / "pmlr"
    assert package(root, "pmlr", "--out", str(out)).returncode == 0
    (out / "gone24.pdf").write_bytes(b"%PDF an earlier paper")
    (out / "notes.txt").write_text("the chair's own notes")
    assert package(root, "pmlr", "--out", str(out)).returncode == 0
    assert not (out / "gone24.pdf").exists()
    assert (out / "notes.txt").read_text() == "the chair's own notes"
