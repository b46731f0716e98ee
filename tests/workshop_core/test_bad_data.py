"""Data no organizer means to write (a control character pasted from a PDF, an alias, a file
nested hundreds of levels deep, a YAML alias bomb): one message naming the file, the line
and the field, and what to do, from every program that reads the data: the chairs' check
(`python -m proceedings check`, in a process of its own: exit status 1, one line on
standard error) and the site (the real Sphinx application: one warning, no export, nothing
copied).  Each case breaks a small repository in one place; messages are typed here in full.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import lxml.html
import pytest
from ext_support import ROOTS, built, edit, line_of, warnings_of
from volume_support import body_pages, run_build

from workshop.core.exports import EXPORTS
from workshop.core.problems import CODES

DELETE = (
    "delete it (it is invisible, and pages, calendars and the volume cannot carry it; copies from a PDF or "
    "a word processor bring such characters along)"
)
ONE_LINE = (
    "write this field on one line (YAML joins the lines of a plain or quoted value with spaces; a '|' block "
    "keeps its line breaks)"
)
NO_ALIAS = "data files do not use aliases; write the value out in full where it is needed"
NESTING = "data files need at most a few (10 at the very most): check the brackets and the indentation"
TITLE = "    title: On Tables\n"


def nested(levels: int) -> str:
    return "[" * levels + "x" + "]" * levels


def bomb(levels: int = 9) -> str:
    """The "billion laughs": nine lists of nine aliases of the list before, 9**9 strings in all."""
    lines = ['laugh0: &l0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"laugh{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


# name: (file, text to replace, replacement, text on the line the message names,
#        "field: message" (or the message alone), subtype)
CASES = {
    "a control character (\\x01) in a title": (
        "papers.yaml",
        TITLE,
        '    title: "On\\x01Tables"\n',
        "On\\x01Tables",
        f"papers[0].title: holds the control character U+0001 at character 3: {DELETE} (got 'On\\x01Tables')",
        "character",
    ),
    "a vertical tab in a title": (
        "papers.yaml",
        TITLE,
        '    title: "On\\vTables"\n',
        "On\\vTables",
        f"papers[0].title: holds the control character U+000B at character 3: {DELETE} (got 'On\\x0bTables')",
        "character",
    ),
    "a NUL in a pdf path": (
        "papers.yaml",
        "pdf: papers/tables.pdf",
        'pdf: "papers/tables\\0.pdf"',
        "tables\\0",
        f"papers[0].pdf: holds the control character U+0000 at character 14: {DELETE} (got 'papers/tables\\x00.pdf')",
        "character",
    ),
    "a C1 control (CSI) in a name": (
        "papers.yaml",
        "{name: Edgar Codd,",
        '{name: "Edgar\\x9bCodd",',
        "Edgar\\x9b",
        (
            f"papers[0].authors[0].name: holds the control character U+009B at character 6: {DELETE} "
            "(got 'Edgar\\x9bCodd')"
        ),
        "character",
    ),
    "a noncharacter (U+FFFF) in a title": (
        "papers.yaml",
        TITLE,
        '    title: "On Tables\\uFFFF"\n',
        "Tables\\uFFFF",
        f"papers[0].title: holds the noncharacter U+FFFF at character 10: {DELETE} (got 'On Tables\\uffff')",
        "character",
    ),
    "a line separator (U+2028) in a label": (
        "workshop.yaml",
        "label: Workshop date",
        'label: "Workshop\\Ldate"',
        "Workshop\\Ldate",
        "dates[3].label: holds the line separator U+2028 at character 9: write a space (got 'Workshop\\u2028date')",
        "character",
    ),
    "a right-to-left override in a name": (
        "papers.yaml",
        "{name: Edgar Codd,",
        '{name: "Edgar \u202eddoC",',
        "Edgar \u202e",
        (
            "papers[0].authors[0].name: holds the bidirectional control U+202E at character 7: delete it (it "
            "reorders the text after it on a page and in a terminal; names and titles in Arabic or Hebrew read "
            "right without it) (got 'Edgar \\u202eddoC')"
        ),
        "character",
    ),
    "a control character written raw into the file": (
        "workshop.yaml",
        "name: Test Workshop",
        "name: Test\x01Workshop",
        "Test\x01Workshop",
        f"holds the control character U+0001 (column 11): {DELETE}",
        "character",
    ),
    "half of a surrogate pair": (
        "papers.yaml",
        TITLE,
        '    title: "On Tables \\ud83d"\n',
        "\\ud83d",
        (
            "not valid YAML: an escape such as \\ud800 names half of a character: write the character itself "
            "(while parsing a quoted scalar found invalid Unicode character escape code)"
        ),
        "syntax",
    ),
    "a line break (CR LF) in the short name": (
        "workshop.yaml",
        "short_name: TE'23",
        'short_name: "TE\\r\\n23"',
        "TE\\r",
        f"short_name: holds a carriage return U+000D at character 3: {ONE_LINE} (got 'TE\\r\\n23')",
        "character",
    ),
    "a line break in a title": (
        "papers.yaml",
        TITLE,
        "    title: |\n      On\n      Tables\n",
        "title: |",
        f"papers[0].title: holds a line break U+000A at character 3: {ONE_LINE} (got 'On\\nTables\\n')",
        "character",
    ),
    "a tab in a name": (
        "papers.yaml",
        "{name: Edgar Codd,",
        '{name: "Edgar\\tCodd",',
        "Edgar\\t",
        "papers[0].authors[0].name: holds a tab U+0009 at character 6: write a space (got 'Edgar\\tCodd')",
        "character",
    ),
    "an escape character in a key": (
        "workshop.yaml",
        "year: 2023",
        'year: 2023\n"ye\\x1bar": 2024',
        "ye\\x1bar",
        f"the key 'ye\\x1bar' holds the control character U+001B at character 3: {DELETE}",
        "character",
    ),
    "an alias": (
        "schedule.yaml",
        "- {name: Alan Turing, affiliation: Bletchley Park}\n          - {name: Grace Hopper",
        "- &alan {name: Alan Turing, affiliation: Bletchley Park}\n          - *alan\n          - {name: Grace Hopper",
        "- *alan",
        f"uses the alias *alan, which repeats the value anchored &alan: {NO_ALIAS}",
        "alias",
    ),
    "an alias bomb": (
        "workshop.yaml",
        "year: 2023\n",
        f"year: 2023\n{bomb()}",
        "laugh1:",
        f"uses the alias *l0, which repeats the value anchored &l0: {NO_ALIAS}",
        "alias",
    ),
    "nesting 600 levels deep": (
        "workshop.yaml",
        "name: Test Workshop on Exports",
        f"name: {nested(600)}",
        "name: [[[",
        f"nests lists and mappings 601 levels deep (from this line on); {NESTING}",
        "nesting",
    ),
    "nesting 999 levels deep": (
        "workshop.yaml",
        "name: Test Workshop on Exports",
        f"name: {nested(999)}",
        "name: [[[",
        f"nests lists and mappings 1000 levels deep (from this line on); {NESTING}",
        "nesting",
    ),
    "nesting beyond libyaml's own limit": (
        "workshop.yaml",
        "name: Test Workshop on Exports",
        f"name: {nested(5000)}",
        "name: [[[",
        f"nests lists and mappings more than a thousand levels deep (from this line on); {NESTING}",
        "nesting",
    ),
    "two program days with one date": (
        "schedule.yaml",
        "          - {name: Grace Hopper, affiliation: Navy}\n",
        (
            "          - {name: Grace Hopper, affiliation: Navy}\n  - date: 2023-06-08  # again\n    slots:\n"
            "      - {start: 9:00 AM, end: 10:00 AM, kind: closing, title: Closing}\n"
        ),
        "# again",
        (
            "days[1].date: June 8, 2023 is already the date of the day on line 2: each day of the program has a "
            "date of its own; correct this day's date, or put its slots under the other day"
        ),
        "duplicate-day",
    ),
    "an id longer than a file name allows": (
        "schedule.yaml",
        "id: panel",
        f"id: {'p' * 101}",
        "id: ppp",
        (
            f"days[0].slots[4].id: {'p' * 40!r}... is 101 characters long: an id has at most 100 (ids name files, "
            "and a file's name is short on every system); shorten it"
        ),
        "schema",
    ),
    "nesting in block style": (
        "papers.yaml",
        "    abstract: Rows, columns, and why they matter.",
        "    abstract:\n" + "".join(f"{'  ' * (level + 3)}- # level {level + 4}\n" for level in range(12)),
        "# level 11",
        f"nests lists and mappings 15 levels deep (from this line on); {NESTING}",
        "nesting",
    ),
}


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository holding a small site (conf.py and pages in docs/, the data in docs/data/):
    the program with its exports, the accepted papers with a real PDF."""
    repo = tmp_path / "repo"
    srcdir = repo / "docs"
    shutil.copytree(ROOTS / "test-exports", srcdir)
    shutil.copy2(ROOTS / "test-validation" / "data" / "people.yaml", srcdir / "data" / "people.yaml")
    (repo / "pyproject.toml").write_text("# the repository's root, for the loader\n")
    (srcdir / "papers.md").write_text("# Papers\n\n```{workshop-papers}\n```\n")
    (srcdir / "data" / "papers").mkdir()
    body_pages(srcdir / "data" / "papers" / "tables.pdf", "On Tables", 9)
    return repo


def check(repo: Path, timeout: float = 120, memory: int | None = None) -> subprocess.CompletedProcess:
    """`python -m proceedings check` in ``repo`` as a chair runs it (under an address-space
    limit of ``memory`` bytes when given)."""

    def limit() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "proceedings", "check", "--no-progress", "--jobs", "1"],
        check=False,
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
    )


def site_build(make_app, repo: Path):
    app = built(make_app, repo / "docs")
    outdir = Path(app.outdir)
    assert [name for name in EXPORTS if (outdir / name).exists()] == []  # no export from bad data
    assert not list(outdir.glob("_downloads/**/*.*"))  # nothing copied: the papers' PDFs are not offered
    return app


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_case_is_one_message_from_the_check_and_the_site(make_app, repo, case):
    file, old, new, needle, message, code = CASES[case]
    data_file = repo / "docs" / "data" / file
    edit(data_file, old, new)
    line = line_of(data_file, needle)
    assert code in CODES

    done = check(repo)
    assert (done.returncode, done.stderr) == (1, f"error: docs/data/{file}:{line}: {message}\n")
    assert not (repo / "_build").exists()  # no report written

    app = site_build(make_app, repo)
    assert warnings_of(app) == [f"{data_file.resolve()}:{line}: WARNING: {message} [workshop.{code}]"]


@pytest.mark.parametrize(
    ("data", "line"),
    [(bomb(), 2), (f"name: {nested(999)}\n", 1), (f"name: {nested(100_000)}\n", 1)],
    ids=["alias bomb", "999 levels", "100000 levels"],
)
def test_hostile_data_is_refused_in_bounded_time_and_memory(repo, data, line):
    """Refused before anything is built from it: the check stays within 256 MB of address space
    (without the refusal the bomb grows by about 90 MB a second, to 11 GB) and a few seconds."""
    data_file = repo / "docs" / "data" / "workshop.yaml"
    data_file.write_text(data + data_file.read_text())
    start = time.monotonic()
    done = check(repo, timeout=60, memory=256 * 2**20)
    assert time.monotonic() - start < 30
    assert done.returncode == 1
    (message,) = done.stderr.splitlines()
    assert message.startswith(f"error: docs/data/workshop.yaml:{line}: ")


def test_an_abstract_keeps_its_line_breaks_and_tabs(make_app, repo):
    """The one field of several lines: its line breaks (and tabs) are not refused."""
    data_file = repo / "docs" / "data" / "papers.yaml"
    edit(
        data_file,
        "    abstract: Rows, columns, and why they matter.",
        "    abstract: |\n      Rows, columns,\n      and why\tthey matter.",
    )
    assert check(repo).returncode == 0
    app = built(make_app, repo / "docs")
    assert warnings_of(app) == []
    assert (
        "Rows, columns,\nand why\tthey matter." in (Path(app.outdir) / "papers" / "tables.html").read_text()
    )


# --- a paper's PDF that must not be read --------------------------------------------------


def offered(app) -> tuple[list[str], list[Path]]:
    """The PDF links of the paper pages (from the site's root), and every PDF the build put
    in the site: beside the paper pages, or copied for download."""
    out = Path(app.outdir)
    links = []
    for page in sorted(out.glob("papers/*.html")):
        links += [f"papers/{href}" for href in lxml.html.parse(str(page)).xpath("//a[text()='PDF']/@href")]
    return links, sorted([*out.glob("_downloads/**/*.*"), *out.glob("papers/*.pdf")])


@pytest.mark.parametrize("how", ["a relative path", "a link inside the repository"])
def test_a_pdf_outside_the_repository_is_never_read_linked_or_copied(make_app, repo, tmp_path, how):
    """Not counted, not watched, not copied into the site, not linked: pass or fail."""
    secret = body_pages(tmp_path / "secret.pdf", "Not for the site", 9)
    papers = repo / "docs" / "data" / "papers.yaml"
    if how == "a relative path":
        given = "../../../secret.pdf"
    else:
        given = "papers/link.pdf"
        (repo / "docs" / "data" / "papers" / "link.pdf").symlink_to(secret)
    edit(papers, "pdf: papers/tables.pdf", f"pdf: {given}")
    message = f"papers[0].pdf: '{given}' leads outside the repository ({repo}); keep papers inside it"
    line = line_of(papers, f"pdf: {given}")

    done = check(repo)
    assert (done.returncode, done.stderr) == (1, f"error: docs/data/papers.yaml:{line}: {message}\n")

    app = built(make_app, repo / "docs")
    assert warnings_of(app) == [f"{papers.resolve()}:{line}: WARNING: {message} [workshop.path-escape]"]
    assert offered(app) == ([], [])
    assert all(path.is_relative_to(repo) for path in app.env.dependencies["papers"])
    assert "Pages" not in (Path(app.outdir) / "papers.html").read_text()  # its pages were not counted
    assert not any(secret.read_bytes() == f.read_bytes() for f in Path(app.outdir).rglob("*") if f.is_file())


@pytest.mark.parametrize(
    ("make", "given", "message"),
    [
        (
            lambda papers: (papers / "loop.pdf").symlink_to("loop.pdf"),
            "papers/loop.pdf",
            "is a symbolic link that leads back to itself (a loop): point it at the file",
        ),
        (lambda papers: None, "papers", "is a folder: name the file itself"),
        (
            lambda papers: os.mkfifo(papers / "pipe.pdf"),
            "papers/pipe.pdf",
            "is a device, a pipe or a socket, not a file: name the file itself",
        ),
    ],
    ids=["a link loop", "a folder", "a pipe"],
)
def test_a_pdf_that_is_not_a_file_is_refused_and_never_opened(make_app, repo, make, given, message):
    """Opening a pipe waits forever, resolving a loop raises: neither happens."""
    if given.endswith("pipe.pdf") and not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    make(repo / "docs" / "data" / "papers")
    papers = repo / "docs" / "data" / "papers.yaml"
    edit(papers, "pdf: papers/tables.pdf", f"pdf: {given}")
    line = line_of(papers, f"pdf: {given}")
    message = f"papers[0].pdf: '{given}' {message}"

    done = check(repo, timeout=60)
    assert (done.returncode, done.stderr) == (1, f"error: docs/data/papers.yaml:{line}: {message}\n")
    app = built(make_app, repo / "docs")
    assert warnings_of(app) == [f"{papers.resolve()}:{line}: WARNING: {message} [workshop.not-a-file]"]
    assert offered(app) == ([], [])


def test_a_link_to_a_pdf_inside_the_repository_is_offered(make_app, repo):
    (repo / "docs" / "data" / "papers" / "link.pdf").symlink_to("tables.pdf")
    edit(repo / "docs" / "data" / "papers.yaml", "pdf: papers/tables.pdf", "pdf: papers/link.pdf")
    assert check(repo).returncode == 0
    app = built(make_app, repo / "docs")
    assert warnings_of(app) == []
    (href,), (copy,) = offered(app)
    assert copy.read_bytes() == (repo / "docs" / "data" / "papers" / "tables.pdf").read_bytes()
    assert (Path(app.outdir) / href).resolve() == copy.resolve()


def test_a_volume_whose_manifest_names_a_file_outside_it_is_not_offered(make_app, repo, tmp_path):
    """``workshop_proceedings`` names the folder the volume build wrote; a manifest edited
    (or left from elsewhere) to name a file outside that folder offers nothing from it."""
    secret = body_pages(tmp_path / "secret.pdf", "Not for the site", 9)
    volume = repo / "_build" / "proceedings"
    done = run_build(repo / "docs" / "data", volume)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((volume / "volume.json").read_text())
    manifest["papers"][0]["pdf"] = os.path.relpath(secret, volume)
    (volume / "volume.json").write_text(json.dumps(manifest))
    app = built(make_app, repo / "docs", confoverrides={"workshop_proceedings": str(volume)})
    assert warnings_of(app) == [
        (
            f"{repo / 'docs' / 'papers.md'}:3: WARNING: workshop_proceedings: the volume in {volume} has no file "
            f"'{os.path.relpath(secret, volume)}' inside it: run `python -m proceedings build` again "
            "[workshop.proceedings]"
        )
    ]
    # The paper's camera-ready PDF is offered instead, and nothing of the volume (the program's
    # booklet, which its own manifest vouches for, is the one other PDF).
    links, copies = offered(app)
    assert len(links) == 1
    assert [copy.read_bytes() for copy in copies if copy.name != "handbook.pdf"] == [
        (repo / "docs" / "data" / "papers" / "tables.pdf").read_bytes()
    ]
    assert [c.read_bytes() for c in copies if c.name == "handbook.pdf"] == [
        (volume / "handbook.pdf").read_bytes()
    ]


@pytest.mark.parametrize("how", ["a link outside the repository", "a link loop"])
def test_a_data_file_that_is_a_link_out_or_a_loop_is_refused_unread(make_app, repo, tmp_path, how):
    """Its content never reaches a message (the file outside holds YAML the schema would quote)."""
    people = repo / "docs" / "data" / "people.yaml"
    people.unlink()
    if how == "a link loop":
        people.symlink_to("people.yaml")
        message = (
            "is not a file (a folder, a device, a pipe or a link that leads back to itself): put the data "
            "file itself here"
        )
        code = "not-a-file"
    else:
        secret = tmp_path / "secret.yaml"
        secret.write_text("password: hunter2\n")
        people.symlink_to(secret)
        message = (
            f"is a link to {secret}, outside the repository ({repo}): data is read only from inside it; "
            "copy the file in"
        )
        code = "path-escape"
    done = check(repo)
    assert (done.returncode, done.stderr) == (1, f"error: docs/data/people.yaml: {message}\n")
    app = site_build(make_app, repo)
    assert warnings_of(app) == [f"WARNING: {people}: {message} [workshop.{code}]"]
