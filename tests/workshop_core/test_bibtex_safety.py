"""The BibTeX the volume build writes says what the data says, read back by a parser that
reads it as BibTeX does (pybtex): one person per name however the name is written ("and"
in it, a comma, braces, LaTeX's special characters), every field balanced and escaped,
keys that are keys whatever the short name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import parse_string
from volume_support import add_papers, body_pages, copy_data, edit_yaml, run_build

from workshop.core.bibtex import escape
from workshop.core.model import Person
from workshop.core.names import split_name

AUTHORS = [
    "Alice X and Bob Y",  # one author, not two
    "Carol AND Dan",
    "Erin And",
    "Acme, Inc. Research",  # a comma: BibTeX would read "Last, First"
    "Eve {Unbalanced",
    "Mallory }",
    "Trent \\ Backslash",
    "others",  # BibTeX's "et al."
    "Zoë 100% _x_ #1 $y$ ~z^ @home",
    "山田 太郎",
    "Ludwig van Beethoven",
    "Martin Luther King Jr.",
]
TITLE = "Set {x and Proof: 100% of #1 \\ ~ ^ & _ $ @ { DNN} }} % end"
EDITOR = "Ed and Ward, Jr."
_ESCAPES = {
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textbackslash{}": "\\",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    "{": "",
    "}": "",
    **{f"\\{c}": c for c in "#$%&_"},
}
_ESCAPED = re.compile("|".join(re.escape(k) for k in sorted(_ESCAPES, key=len, reverse=True)))


def plain(text: str) -> str:
    """A field's text as LaTeX prints it: the escapes read back, grouping braces gone."""
    return _ESCAPED.sub(lambda m: _ESCAPES[m.group()], text)


def read(path: Path):
    return parse_string(path.read_text(encoding="utf-8"), "bibtex")  # strict: a syntax error raises


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("bibtex")
    data = copy_data(site)
    body_pages(data / "papers" / "names.pdf", "Names", 2)
    add_papers(
        data,
        [
            {
                "id": "names",
                "title": TITLE,
                "track": "short",
                "pdf": "papers/names.pdf",
                "authors": [{"name": name} for name in AUTHORS],
            }
        ],
    )
    edit_yaml(data / "people.yaml", lambda d: d["committees"][0]["members"].append({"name": EDITOR}))
    edit_yaml(data / "workshop.yaml", lambda d: d.update(short_name="ML{Bench}'23 @#%"))
    out = site / "out"
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    return out


def test_every_file_parses_and_every_key_is_a_key(built):
    files = [built / "volume.bib", *sorted((built / "papers").glob("*.bib"))]
    assert len(files) == 1 + 4
    for path in files:
        for key in read(path).entries:
            assert re.fullmatch(r"[a-z0-9]+(:[a-z0-9_-]+)?", key), (path.name, key)
    assert set(read(built / "volume.bib").entries) == {
        "mlbench23",
        "mlbench23:liu-time-variations",
        "mlbench23:sridharan-chakra",
        "mlbench23:huang-bnn-crossbar",
        "mlbench23:names",
    }


@pytest.mark.parametrize("file", ["volume.bib", "papers/names.bib"])
def test_each_author_is_one_person_with_their_name(built, file):
    entry = read(built / file).entries["mlbench23:names"]
    people = entry.persons["author"]
    assert len(people) == len(AUTHORS)
    for person, name in zip(people, AUTHORS, strict=True):
        parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
        assert plain(" ".join(parts + person.lineage_names)) == name


def test_the_editors_are_one_person_each(built):
    volume = read(built / "volume.bib").entries["mlbench23"]
    editors = volume.persons["editor"]
    last = editors[-1]
    assert (
        plain(" ".join(last.first_names + last.middle_names + last.last_names + last.lineage_names))
        == "Ed and Ward Jr."
    )  # (the comma before "Jr." is how a suffix is written, in BibTeX too)
    committee = 3 + 1  # the example's organizers, and this one
    assert len(editors) == committee


def test_the_title_reads_back_as_it_is_written(built):
    entry = read(built / "papers" / "names.bib").entries["mlbench23:names"]
    assert plain(entry.fields["title"]) == TITLE
    assert "{DNN" in entry.fields["title"]  # capitals kept from a style's lower-casing


@pytest.mark.parametrize("text", ["{", "}", "}{", "a \\{ b", "\\", "%", "\x00\x1b[31m{x", "a\u0085b\u2028c"])
def test_an_escaped_field_is_balanced_whatever_the_text(text):
    value = escape(text)
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, value
    assert depth == 0, value
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", value)
    parse_string(f"@misc{{k, title = {{{value}}}}}", "bibtex")


@pytest.mark.parametrize(
    ("name", "bibtex"),
    [
        ("Alice X and Bob Y", "Y, Alice X {and} Bob"),
        ("Ann AnD", "{AnD}, Ann"),
        ("Anderson Andy", "Andy, Anderson"),  # "and" inside a word is no separator
        ("Acme, Inc. Research", "Research, {Acme, Inc.}"),
        ("others", "{others}"),
        ("山田 太郎", "{山田 太郎}"),
    ],
)
def test_names_are_braced_where_bibtex_would_split_them(name, bibtex):
    assert split_name(Person(name=name)).bibtex_form(escape) == bibtex


def test_url_publisher_address_and_doi_from_the_data_read_back_whole():
    """The paper's page and the volume's site as ``url``, a DOI, a publisher and an address with
    LaTeX's special characters: each one field, balanced, saying what the data says."""
    from workshop.core.bibtex import paper_entry, volume_entry
    from workshop.core.load import WithInfo, load
    from workshop.core.plan import Placement
    from workshop.core.volumefacts import volume_facts

    loaded = load(Path(__file__).resolve().parents[2] / "docs" / "data").narrowed(WithInfo)
    workshop = loaded.workshop
    proceedings = workshop.info.proceedings.model_copy(
        update={"publisher": "ACM & {Friends}", "address": "New York, NY"}
    )
    info = workshop.info.model_copy(
        update={"site_url": "https://example.org/mlbench/{2023}", "proceedings": proceedings}
    )
    workshop = workshop.model_copy(update={"info": info})
    paper = workshop.papers.papers[0].model_copy(update={"doi": "10.1145/3578356.{3592577}"})
    entry = parse_string(
        paper_entry(volume_facts(workshop), paper, Placement(paper, 3, 10)), "bibtex"
    ).entries
    fields = next(iter(entry.values())).fields
    assert fields["url"] == f"https://example.org/mlbench/%7B2023%7D/papers/{paper.id}.html"
    assert fields["doi"] == "10.1145/3578356.%7B3592577%7D"
    assert plain(fields["publisher"]) == "ACM & {Friends}" and fields["address"] == "New York, NY"
    assert fields["pages"] == "3--12"
    volume = next(iter(parse_string(volume_entry(volume_facts(workshop)), "bibtex").entries.values())).fields
    assert volume["url"] == "https://example.org/mlbench/%7B2023%7D/"
    # Without site_url there is no address to give: no url at all.
    bare = workshop.model_copy(update={"info": info.model_copy(update={"site_url": None})})
    bare_entry = paper_entry(volume_facts(bare), paper)
    assert "url" not in next(iter(parse_string(bare_entry, "bibtex").entries.values())).fields


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("10.1145/3578356.3592577", "10.1145/3578356.3592577"),
        ("https://doi.org/10.1000/xyz-1", "10.1000/xyz-1"),
    ],
)
def test_a_doi_is_kept_as_its_registry_writes_it(value, kept):
    from workshop.core.model import Paper

    paper = Paper(id="a", title="T", authors=[{"name": "A"}], track="full", pdf="a.pdf", doi=value)
    assert paper.doi == kept


def test_a_doi_that_is_no_doi_is_a_problem_at_its_line(tmp_path):
    from workshop.core.load import load

    data = copy_data(tmp_path / "repo")
    edit_yaml(data / "papers.yaml", lambda d: d["papers"][0].update(doi="see the ACM page"))
    (problem,) = load(data).problems
    assert problem.field == "papers[0].doi" and problem.line is not None
    assert "'see the ACM page' is not a DOI" in problem.message
