"""The handbook as a chair makes it (``python -m proceedings handbook``) and an attendee reads
it, read back with pypdf: the second edition's program per day and room, every talk with its
presenter, authors and abstract, every poster on its board and the boards on a page of their
own, the venue and its rooms, the committees, names in every script in embedded fonts; the
same data giving the same bytes; a name no font has stopping it, in one line, with nothing
written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from conftest import SECOND_EDITION
from ext_support import edit, line_of

from workshop.core.booklet import digest
from workshop.core.load import load
from workshop.core.program import program


def make(data: Path, out: Path, epoch: str | None = "1715299200") -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch:
        environment["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run(
        [sys.executable, "-m", "proceedings", "handbook", "--data", str(data), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=data.parent,
        env=environment,
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("handbook")
    (tmp / "pyproject.toml").write_text("")
    shutil.copytree(SECOND_EDITION, tmp / "data")
    done = make(tmp / "data", tmp / "out")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"handbook: {tmp / 'out' / 'handbook.pdf'} (7 pages: 11 slots, 2 poster boards)\n"
    return tmp / "data", tmp / "out"


@pytest.fixture(scope="module")
def pages(made) -> list[str]:
    reader = pypdf.PdfReader(made[1] / "handbook.pdf")
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_every_talk_is_in_it_with_its_people_and_abstract(made, pages):
    workshop = load(made[0]).workshop
    text = " ".join(pages)
    for day in program(workshop):
        for session in day.sessions:
            assert session.title in text, session.title
            for person in session.speakers + session.panelists:
                assert person.name in text, person.name
            if session.paper is not None:
                assert f"Presented by {session.presenter.display}" in text
                assert " ".join(session.paper.abstract.split())[:60] in text
    # Per day, and on the day with parallel sessions per room: each room's talks under its name.
    first_day = next(page for page in pages if page.startswith("Friday, May 17, 2024"))
    ballroom, room_209 = (
        first_day.index("Ballroom E Session: Serving"),
        first_day.index("Room 209 Session: Energy"),
    )
    assert ballroom < first_day.index("Compilers for the Next Accelerator") < room_209
    assert room_209 < first_day.index("Energy per Token")


def test_every_poster_is_on_its_board_and_the_boards_have_a_page(pages):
    text = " ".join(pages)
    assert "Board 1: Profiling Collective Communication in Mixture-of-Experts Training" in text
    assert "Board 2: How Much Do ML Compilers Matter on New Hardware?" in text
    boards = next(page for page in pages if page.startswith("Poster boards"))
    assert boards.index("Board 1 Profiling Collective") < boards.index("Board 2 How Much Do ML Compilers")
    assert "Chloé Dubois" in boards and "Siobhán O'Connor" in boards


def test_the_venue_rooms_committees_and_bookmarks(made, pages):
    venue = next(page for page in pages if page.startswith("Venue and rooms"))
    assert "Santa Clara Convention Center" in venue and "Ballroom E" in venue and "Room 209" in venue
    assert "America/Los_Angeles" in venue
    workshop = load(made[0]).workshop
    committees = next(page for page in pages if page.startswith("Committees"))
    for committee in workshop.people.committees:
        assert committee.title in committees
        assert all(member.name in committees for member in committee.members)
    reader = pypdf.PdfReader(made[1] / "handbook.pdf")
    assert [item.title for item in reader.outline] == [
        "Venue and rooms",
        "Friday, May 17, 2024",
        "Saturday, May 18, 2024",
        "Poster boards",
        "Committees",
    ]


def test_names_in_every_script_in_embedded_fonts(made, pages):
    text = " ".join(pages)
    for name in (
        "王小明",
        "김민준",
        "이지은",
        "佐藤花子",
        "Björn Þórsson",
        "Nguyễn Văn An",
        "Søren Ødegaard",
    ):
        assert name in text, name
    reader = pypdf.PdfReader(made[1] / "handbook.pdf")
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for part in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                if part["/Subtype"] != "/Type0":
                    fonts[str(part["/BaseFont"])] = part["/FontDescriptor"].get_object()
    assert all("/FontFile2" in descriptor for descriptor in fonts.values()), list(fonts)
    assert {name.split("+")[-1] for name in fonts} >= {
        "DejaVuSerifBook",
        "DejaVuSerifBold",
        "NanumSquare",  # Korean
        "DroidSansFallback",  # Chinese, Japanese
    }


def test_the_same_data_gives_the_same_bytes_and_the_manifest_says_which_data(made, tmp_path):
    data, out = made
    assert make(data, tmp_path / "again").returncode == 0
    assert (tmp_path / "again" / "handbook.pdf").read_bytes() == (out / "handbook.pdf").read_bytes()
    manifest = json.loads((out / "handbook.json").read_text())
    assert manifest == {
        "pdf": "handbook.pdf",
        "pages": 7,
        "digest": digest(load(data).workshop),
        "talks": 11,
        "boards": 2,
    }
    assert pypdf.PdfReader(out / "handbook.pdf").metadata["/CreationDate"].startswith("D:20240510")


def test_a_name_no_font_has_stops_it_in_one_line_writing_nothing(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    data = tmp_path / "data"
    shutil.copytree(SECOND_EDITION, data)
    papers = data / "papers.yaml"
    edit(papers, "{name: Kwame Osei,", "{name: अमित Osei,")
    done = make(data, tmp_path / "out")
    line = line_of(papers, "अमित")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "error: data/papers.yaml: papers[7].authors[0].name: 'अमित Osei' has characters that no bundled font "
        "has: अ (U+0905 DEVANAGARI LETTER A), म (U+092E DEVANAGARI LETTER MA), ि (U+093F DEVANAGARI VOWEL SIGN "
        "I), त (U+0924 DEVANAGARI LETTER TA); the handbook would print it without them."
    )
    assert line and not (tmp_path / "out").exists()
