"""What an organizer reads after a slip in a data file, through the command `nox -s docs` and
`nox -s proceedings` run first (`python -m proceedings build`): one message naming the file,
the line and the field, and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from volume_support import copy_data, run_build


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new))


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def refused(data: Path, tmp_path: Path) -> str:
    done = run_build(data, tmp_path / "out")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert not (tmp_path / "out" / "volume.pdf").exists()
    return done.stderr


def test_a_misspelt_required_key_is_one_message_that_names_the_key_meant(tmp_path):
    data = copy_data(tmp_path / "repo")
    papers = data / "papers.yaml"
    edit(papers, "    track: short\n", "    trak: short\n")
    line = line_of(papers, "trak: short")
    # Not two messages (an unknown "trak", a missing "track"): one, on the line of the slip.
    assert refused(data, tmp_path) == (
        f"error: docs/data/papers.yaml:{line}: papers[2].trak: is not a known field: did you mean 'track'?\n"
    )


def test_a_misspelt_optional_key_names_the_key_meant(tmp_path):
    data = copy_data(tmp_path / "repo")
    schedule = data / "schedule.yaml"
    edit(schedule, "        title: Morning Break\n", "        titel: Morning Break\n")
    line = line_of(schedule, "titel:")
    assert refused(data, tmp_path) == (
        f"error: docs/data/schedule.yaml:{line}: days[0].slots[5].titel: is not a known field: "
        "did you mean 'title'?\n"
    )


def test_an_unknown_key_like_no_field_points_to_the_data_reference(tmp_path):
    data = copy_data(tmp_path / "repo")
    edit(
        data / "workshop.yaml",
        "timezone: America/New_York\n",
        "timezone: America/New_York\nhashtag: mlbench\n",
    )
    assert refused(data, tmp_path) == (
        f"error: docs/data/workshop.yaml:{line_of(data / 'workshop.yaml', 'hashtag:')}: hashtag: is not a known "
        "field: check its spelling against the README's data reference\n"
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "advice"),
    [
        (
            "papers.yaml",
            "    title: Understanding Time",
            "    title: Understanding: Time",
            "a value that holds ': ' must be in quotes",
        ),
        (
            "people.yaml",
            "      - {name: Bo Yuan, affiliation: Rutgers}",
            "      - {name: Bo Yuan, affiliation: Rutgers",
            "a '[' or '{' opened here is not closed",
        ),
        # The parser runs to the end of the file before it misses the closing quote.
        (
            "papers.yaml",
            "      - {name: Zhiru Zhang, affiliation: Cornell}",
            '      - {name: "Zhiru Zhang, affiliation: Cornell}',
            "a quote opened here is not closed",
        ),
    ],
)
def test_a_yaml_slip_is_shown_on_its_own_line_with_what_to_do(tmp_path, file, old, new, advice):
    data = copy_data(tmp_path / "repo")
    edit(data / file, old, new)
    message = refused(data, tmp_path)
    assert message.startswith(
        f"error: docs/data/{file}:{line_of(data / file, new)}: not valid YAML: {advice}"
    )
    assert message.count("\n") == 1


def test_a_mistyped_paper_id_in_the_program_names_the_id_meant(tmp_path):
    data = copy_data(tmp_path / "repo")
    schedule = data / "schedule.yaml"
    edit(schedule, "        paper: sridharan-chakra\n", "        paper: sridharan-chakr\n")
    assert refused(data, tmp_path) == (
        f"error: docs/data/schedule.yaml:{line_of(schedule, 'sridharan-chakr')}: days[0].slots[3].paper: no paper "
        "with id 'sridharan-chakr' in papers.yaml; did you mean 'sridharan-chakra'?\n"
    )


def test_a_deadline_zone_that_is_no_zone_is_one_message_in_plain_words(tmp_path):
    data = copy_data(tmp_path / "repo")
    edit(data / "workshop.yaml", "deadline_zone: AoE\n", "deadline_zone: Mars\n")
    assert refused(data, tmp_path) == (
        f"error: docs/data/workshop.yaml:{line_of(data / 'workshop.yaml', 'deadline_zone:')}: deadline_zone: "
        "'Mars' is neither AoE nor an IANA time zone (for example America/New_York)\n"
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "workshop.yaml",
            "    url: https://mlsys.org/Conferences/2022\n",
            "    url: mlsys.org/2022\n",
            "editions[0].url: 'mlsys.org/2022' is not a web address: write it whole, starting with https:// (or mailto:)",
        ),
        (
            "schedule.yaml",
            "      - id: morning-break\n",
            "      - id: Morning Break\n",
            (
                "days[0].slots[5].id: 'Morning Break' is not an id: use lower-case letters, digits, '-' and '_' (ids go "
                "into web addresses, anchors and calendar UIDs)"
            ),
        ),
    ],
)
def test_a_malformed_address_or_id_is_said_in_words_not_as_a_pattern(tmp_path, file, old, new, message):
    data = copy_data(tmp_path / "repo")
    edit(data / file, old, new)
    line = line_of(data / file, new.strip())
    assert refused(data, tmp_path) == f"error: docs/data/{file}:{line}: {message}\n"


def test_a_people_file_that_is_a_list_says_how_to_nest_it(tmp_path):
    """A list of committees written at the top level, without the `committees:` key."""
    data = copy_data(tmp_path / "repo")
    people = data / "people.yaml"
    people.write_text(people.read_text().replace("committees:\n", "").replace("\n  ", "\n"))
    assert refused(data, tmp_path) == (
        f"error: docs/data/people.yaml:{line_of(people, '- id: organizing')}: holds a list at the top level, "
        "but must be a mapping: write 'committees:' on the first line and indent the entries under it\n"
    )


def test_an_empty_papers_list_says_what_to_write(tmp_path):
    data = copy_data(tmp_path / "repo")
    papers = data / "papers.yaml"
    papers.write_text("papers:\n")
    assert refused(data, tmp_path) == (
        "error: docs/data/papers.yaml:1: papers: is empty: list its entries under it, each on a line starting "
        "with '- ', or write 'papers: []' for none yet\n"
    )
