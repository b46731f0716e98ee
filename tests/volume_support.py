"""Helpers of the volume's tests (test_volume_*.py): a private copy of the example data to
edit, papers made at test time by real PDF writers (fpdf2, and pypdf's writer for what
fpdf2 does not write: scripts, attachments, form fields), the CLI run as a chair runs
it, and the volume read back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import yaml
from fpdf import FPDF
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from proceedings.volume.typefaces import SERIF, SERIF_BOLD

ROOT = Path(__file__).resolve().parent.parent


def copy_data(dest: Path) -> Path:
    """A repository-like folder with a copy of docs/data; returns its data folder."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "pyproject.toml").write_text("# marks the repository root for the loader\n")
    shutil.copytree(ROOT / "docs" / "data", dest / "docs" / "data")
    return dest / "docs" / "data"


def edit_yaml(path: Path, change) -> None:
    """Load, change (a function of the parsed data) and write back a YAML file."""
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def run_build(
    data: Path, out: Path, *extra: str, env: dict | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """``python -m proceedings build`` as a chair runs it, in its own process (from the
    repository holding ``data`` unless ``cwd`` says where)."""
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment.update(env or {})
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "proceedings",
            "build",
            "--data",
            str(data),
            "--out",
            str(out),
            "--no-progress",
            "--jobs",
            "1",
            *extra,
        ],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd or data.parent.parent,
    )


class Paper(FPDF):
    """A plain paper: US Letter, DejaVu Serif, one body paragraph per page."""

    def __init__(self) -> None:
        super().__init__(format="letter", unit="pt")
        self.add_font("Serif", "", SERIF)
        self.add_font("Serif", "B", SERIF_BOLD)
        self.set_margins(72, 72, 72)
        self.set_auto_page_break(False)
        self.set_font("Serif", "", 10)

    def body(self, text: str) -> None:
        self.set_font("Serif", "", 10)
        self.multi_cell(0, 13, text, new_x="LMARGIN", new_y="NEXT")


def body_pages(path: Path, title: str, pages: int, authors: list[str] | None = None) -> Path:
    """A paper of ``pages`` pages with a references section on its last page (its page 1
    names ``authors`` under the title, when given)."""
    pdf = Paper()
    for number in range(1, pages + 1):
        pdf.add_page()
        if number == 1:
            pdf.set_font("Serif", "B", 16)
            pdf.multi_cell(0, 20, title, new_x="LMARGIN", new_y="NEXT")
            if authors:
                pdf.set_font("Serif", "", 11)
                pdf.multi_cell(0, 14, ", ".join(authors), new_x="LMARGIN", new_y="NEXT")
        pdf.body(f"Body text of page {number}. " * 40)
        if number == pages:
            pdf.set_font("Serif", "B", 11)
            pdf.cell(0, 16, "References", new_x="LMARGIN", new_y="NEXT")
            pdf.body("[1] A reference. In Proc. MLSys, 2022.")
    pdf.output(str(path))
    return path


SECTIONS = ("intro", "method", "results")


def hyperlinked_paper(path: Path, title: str) -> Path:
    """Three pages, one per section: each a bookmark and a *named* destination with the
    same names in every paper made here ("intro", "method", "results"), linked to from
    page 1 by name; page 3 links back to page 1 by an explicit destination."""
    pdf = Paper()
    for number, section in enumerate(SECTIONS, 1):
        pdf.add_page()
        pdf.set_font("Serif", "B", 12)
        pdf.start_section(f"{number} {section.title()}")
        pdf.set_link(name=section)
        pdf.cell(0, 16, f"{number} {section.title()} of {title}", new_x="LMARGIN", new_y="NEXT")
        if number == 1:
            for target in SECTIONS[1:]:
                pdf.set_font("Serif", "", 10)
                pdf.cell(200, 14, f"see {target}", link=f"#{target}", new_x="LMARGIN", new_y="NEXT")
        if number == 3:
            back = pdf.add_link(page=1)
            pdf.cell(200, 14, "back to the start", link=back, new_x="LMARGIN", new_y="NEXT")
        pdf.body("Text. " * 200)
        if number == 3:
            pdf.set_font("Serif", "B", 11)
            pdf.cell(0, 16, "References", new_x="LMARGIN", new_y="NEXT")
            pdf.body("[1] A reference. In Proc. MLSys, 2022.")
    pdf.output(str(path))
    return path


def hostile_paper(path: Path) -> Path:
    """A paper carrying everything the volume must not: document JavaScript, an open
    action that runs it, a page action, a launch link, a ``javascript:`` link, an
    embedded file and a form field; also one good web link that must survive."""
    plain = path.with_suffix(".plain.pdf")
    pdf = Paper()
    for number in range(1, 5):
        pdf.add_page()
        pdf.body(f"Page {number}. " * 50)
    pdf.set_font("Serif", "B", 11)
    pdf.cell(0, 16, "References", new_x="LMARGIN", new_y="NEXT")
    pdf.body("[1] A reference. In Proc. MLSys, 2022.")
    pdf.output(str(plain))
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.add_attachment("payload.txt", b"not for the volume")
    root = writer._root_object
    script = writer._add_object(
        DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('document');"),
            }
        )
    )
    names = root["/Names"]  # made by add_attachment
    names[NameObject("/JavaScript")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("startup"), script])}
    )
    root[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('open');"),
        }
    )
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject(
        {
            NameObject("/O"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("app.alert('page');"),
                }
            )
        }
    )

    def annotation(subtype: str, rect: tuple[int, int, int, int], **entries) -> None:
        entry = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject(subtype),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
            }
        )
        for key, value in entries.items():
            entry[NameObject(f"/{key}")] = value
        writer.add_annotation(0, entry)

    def action(kind: str, **entries) -> DictionaryObject:
        entry = DictionaryObject({NameObject("/S"): NameObject(f"/{kind}")})
        for key, value in entries.items():
            entry[NameObject(f"/{key}")] = value
        return entry

    annotation("/Link", (72, 700, 200, 712), A=action("Launch", F=TextStringObject("calc.exe")))
    annotation("/Link", (72, 680, 200, 692), A=action("URI", URI=TextStringObject("javascript:alert(1)")))
    annotation("/Link", (72, 660, 200, 672), A=action("URI", URI=TextStringObject("https://mlsys.org/")))
    annotation(
        "/Widget",
        (72, 600, 200, 620),
        FT=NameObject("/Tx"),
        T=TextStringObject("name"),
        A=action("SubmitForm", F=TextStringObject("https://example.invalid/collect")),
    )
    widget = page["/Annots"][-1]
    root[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([widget])})
    writer.write(str(path))
    plain.unlink()
    return path


def add_papers(data: Path, papers: list[dict], min_pages: int = 1) -> None:
    """Append papers (papers.yaml entries; their PDFs already in data/papers) on the short
    track, whose minimum is lowered so that short test papers pass the check; their page 1
    says none of the entries' titles and authors (these tests are about the volume), so
    the data's policy makes the metadata finding a warning."""
    edit_yaml(data / "papers.yaml", lambda d: d["papers"].extend(papers))

    def lower(d: dict) -> None:
        for track in d["tracks"]:
            track["min_pages"] = min(track["min_pages"], min_pages)
        if d.get("proceedings") is not None:
            d["proceedings"]["policy"] = {"metadata": "warn"}

    edit_yaml(data / "workshop.yaml", lower)


def stamp_lines(page: pypdf.PageObject) -> list[tuple[float, float]]:
    """(baseline, size) of each line the stamp draws, from its content stream (the last)."""
    stream = page["/Contents"][-1].get_object()
    lines: list[list] = []
    for operands, operator in ContentStream(stream, None).operations:
        if operator == b"Tm":
            lines.append([float(operands[5]), None])
        elif operator == b"Tf" and lines and lines[-1][1] is None:
            lines[-1][1] = float(operands[1])
    return [(y, size) for y, size in lines]
