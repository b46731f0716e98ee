"""A talk's materials: files of the data folder are published only when they are what their
name says, no program, within the size limit and inside the repository; anything else is
one line at its file and line (and the site copies and links nothing of it); a video is
embedded only from a host that plays it without tracking cookies."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SECOND_EDITION
from ext_support import edit, line_of

from workshop.core import materials
from workshop.core.load import load

SLIDES = "materials/wang-tail-latency-slides.pdf"


@pytest.fixture
def data(tmp_path) -> Path:
    (tmp_path / "pyproject.toml").write_text("")
    shutil.copytree(SECOND_EDITION, tmp_path / "data")
    return tmp_path / "data"


def problems(data: Path) -> list[str]:
    return [f"{p} [{p.code}]" for p in load(data).problems]


def test_the_second_editions_files_are_published(data):
    loaded = load(data)
    assert loaded.problems == []
    assert materials.inspect(data, SLIDES, data.parent) == ("", "")
    papers = {p.id: p for p in loaded.workshop.papers.papers}
    found = materials.publishable([(p.links, f"paper-{p.id}") for p in papers.values()], data, data.parent)
    assert found == {
        "materials/paper-wang-tail-latency/slides.pdf": data / SLIDES,
        "materials/paper-dubois-collectives/poster.pdf": data / "materials/dubois-collectives-poster.pdf",
    }


CASES = [
    (
        b"<html>an error page saved as PDF</html>",
        "slides.pdf",
        "'materials/slides.pdf' is not a PDF, whatever its name says: save it as a PDF again",
    ),
    (
        b"\x7fELF\x02\x01\x01" + b"\x00" * 60,
        "slides.pdf",
        "'materials/slides.pdf' is an ELF executable (a Linux program): programs are not published; link the code instead",
    ),
    (
        b"#!/bin/sh\nrm -rf ~\n",
        "run.txt",
        "'materials/run.txt' is a script: programs are not published; link the code instead",
    ),
    (
        b"MZ" + b"\x00" * 58 + (64).to_bytes(4, "little") + b"PE\x00\x00",
        "setup.zip",
        "'materials/setup.zip' is a Windows program: programs are not published; link the code instead",
    ),
    (
        b"plain words",
        "notes.docx",
        "'materials/notes.docx' is not a type the site publishes (.csv, .gz, .jpeg, .jpg, .json, .md, .odp, .pdf, .png, .pptx, .tar.gz, .tgz, .tsv, .txt, .zip): convert it, or link it",
    ),
    (
        b"a,b\n1,\x00\n",
        "data.csv",
        "'materials/data.csv' is not CSV text (UTF-8 text without control characters): save it as such",
    ),
]


@pytest.mark.parametrize(
    ("content", "name", "message"), CASES, ids=[c[1] + "-" + c[2].split(" is ")[1][:20] for c in CASES]
)
def test_a_file_that_is_not_what_it_says_is_one_line_and_not_published(data, content, name, message):
    (data / "materials" / name).write_bytes(content)
    papers = data / "papers.yaml"
    edit(papers, f"slides: {SLIDES}", f"slides: materials/{name}")
    assert problems(data) == [
        (
            f"{papers}:{line_of(papers, f'slides: materials/{name}')}: papers[0].links.slides: {message}; it is not "
            "published [material]"
        )
    ]


def test_a_file_over_the_limit_is_refused_before_it_is_read(data):
    big = data / "materials" / "big.pdf"
    with big.open("wb") as handle:  # sparse: 26 MB that take no room on the disk
        handle.write(b"%PDF-1.7\n")
        handle.truncate(materials.MAX_BYTES + 1_000_000)
    papers = data / "papers.yaml"
    edit(papers, f"slides: {SLIDES}", "slides: materials/big.pdf")
    assert problems(data) == [
        (
            f"{papers}:{line_of(papers, 'slides: materials/big.pdf')}: papers[0].links.slides: 'materials/big.pdf' is "
            "26.0 MB, more than the 25 MB a file of the site may have: make it smaller, or put it elsewhere (Zenodo, "
            "a repository) and link it; it is not published [material]"
        )
    ]


def test_a_file_outside_the_repository_or_missing_is_never_read(data, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.pdf"
    outside.write_bytes(b"%PDF-1.7 secret")
    os.symlink(outside, data / "materials" / "linked.pdf")
    papers, schedule = data / "papers.yaml", data / "schedule.yaml"
    edit(papers, f"slides: {SLIDES}", "slides: materials/linked.pdf")
    edit(papers, "poster: materials/dubois-collectives-poster.pdf", "poster: ../../etc/passwd")
    edit(schedule, "slides: https://example.org/mlbench24/compilers.pdf", "slides: materials/gone.pdf")
    found = problems(data)
    assert found == [
        (
            f"{schedule}:{line_of(schedule, 'slides: materials/gone.pdf')}: days[0].slots[5].links.slides: "
            "'materials/gone.pdf' does not exist; it is not published [missing-file]"
        ),
        (
            f"{papers}:{line_of(papers, 'slides: materials/linked.pdf')}: papers[0].links.slides: 'materials/linked.pdf' "
            f"leads outside the repository ({data.parent}); keep papers inside it; it is not published [path-escape]"
        ),
        (
            f"{papers}:{line_of(papers, 'poster: ../../etc/passwd')}: papers[3].links.poster: '../../etc/passwd' leads "
            f"outside the repository ({data.parent}); keep papers inside it; it is not published [path-escape]"
        ),
    ]


@pytest.mark.parametrize(
    ("video", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=mlbench24tl&t=3",
            "https://www.youtube-nocookie.com/embed/mlbench24tl",
        ),
        ("https://youtu.be/mlbench24tl", "https://www.youtube-nocookie.com/embed/mlbench24tl"),
        ("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789?dnt=1"),
        ("https://video.example.org/watch?v=1", None),
        ("https://www.youtube.com/watch?v=<script>", None),
    ],
)
def test_a_video_is_embedded_only_from_a_player_without_tracking(video, embed):
    assert materials.embed_url(video) == embed


def test_embedding_a_video_no_such_player_plays_is_refused(data):
    papers = data / "papers.yaml"
    edit(
        papers,
        "video: https://www.youtube.com/watch?v=mlbench24tl",
        "video: https://video.example.org/watch?v=1",
    )
    assert problems(data) == [
        (
            f"{papers}:{line_of(papers, 'embed_video: true')}: papers[0].links.embed_video: "
            "'https://video.example.org/watch?v=1' cannot be embedded: only YouTube (played from youtube-nocookie.com) "
            "and Vimeo (with do-not-track) play without tracking cookies; remove embed_video, and the video is linked "
            "[material]"
        )
    ]
