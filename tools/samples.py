"""Sample camera-ready PDFs for the example data, so a fresh clone has papers to check.

    python -m tools.samples                  (re)write the PDFs that docs/data/papers.yaml names
    python -m tools.samples --data DIR       ... that DIR/papers.yaml names

Each sample is laid out like a two-column workshop paper: a title block, numbered
sections in bold, a references section that begins below body text and an
appendix.  Every page says, in its header band, that it is a sample and not the
authors' paper.  The length fits the paper's track: the body and appendix fill
one page fewer than the track's maximum, so the check passes with the references
running onto a last page of their own.

Titles and names are set in the volume's fonts (:mod:`proceedings.volume.typefaces`:
Latin, Greek, Cyrillic, Arabic, Hebrew, Chinese, Japanese, Korean) by the volume's
typesetter; a title or name with characters none of them has stops the tool before it
writes anything, naming the file and the field.  The PDFs are dated by the outputs'
dating rule (:func:`workshop.core.epoch.build_moment`: ``SOURCE_DATE_EPOCH``, else the
workshop's day), so the same data gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
import unicodedata
from pathlib import Path

from fpdf import FPDF

from proceedings.volume.fpdfdoc import Document
from proceedings.volume.typefaces import COVERED_SCRIPTS, unprintable
from workshop.core.epoch import build_moment
from workshop.core.load import Loaded, load
from workshop.core.model import Paper, Track
from workshop.core.plan import printed_texts
from workshop.core.problems import WorkshopError, shown_path
from workshop.core.yamlfile import field_name

#: The date of the tests' own PDFs (tests/pdfs.py), which belong to no workshop.
EPOCH = dt.datetime(2023, 5, 19, tzinfo=dt.UTC)

#: The words of the samples' sentences (tests/pdfs.py writes its papers with them too).
WORDS = [
    "benchmark",
    "workload",
    "accelerator",
    "latency",
    "throughput",
    "memory",
    "bandwidth",
    "inference",
    "training",
    "kernel",
    "operator",
    "graph",
    "tensor",
    "trace",
    "scheduler",
    "cluster",
    "node",
    "interconnect",
    "energy",
    "power",
    "model",
    "batch",
    "pipeline",
    "compiler",
    "runtime",
    "hardware",
    "software",
    "system",
    "performance",
    "measurement",
    "variance",
    "characterization",
    "projection",
    "heterogeneous",
    "compute",
    "network",
    "storage",
    "dataset",
    "metric",
    "evaluation",
]


class SamplePaper(Document):
    """A paper's pages in the volume's fonts, with the fallbacks its title and names need."""

    def __init__(self, banner: str, texts: list[str], moment: dt.datetime) -> None:
        super().__init__([banner, *texts], moment)
        self.banner = banner
        self.set_margins(54, 72, 54)
        self.set_auto_page_break(True, margin=72)
        self.set_producer("tools.samples (fpdf2)")

    def header(self) -> None:
        # Within the text area's width, as a template's running head is (the check's
        # margin finding allows it there): smaller type, then a shorter title, to fit.
        banner, size = self.banner, 7.0
        self.set_font("Serif", "", size)
        while self.get_string_width(banner) > self.epw:
            if size > 5:
                size -= 0.5
                self.set_font("Serif", "", size)
            else:
                banner = banner[:-2].rstrip() + "…"
        self.set_text_color(150, 0, 0)
        self.set_xy(54, 36)
        self.cell(0, 10, banner, align="C")
        self.set_text_color(0, 0, 0)
        self.set_xy(54, 72)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(4, 7)))


class Columns:
    """Two-column flow of wrapped lines, tracking the page: what fpdf2's buffered
    ``text_columns`` cannot tell while writing."""

    def __init__(self, pdf: FPDF, top: float, gap: float = 18) -> None:
        self.pdf, self.gap = pdf, gap
        self.width = (pdf.w - pdf.l_margin - pdf.r_margin - gap) / 2
        self.bottom = pdf.h - pdf.b_margin
        self.column, self.y = 0, top

    def _advance(self, height: float) -> None:
        if self.y + height > self.bottom:
            if self.column == 0:
                self.column, self.y = 1, self.pdf.t_margin
                self.y = self._column_top
            else:
                self.pdf.add_page()
                self.column, self.y = 0, self.pdf.t_margin
                self._column_top = self.pdf.t_margin

    _column_top = 0.0

    def start(self, top: float) -> None:
        self._column_top = top
        self.y = top

    def write(self, text: str, size: float = 9, style: str = "", space_before: float = 0) -> None:
        pdf = self.pdf
        pdf.set_font("Serif", style, size)
        lines = pdf.multi_cell(self.width, size * 1.2, text, dry_run=True, output="LINES")
        self.y += space_before if self.y > self._column_top else 0
        for line in lines:
            self._advance(size * 1.2)
            x = pdf.l_margin + self.column * (self.width + self.gap)
            pdf.set_xy(x, self.y)
            pdf.cell(self.width, size * 1.2, line)
            self.y += size * 1.2

    @property
    def page(self) -> int:
        return self.pdf.page_no()

    @property
    def fraction(self) -> float:
        """How far down the current column the text has reached (0 top, 1 bottom)."""
        return self.y / self.pdf.h


def build_sample(paper: Paper, track: Track, out: Path, moment: dt.datetime = EPOCH) -> None:
    """Write a sample PDF for ``paper`` whose counted length is ``track.max_pages - 1``,
    dated ``moment``."""
    seed = int.from_bytes(hashlib.sha256(paper.id.encode()).digest()[:8], "big")
    rng = random.Random(seed)
    body_pages = max(track.min_pages, track.max_pages - 1)
    authors = "; ".join(a.display for a in paper.authors)
    pdf = SamplePaper(
        f"SAMPLE for the example site - not the authors' paper: {paper.title}", [paper.title, authors], moment
    )
    pdf.set_title(f"{paper.title} (sample)")
    pdf.set_author(", ".join(a.name for a in paper.authors))
    pdf.add_page()
    pdf.set_font("Serif", "B", 16)
    pdf.multi_cell(0, 20, paper.title, align="C")
    pdf.ln(6)
    pdf.set_font("Serif", "", 10)
    pdf.multi_cell(0, 13, authors, align="C")
    pdf.ln(4)
    pdf.set_font("Serif", "B", 10)
    pdf.multi_cell(0, 13, "This is a sample document, not the camera-ready paper.", align="C")
    cols = Columns(pdf, pdf.get_y() + 12)
    cols.start(pdf.get_y() + 12)

    sections = [
        "Introduction",
        "Background",
        "Methodology",
        "Workloads",
        "Evaluation",
        "Discussion",
        "Related Work",
        "Conclusion",
    ]
    number = 0
    # The body: sections until the last counted page is half full.
    while cols.page < body_pages or (cols.column == 0 and cols.fraction < 0.5):
        if number < len(sections) and (number == 0 or rng.random() < 0.3):
            cols.write(f"{number + 1} {sections[number]}", size=11, style="B", space_before=8)
            number += 1
        cols.write(_paragraph(rng), space_before=3)
    cols.write("References", size=11, style="B", space_before=8)
    entry = 1
    while cols.page <= body_pages:  # run onto a page that holds only references
        cols.write(f"[{entry}] {_sentence(rng)} In Proc. MLSys, {2015 + entry % 9}.", size=8, space_before=2)
        entry += 1
    for _ in range(12):
        cols.write(f"[{entry}] {_sentence(rng)} arXiv, {2015 + entry % 9}.", size=8, space_before=2)
        entry += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".pdf.tmp")
    pdf.output(str(tmp))
    tmp.replace(out)


def check_printable(loaded: Loaded) -> None:
    """:class:`WorkshopError` naming the first title, name or affiliation of a paper that
    the bundled fonts cannot print (file and field), with every other one after it."""
    found = [
        (path, text, chars)
        for part, path, text in printed_texts(loaded.workshop)
        if part == "papers" and path[-1] != "sort_as" and (chars := unprintable(text))
    ]
    if not found:
        return
    (path, text, chars), more = found[0], found[1:]
    listed = ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in chars)
    message = f"{text!r} has characters that no bundled font has: {listed}; no sample PDF was written."
    for other_path, other_text, _ in more:
        message += f"\n  also {field_name(other_path)}: {other_text!r}"
    message += (
        f"\nWrite it in a script the bundled fonts cover ({COVERED_SCRIPTS}), or add a font that has "
        "these characters to FALLBACKS in proceedings/volume/typefaces.py."
    )
    raise WorkshopError(message, file=shown_path(loaded.files["papers"]), field=field_name(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.samples", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="docs/data", help="the data folder (default: docs/data)")
    args = parser.parse_args(argv)
    loaded = load(args.data)
    if not loaded.ok or loaded.workshop.papers is None or loaded.workshop.info is None:
        for problem in loaded.problems:
            print(f"error: {problem}", file=sys.stderr)
        if loaded.ok:
            print(
                f"error: {args.data} has no workshop.yaml or no papers.yaml: no paper to sample",
                file=sys.stderr,
            )
        return 1
    info = loaded.workshop.info
    try:
        check_printable(loaded)
        moment = build_moment(info)
    except WorkshopError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for paper in loaded.workshop.papers.papers:
        track = info.track(paper.track)
        assert track is not None  # the loader refuses a paper of an unknown track
        out = loaded.pdf_path(paper.pdf)
        build_sample(paper, track, out, moment)
        print(f"wrote {shown_path(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
