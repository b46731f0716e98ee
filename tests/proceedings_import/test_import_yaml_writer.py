"""The import's YAML writer and the project's loader agree (issue 23): whatever text a
submission system holds in a title, a name, an affiliation or an abstract, once the import has
made it what papers.yaml holds (one line, no control characters), the papers.yaml it writes
is read back by the loader as that very text.  ruamel.yaml writes YAML 1.2, the loader reads
YAML 1.1: ``?x Lab``, ``: x`` and a first name ``?x`` were written plain inside the authors'
flow mappings, where the loader does not read them, and a valid export was refused.
Derandomized, without an example database: CI runs the same examples every time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_support import data_folder, run, write_json

from proceedings.imports.common import Export, Submission, author, one_line, paragraphs
from proceedings.imports.merge import Document, merge
from proceedings.imports.run import read_back, written
from workshop.core import characters
from workshop.core.model import Papers
from workshop.core.yamlfile import read

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

#: Text as it comes from an export: any character, YAML's indicators and what the two
#: versions of YAML read differently well represented.
TEXT = st.lists(
    st.one_of(
        st.sampled_from([*"?:-#&*!|>'\"%@`,[]{}~ \t\\", "? ", ": ", "- ", " #"]),
        st.characters(codec="utf-8"),
    ),
    max_size=16,
).map("".join)


def accepted_text(value: str) -> bool:
    """Whether the loader takes ``value`` in a one-line field at all (it refuses some
    characters anywhere: those are refused at the export's field, a different matter)."""
    return characters.refusal(value) is None


@SETTINGS
@given(title=TEXT, first=TEXT, last=TEXT, affiliation=TEXT, abstract=TEXT)
def test_whatever_the_import_writes_the_loader_reads_back_the_same(
    tmp_path_factory, title, first, last, affiliation, abstract
):
    person = author(first, last, affiliation)
    submission = Submission(7, one_line(title) or "T", (person,) if person else (), paragraphs(abstract))
    texts = [
        submission.title,
        *(x for a in submission.authors for x in (a.name, a.affiliation, a.sort_as) if x),
    ]
    if not submission.authors or not all(map(accepted_text, texts)):
        return
    if submission.abstract and characters.refusal(submission.abstract, one_line=False):
        return
    doc = Document(tmp_path_factory.mktemp("p") / "papers.yaml")
    merge(doc, Export("hotcrp", [Path("x.json")], [submission]), lambda: "short", set())
    path = doc.path
    path.write_text(doc.dump(), encoding="utf-8")
    values, _ = read(path)
    papers = Papers.model_validate(values)
    assert read_back(papers.papers[0]) == written(doc.papers[0])
    assert papers.papers[0].title == submission.title
    assert [a.name for a in papers.papers[0].authors] == [a.name for a in submission.authors]


@pytest.mark.parametrize(
    ("first", "last", "affiliation"),
    [("Ann", "Author", "?x Lab"), ("Ann", "Author", ": x"), ("?x", "Author", "Lab"), ("Ann", "-x", "[Lab]")],
)
def test_a_valid_export_with_yaml_indicators_imports(tmp_path, first, last, affiliation):
    data = data_folder(tmp_path / "repo")
    paper = {
        "pid": 1,
        "title": "?x: A Title",
        "status": "accepted",
        "authors": [{"first": first, "last": last, "affiliation": affiliation}],
    }
    done = run(
        "hotcrp", str(write_json(tmp_path / "hotcrp.json", [paper])), "--data", str(data), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    values, _ = read(data / "papers.yaml")
    (imported,) = values["papers"]
    assert imported["title"] == "?x: A Title"
    assert imported["authors"] == [{"name": f"{first} {last}", "affiliation": affiliation}]
