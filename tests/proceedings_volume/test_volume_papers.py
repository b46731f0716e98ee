"""What the volume does with papers' own contents: links and named destinations kept
inside their paper, bookmarks nested, scripts and actions left out (and reported); and
what stops a build: a paper the check fails, an interrupted build, a broken PDF."""

from __future__ import annotations

import io
import json

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject
from volume_support import (
    SECTIONS,
    add_papers,
    body_pages,
    copy_data,
    edit_yaml,
    hostile_paper,
    hyperlinked_paper,
    run_build,
)

from proceedings.data import load_for_proceedings
from proceedings.volume import build as volume_module
from proceedings.volume.copy import PaperCopy
from tools.samples import build_sample
from workshop.core.problems import WorkshopError

FRONT = 4  # title page, committees, invited talks (the example program has two), contents
PROGRAM_PAGES = 26  # the three example papers come first (they are on the program)


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """A volume with two hyperlinked papers that define the same named destinations."""
    site = tmp_path_factory.mktemp("linked")
    data = copy_data(site)
    hyperlinked_paper(data / "papers" / "one.pdf", "Paper One")
    hyperlinked_paper(data / "papers" / "two.pdf", "Paper Two")
    add_papers(
        data,
        [
            {
                "id": "one",
                "title": "Paper One",
                "track": "short",
                "pdf": "papers/one.pdf",
                "authors": [{"name": "Ludwig van Beethoven", "affiliation": "Wien"}],
            },
            {
                "id": "two",
                "title": "Paper Two",
                "track": "short",
                "pdf": "papers/two.pdf",
                "authors": [{"name": "王小明", "affiliation": "清华大学"}, {"name": "Émile Zola"}],
            },
        ],
    )
    out = site / "out"
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    return out


def resolve(reader: pypdf.PdfReader, dest) -> int:
    dest = dest.get_object()
    if isinstance(dest, ArrayObject):
        return reader.get_page_number(dest[0].get_object())
    name = dest.decode("latin-1") if isinstance(dest, bytes) else str(dest)
    return reader.get_destination_page_number(reader.named_destinations[name])


def link_targets(reader: pypdf.PdfReader, page_index: int) -> list[int]:
    page = reader.pages[page_index]
    targets = []
    for annotation in page.get("/Annots", []):
        annotation = annotation.get_object()
        dest = annotation.get("/Dest")
        if dest is None and annotation.get("/A", {}).get("/S") == "/GoTo":
            dest = annotation["/A"]["/D"]
        if dest is not None:
            targets.append(resolve(reader, dest))
    return targets


def test_links_and_named_destinations_stay_inside_their_paper(linked):
    reader = pypdf.PdfReader(linked / "volume.pdf")
    one = FRONT + PROGRAM_PAGES  # first page of paper "one" (0-based); "two" follows 3 pages later
    for start in (one, one + 3):
        # page 1 links by name to "method" and "results" of the *same* paper ...
        assert link_targets(reader, start) == [start + 1, start + 2]
        # ... and page 3 back to its page 1 by an explicit destination
        assert link_targets(reader, start + 2) == [start]
    names = reader.named_destinations
    for paper, start in (("one", one), ("two", one + 3)):
        for offset, section in enumerate(SECTIONS):
            assert reader.get_destination_page_number(names[f"{paper}/{section}"]) == start + offset
        assert reader.get_destination_page_number(names[paper]) == start


def test_each_paper_bookmark_holds_its_own_outline(linked):
    reader = pypdf.PdfReader(linked / "volume.pdf")
    outline = reader.outline
    titles = [item.title if not isinstance(item, list) else None for item in outline]
    one = FRONT + PROGRAM_PAGES
    for title, start in (("Paper One", one), ("Paper Two", one + 3)):
        position = titles.index(title)
        children = outline[position + 1]
        assert [c.title for c in children] == ["1 Intro", "2 Method", "3 Results"]
        assert [reader.get_destination_page_number(c) for c in children] == [start, start + 1, start + 2]


def test_the_split_out_paper_keeps_its_links_and_outline(linked):
    reader = pypdf.PdfReader(linked / "papers" / "two.pdf")
    assert link_targets(reader, 0) == [1, 2]
    assert link_targets(reader, 2) == [0]
    assert [reader.get_destination_page_number(c) for c in reader.outline] == [0, 1, 2]
    assert list(reader.page_labels) == [str(PROGRAM_PAGES + 4 + i) for i in range(3)]


def test_the_index_files_particles_accents_and_other_scripts(linked):
    reader = pypdf.PdfReader(linked / "volume.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages[FRONT + PROGRAM_PAGES + 6 :])
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert f"Beethoven, Ludwig van {PROGRAM_PAGES + 1}" in lines
    assert f"Zola, Émile {PROGRAM_PAGES + 4}" in lines
    assert f"王小明 {PROGRAM_PAGES + 4}" in lines  # rendered with the fallback font, filed after Latin names
    order = [
        line for line in lines if line.startswith(("Beethoven", "Zola", "Zhang", "王")) and line[-1].isdigit()
    ]
    assert [o.split(",")[0].split()[0] for o in order] == ["Beethoven", "Zhang", "Zola", "王小明"]


def test_scripts_actions_files_and_forms_are_not_carried_in(tmp_path):
    data = copy_data(tmp_path / "site")
    hostile_paper(data / "papers" / "hostile.pdf")
    add_papers(
        data,
        [
            {
                "id": "hostile",
                "title": "A Paper With Scripts",
                "track": "short",
                "pdf": "papers/hostile.pdf",
                "authors": [{"name": "Mallory Doe"}],
            }
        ],
    )
    out = tmp_path / "out"
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    assert "hostile: not carried into the volume:" in done.stdout
    manifest = json.loads((out / "volume.json").read_text())
    removed = next(p["removed"] for p in manifest["papers"] if p["id"] == "hostile")
    assert removed == {
        "JavaScript": 2,
        "additional actions": 1,
        "embedded file": 1,
        "form": 1,
        "form field": 1,
        "launch action": 1,
        "open action": 1,
    }
    for pdf in (out / "volume.pdf", out / "papers" / "hostile.pdf"):
        reader = pypdf.PdfReader(pdf)
        root = reader.trailer["/Root"]
        assert "/OpenAction" not in root and "/AcroForm" not in root
        assert "/JavaScript" not in root.get("/Names", {}) and "/EmbeddedFiles" not in root.get("/Names", {})
        raw = pdf.read_bytes()
        for marker in (
            b"/JavaScript",
            b"/JS",
            b"/Launch",
            b"/EmbeddedFile",
            b"/Widget",
            b"/SubmitForm",
            b"not for the volume",
            b"calc.exe",
        ):
            assert marker not in raw, (pdf, marker)
        page = reader.pages[FRONT + PROGRAM_PAGES if pdf.name == "volume.pdf" else 0]
        uris = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])]
        # The one harmless web link survives; the stamp's link to the paper's DOI follows it.
        assert uris == ["https://mlsys.org/", "https://doi.org/10.5555/mlbench23.hostile"]


def test_a_paper_that_fails_the_check_stops_the_build(tmp_path):
    data = copy_data(tmp_path / "site")
    out = tmp_path / "out"
    assert run_build(data, out).returncode == 0
    before = (out / "volume.pdf").read_bytes()
    # A full paper two pages over the limit (12 counted pages, the maximum is 10).
    loaded = load_for_proceedings(data)
    paper = loaded.workshop.papers.paper("liu-time-variations")
    longer = loaded.workshop.info.track("full").model_copy(update={"max_pages": 13})
    build_sample(paper, longer, data / "papers" / "liu-time-variations.pdf")

    done = run_build(data, out)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "the volume is not built: 1 paper did not pass the page-limit check" in done.stderr
    assert "liu-time-variations (fail): too long: 12 counted pages, the maximum is 10" in done.stderr
    assert (out / "volume.pdf").read_bytes() == before

    # The chair approves the exception in the data: the same paper is admitted.
    def approve(d):
        d["papers"][0]["decision"] = {
            "exception": {"pages": 12, "reason": "artifact appendix", "approved_by": "Program chairs"}
        }

    edit_yaml(data / "papers.yaml", approve)
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    assert (
        len(pypdf.PdfReader(out / "volume.pdf").pages) == len(pypdf.PdfReader(io.BytesIO(before)).pages) + 3
    )


def test_an_interrupted_build_leaves_the_previous_volume(tmp_path, monkeypatch):
    data = copy_data(tmp_path / "site")
    out = tmp_path / "out"
    loaded = load_for_proceedings(data)
    volume_module.build_volume(loaded, out, progress=False)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    copy = PaperCopy.copy
    calls = []

    def interrupted(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:  # Ctrl-C while the second paper is being copied
            raise KeyboardInterrupt
        return copy(self, *args, **kwargs)

    monkeypatch.setattr(PaperCopy, "copy", interrupted)
    edit_yaml(data / "workshop.yaml", lambda d: d["proceedings"].update(title="A New Title"))
    with pytest.raises(KeyboardInterrupt):
        volume_module.build_volume(load_for_proceedings(data), out, progress=False)
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.glob(".staging-*"))


def test_a_broken_pdf_is_one_clear_error_and_the_old_volume_stays(tmp_path):
    data = copy_data(tmp_path / "site")
    out = tmp_path / "out"
    loaded = load_for_proceedings(data)
    volume_module.build_volume(loaded, out, progress=False)
    before = (out / "volume.pdf").read_bytes()
    pdf = data / "papers" / "sridharan-chakra.pdf"
    pdf.write_bytes(pdf.read_bytes()[:2000])  # truncated
    with pytest.raises(WorkshopError) as error:
        volume_module.build_volume(load_for_proceedings(data), out, progress=False)
    assert "sridharan-chakra.pdf" in str(error.value)
    assert (out / "volume.pdf").read_bytes() == before
    assert not list(out.glob(".staging-*"))


def test_the_check_catches_a_broken_pdf_before_the_build(tmp_path):
    data = copy_data(tmp_path / "site")
    pdf = data / "papers" / "huang-bnn-crossbar.pdf"
    pdf.write_bytes(b"%PDF-1.7\nnot really a PDF\n")
    done = run_build(data, tmp_path / "out")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "huang-bnn-crossbar (error)" in done.stderr
    assert not (tmp_path / "out" / "volume.pdf").exists()


def test_no_accepted_papers_yet_is_no_volume_and_no_error(tmp_path):
    data = copy_data(tmp_path / "site")
    (data / "papers.yaml").unlink()
    edit_yaml(
        data / "schedule.yaml",
        lambda d: d["days"][0].update(slots=[s for s in d["days"][0]["slots"] if s["kind"] != "paper"]),
    )
    done = run_build(data, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "no accepted papers yet, so no volume to build" in done.stdout
    assert not (tmp_path / "out" / "volume.pdf").exists()


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_turned_page_gets_its_stamp_at_the_foot_as_the_reader_sees_it(tmp_path, rotate):
    from volume_support import body_pages

    data = copy_data(tmp_path / "site")
    plain = body_pages(tmp_path / "plain.pdf", "Turned", 4)
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.pages[1].rotate(rotate)
    writer.write(str(data / "papers" / "turned.pdf"))
    add_papers(
        data,
        [
            {
                "id": "turned",
                "title": "Turned",
                "track": "short",
                "pdf": "papers/turned.pdf",
                "authors": [{"name": "Tess Turner"}],
            }
        ],
    )
    out = tmp_path / "out"
    volume_module.build_volume(load_for_proceedings(data), out, progress=False)
    page = pypdf.PdfReader(out / "volume.pdf").pages[FRONT + PROGRAM_PAGES + 1]
    assert page.rotation == rotate
    found = []

    def visit(text, cm, tm, *_):
        if text.strip() == str(PROGRAM_PAGES + 2):  # the stamped number
            a, b, c, d, e, f = cm
            x, y = tm[4] * a + tm[5] * c + e, tm[4] * b + tm[5] * d + f  # in user space
            found.append((x, y))

    page.extract_text(visitor_text=visit)
    ((x, y),) = found
    # Where the reader sees that point: /Rotate turns the page clockwise.
    width, height = 612, 792
    seen = {90: (y, width - x), 180: (width - x, height - y), 270: (height - y, x)}[rotate]
    seen_width = height if rotate in (90, 270) else width
    assert abs(seen[0] - seen_width / 2) < 12  # centred (the number is a few points wide)
    assert 0 < seen[1] < 36  # in the band at the foot of the page


def test_a_killed_build_leaves_a_staging_folder_the_next_build_clears(tmp_path):
    data = copy_data(tmp_path / "site")
    out = tmp_path / "out"
    killed = out / ".staging-999999999-abc"  # no such process: its build is gone
    (killed / "papers").mkdir(parents=True)
    (killed / "volume.pdf").write_bytes(b"%PDF-1.7 half written")
    volume_module.build_volume(load_for_proceedings(data), out, progress=False)
    assert not killed.exists()
    assert pypdf.PdfReader(out / "volume.pdf").pages


def test_a_paper_taken_out_of_the_data_takes_its_files_with_it(tmp_path):
    """The papers/ folder holds the papers of the current volume only: a withdrawn paper's
    stamped PDF and BibTeX do not linger where the site or a chair would find them."""
    data = copy_data(tmp_path / "site")
    out = tmp_path / "out"
    volume_module.build_volume(load_for_proceedings(data), out, progress=False)
    assert (out / "papers" / "huang-bnn-crossbar.pdf").is_file()
    edit_yaml(
        data / "papers.yaml",
        lambda d: d.update(papers=[p for p in d["papers"] if p["id"] != "huang-bnn-crossbar"]),
    )
    edit_yaml(
        data / "schedule.yaml",
        lambda d: d["days"][0].update(
            slots=[s for s in d["days"][0]["slots"] if s.get("paper") != "huang-bnn-crossbar"]
        ),
    )
    volume_module.build_volume(load_for_proceedings(data), out, progress=False)
    assert sorted(p.name for p in (out / "papers").iterdir()) == [
        "liu-time-variations.bib",
        "liu-time-variations.pdf",
        "sridharan-chakra.bib",
        "sridharan-chakra.pdf",
    ]


def test_an_opening_view_is_said_once_and_any_other_open_action_per_paper(tmp_path):
    """fpdf2 and LaTeX's hyperref set where a viewer opens the file in nearly every PDF: it
    is left out and recorded in volume.json, yet one line in the terminal for all papers.
    An open action that does more (here a go-to with JavaScript chained after it) keeps a
    line of its own paper."""
    data = copy_data(tmp_path / "site")
    for name, chained in (("hyperref", False), ("chained", True)):
        writer = pypdf.PdfWriter(clone_from=str(body_pages(tmp_path / f"{name}.pdf", f"The {name} paper", 4)))
        action = DictionaryObject(
            {  # as hyperref writes it: an indirect go-to, page 1 fitted
                NameObject("/S"): NameObject("/GoTo"),
                NameObject("/D"): ArrayObject([writer.pages[0].indirect_reference, NameObject("/Fit")]),
            }
        )
        if chained:
            action[NameObject("/Next")] = DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("app.alert(1);"),
                }
            )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
        writer.write(str(data / "papers" / f"{name}.pdf"))
    add_papers(
        data,
        [
            {
                "id": name,
                "title": f"The {name} paper",
                "track": "short",
                "pdf": f"papers/{name}.pdf",
                "authors": [{"name": "Ada Lovelace"}],
            }
            for name in ("hyperref", "chained")
        ],
    )
    out = tmp_path / "out"
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    removed = {p["id"]: p["removed"] for p in json.loads((out / "volume.json").read_text())["papers"]}
    assert removed == {
        "liu-time-variations": {"opening view": 1},
        "sridharan-chakra": {"opening view": 1},  # fpdf2's
        "huang-bnn-crossbar": {"opening view": 1},
        "hyperref": {"opening view": 1},
        "chained": {"open action": 1},
    }
    lines = done.stdout.splitlines()
    assert [line for line in lines if "not carried" in line] == [
        "chained: not carried into the volume: open action",
        (
            "opening view of 4 papers (where a viewer opens the file: most PDF writers set one) not carried in: "
            "the volume and each stamped paper open at their first page"
        ),
    ]
    for pdf in (out / "volume.pdf", out / "papers" / "chained.pdf", out / "papers" / "hyperref.pdf"):
        assert "/OpenAction" not in pypdf.PdfReader(pdf).trailer["/Root"]
        assert b"/JS" not in pdf.read_bytes()


def test_a_kept_link_loses_the_script_it_carries(tmp_path):
    """A web link is kept, but not the additional actions (/AA: JavaScript run when the
    pointer enters it) hidden in the same annotation."""
    plain = body_pages(tmp_path / "plain.pdf", "A Paper With a Scripted Link", 4)
    writer = pypdf.PdfWriter(clone_from=str(plain))
    script = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hover');"),
        }
    )
    writer.add_annotation(
        0,
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (72, 660, 200, 672)]),
                NameObject("/A"): DictionaryObject(
                    {
                        NameObject("/S"): NameObject("/URI"),
                        NameObject("/URI"): TextStringObject("https://mlsys.org/"),
                    }
                ),
                NameObject("/AA"): DictionaryObject({NameObject("/E"): script}),
            }
        ),
    )
    data = copy_data(tmp_path / "site")
    writer.write(str(data / "papers" / "scripted.pdf"))
    add_papers(
        data,
        [
            {
                "id": "scripted",
                "title": "A Paper With a Scripted Link",
                "track": "short",
                "pdf": "papers/scripted.pdf",
                "authors": [{"name": "Mallory Doe"}],
            }
        ],
    )
    out = tmp_path / "out"
    result = volume_module.build_volume(load_for_proceedings(data), out, progress=False)
    removed = next(p for p in result.papers if p.id == "scripted").removed
    assert removed == {"additional actions": 1, "opening view": 1}  # (fpdf2's opening view)
    for pdf in (out / "volume.pdf", out / "papers" / "scripted.pdf"):
        assert b"/JS" not in pdf.read_bytes() and b"hover" not in pdf.read_bytes()
    page = pypdf.PdfReader(out / "papers" / "scripted.pdf").pages[0]
    links = [a.get_object() for a in page.get("/Annots", [])]
    assert [link["/A"]["/URI"] for link in links] == [
        "https://mlsys.org/",
        "https://doi.org/10.5555/mlbench23.scripted",
    ]
    assert all("/AA" not in link for link in links)
