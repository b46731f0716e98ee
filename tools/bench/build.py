"""Benchmark of the whole ``build`` against qpdf merging and stamping the same papers.

    PYTHONPATH=tests python -m tools.bench.build [--papers 400] [--repeat 3] [--corpus DIR] [--out _build/bench]

On the shared corpus (:mod:`tools.bench.shared`), in one run and on the same files,
interleaved:

* ``build``: ``python -m proceedings build --no-cache --out DIR`` into a fresh folder: the
  check of every paper (on every core), the volume, each paper's stamped PDF and BibTeX;
* ``qpdf``: ``qpdf --keep-files-open=y --empty --pages FILES -- --overlay NUMBERS.pdf -- OUT``,
  the papers merged and each page stamped from a PDF of page numbers made beforehand (its
  making is not timed): less than the build does;
* ``rebuild``: the build again once one paper's bytes changed (the check's cache holds the
  others; the volume is written anew).

Time: the fastest of ``--repeat`` runs.  Memory: the largest resident set of the build's
own process and of any of its check's workers (each from the kernel's accounting, as
``wait4`` gives it), and qpdf's.  Targets: the build at most 2.0x qpdf's time, every
process of it below qpdf's peak memory.  Figures go to ``build.json`` in the output folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tools.bench.shared import machine, make_data, workspace, write_figures
from tools.bench.volume import numbers_pdf, run

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"time": 2.0, "memory": 1.0}

#: Run in a process of its own: the build, then its own peak and its workers' (KiB).
CHILD = """
import json, resource, sys
from proceedings.cli import main
status = main(sys.argv[2:])
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as out:
    json.dump({"status": status, "own": own, "workers": workers}, out)
sys.exit(status)
"""


def run_build(root: Path, data: Path, out: Path, *args: str) -> tuple[float, float, float]:
    """Wall seconds, and the peak memory (MiB) of the build's process and of its largest worker."""
    figures = out.parent / f"{out.name}.memory.json"
    command = [
        sys.executable,
        "-c",
        CHILD,
        str(figures),
        "build",
        "--no-progress",
        "--data",
        str(data),
        "--out",
        str(out),
        *args,
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=root, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"the build failed (exit status {done.returncode}):\n{done.stderr[-3000:]}")
    memory = json.loads(figures.read_text())
    return elapsed, memory["own"] / 1024, memory["workers"] / 1024


def measure(count: int, out: Path, repeat: int, given: Path | None) -> dict[str, object]:
    root, files, truth = workspace(count, out, given)
    data = make_data(files, root / "data", truth)  # page 1 as printed: the build admits every paper
    work = root / "build"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    pages = numbers_pdf(files, work / "numbers.pdf", "MLBench'23 benchmark")
    qpdf = ["qpdf", "--keep-files-open=y", "--empty", "--pages", *map(str, files), "--", "--overlay"]
    qpdf += [str(work / "numbers.pdf"), "--", str(work / "qpdf.pdf")]
    load_before = os.getloadavg()
    runs: dict[str, list[tuple[float, ...]]] = {"build": [], "qpdf": [], "rebuild": []}
    changed = files[len(files) // 2]
    original = changed.read_bytes()
    try:
        for attempt in range(repeat):
            shutil.rmtree(work / "volume", ignore_errors=True)  # a first build, not an up-to-date one
            runs["build"].append(run_build(root, data, work / "volume", "--no-cache"))
            runs["qpdf"].append(run(qpdf))
            changed.write_bytes(original + f"% changed {attempt}\n".encode())
            runs["rebuild"].append(run_build(root, data, work / "volume"))
            changed.write_bytes(original)
    finally:
        changed.write_bytes(original)
    seconds = {name: min(r[0] for r in values) for name, values in runs.items()}
    memory = {
        "build_process": max(r[1] for r in runs["build"]),
        "build_worker": max(r[2] for r in runs["build"]),
        "qpdf": max(r[1] for r in runs["qpdf"]),
    }
    ratios = {
        "time": seconds["build"] / seconds["qpdf"],
        "memory": max(memory["build_process"], memory["build_worker"]) / memory["qpdf"],
        "rebuild_vs_first": seconds["rebuild"] / seconds["build"],
    }
    return {
        "papers": count,
        "pages": {
            "papers": pages,
            "volume": json.loads((work / "volume" / "volume.json").read_text())["pages"],
        },
        "seconds": {name: round(value, 3) for name, value in seconds.items()},
        "runs_seconds": {name: [round(r[0], 3) for r in values] for name, values in runs.items()},
        "peak_mib": {name: round(value, 1) for name, value in memory.items()},
        "ratios": {name: round(value, 3) for name, value in ratios.items()},
        "targets": TARGETS,
        "met": {
            name: ratios[name] < TARGETS[name] if name == "memory" else ratios[name] <= TARGETS[name]
            for name in TARGETS
        },
        "load_average": {
            "before": [round(v, 2) for v in load_before],
            "after": [round(v, 2) for v in os.getloadavg()],
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.build", description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="a corpus gen_corpus.py made (else made under --out)")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "bench")
    args = parser.parse_args(argv)
    if shutil.which("qpdf") is None:
        print("qpdf is not installed: apt-get install qpdf", file=sys.stderr)
        return 2
    result = measure(args.papers, args.out.resolve(), args.repeat, args.corpus)
    s, m, r = result["seconds"], result["peak_mib"], result["ratios"]
    print(
        f"{args.papers} papers: build {s['build']:.2f} s (process {m['build_process']:.0f} MiB, worker "
        f"{m['build_worker']:.0f} MiB); qpdf {s['qpdf']:.2f} s, {m['qpdf']:.0f} MiB; time ratio {r['time']:.2f} "
        f"(<= {TARGETS['time']}), memory {r['memory']:.2f} (< 1); rebuild after one change {s['rebuild']:.2f} s; "
        f"load {result['load_average']}"
    )
    qpdf_version = subprocess.run(["qpdf", "--version"], capture_output=True, text=True).stdout.splitlines()[
        0
    ]
    report = {
        "benchmark": "python -m proceedings build vs qpdf merge and overlay",
        "corpus": "../shared/tools/gen_corpus.py",
        "machine": machine(),
        "qpdf": qpdf_version,
        "results": [result],
    }
    write_figures(args.out / "build.json", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
