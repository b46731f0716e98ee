"""What the volume's PDFs say of themselves and where their first pages say it, read back as
a reader, an index and a printer meet them: each PDF's Info dictionary and XMP packet (pypdf's
``xmp_metadata``, and the packet parsed as XML), the DOIs in the text of each paper's first
page and of the title page (``extract_text``), the stamps' places measured from the content
stream they are drawn by, and ``qpdf --check`` on every file."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest
import yaml
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    StreamObject,
    TextStringObject,
)
from volume_support import ROOT, copy_data, edit_yaml, run_build, stamp_lines

from proceedings.volume.stamps import EDGE
from workshop.core.manifest import built_papers
from workshop.core.rules import STAMP_BAND

VOLUME_TITLE = (
    "Proceedings of the Workshop on Benchmarking Machine Learning Workloads on Emerging Hardware (MLBench'23)"
)
EDITORS = ["Tom St. John", "Murali Emani", "Wenqian Dong"]
HOSTILE = 'Tail <b>Latency</b> & "Throughput" ]]> ?> <?xpacket end="w"?> <!-- x -->'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("metadata")
    done = run_build(ROOT / "docs" / "data", out)
    assert done.returncode == 0, done.stderr
    return out


def papers_data() -> list[dict]:
    return yaml.safe_load((ROOT / "docs" / "data" / "papers.yaml").read_text())["papers"]


def packet(reader: pypdf.PdfReader) -> ET.Element:
    """The catalog's XMP packet, parsed as XML (it must be well-formed)."""
    data = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert data.count(b"<?xpacket") == 2
    return ET.fromstring(data.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])


def prism(root: ET.Element, name: str) -> str | None:
    found = root.find(f".//{{http://prismstandard.org/namespaces/basic/2.0/}}{name}")
    return None if found is None else found.text


def test_each_papers_pdf_says_its_title_authors_doi_license_and_volume(built):
    for paper, result in zip(papers_data(), built_papers(built), strict=True):
        reader = pypdf.PdfReader(built / result.pdf)
        doi = f"10.5555/mlbench23.{paper['id']}"
        xmp = reader.xmp_metadata
        authors = [a["name"] for a in paper["authors"]]
        assert xmp.dc_title == {"x-default": paper["title"]}
        assert xmp.dc_creator == authors  # in the paper's order
        assert "CC-BY-4.0" in xmp.dc_rights["x-default"]
        assert xmp.pdf_producer.startswith("proceedings (pypdf ")
        root = packet(reader)
        assert prism(root, "doi") == doi
        assert prism(root, "publicationName") == VOLUME_TITLE
        assert (prism(root, "startingPage"), prism(root, "endingPage")) == (
            str(result.first),
            str(result.last),
        )
        info = reader.metadata
        assert info["/Title"] == paper["title"] and info["/Author"] == ", ".join(authors)
        assert info["/Subject"].endswith(f"https://doi.org/{doi}")
        assert info["/Producer"] == xmp.pdf_producer


def test_the_volume_and_its_front_matter_say_the_volumes_title_editors_and_doi(built):
    for name, title in (("volume.pdf", VOLUME_TITLE), ("frontmatter.pdf", f"{VOLUME_TITLE}: front matter")):
        reader = pypdf.PdfReader(built / name)
        assert reader.xmp_metadata.dc_title == {"x-default": title} and reader.metadata.title == title
        assert reader.xmp_metadata.dc_creator == EDITORS
        assert prism(packet(reader), "doi") == "10.5555/mlbench23"
        assert reader.xmp_metadata.xmp_create_date.isoformat() == "2023-06-08T00:00:00"


def test_dois_are_in_the_text_of_each_first_page_and_of_the_title_page(built):
    volume = pypdf.PdfReader(built / "volume.pdf")
    labels = list(volume.page_labels)
    title_page = " ".join(volume.pages[0].extract_text().split())
    assert "DOI: https://doi.org/10.5555/mlbench23 " in title_page
    assert "License: CC-BY-4.0" in title_page
    title_links = [a.get_object()["/A"]["/URI"] for a in volume.pages[0].get("/Annots", [])]
    assert title_links == [
        "https://doi.org/10.5555/mlbench23",
        "https://creativecommons.org/licenses/by/4.0/",
    ]
    for paper, result in zip(papers_data(), built_papers(built), strict=True):
        doi = f"https://doi.org/10.5555/mlbench23.{paper['id']}"
        for page in (
            pypdf.PdfReader(built / result.pdf).pages[0],
            volume.pages[labels.index(str(result.first))],
        ):
            text = " ".join(page.extract_text().split())
            assert text.endswith(
                f"pages {result.first}-{result.last}, held with MLSys 2023, June 8, 2023. {doi}"
            )
            # ... and a link a reader can click, over the DOI in the stamp's band.
            links = [a.get_object() for a in page.get("/Annots", [])]
            (link,) = [a for a in links if a.get("/A", {}).get("/URI", "").startswith("https://doi.org/")]
            assert link["/A"]["/URI"] == doi
            assert EDGE <= float(link["/Rect"][1]) < float(link["/Rect"][3]) <= STAMP_BAND
        later = " ".join(pypdf.PdfReader(built / result.pdf).pages[1].extract_text().split())
        assert doi not in later and later.endswith(f"{result.first + 1} MLBench'23 · MLSys 2023")


def test_the_stamps_sit_a_quarter_inch_from_the_edge_inside_the_band(built):
    volume = pypdf.PdfReader(built / "volume.pdf")
    for result in built_papers(built):
        own = pypdf.PdfReader(built / result.pdf)
        for page in (
            own.pages[0],
            own.pages[1],
            volume.pages[list(volume.page_labels).index(str(result.first))],
        ):
            lines = stamp_lines(page)
            assert lines
            for baseline, size in lines:
                assert baseline - 0.24 * size >= EDGE == 18  # descenders too
                assert baseline + 0.76 * size <= STAMP_BAND  # what the check keeps clear


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_nothing_wrong_with_any_output(built):
    for path in sorted(built.rglob("*.pdf")):
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, (path.name, done.stdout, done.stderr)


def test_hostile_titles_end_escaped_in_xmp_and_info(tmp_path):
    data = copy_data(tmp_path / "repo")
    # The sample's page 1 keeps its own title: a chair accepts the difference (issue 18).
    accepted = {"accept": [{"finding": "metadata", "reason": "a test title", "approved_by": "the tests"}]}
    edit_yaml(data / "papers.yaml", lambda d: d["papers"][0].update(title=HOSTILE, decision=accepted))
    edit_yaml(
        data / "people.yaml", lambda d: d["committees"][0]["members"][0].update(name="Tom <St.> & John")
    )
    out = tmp_path / "out"
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    first = built_papers(out)[0]
    reader = pypdf.PdfReader(out / first.pdf)
    assert reader.xmp_metadata.dc_title == {"x-default": HOSTILE}
    assert reader.metadata.title == HOSTILE
    assert (
        packet(reader)
        .find(".//{http://purl.org/dc/elements/1.1/}title//*[@{http://www.w3.org/XML/1998/namespace}lang]")
        .text
        == HOSTILE
    )
    volume = pypdf.PdfReader(out / "volume.pdf")
    assert volume.xmp_metadata.dc_creator[0] == "Tom <St.> & John" == volume.metadata.author.split(", ")[0]


def paper_with_old_metadata(source: Path, path: Path) -> None:
    """``source`` with metadata of its own, as a paper's PDF brings it: an Info dictionary and
    an XMP packet (its old title), and a figure (a form XObject on page 1) with its own XMP
    and an editor's private data."""
    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.add_metadata({"/Title": "OLD-INFO-TITLE", "/Author": "OLD-INFO-AUTHOR"})
    xmp = StreamObject()
    xmp.set_data(b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>OLD-XMP-TITLE<?xpacket end="w"?>')
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    figure_xmp = StreamObject()
    figure_xmp.set_data(b"FIGURE-XMP-OF-ANOTHER-AUTHOR")
    figure = StreamObject()
    figure.set_data(b"0 0 m 10 10 l S")
    figure.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(v) for v in (0, 0, 10, 10)]),
            NameObject("/Metadata"): writer._add_object(figure_xmp),
            NameObject("/PieceInfo"): DictionaryObject(
                {
                    NameObject("/Editor"): DictionaryObject(
                        {NameObject("/Private"): TextStringObject("PIECE-INFO")}
                    )
                }
            ),
        }
    )
    resources = writer.pages[0]["/Resources"]
    resources[NameObject("/XObject")] = DictionaryObject({NameObject("/Fig"): writer._add_object(figure)})
    writer.write(str(path))


def test_nothing_of_a_papers_own_metadata_carries_over(tmp_path):
    data = copy_data(tmp_path / "repo")
    pdf = data / "papers" / "liu-time-variations.pdf"
    paper_with_old_metadata(ROOT / "docs" / "data" / "papers" / "liu-time-variations.pdf", pdf)
    out = tmp_path / "out"
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    assert b"OLD-XMP-TITLE" in pdf.read_bytes() and b"FIGURE-XMP" in pdf.read_bytes()
    for path in (out / "papers" / "liu-time-variations.pdf", out / "volume.pdf"):
        raw = path.read_bytes()
        for old in (b"OLD-INFO", b"OLD-XMP", b"FIGURE-XMP", b"PIECE-INFO"):
            assert old not in raw, (path.name, old)
    reader = pypdf.PdfReader(out / "papers" / "liu-time-variations.pdf")
    title = "Understanding Time Variations of DNN Inference in Autonomous Driving"
    assert reader.metadata.title == title and reader.xmp_metadata.dc_title == {"x-default": title}
    assert "/Fig" in reader.pages[0]["/Resources"]["/XObject"]  # the figure itself is kept
