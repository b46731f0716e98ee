"""YAML files -> :class:`~workshop.core.model.Workshop`, every problem with its file, line and field.

This is the only reader of the data folder.  Each file is read by
:mod:`workshop.core.yamlfile` (plain values, each with its line; what a data file has no use
for refused), validated against its model and then checked for what no single field
can say (:mod:`workshop.core.validate`).

What a use can count on is a type: :func:`load` gives a :class:`Loaded` of a
:class:`~workshop.core.model.Workshop` whose parts may be ``None`` (a file that failed, or
that the folder does not have), and :meth:`Loaded.narrowed` the same data as
:class:`WithInfo`, :class:`WithPapers` and the like, whose parts are not ``None``: each use
narrows once, at its edge (the chairs' tool when it loads, a directive when it asks for the
data), and what it calls takes the narrow type.  The narrow types are the one model with
parts made required, not a second model.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import typing
from pathlib import Path
from typing import Any, Generic, TypeVar

import pydantic

from workshop.core import characters, paths, validate, yamlfile
from workshop.core.model import Papers, People, Schedule, Workshop, WorkshopInfo
from workshop.core.problems import Problem
from workshop.core.published import Published
from workshop.core.yamlfile import Path_, Source

#: Part of the model -> (file name in the data folder, schema, required).
FILES: dict[str, tuple[str, type[pydantic.BaseModel], bool]] = {
    "info": ("workshop.yaml", WorkshopInfo, True),
    "people": ("people.yaml", People, False),
    "schedule": ("schedule.yaml", Schedule, False),
    "papers": ("papers.yaml", Papers, False),
    # The program as published (python -m proceedings program publish), for what changed since.
    "published": ("published.yaml", Published, False),
}


class WithInfo(Workshop):
    """A workshop whose ``workshop.yaml`` loaded: it can be named, dated and cited, so every
    output (an export, a citation, BibTeX, the volume) can be made from it."""

    info: WorkshopInfo


class WithPapers(WithInfo):
    """... and whose ``papers.yaml`` loaded: what the chairs' tool checks, and the site's
    list and pages of papers."""

    papers: Papers


class WithSchedule(WithInfo):
    """... and whose ``schedule.yaml`` loaded: the program and its exports."""

    schedule: Schedule


class Complete(WithPapers):
    """... with papers and ``people.yaml`` (the schedule still optional): the volume, whose
    front matter lists the committees."""

    people: People


class WithPeople(Workshop):
    """A workshop whose ``people.yaml`` loaded: the committees' pages (which need nothing else)."""

    people: People


#: A workshop as loaded, or narrowed to what a use needs.
W_co = TypeVar("W_co", bound=Workshop, covariant=True)
V = TypeVar("V", bound=Workshop)


def required_parts(kind: type[Workshop]) -> tuple[str, ...]:
    """The parts (keys of :data:`FILES`) that ``kind`` guarantees, in :data:`FILES`' order."""
    return tuple(part for part in FILES if kind.model_fields[part].is_required())


def narrowed(workshop: Workshop, kind: type[V]) -> V | None:
    """``workshop`` as ``kind`` (the same parts: pydantic keeps a model it is given as it
    is), or ``None`` when a part that ``kind`` guarantees did not load."""
    if any(getattr(workshop, part) is None for part in required_parts(kind)):
        return None
    return kind.model_validate(dict(workshop))


@dataclasses.dataclass(frozen=True)
class Loaded(Generic[W_co]):
    """The result of loading a data folder: the model, what is wrong, and where from."""

    workshop: W_co
    problems: list[Problem]
    data_dir: Path
    root: Path
    #: Part -> its file (present or not), for dependency tracking.
    files: dict[str, Path]

    @property
    def ok(self) -> bool:
        return not self.problems

    def locate(self, relative: str) -> paths.Located:
        """Where a path from a data file leads (relative to the data folder): a regular
        file inside the repository (``.ok``), or why it must not be read."""
        return paths.locate(self.data_dir, relative, self.root)

    def pdf_path(self, relative: str) -> Path:
        """A path from a data file, resolved against the data folder (links followed as far
        as they go; never raises).  Only a path whose :meth:`locate` is ``ok`` may be read:
        the loader has refused the others (a path that escapes, a folder, a link loop)."""
        return self.locate(relative).path

    def narrowed(self, kind: type[V]) -> Loaded[V] | None:
        """The same load with its workshop as ``kind`` (:func:`narrowed`), or ``None`` when a
        part ``kind`` guarantees did not load."""
        workshop = narrowed(self.workshop, kind)
        if workshop is None:
            return None
        return Loaded(workshop, self.problems, self.data_dir, self.root, self.files)


def _read(file: Path, schema: type[pydantic.BaseModel]) -> tuple[Any, Source | None, list[Problem]]:
    try:
        raw, lines = yamlfile.read(file)
    except yamlfile.Refused as refused:
        return None, None, [refused.problem]
    source = Source(file, lines)
    if raw is None:
        raw = {}
    try:
        return schema.model_validate(raw), source, []
    except pydantic.ValidationError as error:
        return None, source, _schema_problems(source, schema, error.errors())


def _schema_problems(source: Source, schema: type[pydantic.BaseModel], errors: list[Any]) -> list[Problem]:
    """A problem per error, but a misspelt key is one problem, not two: ``trak: short``
    is an unknown key *and* a missing ``track``; it is reported once, on the key, as
    "did you mean 'track'?"."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    meant: dict[Path_, str] = {}  # the unknown key's path -> the field it was meant to be
    for e in errors:
        if e["type"] == "extra_forbidden":
            path = tuple(e["loc"])
            # A missing field next to the key first, then any field the model has there.
            absent = [str(m[-1]) for m in missing if m[:-1] == path[:-1]]
            for names in (absent, _fields_at(schema, path[:-1])):
                match = difflib.get_close_matches(str(path[-1]), names, n=1, cutoff=0.6)
                if match:
                    meant[path] = match[0]
                    missing.discard(path[:-1] + (match[0],))
                    break
    return [
        _schema_problem(source, schema, e, meant.get(tuple(e["loc"])))
        for e in errors
        if e["type"] != "missing" or tuple(e["loc"]) in missing
    ]


def _model_at(schema: type[pydantic.BaseModel], path: Path_) -> type[pydantic.BaseModel] | None:
    """The model of the mapping at ``path`` (None where it cannot tell)."""
    annotation: Any = schema
    keyed = False  # the next part is a key of a dict (links: {submission: ...}), not a field
    for part in path:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        model = _model_in(annotation)
        field = model.model_fields.get(part) if model else None
        if field is None:
            return None
        annotation = field.annotation
        keyed = typing.get_origin(annotation) is dict
    return None if keyed else _model_in(annotation)


def _fields_at(schema: type[pydantic.BaseModel], path: Path_) -> list[str]:
    """The fields the schema knows in the mapping at ``path`` (none where it cannot tell)."""
    model = _model_at(schema, path)
    return list(model.model_fields) if model else []


def _may_be_empty(schema: type[pydantic.BaseModel], path: Path_) -> bool:
    """Whether the list field at ``path`` accepts no entries (``papers: []``)."""
    model = _model_at(schema, path[:-1]) if path and isinstance(path[-1], str) else None
    field = model.model_fields.get(str(path[-1])) if model else None
    return field is not None and not any(getattr(rule, "min_length", 0) for rule in field.metadata)


def _model_in(annotation: Any) -> type[pydantic.BaseModel] | None:
    """The model an annotation holds: ``Slot``, ``list[Slot]``, ``Decision | None``, ..."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


#: How a list's entries are written, for messages about a list.
_ENTRIES = "each on a line starting with '- '"


def _shape_message(
    schema: type[pydantic.BaseModel], path: Path_, kind: str, value: Any, message: str
) -> str | None:
    """Plain words for a value of the wrong shape (a list where a mapping belongs, a single
    value where a list belongs, nothing at all), or None for any other error.  An empty
    value reaches here as None: YAML's plain empty value is no value."""
    if value == "":  # written as '' or "": as empty as nothing
        value = None
    if kind in ("model_type", "dict_type"):
        fields = _fields_at(schema, path)
        if value is None:
            return "must not be empty"
        if not path:  # the whole file
            found = "a list" if isinstance(value, list) else f"the single value {value!r}"
            if len(fields) == 1:
                return (
                    f"holds {found} at the top level, but must be a mapping: write '{fields[0]}:' on the "
                    "first line and indent the entries under it"
                )
            required = [name for name, field in schema.model_fields.items() if field.is_required()]
            return (
                f"holds {found} at the top level, but must be a mapping of its fields ({', '.join(required)}, "
                "...), each as 'key: value' (see the README's data reference)"
            )
        found = "a list" if isinstance(value, list) else repr(value)
        keys = f" of {', '.join(fields)}" if fields else ""
        return f"is {found}, but must be a mapping{keys}, each as 'key: value' on its own line"
    if kind == "list_type":
        if value is None:
            none_yet = f", or write '{path[-1]}: []' for none yet" if _may_be_empty(schema, path) else ""
            return f"is empty: list its entries under it, {_ENTRIES}{none_yet}"
        found = "a mapping" if isinstance(value, dict) else repr(value)
        return f"is {found}, but must be a list: write its entries under it, {_ENTRIES}"
    if kind == "too_short" and isinstance(value, list) and not value:
        return f"must list at least one entry, {_ENTRIES}"
    if value is None:  # a string, a number, a date or a choice left empty
        return "must not be empty"
    if isinstance(value, (list, dict)) and kind.endswith("_type"):
        found = "a list" if isinstance(value, list) else "a mapping"
        return f"is {found}, but must be a single value ({message.removeprefix('Input should be ')})"
    return None


def _schema_problem(
    source: Source, schema: type[pydantic.BaseModel], error: Any, meant: str | None = None
) -> Problem:
    path: Path_ = tuple(error["loc"])
    kind = error["type"]
    code = (
        "character" if isinstance(error.get("ctx", {}).get("error"), characters.CharacterError) else "schema"
    )
    message = error["msg"].removeprefix("Value error, ")
    shape = _shape_message(schema, path, kind, error["input"], message) if "input" in error else None
    if shape is not None:
        message = shape
    elif kind == "missing":
        message = "is required but missing"
    elif kind == "extra_forbidden" and meant:
        message = f"is not a known field: did you mean {meant!r}?"
    elif kind == "extra_forbidden":
        message = "is not a known field: check its spelling against the README's data reference"
    elif kind == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        message = "must not be empty"
    elif kind == "string_unicode":  # half of a surrogate pair, refused before any validator
        message, code = characters.refusal(error["input"]) or message, "character"
    elif kind == "literal_error":  # a closed choice, such as a slot's kind
        message = f"{error['input']!r} is not one of {error['ctx']['expected']}"
    elif (
        "input" in error
        and not isinstance(error["input"], (dict, list))
        and repr(error["input"]) not in message
        and len(repr(error["input"])) <= 80
    ):  # a long value is not repeated whole
        message = f"{message} (got {error['input']!r})"
    return source.problem(path, message, code)


def find_root(start: Path) -> Path:
    """The repository holding ``start``: the nearest folder with ``pyproject.toml`` or ``.git``."""
    for folder in [start, *start.parents]:
        if (folder / "pyproject.toml").exists() or (folder / ".git").exists():
            return folder
    return start


def load(data_dir: os.PathLike[str] | str, root: os.PathLike[str] | str | None = None) -> Loaded[Workshop]:
    """Read, validate and cross-check every file of ``data_dir``.

    Never raises for bad data: problems come back in :attr:`Loaded.problems`, and a
    file that fails its schema leaves its part of the model ``None``.
    """
    data_dir = Path(data_dir).resolve()
    root_dir = Path(root).resolve() if root is not None else find_root(data_dir)
    parts: dict[str, Any] = {}
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    files = {part: data_dir / name for part, (name, _, _) in FILES.items()}
    for part, (name, schema, required) in FILES.items():
        file = files[part]
        found = paths.locate(data_dir, name, root_dir)
        if found.code == "missing-file":
            if required:
                problems.append(
                    Problem(file, None, "", f"is missing: every data folder needs {name}", "missing-file")
                )
            continue
        if found.code == "path-escape":
            problems.append(
                Problem(
                    file,
                    None,
                    "",
                    f"is a link to {found.path}, outside the repository "
                    f"({root_dir}): data is read only from inside it; copy the file in",
                    "path-escape",
                )
            )
            continue
        if found.code:
            problems.append(
                Problem(
                    file,
                    None,
                    "",
                    "is not a file (a folder, a device, a pipe or a link that "
                    "leads back to itself): put the data file itself here",
                    "not-a-file",
                )
            )
            continue
        value, source, read_problems = _read(file, schema)
        problems += read_problems
        if value is not None and source is not None:
            parts[part], sources[part] = value, source
    workshop = Workshop(**parts)
    problems += validate.check(workshop, sources, data_dir, root_dir)
    return Loaded(workshop, problems, data_dir, root_dir, files)
