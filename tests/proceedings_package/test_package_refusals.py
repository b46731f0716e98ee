"""What an archive cannot take is refused in one line (the archive, then the file and the
field, or the archive's rule), writes nothing for that archive, and leaves the others to be
written: on the shipped example (three papers, no abstracts) CEUR and PMLR are refused and
Crossref, DataCite and the ACL Anthology are built."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from archives_support import assert_valid, check_acl, crossref_schema, datacite_schema, package
from conftest import ROOT, SECOND_EDITION
from lxml import etree
from volume_support import run_build

from workshop.core.load import WithPapers, load
from workshop.core.packages import TARGETS
from workshop.core.packages.common import BuiltPaper, Refused, Volume
from workshop.core.plan import Placement, paper_order
from workshop.core.volumefacts import volume_facts


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """A copy of the shipped example (its data and PDFs) with its volume built: its root."""
    root = tmp_path_factory.mktemp("example") / "repo"
    shutil.copytree(ROOT / "docs" / "data", root / "docs" / "data")
    (root / "pyproject.toml").write_text("# the repository's root, for the loader\n")
    done = run_build(root / "docs" / "data", root / "_build" / "proceedings")
    assert done.returncode == 0, done.stderr
    return root


def test_the_example_builds_what_its_data_allows_and_refuses_the_rest_in_a_line_each(example):
    """The shipped example has no site address (its pages take Read the Docs'), three papers
    and no abstracts: Crossref and DataCite, CEUR and PMLR each say the rule it misses."""
    done = package(example, "all")
    assert done.returncode == 1
    site_url = "docs/data/workshop.yaml: site_url: is required"
    assert done.stderr.splitlines() == [
        f"error: crossref: {site_url}: each DOI resolves to its paper's page on the site",
        f"error: datacite: {site_url}: each DOI is registered with its page's address",
        (
            "error: ceur: docs/data/papers.yaml: CEUR publishes volumes of at least 5 papers, and this one has 3 "
            "(see https://ceur-ws.org/HOWTOSUBMIT.html)"
        ),
        "error: pmlr: docs/data/papers.yaml: papers[0].abstract: is required: every PMLR paper has its abstract",
    ]
    out = example / "_build" / "packages"
    assert sorted(p.name for p in out.iterdir()) == ["acl"]
    check_acl(out / "acl")


def test_with_a_site_address_the_example_deposits_with_crossref_and_datacite(example, tmp_path):
    data = tmp_path / "repo"
    shutil.copytree(example, data)
    workshop = data / "docs" / "data" / "workshop.yaml"
    workshop.write_text(workshop.read_text() + "site_url: https://mlbench.example.org/2023/\n")
    assert package(data, "crossref", "datacite").returncode == 0
    out = data / "_build" / "packages"
    assert_valid(crossref_schema(), out / "crossref" / "crossref.xml")
    for record in (out / "datacite").rglob("*.xml"):
        assert_valid(datacite_schema(), record)


def test_without_a_built_volume_one_line_says_to_build_it(example, tmp_path):
    done = package(example, "crossref", "--volume", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert (
        "holds no built volume (no volume.json): build it with `python -m proceedings build`" in done.stderr
    )
    assert not (tmp_path / "out").exists()


def test_a_volume_of_other_pdfs_is_refused_rather_than_described(example, tmp_path):
    data = tmp_path / "repo"
    shutil.copytree(example, data)
    pdf = data / "docs" / "data" / "papers" / "huang-bnn-crossbar.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n% a new camera-ready\n")
    done = package(data, "datacite")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        (
            "error: _build/proceedings: the volume here was built from other papers or PDFs: build it "
            "with `python -m proceedings build` (or --volume DIR where it was built)"
        )
    ]


def test_a_missing_field_names_the_target_file_and_field_and_keeps_the_last_package(example, tmp_path):
    data = tmp_path / "repo"
    shutil.copytree(example, data)
    workshop = data / "docs" / "data" / "workshop.yaml"
    workshop.write_text(workshop.read_text() + "site_url: https://mlbench.example.org/2023/\n")
    assert package(data, "crossref", "acl").returncode == 0
    deposit = data / "_build" / "packages" / "crossref" / "crossref.xml"
    before = deposit.read_bytes()
    text = workshop.read_text()
    workshop.write_text(text.replace("    registrant: MLBench Workshop Organizers\n", ""))
    done = package(data, "crossref", "acl")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        (
            "error: crossref: docs/data/workshop.yaml: proceedings.crossref.registrant: is required: the "
            "organization responsible for the metadata (the Crossref member owning the prefix)"
        )
    ]
    assert deposit.read_bytes() == before  # nothing written for the refused target
    assert done.stdout.startswith("acl: ")  # ... and the other is still made


# --- the renderers' rules, on the second edition's data with the pages a test chooses --------


def volume_of(pages: dict[str, int] | None = None, edit=None) -> Volume:
    """The second edition's data (edited by ``edit``, a function of the data folder's copy) as a
    built volume whose papers have ``pages`` (10 each by default); no PDF is read."""
    loaded = load(SECOND_EDITION).narrowed(WithPapers)
    if edit is not None:
        info = loaded.workshop.info
        workshop = edit(loaded.workshop, info)
    else:
        workshop = loaded.workshop
    placed, first = [], 1
    for paper in paper_order(workshop):
        count = (pages or {}).get(paper.id, 10)
        index = [p.id for p in workshop.papers.papers].index(paper.id)
        placed.append(BuiltPaper(paper, Placement(paper, first, count), Path(f"{paper.id}.pdf"), index))
        first += count
    return Volume(
        workshop,
        loaded.files,
        Path("volume"),
        tuple(placed),
        Path("frontmatter.pdf"),
        dt.datetime.now(dt.UTC),
        volume_facts(workshop),
    )


def proceedings_edit(**changes):
    def edit(workshop, info):
        proceedings = info.proceedings.model_copy(update=changes)
        return workshop.model_copy(update={"info": info.model_copy(update={"proceedings": proceedings})})

    return edit


def paper_edit(paper_id: str, **changes):
    def edit(workshop, info):
        papers = [p.model_copy(update=changes) if p.id == paper_id else p for p in workshop.papers.papers]
        return workshop.model_copy(update={"papers": workshop.papers.model_copy(update={"papers": papers})})

    return edit


def refusal(target: str, volume: Volume) -> str:
    with pytest.raises(Refused) as refused:
        TARGETS[target].render(volume)
    text = str(refused.value)
    assert text.startswith(f"{target}: ") and "\n" not in text
    return text


def test_ceur_refuses_a_paper_below_its_minimum_length():
    text = refusal("ceur", volume_of({"kim-energy-per-token": 4}))
    assert (
        "papers.yaml: papers[1]: paper 'kim-energy-per-token' has 4 pages, fewer than the 5 of a CEUR paper"
        in text
    )


def test_ceur_refuses_a_volume_or_a_paper_not_under_cc_by():
    text = refusal("ceur", volume_of(edit=proceedings_edit(license="CC-BY-NC-4.0")))
    assert "workshop.yaml: proceedings.license: CEUR publishes under CC BY 4.0 only" in text
    text = refusal("ceur", volume_of(edit=paper_edit("osei-thermal", license="CC-BY-SA-4.0")))
    assert (
        "papers.yaml: papers[7].license: CEUR publishes under CC BY 4.0 only, and paper 'osei-thermal'"
        in text
    )


def test_pmlr_refuses_a_name_latex_cannot_write_in_ascii():
    def korean_without_sort_as(workshop, info):
        paper = workshop.papers.papers[1]
        authors = [paper.authors[0].model_copy(update={"sort_as": None}), *paper.authors[1:]]
        return paper_edit(paper.id, authors=authors)(workshop, info)

    text = refusal("pmlr", volume_of(edit=korean_without_sort_as))
    assert (
        "papers.yaml: papers[1].authors[0].sort_as: PMLR's BibTeX is ASCII, and 김민준 has no Latin form"
        in text
    )


def test_acl_refuses_a_venue_id_with_the_year_and_pmlr_a_missing_volume_number():
    acl = proceedings_edit(
        acl=load(SECOND_EDITION).workshop.info.proceedings.acl.model_copy(update={"venue_id": "mlbench2024"})
    )
    assert "proceedings.acl.venue_id: 'mlbench2024' holds the year" in refusal("acl", volume_of(edit=acl))
    pmlr = proceedings_edit(
        pmlr=load(SECOND_EDITION).workshop.info.proceedings.pmlr.model_copy(update={"volume": None})
    )
    assert "proceedings.pmlr.volume: is required: the volume number PMLR assigned" in refusal(
        "pmlr", volume_of(edit=pmlr)
    )


def test_crossref_and_datacite_refuse_papers_without_dois():
    assert "proceedings.doi: is required" in refusal("crossref", volume_of(edit=proceedings_edit(doi=None)))
    assert "proceedings.doi: is required" in refusal("datacite", volume_of(edit=proceedings_edit(doi=None)))


def test_the_command_knows_every_archive_and_reads_the_volume_where_build_writes_it():
    from proceedings import cli, package

    assert package.NAMES == tuple(TARGETS) == tuple(package.OWNS)
    assert package.VOLUME_DIR == cli.VOLUME_DIR


def test_crossref_refuses_a_name_part_longer_than_its_schema_takes():
    long = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessen"  # 75 letters

    def long_surname(workshop, info):
        paper = workshop.papers.papers[2]
        authors = [
            paper.authors[0].model_copy(update={"name": f"Hubert {long}", "sort_as": None}),
            *paper.authors[1:],
        ]
        return paper_edit(paper.id, authors=authors)(workshop, info)

    text = refusal("crossref", volume_of(edit=long_surname))
    assert "papers.yaml: papers[2].authors[0].name: 'Hubert Wolfe" in text  # a long value is shortened
    assert "': its surname has 75 characters" in text
    assert "more than the 60 Crossref takes" in text
    # At 60 characters the deposit is made, and valid (the schema's own limit).
    sixty = long[:60]

    def sixty_surname(workshop, info):
        paper = workshop.papers.papers[2]
        authors = [
            paper.authors[0].model_copy(update={"name": f"Hubert {sixty}", "sort_as": None}),
            *paper.authors[1:],
        ]
        return paper_edit(paper.id, authors=authors)(workshop, info)

    (deposit,) = TARGETS["crossref"].render(volume_of(edit=sixty_surname)).values()
    schema = crossref_schema()  # skips, saying why, where ../shared is absent
    document = etree.fromstring(deposit, etree.XMLParser(no_network=True, resolve_entities=False))
    assert schema.validate(document), schema.error_log
