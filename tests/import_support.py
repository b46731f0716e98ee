"""Helpers of the import's tests (test_import_*.py): exports written at test time as each
submission system writes them (EasyChair's CSVs through the csv module, HotCRP's and
OpenReview's JSON), a data folder to import into, the CLI run as a chair runs it, and a
snapshot of every byte of the data folder (to see that a refused import wrote nothing)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SUBMISSION_HEADER = [
    "#",
    "title",
    "authors",
    "submitted",
    "last updated",
    "form fields",
    "keywords",
    "decision",
    "notified",
    "reviews sent",
    "abstract",
    "deleted?",
]
AUTHOR_HEADER = [
    "submission #",
    "first name",
    "last name",
    "email",
    "country",
    "affiliation",
    "Web page",
    "person #",
    "corresponding?",
]

#: An abstract with what CSV must quote and what YAML must keep: quotes, commas, blank lines
#: (and Windows line ends, a tab, a stray control character, surplus blank lines).
ABSTRACT = (
    'We measure "latency", throughput, and energy: all three.\r\n\r\n'
    "A second paragraph,\twith a comma\x07 and  two spaces.\r\n\r\n\r\n\r\nThird."
)
ABSTRACT_KEPT = (
    'We measure "latency", throughput, and energy: all three.\n\n'
    "A second paragraph, with a comma and two spaces.\n\nThird."
)

#: (number, title, decision, deleted?, abstract) and the authors (number, first, last, affiliation).
SUBMISSIONS = [
    (1, "Fast Inference on Edge TPUs: A Study", "ACCEPT", "no", ABSTRACT),
    (2, "Benchmarking 大模型 Inference", "Accept (oral)", "no", "Short."),
    (3, "A Rejected Idea", "reject", "no", "No."),
    (4, "A Deleted Idea", "accept", "yes", "Gone."),
    (5, "A Tentative Idea", "probably accept", "no", "Maybe."),
    (6, "Don't Trust the Clock: Timing ML on Accelerators", "accept", "no", ""),
    (7, "An Undecided Idea", "", "no", "Wait."),
]
AUTHORS = [
    (1, "Jürgen", "Müller", "ETH Zürich"),
    (1, "Anne-Marie", "van der Berg", "TU Delft"),
    (1, "Seán", "O'Brien", "Trinity College, Dublin"),
    (2, "小明", "王", "清华大学"),
    (2, "Zoë", "D'Angelo", ""),
    (3, "Rita", "Reject", "Nowhere"),
    (4, "Dee", "Leted", "Nowhere"),
    (5, "Tom", "Tentative", "Nowhere"),
    (6, "Vijay", "Janapa Reddi", "Harvard University"),
    (6, "Ana", "García Márquez", "Universidad de los Andes"),
    (7, "Un", "Decided", "Nowhere"),
]


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def easychair(
    folder: Path, submissions=SUBMISSIONS, authors=AUTHORS, *, bom: bool = True
) -> tuple[Path, Path]:
    """``submission.csv`` and ``author.csv`` as EasyChair's data download writes them."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        [
            n,
            title,
            "someone",
            "2023-04-01 10:00",
            "2023-04-02 11:00",
            "",
            "benchmarks\nhardware",
            decision,
            "yes",
            "yes",
            abstract,
            deleted,
        ]
        for n, title, decision, deleted, abstract in submissions
    ]
    people = [
        [n, first, last, f"p{i}@example.org", "Nowhere", where, "", i, "no"]
        for i, (n, first, last, where) in enumerate(authors, start=1)
    ]
    bytes_ = "\ufeff" if bom else ""
    (folder / "submission.csv").write_text(
        bytes_ + csv_text(SUBMISSION_HEADER, rows), encoding="utf-8", newline=""
    )
    (folder / "author.csv").write_text(bytes_ + csv_text(AUTHOR_HEADER, people), encoding="utf-8", newline="")
    return folder / "submission.csv", folder / "author.csv"


def write_json(path: Path, value: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def data_folder(dest: Path, *, example_papers: bool = False, tracks: int = 1) -> Path:
    """A repository-like folder with the example's data (its papers.yaml and PDFs only with
    ``example_papers``; one track, ``short``, unless ``tracks`` is 2); its data folder."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "pyproject.toml").write_text("# marks the repository root for the loader\n")
    data = dest / "docs" / "data"
    shutil.copytree(ROOT / "docs" / "data", data)
    if not example_papers:
        (data / "papers.yaml").unlink()
        shutil.rmtree(data / "papers")
        (data / "schedule.yaml").unlink()  # its paper talks name the example's papers
        if tracks == 1:
            text = (data / "workshop.yaml").read_text()
            start = text.index("  - id: full")
            end = text.index("  - id: short")
            (data / "workshop.yaml").write_text(text[:start] + text[end:])
    return data


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m proceedings import ...`` as a chair runs it."""
    return subprocess.run(
        [sys.executable, "-m", "proceedings", "import", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
