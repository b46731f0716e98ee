"""Benchmark of ``python -m proceedings import`` at the scale it is built for, beside a plain tool.

    PYTHONPATH=tests python -m tools.bench.imports [--sizes 25000:5000 50000:10000] [--out _build/bench]

For each size (submissions in a HotCRP JSON export : accepted among them; the largest
venues accept about 5,000 papers of 25,000, and the import takes at most 10,000 of 50,000),
on one export made here (four authors a paper, an abstract of some 800 characters):

* ``first``: the import into a data folder without ``papers.yaml`` (every paper added);
* ``again``: the same import once more (every paper found, nothing written);
* ``plain``: the floor any importer has: the export read (``json.load``) and the accepted
  papers written as YAML with PyYAML's C writer, in a process of its own -- without the
  merge, the round trip that keeps a chair's edits, the read back by the loader or the
  all-or-nothing commit.

Each command runs in a process of its own (interpreter start included); the time is the
wall clock, the memory the process's peak resident set (``wait4``).  Figures go to
``imports.json`` in the output folder, with the machine and its load average.
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

from tools.bench.shared import machine, write_figures

ROOT = Path(__file__).resolve().parents[2]
PLAIN = """
import json, sys, yaml
papers = json.load(open(sys.argv[1], encoding="utf-8"))
accepted = [
    {"id": f"paper-{p['pid']}", "title": p["title"], "authors": [
        {"name": f"{a['first']} {a['last']}", "affiliation": a.get("affiliation")} for a in p["authors"]
    ], "abstract": p.get("abstract")}
    for p in papers if p.get("status") == "accepted"
]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    yaml.dump({"papers": accepted}, out, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
"""
WORDS = [
    "benchmark",
    "latency",
    "throughput",
    "accelerator",
    "inference",
    "training",
    "sparse",
    "memory",
    "energy",
]


def export(submissions: int, accepted: int, path: Path) -> Path:
    """A HotCRP JSON export of ``submissions`` papers, ``accepted`` of them accepted."""
    rng = random.Random(23)
    chosen = set(rng.sample(range(1, submissions + 1), accepted))
    papers = []
    for pid in range(1, submissions + 1):
        title = " ".join(rng.choice(WORDS).capitalize() for _ in range(6)) + f" {pid}"
        authors = [
            {
                "first": rng.choice(["Ana", "Wei", "Søren", "Priya", "Jürgen", "小明"]),
                "last": f"{rng.choice(['Zhang', 'Müller', 'van der Berg', 'García', 'O’Brien'])}{pid % 97}",
                "email": f"a{pid}.{n}@example.org",
                "affiliation": rng.choice(["ETH Zürich", "MIT", "Tsinghua University", "?x Lab"]),
            }
            for n in range(4)
        ]
        abstract = " ".join(rng.choice(WORDS) for _ in range(110)) + "."
        status = "accepted" if pid in chosen else "rejected"
        papers.append(
            {"pid": pid, "title": title, "abstract": abstract, "authors": authors, "status": status}
        )
    path.write_text(json.dumps(papers, ensure_ascii=False), encoding="utf-8")
    return path


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock seconds and peak resident MiB of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    error = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command[:4])} ... failed:\n{error}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def measure(submissions: int, accepted: int, out: Path) -> dict[str, object]:
    from import_support import data_folder  # the tests' data folder: the example's, no papers

    folder = out / f"import-{submissions}-{accepted}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source = export(submissions, accepted, folder / "export.json")
    data = data_folder(folder / "repo")
    command = [sys.executable, "-m", "proceedings", "import", "hotcrp", str(source), "--data", str(data)]
    figures: dict[str, object] = {"submissions": submissions, "accepted": accepted}
    figures["export_mb"] = round(source.stat().st_size / 2**20, 1)
    for name in ("first", "again"):
        seconds, memory = run(command, folder)
        figures[name] = {"seconds": round(seconds, 1), "peak_mib": round(memory)}
        print(f"{submissions}:{accepted} {name}: {seconds:.1f} s, {memory:.0f} MiB", flush=True)
    figures["papers_yaml_mb"] = round((data / "papers.yaml").stat().st_size / 2**20, 1)
    seconds, memory = run([sys.executable, "-c", PLAIN, str(source), str(folder / "plain.yaml")], folder)
    figures["plain"] = {"seconds": round(seconds, 1), "peak_mib": round(memory)}
    print(f"{submissions}:{accepted} plain: {seconds:.1f} s, {memory:.0f} MiB", flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.imports", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["25000:5000", "50000:10000"], metavar="N:A")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "bench")
    args = parser.parse_args(argv)
    runs = []
    for size in args.sizes:
        submissions, accepted = (int(x) for x in size.split(":"))
        runs.append(measure(submissions, accepted, args.out))
    report = {"machine": machine(), "load_average": os.getloadavg(), "runs": runs}
    write_figures(args.out / "imports.json", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
