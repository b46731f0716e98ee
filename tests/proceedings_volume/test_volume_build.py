"""The proceedings volume of the example data, built by the chair's command and read back
with pypdf and qpdf: pages, labels, stamps, bookmarks, contents links, author index,
fonts, no scripts or actions, byte-identical rebuilds.

Expected values are typed here from the example data (three papers of 10, 10 and 6
pages, in program order), not computed by the code under test.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import IndirectObject
from volume_support import ROOT, run_build

FOOTER = "MLBench'23 \u00b7 MLSys 2023"
TITLES = [
    "Understanding Time Variations of DNN Inference in Autonomous Driving",
    "Chakra: Advancing Performance Benchmarking and Co-Design Using Standardized Execution Traces",
    "Performance Analysis of Binary Neural Networks Deployed in NVM Crossbar Architectures",
]
FIRST_PAGES = [1, 11, 21]  # 10 + 10 + 6 pages
PAPER_PAGES = 26
FRONT = 4  # title page, committees, the program's invited talks, contents
#: Every author once, as the index files them, with the first pages of their papers.
INDEX = {
    "Bergeron, Matt": [11],
    "Coutinho, Brian": [11],
    "Feng, Louis": [11],
    "Fu, Wenyin": [11],
    "Heo, Taekyung": [11],
    "Huang, Caroline": [21],
    "Huang, Ruirong": [21],
    "Krishna, Tushar": [11],
    "Liu, Liangkai": [1],
    "Man, Changhai": [11],
    "Matai, Janarbek": [21],
    "Rashidi, Saeed": [11],
    "Shi, Weisong": [1],
    "Sridharan, Srinivas": [11],
    "Wang, Yanzhi": [1],
    "Wang, Zhaodong": [11],
    "Yue, Zichao": [21],
    "Zhang, Zhiru": [21],
    "Zheng, Shengbao": [11],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example volume, built by ``python -m proceedings build`` from docs/data."""
    out = tmp_path_factory.mktemp("proceedings")
    done = run_build(ROOT / "docs" / "data", out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def volume(built) -> pypdf.PdfReader:
    return pypdf.PdfReader(built / "volume.pdf")


def page_index(reader: pypdf.PdfReader, reference) -> int:
    return (
        reader.get_page_number(reference.get_object()) if isinstance(reference, IndirectObject) else reference
    )


def dest_page(reader: pypdf.PdfReader, dest) -> int:
    """The 0-based page a destination (explicit array, or a name of the volume) points at."""
    dest = dest.get_object()
    if isinstance(dest, (str, bytes)):
        name = dest.decode("latin-1") if isinstance(dest, bytes) else str(dest)
        return reader.get_destination_page_number(reader.named_destinations[name])
    return reader.get_page_number(dest[0].get_object())


def test_page_count_and_labels(volume):
    labels = list(volume.page_labels)
    index_pages = len(volume.pages) - FRONT - PAPER_PAGES
    assert index_pages == 1
    assert labels == ["i", "ii", "iii", "iv", *(str(n) for n in range(1, PAPER_PAGES + index_pages + 1))]


#: What each paper's first page prints in the number's and footer's place, as archives print
#: it: its citation line, then (on a line of its own when the whole does not fit) its DOI.
CITATIONS = [
    (
        (
            "Proceedings of the Workshop on Benchmarking Machine Learning Workloads on Emerging Hardware "
            f"(MLBench'23), pages {pages}, held with MLSys 2023, June 8, 2023."
        ),
        f"https://doi.org/10.5555/mlbench23.{paper_id}",
    )
    for pages, paper_id in (
        ("1-10", "liu-time-variations"),
        ("11-20", "sridharan-chakra"),
        ("21-26", "huang-bnn-crossbar"),
    )
]


def test_every_page_is_stamped_with_its_number_and_the_footer(volume):
    labels = list(volume.page_labels)
    # A paper's first page prints its citation line and DOI in the number's and footer's place.
    footers = {FRONT + first - 1: citation for first, citation in zip(FIRST_PAGES, CITATIONS, strict=True)}
    for index, page in enumerate(volume.pages):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        if index in footers:
            assert tuple(lines[-2:]) == footers[index], (index, lines[-3:])
            assert lines[-3] != labels[index]  # the citation says the pages
            continue
        assert lines[-1] == FOOTER, (index, lines[-3:])
        if index == 0:
            assert lines[-2] != "i"  # the title page shows no number
        else:
            assert lines[-2] == labels[index], (index, lines[-3:])


def test_first_pages_carry_the_citation_line(volume, built):
    """In the volume and in each paper's own PDF, in the page number's place."""
    for paper_id, first, citation in zip(
        ("liu-time-variations", "sridharan-chakra", "huang-bnn-crossbar"), FIRST_PAGES, CITATIONS, strict=True
    ):
        own = pypdf.PdfReader(built / "papers" / f"{paper_id}.pdf")
        for page in (volume.pages[FRONT + first - 1], own.pages[0]):
            lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
            assert tuple(lines[-2:]) == citation
        # Later pages: the number and the footer, as before.
        assert [line.strip() for line in own.pages[1].extract_text().splitlines()][-2:] == [
            str(first + 1),
            FOOTER,
        ]


def test_papers_in_program_order_from_page_one(volume):
    for title, first in zip(TITLES, FIRST_PAGES, strict=True):
        text = volume.pages[FRONT + first - 1].extract_text()
        assert title.split(":")[0] in " ".join(text.split()), title


def test_bookmarks_front_matter_papers_index(volume):
    outline = volume.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == ["Front Matter", *TITLES, "Author Index"]
    front_children = outline[1]
    assert [c.title for c in front_children] == ["Title page", "Committees", "Invited Talks", "Contents"]
    assert [volume.get_destination_page_number(c) for c in front_children] == [0, 1, 2, 3]
    paper_items = [item for item in outline if not isinstance(item, list)][1:-1]
    assert [volume.get_destination_page_number(i) for i in paper_items] == [
        FRONT + p - 1 for p in FIRST_PAGES
    ]
    assert volume.get_destination_page_number(outline[-1]) == FRONT + PAPER_PAGES
    assert volume.page_mode == "/UseOutlines"


def test_contents_lists_each_paper_with_its_page_and_links_there(volume):
    contents = volume.pages[FRONT - 1]
    text = " ".join(contents.extract_text().split())
    assert text.startswith("Contents")
    # Each entry: the title, the authors, the page it starts on.
    for title, last_author, first in zip(
        TITLES, ["Weisong Shi", "Tushar Krishna", "Zhiru Zhang"], FIRST_PAGES, strict=True
    ):
        assert title.split(":")[0] in text
        assert re.search(rf"{re.escape(last_author)} {first}\b", text), title
    assert "Liangkai Liu, Yanzhi Wang, Weisong Shi" in text
    assert "Author Index 27" in text
    links = [a.get_object() for a in contents["/Annots"]]
    links.sort(key=lambda a: -float(a["/Rect"][3]))  # top to bottom
    assert [dest_page(volume, a["/Dest"]) for a in links] == [FRONT + p - 1 for p in FIRST_PAGES] + [
        FRONT + PAPER_PAGES
    ]


def test_title_page_and_committees(volume):
    title = " ".join(volume.pages[0].extract_text().split())
    for fact in [
        "Benchmarking Machine Learning Workloads on Emerging Hardware",
        "MLBench'23",
        "June 8, 2023",
        # The conference named once, with its short name: not "(MLSys) (MLSys 2023)".
        "Held with the Sixth Conference on Machine Learning and Systems (MLSys 2023)",
        "Proceedings of the Workshop on Benchmarking Machine Learning Workloads on Emerging Hardware (MLBench'23)",
        "Edited by",
        "Tom St. John (OctoML)",
        "Murali Emani (Argonne National Laboratory)",
        "Wenqian Dong (Florida International University)",
    ]:
        assert fact in title, fact
    assert "(MLSys) (" not in title
    committees = " ".join(volume.pages[1].extract_text().split())
    assert "Organizing Committee" in committees and "Program Committee" in committees
    assert 'Yu "Emma" Wang (Google)' in committees and "Oana Balmau (McGill University)" in committees


def test_author_index_lists_every_author_once_with_linked_pages(volume):
    page = volume.pages[FRONT + PAPER_PAGES]
    lines = [" ".join(line.split()) for line in page.extract_text().splitlines()]
    found = {}
    for line in lines:
        match = re.fullmatch(r"(.+?, .+?) ([\d, ]+)", line)
        if match:
            found[match[1]] = [int(n) for n in match[2].replace(",", " ").split()]
    assert found == INDEX
    names = [line.rsplit(" ", 1)[0] for line in lines if re.fullmatch(r".+?, .+? [\d, ]+", line)]
    assert names == list(INDEX)  # filed by family name, then given name
    targets = sorted(dest_page(volume, a.get_object()["/Dest"]) for a in page["/Annots"])
    assert targets == sorted(FRONT + p - 1 for pages in INDEX.values() for p in pages)


def all_fonts(reader: pypdf.PdfReader):
    seen = set()

    def fonts_of(resources):
        resources = resources.get_object() if resources is not None else {}
        yield from (resources.get("/Font") or {}).values()
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
                seen.add(id(xobject))
                yield from fonts_of(xobject.get("/Resources"))

    for page in reader.pages:
        yield from fonts_of(page.get("/Resources"))


def test_every_font_is_embedded(volume):
    names = set()
    for font in all_fonts(volume):
        font = font.get_object()
        for part in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
            if part["/Subtype"] in ("/Type0", "/Type3"):
                continue
            descriptor = part["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), part["/BaseFont"]
            names.add(str(part["/BaseFont"]))
    assert any("DejaVuSans" in n for n in names)  # the stamp's font


def test_no_scripts_or_actions(volume):
    root = volume.trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root and "/AcroForm" not in root
    assert set(root["/Names"].keys()) == {"/Dests"}
    for page in volume.pages:
        assert "/AA" not in page
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            assert annotation["/Subtype"] == "/Link"
            action = annotation.get("/A")
            assert action is None or action["/S"] in ("/GoTo", "/URI")


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (apt install qpdf)")
def test_qpdf_finds_nothing_wrong(built):
    for pdf in [built / "volume.pdf", *sorted((built / "papers").glob("*.pdf"))]:
        done = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert done.returncode == 0, (pdf, done.stdout, done.stderr)
        assert "No syntax or stream encoding errors" in done.stdout


def test_each_paper_split_out_with_its_stamped_pages_and_bibtex(built, volume):
    for paper_id, first, pages in [
        ("liu-time-variations", 1, 10),
        ("sridharan-chakra", 11, 10),
        ("huang-bnn-crossbar", 21, 6),
    ]:
        own = pypdf.PdfReader(built / "papers" / f"{paper_id}.pdf")
        assert list(own.page_labels) == [str(n) for n in range(first, first + pages)]
        assert own.pages[-1].extract_text().splitlines()[-2:] == [str(first + pages - 1), FOOTER]
        # The same page content as in the volume.
        assert own.pages[0].extract_text() == volume.pages[FRONT + first - 1].extract_text()
        bib = (built / "papers" / f"{paper_id}.bib").read_text()
        assert f"@inproceedings{{mlbench23:{paper_id}," in bib
        assert f"pages     = {{{first}--{first + pages - 1}}}," in bib
    volume_bib = (built / "volume.bib").read_text()
    assert volume_bib.startswith("@proceedings{mlbench23,\n")
    # The fields are aligned on the longest name (the example's publisher), whatever it is.
    assert re.search(r"\n  editor +\= \{St\. John, Tom and Emani, Murali and Dong, Wenqian\},", volume_bib)
    assert re.search(r"\n  doi +\= \{10\.5555/mlbench23\},", volume_bib)  # the volume's own DOI
    assert volume_bib.count("@inproceedings{") == 3


def test_the_manifest_says_what_was_removed(built):
    import json

    manifest = json.loads((built / "volume.json").read_text())
    assert [(p["id"], p["first"], p["last"]) for p in manifest["papers"]] == [
        ("liu-time-variations", 1, 10),
        ("sridharan-chakra", 11, 20),
        ("huang-bnn-crossbar", 21, 26),
    ]
    # fpdf2 writes an opening view ("show page 1") into every sample: not carried in, and said so.
    assert all(p["removed"] == {"opening view": 1} for p in manifest["papers"])


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(built, tmp_path):
    again = tmp_path / "again"
    done = run_build(ROOT / "docs" / "data", again)
    assert done.returncode == 0, done.stderr
    assert digest(again) == digest(built)


def test_source_date_epoch_sets_the_dates(tmp_path):
    done = run_build(ROOT / "docs" / "data", tmp_path, env={"SOURCE_DATE_EPOCH": "1685577600"})  # 2023-06-01
    assert done.returncode == 0, done.stderr
    info = pypdf.PdfReader(tmp_path / "volume.pdf").metadata
    assert info["/CreationDate"] == "D:20230601000000Z" == info["/ModDate"]


def test_without_source_date_epoch_the_pdfs_are_dated_by_the_workshop_day(built, volume):
    """The site's calendars are stamped by the same rule (test_ext_exports)."""
    assert volume.metadata["/CreationDate"] == "D:20230608000000Z" == volume.metadata["/ModDate"]
    paper = pypdf.PdfReader(built / "papers" / "liu-time-variations.pdf")
    assert paper.metadata["/CreationDate"] == "D:20230608000000Z"


def test_a_malformed_source_date_epoch_stops_the_build_before_the_check(tmp_path):
    done = run_build(ROOT / "docs" / "data", tmp_path / "out", env={"SOURCE_DATE_EPOCH": "2023-06-01"})
    assert done.returncode == 1
    assert done.stderr == (
        "error: SOURCE_DATE_EPOCH: '2023-06-01' is not a date as seconds since 1970-01-01 UTC: set it to a "
        "whole number such as `date +%s` or `git log -1 --format=%ct` prints, or unset it to date the "
        "outputs by the workshop's day (2023-06-08)\n"
    )
    assert done.stdout == ""  # no check table: nothing was read or written
    assert not (tmp_path / "out").exists()


def test_a_rebuild_with_nothing_changed_touches_no_file(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out, copy_function=shutil.copy2)

    def stamps() -> dict[Path, int]:  # every file, the check's report.json too
        return {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}

    before = stamps()
    done = run_build(ROOT / "docs" / "data", out)
    assert done.returncode == 0, done.stderr
    assert stamps() == before
    assert not list(out.glob(".staging-*"))
