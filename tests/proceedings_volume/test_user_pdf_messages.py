"""What a chair reads when an accepted paper's PDF cannot be read, through the command
`nox -s proceedings` runs (`python -m proceedings build`): the paper, the file and what to
do, exit status 1, no traceback, and the last good volume left as it was."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from volume_support import copy_data, run_build


def missing(pdf: Path) -> None:
    pdf.unlink()


def locked(pdf: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=pdf)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    writer.write(pdf)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (missing, "docs/data/papers/huang-bnn-crossbar.pdf does not exist"),
        (locked, "docs/data/papers/huang-bnn-crossbar.pdf needs a password to open (AES-256)"),
    ],
)
def test_an_unreadable_paper_is_named_and_no_decision_is_offered_for_it(tmp_path, damage, reason):
    data = copy_data(tmp_path / "repo")
    out = tmp_path / "out"
    assert run_build(data, out).returncode == 0
    volume = (out / "volume.pdf").read_bytes()

    damage(data / "papers" / "huang-bnn-crossbar.pdf")
    done = run_build(data, out)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    head, paper, advice = done.stderr.splitlines()
    assert head == (
        "error: docs/data/papers.yaml: the volume is not built: 1 paper did not pass the page-limit "
        "check and no chair's decision admits it:"
    )
    assert paper.startswith(f"  huang-bnn-crossbar (error): {reason}")
    # A chair's decision admits a paper the check judged, never a file it could not read.
    assert advice == "Fix the PDF (or its path): no chair's decision admits a file that cannot be read."
    assert (out / "volume.pdf").read_bytes() == volume


def test_the_refusal_and_a_data_problem_name_papers_yaml_from_where_the_chair_stands(tmp_path):
    """Run from the docs folder: both messages name the file as the chair would type it."""
    data = copy_data(tmp_path / "repo")
    missing(data / "papers" / "huang-bnn-crossbar.pdf")
    done = run_build(data, tmp_path / "out", cwd=data.parent)
    assert done.returncode == 1
    assert done.stderr.startswith("error: data/papers.yaml: the volume is not built:")
    (data / "papers.yaml").write_text("papers: none yet\n")
    done = run_build(data, tmp_path / "out", cwd=data.parent)
    assert done.stderr == (
        "error: data/papers.yaml:1: papers: is 'none yet', but must be a list: write its "
        "entries under it, each on a line starting with '- '\n"
    )
