"""Benchmark of the volume build against qpdf merging and stamping the same papers.

    PYTHONPATH=tests python -m tools.bench.volume [--sizes 100 400] [--repeat 3] [--out _build/bench]

For each corpus size (the papers of :mod:`tools.bench.corpus`, shared with the check's
benchmark), in one run and on the same files:

* ``volume``: :func:`proceedings.volume.build_volume` in a process of its own
  (interpreter start and imports included): front matter, the papers stamped, bookmarks,
  author index, each paper's own stamped PDF and BibTeX: everything ``build`` writes
  after the check, which has a benchmark of its own;
* ``qpdf``: ``qpdf --keep-files-open=y --empty --pages FILES -- --overlay NUMBERS.pdf --
  OUT``: the papers merged and each page stamped from a PDF of page numbers and footers
  made beforehand (its making is not timed) -- less than the volume does.

Each is run ``--repeat`` times, interleaved; the time kept is the fastest run, the peak
memory (the process's maximum resident set, from ``wait4``) the largest.  Targets at
400 papers: time at most 2.0x qpdf's, peak memory at most 1.2x, output size at most
1.05x.  Figures go to ``volume.json`` in the output folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from proceedings.volume.typefaces import SANS
from tools.bench.corpus import make_corpus
from tools.bench.shared import machine, write_figures

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"time": 2.0, "memory": 1.2, "size": 1.05}

GIVEN = [
    "Ana",
    "Wei",
    "Liang",
    "Sofia",
    "Jonas",
    "Émile",
    "Søren",
    "Priya",
    "Chen",
    "Yuki",
    "Olga",
    "Kwame",
    "Mateo",
    "Zoë",
    "Hyun",
    "Ingrid",
    "Tomás",
    "Aarav",
    "Leila",
    "Björn",
    "Fatima",
    "Jae W.",
    "Noor",
]
FAMILY = [
    "Zhang",
    "Müller",
    "van der Berg",
    "de la Cruz",
    "Ødegaard",
    "Çelik",
    "Kowalski",
    "Nguyen",
    "O'Brien",
    "Janssen",
    "García",
    "Smith",
    "Kim",
    "Dubois",
    "Rossi",
    "Novák",
    "Haddad",
    "Sato",
    "Petrov",
    "Wang",
]
#: Names in other scripts: the fallback fonts, and right-to-left names shaped by HarfBuzz.
OTHER_SCRIPTS = [
    "王小明",
    "李娜",
    "김민준",
    "佐藤健",
    "محمد علي",
    "דוד כהן",
    "Γιώργος Παπαδόπουλος",
    "Иван Петров",
]


def people(count: int) -> list[dict]:
    """A pool of authors: Latin names with accents and particles, a few in other scripts."""
    rng = random.Random(0)
    pool = [
        {"name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}", "affiliation": f"University {i % 97}"}
        for i in range(count)
    ]
    for i, name in enumerate(OTHER_SCRIPTS):
        pool[i * 37 % count] = {"name": name, "affiliation": "University of Tokyo"}
    return pool


def make_data(files: list[Path], folder: Path) -> Path:
    """A data folder naming the corpus as accepted papers (no program: papers.yaml order)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("workshop.yaml", "people.yaml"):
        shutil.copy2(ROOT / "docs" / "data" / name, folder / name)
    rng = random.Random(len(files))
    pool = people(len(files) * 3)
    papers = [
        {
            "id": path.stem,
            "title": f"Measuring Accelerators, Part {i}: A Benchmark Study of Workloads",
            "track": "full",
            "pdf": os.path.relpath(path, folder),
            # Copies: the same dict twice would be dumped as a YAML alias, which data files refuse.
            "authors": [dict(author) for author in rng.sample(pool, rng.randint(1, 8))],
        }
        for i, path in enumerate(files)
    ]
    (folder / "papers.yaml").write_text(
        yaml.safe_dump({"papers": papers}, allow_unicode=True, sort_keys=False)
    )
    return folder


#: Run in the child: build the volume from DATA (with ROOT as the repository) into OUT.
CHILD = """
import sys
from pathlib import Path
from workshop.core.load import load
from proceedings.volume.build import build_volume
loaded = load(sys.argv[1], root=sys.argv[2])
assert loaded.ok, loaded.problems[:3]
build_volume(loaded, Path(sys.argv[3]), progress=False)
"""


def run(command: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of a command in its own process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    error = process.stderr.read().decode()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[0]} failed:\n{error}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def numbers_pdf(files: list[Path], out: Path, footer: str) -> int:
    """The stamps qpdf overlays: each page's volume number and the footer, Letter size."""
    from fpdf import FPDF
    from pypdf import PdfReader

    from proceedings.volume.stamps import FOOTER_BASELINE, FOOTER_SIZE, NUMBER_BASELINE, NUMBER_SIZE

    pages = sum(len(PdfReader(f).pages) for f in files)
    pdf = FPDF(format="letter", unit="pt")
    pdf.add_font("Sans", "", SANS)
    pdf.set_auto_page_break(False)
    for number in range(1, pages + 1):
        pdf.add_page()
        for text, size, baseline in (
            (str(number), NUMBER_SIZE, NUMBER_BASELINE),
            (footer, FOOTER_SIZE, FOOTER_BASELINE),
        ):
            pdf.set_font("Sans", "", size)
            pdf.text((pdf.w - pdf.get_string_width(text)) / 2, pdf.h - baseline, text)
    pdf.output(str(out))
    return pages


def measure(size: int, out: Path, repeat: int) -> dict[str, object]:
    files = make_corpus(size, out / "corpus" / f"papers-{size}")
    work = out / f"volume-{size}"
    shutil.rmtree(work, ignore_errors=True)
    data = make_data(files, work / "data")
    from workshop.core.load import load
    from workshop.core.volumefacts import footer_text

    footer = footer_text(load(data, root=out).workshop.info)
    pages = numbers_pdf(files, work / "numbers.pdf", footer)
    volume_command = [sys.executable, "-c", CHILD, str(data), str(out), str(work / "volume")]
    qpdf_command = [
        "qpdf",
        "--keep-files-open=y",
        "--empty",
        "--pages",
        *map(str, files),
        "--",
        "--overlay",
        str(work / "numbers.pdf"),
        "--",
        str(work / "qpdf.pdf"),
    ]
    runs: dict[str, list[tuple[float, float]]] = {"volume": [], "qpdf": []}
    for _ in range(repeat):
        shutil.rmtree(work / "volume", ignore_errors=True)  # a first build, not an up-to-date one
        runs["volume"].append(run(volume_command))
        runs["qpdf"].append(run(qpdf_command))
    seconds = {name: min(t for t, _ in values) for name, values in runs.items()}
    memory = {name: max(m for _, m in values) for name, values in runs.items()}
    sizes = {
        "volume": (work / "volume" / "volume.pdf").stat().st_size,
        "qpdf": (work / "qpdf.pdf").stat().st_size,
        "inputs": sum(f.stat().st_size for f in files),
    }
    ratios = {
        "time": seconds["volume"] / seconds["qpdf"],
        "memory": memory["volume"] / memory["qpdf"],
        "size": sizes["volume"] / sizes["qpdf"],
    }
    manifest = json.loads((work / "volume" / "volume.json").read_text())
    return {
        "papers": size,
        "pages": {"papers": pages, "volume": manifest["pages"]},
        "seconds": {name: round(value, 3) for name, value in seconds.items()},
        "runs_seconds": {name: [round(t, 3) for t, _ in values] for name, values in runs.items()},
        "peak_mib": {name: round(value, 1) for name, value in memory.items()},
        "bytes": sizes,
        "ratios": {name: round(value, 3) for name, value in ratios.items()},
        "targets": TARGETS,
        "met": {name: ratios[name] <= TARGETS[name] for name in TARGETS},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.volume", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "bench")
    args = parser.parse_args(argv)
    if shutil.which("qpdf") is None:
        print("qpdf is not installed: apt-get install qpdf", file=sys.stderr)
        return 2
    out = args.out.resolve()
    results = []
    for size in args.sizes:
        result = measure(size, out, args.repeat)
        results.append(result)
        s, m, r = result["seconds"], result["peak_mib"], result["ratios"]
        print(
            f"{size} papers ({result['pages']['papers']} pages): volume {s['volume']:.2f} s, {m['volume']:.0f} MiB; "
            f"qpdf {s['qpdf']:.2f} s, {m['qpdf']:.0f} MiB; ratios: time {r['time']:.2f} (<= {TARGETS['time']}), "
            f"memory {r['memory']:.2f} (<= {TARGETS['memory']}), size {r['size']:.3f} (<= {TARGETS['size']})"
            + (
                ""
                if all(result["met"].values())
                else "  NOT MET: " + ", ".join(k for k, v in result["met"].items() if not v)
            )
        )
    qpdf_version = subprocess.run(["qpdf", "--version"], capture_output=True, text=True).stdout.splitlines()[
        0
    ]
    report = {
        "benchmark": "proceedings volume build vs qpdf merge and overlay",
        "volume_includes": [
            "front matter",
            "papers stamped",
            "bookmarks",
            "page labels",
            "author index",
            "each paper's stamped PDF",
            "BibTeX",
            "manifest",
        ],
        "qpdf_includes": ["papers merged", "pages overlaid with a prepared NUMBERS.pdf (not timed)"],
        "machine": machine(),
        "qpdf": qpdf_version,
        "results": results,
    }
    write_figures(out / "volume.json", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
