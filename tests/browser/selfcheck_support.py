"""The papers the self-check page is tried on, made by a real PDF writer (fpdf2, through
tests/pdfs.py), what the chairs' command (`proceedings check --json`) says of each (the
page must say the same of the same file), and what the page shows of a result."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import copy_site
from pdfs import TestPaper

#: The track the papers are written for (the example's short papers: 4-6 counted pages).
TRACK = "short"


def short_paper() -> TestPaper:
    """Five pages, four of them counted (the references fill the fifth)."""
    made = TestPaper(page_numbers=True)
    made.body_until(page=4, fraction=0.5)
    made.heading("References")
    made.references_until(page=5, fraction=0.4)
    return made


def one_over() -> TestPaper:
    """Seven counted pages, one more than a short paper may have."""
    made = TestPaper(page_numbers=True)
    made.body_until(page=7, fraction=0.5)
    made.heading("References")
    made.references_until(page=8, fraction=0.3)
    return made


def table_in_the_margin() -> TestPaper:
    """A short paper whose page 2 holds a table's cell set 34 pt into the left margin."""
    made = TestPaper(page_numbers=True)
    made.body_until(page=2, fraction=0.5)
    made.pdf.set_font("Serif", "", 9)
    made.pdf.text(20.0, 400.0, "A table cell set past the margin")
    made.body_until(page=4, fraction=0.5)
    made.heading("References")
    made.references_until(page=5, fraction=0.4)
    return made


def encrypted(method: str, user: str = "") -> TestPaper:
    made = short_paper()
    made.encrypt(user=user, method=method)
    return made


def make_papers(folder: Path) -> dict[str, Path]:
    """Each kind of file the page must judge as the command does, by its kind."""
    made = {
        "passing": short_paper().save(folder / "passing.pdf"),
        "one-over": one_over().save(folder / "one-over.pdf"),
        "margin": table_in_the_margin().save(folder / "margin.pdf"),
        # Opens without a password, but AES needs `cryptography`, which the browser has not.
        "aes": encrypted("AES_128").save(folder / "aes.pdf"),
        "password": encrypted("RC4", user="secret").save(folder / "password.pdf"),
    }
    (folder / "notes.pdf").write_text("Dear chairs, the camera-ready follows.\n", encoding="utf-8")
    made["not-a-pdf"] = folder / "notes.pdf"
    return made


PICTURES = re.compile(r" \(pictures: [^)]*\)")


def as_the_page_names_it(text: str, path: Path) -> str:
    """The command's words as the page has them: the file by the name the author dropped,
    no picture files (the page draws them itself)."""
    return PICTURES.sub("", text.replace(str(path), path.name))


def command_records(folder: Path, papers: dict[str, Path]) -> dict[str, dict]:
    """``python -m proceedings check --track short --json FILE...`` in a copy of the example
    (its own repository, so that the pictures it writes stay there): each record by kind."""
    site = copy_site(folder / "site")
    (site / "pyproject.toml").write_text("")
    done = subprocess.run(
        [sys.executable, "-m", "proceedings", "check", "--data", str(site / "docs" / "data"), "--track",
         TRACK, "--json", "--no-progress", "--no-cache", "--jobs", "1", *map(str, papers.values())],
        capture_output=True, text=True, cwd=site, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    records = {r["file"]: r for r in json.loads(done.stdout)["records"]}
    out = {}
    for kind, path in papers.items():
        record = records[str(path)]
        record["reasons"] = [as_the_page_names_it(r, path) for r in record["reasons"]]
        record["warnings"] = [as_the_page_names_it(w, path) for w in record["warnings"]]
        out[kind] = record
    return out


#: What the page shows below its sentence: each list by its heading, each drawing's caption
#: and how many things past the text area it marks.
SHOWN_JS = """() => {
  const root = document.querySelector('.workshop-selfcheck');
  const lists = {};
  for (const heading of root.querySelectorAll('.workshop-selfcheck-heading')) {
    lists[heading.textContent] = [...heading.nextElementSibling.querySelectorAll('li')].map(li => li.textContent);
  }
  const figures = [...root.querySelectorAll('figure')].map(figure => ({
    caption: figure.querySelector('figcaption').textContent,
    past: figure.querySelectorAll('svg .workshop-selfcheck-past').length,
    labelled: figure.querySelector('svg').getAttribute('aria-labelledby') === figure.querySelector('figcaption').id,
  }));
  return {verdict: root.dataset.verdict, status: root.querySelector('[role=status]').textContent, lists, figures};
}"""
WHY, ALSO, FACTS = "Why this verdict", "Also found (these do not change the verdict)", "Your paper"


def counted(shown: dict) -> tuple[int, int] | None:
    """(pages in the file, counted pages) as the page says them, if it says them."""
    for fact in shown["lists"].get(FACTS, []):
        if found := re.fullmatch(r"Pages in the file: (\d+), counted: (\d+)", fact):
            return int(found[1]), int(found[2])
    return None
