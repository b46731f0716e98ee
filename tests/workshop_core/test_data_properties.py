"""Property: whatever a data file holds, the loader answers with problems, never an exception.

Starting from the example data, each example puts an arbitrary YAML value (text with any
character, numbers, dates, binary, nested lists and mappings with arbitrary keys) in place
of one value of one file (every field, every list entry, the whole file), or splices
arbitrary text into the file itself; then `load()` must return, and every problem must
name its file and a line or field in one line (a message is printed on a terminal: no
control character of the data may reach it).  What the loader accepts, the
exports must be able to write.  Derandomized and without an example database, so CI runs
the same examples every time.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from workshop.core import characters
from workshop.core.exports import EXPORTS
from workshop.core.exports.common import Site
from workshop.core.load import FILES, load
from workshop.core.problems import CODES

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

#: Characters that have broken a reader before: controls, line breaks of every kind,
#: noncharacters, half a surrogate pair, and what YAML gives a meaning.
SPECIAL = list("\x00\x01\x08\t\n\x0b\x0c\r\x1b\x7f\x85\x9b\u2028\u2029\ufeff\ufffe\uffff\ud800\udfff") + [
    ":",
    ": ",
    "- ",
    "&a ",
    "*a",
    "#",
    "'",
    '"',
    "{",
    "}",
    "[",
    "]",
    "!!",
    "%",
    "@",
    "`",
    "|",
    ">",
    "?",
    ",",
    "<script>",
    "\\",
    "\U0001f600",
    "\u202e",
    "ﬀ",
    "ǅ",
]
TEXT = st.lists(st.one_of(st.characters(exclude_categories=()), st.sampled_from(SPECIAL)), max_size=16).map(
    "".join
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    TEXT,
    st.dates(),
    st.binary(max_size=8),
    st.sampled_from(["2023-06-08", "8:55 AM", "24:00", "full", "AoE", ""]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=10,
)

NAMES = [name for name, _, _ in FILES.values()]
ORIGINALS = {name: yaml.safe_load((ROOT / "docs" / "data" / name).read_text()) for name in NAMES}


def paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every place a value stands in a document: the whole, each field, each entry."""
    found = [path]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in items:
        found += paths(child, (*path, key))
    return found


PATHS = {name: paths(document) for name, document in ORIGINALS.items()}


def replaced(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    result = copy.deepcopy(document)
    parent = result
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return result


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A repository with a copy of the example data; each example rewrites one file."""
    repo = tmp_path_factory.mktemp("repo")
    (repo / "pyproject.toml").write_text("# the repository's root, for the loader\n")
    shutil.copytree(ROOT / "docs" / "data", repo / "docs" / "data")
    return repo / "docs" / "data"


def loads_with_problems_only(data: Path, name: str, text: str) -> None:
    """Write ``text`` as ``name``, load, and check every problem (the original is restored)."""
    original = (ROOT / "docs" / "data" / name).read_text()
    (data / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        loaded = load(data)
    finally:
        (data / name).write_text(original)
    for problem in loaded.problems:
        assert problem.code in CODES
        assert problem.file.parent == data
        assert problem.line is not None or problem.field, problem
        assert characters.refusal(str(problem)) is None, problem  # one line, nothing a terminal obeys
    if not loaded.problems:
        writes_every_export(loaded.workshop)


def writes_every_export(workshop) -> None:
    """Data the loader accepted is data every export writes, in a form its readers parse."""
    site = Site(stamp=dt.datetime(2023, 6, 8, tzinfo=dt.UTC), base_url="https://example.org/")
    for export in EXPORTS.values():
        if any(getattr(workshop, part) is None for part in export.parts):
            continue
        output = export.render(workshop, site)
        if export.name.endswith(".ics"):
            icalendar.Calendar.from_ical(output)
        elif export.name.endswith(".xml"):
            etree.fromstring(output)
        else:
            json.loads(output)


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(choice=st.data())
def test_any_value_anywhere_is_a_problem_with_a_place_never_an_exception(data, name, choice):
    path = choice.draw(st.sampled_from(PATHS[name]), label="path")
    value = choice.draw(VALUES, label="value")
    document = replaced(ORIGINALS[name], path, value)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    loads_with_problems_only(data, name, text)


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(choice=st.data())
def test_any_text_spliced_into_a_file_is_a_problem_with_a_place_never_an_exception(data, name, choice):
    original = (ROOT / "docs" / "data" / name).read_text()
    at = choice.draw(st.integers(0, len(original)), label="at")
    cut = choice.draw(st.integers(0, 20), label="cut")
    text = choice.draw(TEXT, label="text")
    loads_with_problems_only(data, name, original[:at] + text + original[at + cut :])
