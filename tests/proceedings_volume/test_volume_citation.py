"""The citation line on each paper's first page, for titles the example never has: long ones
(wrapped and set smaller, within the footer band the check keeps clear, a quarter inch
above the page's foot, never past the page's edges), in other scripts (each character in a bundled font that has it), and those
the stamp cannot set (right to left; too long for the band), refused in one line."""

from __future__ import annotations

import pypdf
import pytest
from volume_support import copy_data, edit_yaml, run_build

from proceedings.volume.stamps import CITATION_MARGIN, EDGE
from workshop.core.rules import STAMP_BAND
from workshop.engine.pdf.content import scan_page
from workshop.engine.pdf.fonts import Faces
from workshop.engine.pdf.text import read_runs


def build_with_title(tmp_path, title: str):
    data = copy_data(tmp_path / "repo")
    edit_yaml(data / "workshop.yaml", lambda d: d["proceedings"].update(title=title))
    out = tmp_path / "out"
    return run_build(data, out), out


def stamp_runs(page: pypdf.PageObject):
    """The runs of text in the footer band, bottom to top (the paper's own text is above it)."""
    runs, _ = read_runs(scan_page(page, Faces()))
    return sorted((r for r in runs if r.y < STAMP_BAND), key=lambda r: r.y)


def citation_of(page: pypdf.PageObject) -> str:
    """The text of the stamp's lines, top to bottom."""
    return " ".join(r.text for r in sorted(stamp_runs(page), key=lambda r: (-round(r.y, 1), r.x)))


LONG = (
    "Proceedings of the Fourth International Workshop on Benchmarking, Characterizing and "
    "Co-Designing Machine Learning Workloads, Systems and Accelerators on Emerging and "
    "Heterogeneous Hardware Platforms from the Edge to the Datacenter (MLBench'23)"
)


def test_a_long_title_wraps_smaller_within_the_band_and_the_page(tmp_path):
    done, out = build_with_title(tmp_path, LONG)
    assert done.returncode == 0, done.stderr
    doi = "https://doi.org/10.5555/mlbench23.sridharan-chakra"
    expected = f"{LONG}, pages 11-20, held with MLSys 2023, June 8, 2023. {doi}"
    volume = pypdf.PdfReader(out / "volume.pdf")
    for page in (
        pypdf.PdfReader(out / "papers" / "sridharan-chakra.pdf").pages[0],
        volume.pages[list(volume.page_labels).index("11")],
    ):
        assert " ".join(citation_of(page).split()) == expected
        lines = stamp_runs(page)
        assert lines[0].text == doi  # the DOI on a line of its own when the line must wrap
        assert len({round(r.y, 1) for r in lines}) >= 3  # wrapped
        assert all(r.size < 6.5 for r in lines)  # and set smaller than the footer
        assert "11" not in [r.text for r in lines]  # the citation gives the page's number
        width = float(page.mediabox.width)
        for run in lines:
            assert run.y - 0.24 * run.size >= EDGE - 0.01 and run.y + 0.76 * run.size <= STAMP_BAND
            assert run.x >= CITATION_MARGIN - 0.5  # centred: as far from both edges
            assert run.x <= width / 2
    # Later pages keep the number and the short footer.
    second = pypdf.PdfReader(out / "papers" / "sridharan-chakra.pdf").pages[1]
    assert [r.text for r in stamp_runs(second)] == ["MLBench'23 · MLSys 2023", "12"]


def test_a_title_in_chinese_prints_in_the_fallback_font(tmp_path):
    title = "第四届机器学习基准研讨会论文集 (MLBench'23)"
    done, out = build_with_title(tmp_path, title)
    assert done.returncode == 0, done.stderr
    page = pypdf.PdfReader(out / "papers" / "liu-time-variations.pdf").pages[0]
    assert " ".join(citation_of(page).split()) == (
        f"{title}, pages 1-10, held with MLSys 2023, June 8, 2023. https://doi.org/10.5555/mlbench23.liu-time-variations"
    )
    fonts = {str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values() if "/BaseFont" in f}
    assert any("DejaVuSans" in f for f in fonts) and any("DroidSansFallback" in f for f in fonts)


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("وقائع ورشة العمل (MLBench'23)", "right-to-left letters"),
        ("Proceedings of " + "a very long workshop name " * 60, "does not fit the footer"),
    ],
)
def test_a_citation_the_stamp_cannot_set_stops_the_build_in_one_line(tmp_path, title, words):
    done, out = build_with_title(tmp_path, title)
    assert done.returncode == 1
    assert words in done.stderr and "workshop.yaml" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (out / "volume.pdf").exists()
