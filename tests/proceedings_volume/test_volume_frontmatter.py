"""The front matter from data: a preface, the invited talks of the program, the sponsors with
their logos; the front matter also on its own (``frontmatter.pdf``); and a volume built from
``papers.yaml`` before there is a program."""

from __future__ import annotations

import json
import zlib

import pypdf
from volume_support import copy_data, edit_yaml, run_build

from workshop.core.load import load

PREFACE = (
    "Welcome to the fourth MLBench workshop.\n\nThis year we received many papers & accepted "
    'the best of them: "benchmarks" matter.'
)


def png(width: int, height: int, rows: int | None = None) -> bytes:
    """A real PNG file (red pixels): signature, IHDR, IDAT, IEND; ``rows`` of pixel data
    (all of them unless fewer are asked for)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height if rows is None else rows))
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_preface_invited_talks_and_sponsors_in_the_volume_and_on_their_own(tmp_path):
    data = copy_data(tmp_path / "repo")
    (data / "logos").mkdir()
    (data / "logos" / "acme.png").write_bytes(png(60, 20))

    def change(d):
        d["proceedings"]["preface"] = PREFACE
        d["sponsors"] = [
            {"name": "ACME Research", "url": "https://acme.example.org", "logo": "logos/acme.png"},
            {"name": "Ümlaut Foundation"},
        ]

    edit_yaml(data / "workshop.yaml", change)
    out = tmp_path / "out"
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    volume = pypdf.PdfReader(out / "volume.pdf")
    front = [c.title for c in volume.outline[1]]
    assert front == ["Title page", "Preface", "Committees", "Invited Talks", "Sponsors", "Contents"]
    pages = {c.title: volume.get_destination_page_number(c) for c in volume.outline[1]}
    preface = " ".join(volume.pages[pages["Preface"]].extract_text().split())
    assert 'This year we received many papers & accepted the best of them: "benchmarks" matter.' in preface
    assert "Tom St. John" in preface  # signed by the editors
    talks = " ".join(volume.pages[pages["Invited Talks"]].extract_text().split())
    assert (
        "Towards More Efficient Vision Transformers" in talks
        and "Yingyan (Celine) Lin (Georgia Tech)" in talks
    )
    sponsors_page = volume.pages[pages["Sponsors"]]
    text = " ".join(sponsors_page.extract_text().split())
    assert "ACME Research" in text and "Ümlaut Foundation" in text
    images = list(sponsors_page.images)
    assert len(images) == 1 and images[0].image.size == (60, 20)

    alone = pypdf.PdfReader(out / "frontmatter.pdf")
    assert len(alone.pages) == pages["Contents"] + 1
    assert list(alone.page_labels) == ["i", "ii", "iii", "iv", "v", "vi"]
    for mine, theirs in zip(alone.pages, volume.pages, strict=False):
        assert mine.extract_text() == theirs.extract_text()
    # The contents' links lead into the volume: not carried into the front matter alone; the
    # title page's web links (the volume's DOI, its license) are.
    links = [a.get_object() for page in alone.pages for a in page.get("/Annots", [])]
    assert [link["/A"]["/URI"] for link in links] == [
        "https://doi.org/10.5555/mlbench23",
        "https://creativecommons.org/licenses/by/4.0/",
    ]


def test_a_logo_that_is_no_image_or_outside_the_repository_is_a_data_problem(tmp_path):
    data = copy_data(tmp_path / "repo")
    (data / "logo.png").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "outside.png").write_bytes(png(2, 2))
    sponsors = [{"name": "A", "logo": "logo.png"}, {"name": "B", "logo": "../../../outside.png"}]
    edit_yaml(data / "workshop.yaml", lambda d: d.update(sponsors=sponsors))
    problems = {(p.field, p.code): p for p in load(data).problems}
    assert set(problems) == {("sponsors[0].logo", "image"), ("sponsors[1].logo", "path-escape")}
    assert problems["sponsors[0].logo", "image"].line is not None
    done = run_build(data, tmp_path / "out")
    assert done.returncode == 1 and "is not a PNG or JPEG image" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_volume_builds_from_papers_yaml_before_there_is_a_program(tmp_path):
    data = copy_data(tmp_path / "repo")
    (data / "schedule.yaml").unlink()
    edit_yaml(data / "papers.yaml", lambda d: d["papers"].reverse())  # not the program's order
    out = tmp_path / "out"
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    volume = pypdf.PdfReader(out / "volume.pdf")
    assert [c.title for c in volume.outline[1]] == ["Title page", "Committees", "Contents"]
    # Without a program the papers come in the order of papers.yaml.
    order = [p.id for p in load(data).workshop.papers.papers]
    manifest = json.loads((out / "volume.json").read_text())
    assert [p["id"] for p in manifest["papers"]] == order
    assert order == ["huang-bnn-crossbar", "sridharan-chakra", "liu-time-variations"]


def test_a_logo_too_large_to_decode_stops_the_build_in_one_line(tmp_path):
    data = copy_data(tmp_path / "repo")
    (data / "logo.png").write_bytes(png(30000, 30000, rows=0))  # the header claims 900 Mpx
    edit_yaml(data / "workshop.yaml", lambda d: d.update(sponsors=[{"name": "Big", "logo": "logo.png"}]))
    done = run_build(data, tmp_path / "out")
    assert done.returncode == 1
    assert "logo.png" in done.stderr and "pixels" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out" / "volume.pdf").exists()
