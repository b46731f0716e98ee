"""The shared corpus the issues' figures are measured on, and a data folder naming it.

    corpus(400, Path("_build/bench"))  -> the folder of ../shared/tools/gen_corpus.py --papers 400

The corpus is made by the team's generator (``../shared/tools/gen_corpus.py``: realistic
two-column A4 papers of 6 to 12 pages, DejaVu fonts embedded, vector figures, tables, a
references section, some appendices; about eight minutes for 400 on two cores), once, and
reused while its manifest says it holds that many papers (``--corpus DIR`` names one made
elsewhere).  Nothing of ../shared is copied.

The data folder describes the corpus as a workshop would: one track whose limits every
paper meets (1 to 13 pages: the build admits them all), and the generator's template as the format (A4, margins of
22 mm at the top and bottom and 18 mm at the sides), so the check finds what the papers
really get wrong (a section heading longer than its column, set past the margin) and the
build admits every paper.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT.parent / "shared" / "tools" / "gen_corpus.py"
#: The generator's layout (gen_corpus.py: A4, ML = MR = 18 mm, MT = MB = 22 mm), in points.
MM = 72 / 25.4
FORMAT = {
    "page_size": "a4",
    "margins": {
        "top": round(22 * MM, 2),
        "bottom": round(22 * MM, 2),
        "left": round(18 * MM, 2),
        "right": round(18 * MM, 2),
    },
}


def workspace(count: int, out: Path, given: Path | None = None) -> tuple[Path, list[Path], dict]:
    """A folder of its own that the tool takes for a repository (``pyproject.toml``), so
    that the check's report, cache and pictures stay in it: the corpus of ``count`` papers
    in its ``corpus/`` (made there by the shared generator, or copied from ``given``),
    reused while its manifest says it holds that many.  The folder, the PDFs, the manifest."""
    root = out / f"shared-{count}"
    folder = root / "corpus"
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("# the benchmark's own repository: reports and caches stay here\n")
    manifest = folder / "manifest.json"
    if not manifest.exists() or len(json.loads(manifest.read_text())["papers"]) != count:
        shutil.rmtree(folder, ignore_errors=True)
        if given is not None:
            if len(json.loads((given / "manifest.json").read_text())["papers"]) != count:
                raise SystemExit(f"{given} holds no corpus of {count} papers (see its manifest.json)")
            shutil.copytree(given, folder)
        elif not GENERATOR.exists():
            raise SystemExit(
                f"{GENERATOR} is absent: the shared corpus is made by ../shared/tools/gen_corpus.py "
                "beside the checkout (or name a corpus it made with --corpus DIR)"
            )
        else:
            print(
                f"making the shared corpus of {count} papers in {folder} (about 8 minutes for 400) ...",
                flush=True,
            )
            subprocess.run(
                [sys.executable, str(GENERATOR), "--papers", str(count), "--out", str(folder)], check=True
            )
    truth = json.loads(manifest.read_text())
    return root, [folder / paper["file"] for paper in truth["papers"]], truth


def make_data(files: list[Path], folder: Path, truth: dict | None = None, fmt: dict | None = None) -> Path:
    """A data folder whose accepted papers are ``files`` (one track that fits them all, the
    corpus's format unless ``fmt`` says another), with the example's committees; each paper's
    title and authors are those the manifest ``truth`` says its page 1 prints."""
    folder.mkdir(parents=True, exist_ok=True)
    info = yaml.safe_load((ROOT / "docs" / "data" / "workshop.yaml").read_text())
    info["tracks"] = [{"id": "paper", "name": "Papers", "min_pages": 1, "max_pages": 13}]
    info["format"] = fmt or FORMAT
    printed = {Path(p["file"]).stem: p for p in (truth or {}).get("papers", ())}
    (folder / "workshop.yaml").write_text(yaml.safe_dump(info, allow_unicode=True, sort_keys=False))
    shutil.copy2(ROOT / "docs" / "data" / "people.yaml", folder / "people.yaml")
    papers = [
        {
            "id": path.stem,
            "title": printed.get(path.stem, {}).get("title") or f"Shared corpus paper {path.stem}",
            "track": "paper",
            "pdf": os.path.relpath(path, folder),
            "authors": [
                {"name": name, "affiliation": "University"}
                for name in printed.get(path.stem, {}).get("authors") or ["Ada Author"]
            ],
        }
        for path in files
    ]
    (folder / "papers.yaml").write_text(
        yaml.safe_dump({"papers": papers}, allow_unicode=True, sort_keys=False)
    )
    return folder


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()}


def write_figures(target: Path, report: dict) -> None:
    """``report`` as JSON at ``target``, put in place whole (the project's one rule for outputs)."""
    from workshop.core.outputs import replace_if_changed

    target.parent.mkdir(parents=True, exist_ok=True)
    replace_if_changed(target, (json.dumps(report, indent=2) + "\n").encode())
    print(f"figures written to {target}")
