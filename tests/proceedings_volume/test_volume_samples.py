"""Real-world PDFs (../shared/pdf-samples: pdfTeX, LibreOffice, a scanner, forms, attachments,
encryption, broken outline destinations) go into a volume cleanly, or give one clear error;
never a traceback, never their scripts, forms or attachments."""

from __future__ import annotations

import json
import shutil
import subprocess

import pypdf
import pytest
from conftest import shared_path
from volume_support import add_papers, copy_data

from proceedings.data import load_for_proceedings
from proceedings.volume.build import build_volume
from workshop.core.problems import WorkshopError

#: Samples that need a password: refused by name.
LOCKED = {"crazyones-encrypted-256.pdf", "libreoffice-writer-password.pdf"}


def sample_data(tmp_path, names):
    data = copy_data(tmp_path / "site")
    papers = []
    for name in names:
        paper_id = name.removesuffix(".pdf").lower().replace("_", "-")
        shutil.copy2(shared_path("pdf-samples", name), data / "papers" / name)
        papers.append(
            {
                "id": paper_id,
                "title": f"Sample {name}",
                "track": "short",
                "pdf": f"papers/{name}",
                "authors": [{"name": "Sam Ple"}],
            }
        )
    add_papers(data, papers)
    return data


def test_every_sample_that_opens_goes_into_one_sound_volume(tmp_path):
    folder = shared_path("pdf-samples")
    names = sorted(p.name for p in folder.glob("*.pdf") if p.name not in LOCKED)
    data = sample_data(tmp_path, names)
    out = tmp_path / "out"
    result = build_volume(load_for_proceedings(data), out, progress=False)
    reader = pypdf.PdfReader(out / "volume.pdf")
    expected = sum(len(pypdf.PdfReader(folder / name).pages) for name in names) + 26  # + the example's papers
    assert sum(p.last - p.first + 1 for p in result.papers) == expected
    assert len(reader.pages) == result.pages == result.front_matter_pages + expected + 1  # + a page of index
    removed = {p["id"]: p["removed"] for p in json.loads((out / "volume.json").read_text())["papers"]}
    assert removed["attachment"] == {"embedded file": 1}
    assert removed["pdflatex-forms"]["form field"] == 3
    raw = (out / "volume.pdf").read_bytes()
    assert b"/EmbeddedFile" not in raw and b"/Widget" not in raw and b"/AcroForm" not in raw
    # A pdfTeX paper's own bookmarks are nested under its entry; broken destinations are dropped.
    titles = [i.title if not isinstance(i, list) else i for i in reader.outline]
    nested = titles[titles.index("Sample pdflatex-outline.pdf") + 1]
    assert isinstance(nested, list) and nested
    for item in reader.outline:
        if not isinstance(item, list) and item.title.startswith("Sample "):
            assert reader.get_destination_page_number(item) is not None
    if shutil.which("qpdf"):
        done = subprocess.run(["qpdf", "--check", str(out / "volume.pdf")], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", sorted(LOCKED))
def test_a_paper_that_needs_a_password_is_one_clear_error(tmp_path, name):
    data = sample_data(tmp_path, [name])
    with pytest.raises(WorkshopError) as error:
        build_volume(load_for_proceedings(data), tmp_path / "out", progress=False)
    assert f"{name}: needs a password to open (" in str(error.value)  # the check's words: one opener
    assert str(error.value).endswith("): ask the authors for a file without a password")
