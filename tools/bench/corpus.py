"""A generated corpus of camera-ready-like papers for the benchmarks.

    make_corpus(400, Path("_build/bench/corpus"))  -> 400 PDF paths

Full-track papers of 8 to 14 pages, two columns, made by fpdf2 through the test
suite's :class:`pdfs.TestPaper`, each different (its index seeds the layout): where
the references begin, which heading they carry, whether an appendix follows, page
numbers.  Papers are made once, on every core, and reused while the generator's
version and the count are unchanged (a manifest says which).
"""

from __future__ import annotations

import json
import multiprocessing
import random
from pathlib import Path

from pdfs import TestPaper

#: Bump when the papers change, so that cached corpora are made again.
VERSION = 2
HEADINGS = ("References", "REFERENCES", "7 References", "Bibliography")


def make_paper(index: int, path: Path) -> Path:
    """One paper; about nine in ten fit the full track's 8-10 pages, the rest are too
    short or too long (the check then reads them whole)."""
    rng = random.Random(index)
    paper = TestPaper(
        seed=index,
        page_numbers=rng.random() < 0.2,
        title=f"Benchmark Corpus Paper {index}: Measuring Accelerators",
    )
    luck = rng.random()
    body_end = 7 if luck < 0.05 else 11 if luck < 0.1 else rng.choice((8, 9, 10))
    appendix = body_end == 8 and rng.random() < 0.6
    if rng.random() < 0.15:  # the references open a page of their own
        paper.body_until(page=body_end, column=1, fraction=0.85)
        paper.new_page()
    else:
        paper.body_until(page=body_end, column=rng.randint(0, 1), fraction=rng.uniform(0.2, 0.8))
    paper.heading(rng.choice(HEADINGS))
    paper.references_until(page=paper.page + rng.randint(1, 2), fraction=rng.uniform(0.1, 0.7))
    if appendix:
        paper.heading("A Additional Measurements")
        paper.body_until(page=paper.page + 1, fraction=rng.uniform(0.2, 0.8))
    return paper.save(path)


def _make(job: tuple[int, Path]) -> Path:
    return make_paper(*job)


def make_corpus(count: int, folder: Path, jobs: int | None = None) -> list[Path]:
    """``count`` papers in ``folder``, made now or reused from an earlier run."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"paper-{i:04d}.pdf" for i in range(count)]
    manifest = folder / "manifest.json"
    wanted = {"version": VERSION, "count": count}
    if manifest.exists() and json.loads(manifest.read_text()) == wanted and all(p.exists() for p in paths):
        return paths
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        pool.map(_make, list(enumerate(paths)), chunksize=4)
    manifest.write_text(json.dumps(wanted))
    return paths
