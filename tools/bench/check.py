"""Benchmark of the page-limit check against pdftotext, on generated corpora.

    PYTHONPATH=tests python -m tools.bench.check [--sizes 100 400] [--repeat 3] [--out _build/bench]

For each corpus size, in one run and on the same files:

* ``check``: ``python -m proceedings check --track full --json FILES...``, the command a
  chair runs (interpreter start and imports included), on every core;
* ``pdftotext``: ``pdftotext FILE /dev/null`` over every page of every file, one file
  after the other, as a chair's script would;
* ``pypdf_scan``: for reference, a plain single-process pypdf scan backwards from the
  last page to the first page mentioning "references" (what the issue calls about equal
  to pdftotext).

Each is run ``--repeat`` times, interleaved; the figure kept is the fastest run (the one
least disturbed by whatever else the machine does).  The target: check at most half
the time of pdftotext.  Figures go to ``check.json`` in the output folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from tools.bench.corpus import make_corpus

ROOT = Path(__file__).resolve().parents[2]
TARGET = 0.5


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_check(files: list[Path]) -> tuple[float, float, Counter[str]]:
    """Wall and CPU seconds (all processes) of the check, and its verdicts."""
    command = [
        sys.executable,
        "-m",
        "proceedings",
        "check",
        "--track",
        "full",
        "--json",
        "--no-progress",
        "--data",
        str(ROOT / "docs" / "data"),
        *map(str, files),
    ]
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode not in (0, 1):
        raise SystemExit(f"the check failed (exit status {done.returncode}):\n{done.stderr}")
    verdicts = Counter(r["verdict"] for r in json.loads(done.stdout)["records"])
    return elapsed, cpu, verdicts


def time_pdftotext(files: list[Path]) -> tuple[float, float]:
    cpu, start = _children_cpu(), time.perf_counter()
    for file in files:
        subprocess.run(["pdftotext", "-q", str(file), os.devnull], check=True)
    return time.perf_counter() - start, _children_cpu() - cpu


def time_pypdf_scan(files: list[Path]) -> tuple[float, float]:
    from pypdf import PdfReader

    cpu, start = time.process_time(), time.perf_counter()
    for file in files:
        reader = PdfReader(file)
        for page in reversed(reader.pages):
            if "references" in page.extract_text().lower():
                break
    return time.perf_counter() - start, time.process_time() - cpu


def pdftotext_version() -> str:
    done = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True, check=False)
    return (done.stderr or done.stdout).splitlines()[0].strip()


def measure(size: int, corpus: Path, repeat: int) -> dict[str, object]:
    files = make_corpus(size, corpus / f"papers-{size}")
    from pypdf import PdfReader

    pages = sum(len(PdfReader(f).pages) for f in files)
    wall: dict[str, list[float]] = {"check": [], "pdftotext": [], "pypdf_scan": []}
    cpu: dict[str, list[float]] = {name: [] for name in wall}
    verdicts: Counter[str] = Counter()
    load_before = os.getloadavg()[0]
    for _ in range(repeat):
        elapsed, used, verdicts = time_check(files)
        wall["check"].append(elapsed)
        cpu["check"].append(used)
        for name, timer in (("pdftotext", time_pdftotext), ("pypdf_scan", time_pypdf_scan)):
            elapsed, used = timer(files)
            wall[name].append(elapsed)
            cpu[name].append(used)
    best = {name: min(times) for name, times in wall.items()}
    best_cpu = {name: min(times) for name, times in cpu.items()}
    ratio = best["check"] / best["pdftotext"]
    return {
        "papers": size,
        "pages": pages,
        "seconds": {name: round(value, 3) for name, value in best.items()},
        "cpu_seconds": {name: round(value, 3) for name, value in best_cpu.items()},
        "runs": {name: [round(t, 3) for t in times] for name, times in wall.items()},
        "check_vs_pdftotext": round(ratio, 3),
        "check_vs_pdftotext_cpu": round(best_cpu["check"] / best_cpu["pdftotext"], 3),
        "pypdf_scan_vs_pdftotext": round(best["pypdf_scan"] / best["pdftotext"], 3),
        "target": TARGET,
        "met": ratio <= TARGET,
        # What else ran: figures taken on a busy machine say less.
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "verdicts": dict(sorted(verdicts.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.check", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "bench")
    args = parser.parse_args(argv)
    if shutil.which("pdftotext") is None:
        print("pdftotext is not installed: apt-get install poppler-utils", file=sys.stderr)
        return 2
    results = []
    for size in args.sizes:
        result = measure(size, args.out / "corpus", args.repeat)
        results.append(result)
        seconds = result["seconds"]
        print(
            f"{size} papers ({result['pages']} pages): check {seconds['check']:.2f} s, "
            f"pdftotext {seconds['pdftotext']:.2f} s, ratio {result['check_vs_pdftotext']:.2f} "
            f"(target <= {TARGET}; {'met' if result['met'] else 'NOT met'}); "
            f"CPU ratio {result['check_vs_pdftotext_cpu']:.2f}; "
            f"pypdf backward scan {seconds['pypdf_scan']:.2f} s; load {result['load_average']}"
        )
    report = {
        "benchmark": "page-limit check vs pdftotext",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "pdftotext": pdftotext_version(),
        "results": results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "check.json"
    temporary = out.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(report, indent=2) + "\n")
    temporary.replace(out)
    print(f"figures written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
