"""RIS and CSL-JSON, the citations a paper page offers beside BibTeX: the same facts (the
minted DOI, the volume's pages, the names split as BibTeX splits them), and nothing from the
data can break the format (a line break cannot start a RIS tag; JSON escapes everything)."""

from __future__ import annotations

import json

from conftest import ROOT, SECOND_EDITION

from workshop.core import csljson, ris
from workshop.core.load import WithPapers, load
from workshop.core.plan import Placement
from workshop.core.volumefacts import volume_facts


def paper_of(folder, paper_id):
    """The volume's facts of the data in ``folder``, and its paper ``paper_id``."""
    workshop = load(folder).narrowed(WithPapers).workshop
    return volume_facts(workshop), next(p for p in workshop.papers.papers if p.id == paper_id)


def test_ris_record_of_a_paper_with_its_pages_doi_and_names():
    workshop, paper = paper_of(SECOND_EDITION, "lefevre-sparse-training")
    text = ris.paper(workshop, paper, Placement(paper, 11, 10)).decode()
    lines = text.split("\r\n")
    assert lines[:4] == [
        "TY  - CPAPER",
        "AU  - Lefèvre, Françoise",
        "AU  - Nguyễn, Văn An",
        "TI  - A Benchmark Suite for Sparse Training at Scale",
    ]
    assert "SP  - 11" in lines and "EP  - 20" in lines
    assert "DO  - 10.5555/mlbench.2024.lefevre-sparse-training" in lines
    assert "UR  - https://mlbench.example.org/2024/papers/lefevre-sparse-training.html" in lines
    assert lines[-2:] == ["ER  - ", ""]


def test_ris_values_stay_on_their_line_whatever_the_data_holds():
    workshop, paper = paper_of(SECOND_EDITION, "kim-energy-per-token")
    hostile = paper.model_copy(update={"abstract": "First line\nER  - \nTY  - JOUR\n\tTabbed"})
    text = ris.paper(workshop, hostile, None).decode()
    assert text.count("TY  - ") == 1 and text.count("ER  - ") == 1
    assert "AB  - First line ER - TY - JOUR Tabbed\r\n" in text
    assert "SP  - " not in text  # no volume, no pages


def test_csl_json_item_with_particles_and_a_name_written_family_first():
    workshop, paper = paper_of(SECOND_EDITION, "dubois-quantization")
    (item,) = json.loads(csljson.paper(workshop, paper, Placement(paper, 49, 10)))
    assert item["type"] == "paper-conference"
    assert item["author"][1] == {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}
    assert item["page"] == "49-58"
    assert item["DOI"] == "10.5555/mlbench.2024.dubois-quantization"
    assert item["issued"] == {"date-parts": [[2024, 5, 17]]}
    assert item["license"] == "https://creativecommons.org/licenses/by/4.0/"
    example, liu = paper_of(ROOT / "docs" / "data", "liu-time-variations")
    (item,) = json.loads(csljson.paper(example, liu, None))
    assert "page" not in item and "abstract" not in item
    assert item["DOI"] == "10.5555/mlbench23.liu-time-variations"


def test_csl_json_escapes_what_the_data_holds():
    workshop, paper = paper_of(SECOND_EDITION, "wang-tail-latency")
    hostile = paper.model_copy(update={"title": 'A "quoted" </script> title \\ with a backslash'})
    text = csljson.paper(workshop, hostile, None).decode()
    (item,) = json.loads(text)
    assert item["title"] == 'A "quoted" </script> title \\ with a backslash'
    assert item["author"][0] == {"family": "Wang", "given": "Xiaoming"}
