"""YAML files -> :class:`~workshop.core.model.Workshop`, every problem with its file, line and field.

This is the only reader of the data folder.  It parses with PyYAML's composer
(so every value keeps its line), turns every scalar into a string (so ``8:00`` is
not the sexagesimal number 480 and ``no`` is not ``False``; pydantic converts
strings to the types the schema asks for), validates each file against its model
and then checks what no single field can say (:mod:`workshop.core.validate`).
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import typing
from pathlib import Path
from typing import Any

import pydantic
import yaml

from workshop.core import validate
from workshop.core.model import Papers, People, Schedule, Workshop, WorkshopInfo
from workshop.core.problems import Problem

try:  # the C composer is several times faster; both give the same nodes (but see _build)
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

#: Part of the model -> (file name in the data folder, schema, required).
FILES: dict[str, tuple[str, type[pydantic.BaseModel], bool]] = {
    "info": ("workshop.yaml", WorkshopInfo, True),
    "people": ("people.yaml", People, False),
    "schedule": ("schedule.yaml", Schedule, False),
    "papers": ("papers.yaml", Papers, False),
}

Path_ = tuple[str | int, ...]


@dataclasses.dataclass
class Source:
    """One data file as parsed: its values and the line each value starts on."""

    file: Path
    lines: dict[Path_, int]

    def line(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest ancestor present in the file."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def problem(self, path: Path_, message: str, code: str = "schema") -> Problem:
        return Problem(self.file, self.line(path), field_name(path), message, code)


def field_name(path: Path_) -> str:
    """``("days", 0, "slots", 2, "start")`` -> ``days[0].slots[2].start``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclasses.dataclass
class Loaded:
    """The result of loading a data folder: the model, what is wrong, and where from."""

    workshop: Workshop
    problems: list[Problem]
    data_dir: Path
    root: Path
    #: Part -> its file (present or not), for dependency tracking.
    files: dict[str, Path]

    @property
    def ok(self) -> bool:
        return not self.problems

    def pdf_path(self, relative: str) -> Path:
        """A path from a data file, resolved against the data folder."""
        return (self.data_dir / relative).resolve()


def _compose(file: Path) -> tuple[Any, dict[Path_, int]]:
    text = file.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=_Loader)
    lines: dict[Path_, int] = {}
    return (_build(file, node, (), lines) if node is not None else None), lines


class _DuplicateKey(Exception):
    def __init__(self, path: Path_, line: int, first: int) -> None:
        self.path, self.line, self.first = path, line, first


_NULLS = {"", "~", "null", "Null", "NULL"}


def _build(file: Path, node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:
                raise _DuplicateKey(path + (key,), key_node.start_mark.line + 1, lines[path + (key,)])
            lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _build(file, value_node, path + (key,), lines)
            # A key's problem is reported on the key's line, which is where the eye goes.
            lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(file, item, path + (i,), lines) for i, item in enumerate(node.value)]
    value = node.value
    # Plain (unquoted) empty or null is no value.  A plain scalar's style is None from
    # PyYAML's own composer but "" from libyaml's: both are plain.
    if not node.style and value in _NULLS:
        return None
    return value


def _read(file: Path, schema: type[pydantic.BaseModel]) -> tuple[Any, Source | None, list[Problem]]:
    try:
        raw, lines = _compose(file)
    except yaml.MarkedYAMLError as error:
        return None, None, [_syntax_problem(file, error)]
    except _DuplicateKey as dup:
        return None, None, [
            Problem(
                file, dup.line, field_name(dup.path),
                f"appears twice in the same mapping (first on line {dup.first}); keep one",
                "duplicate-key",
            )
        ]
    except UnicodeDecodeError as error:
        return None, None, [Problem(file, None, "", f"cannot be read ({error}): save it as UTF-8", "syntax")]
    except OSError as error:
        return None, None, [Problem(file, None, "", f"cannot be read: {error}", "syntax")]
    source = Source(file, lines)
    if raw is None:
        raw = {}
    try:
        return schema.model_validate(raw), source, []
    except pydantic.ValidationError as error:
        return None, source, _schema_problems(source, schema, error.errors())


#: What YAML's words mean for the one who typed the file: (words, the line to point at, advice).
_SYNTAX_ADVICE = [
    ("mapping values are not allowed", "problem",
     "a value that holds ': ' must be in quotes, or the line above lacks the ':' after its key"),
    ("could not find expected ':'", "context", "a key needs a ':' after it"),
    ("while scanning a quoted scalar", "context", "a quote opened here is not closed"),
    ("while parsing a flow", "context", "a '[' or '{' opened here is not closed"),
    ("cannot start any token", "problem", "a character YAML cannot read here (indent with spaces, not tabs)"),
    ("expected", "problem",
     "check the quotes and the indentation here and above (keys of a mapping, '-' of a list line up)"),
]


def _syntax_problem(file: Path, error: yaml.MarkedYAMLError) -> Problem:
    """YAML's complaint, at the line where the slip is (a quote left open is reported at the
    end of the file by the parser, and found where it opened), with what to do."""
    words = " ".join(filter(None, [error.context, error.problem])).strip()
    where, advice = "problem", "check the quotes, colons and indentation on this line and the one above"
    for phrase, line, text in _SYNTAX_ADVICE:
        if phrase in words:
            where, advice = line, text
            break
    mark = (error.context_mark if where == "context" else None) or error.problem_mark or error.context_mark
    return Problem(file, mark.line + 1 if mark else None, "", f"not valid YAML: {advice} ({words})", "syntax")


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


def _shape_message(schema: type[pydantic.BaseModel], path: Path_, kind: str, value: Any, message: str
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
                return (f"holds {found} at the top level, but must be a mapping: write '{fields[0]}:' on the "
                        "first line and indent the entries under it")
            required = [name for name, field in schema.model_fields.items() if field.is_required()]
            return (f"holds {found} at the top level, but must be a mapping of its fields ({', '.join(required)}, "
                    "...), each as 'key: value' (see the README's data reference)")
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


def _schema_problem(source: Source, schema: type[pydantic.BaseModel], error: Any,
                    meant: str | None = None) -> Problem:
    path: Path_ = tuple(error["loc"])
    kind = error["type"]
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
    elif kind == "literal_error":  # a closed choice, such as a slot's kind
        message = f"{error['input']!r} is not one of {error['ctx']['expected']}"
    elif "input" in error and not isinstance(error["input"], (dict, list)) and repr(error["input"]) not in message:
        message = f"{message} (got {error['input']!r})"
    return source.problem(path, message)


def find_root(start: Path) -> Path:
    """The repository holding ``start``: the nearest folder with ``pyproject.toml`` or ``.git``."""
    for folder in [start, *start.parents]:
        if (folder / "pyproject.toml").exists() or (folder / ".git").exists():
            return folder
    return start


def load(data_dir: os.PathLike[str] | str, root: os.PathLike[str] | str | None = None) -> Loaded:
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
        if not file.is_file():
            if required:
                problems.append(
                    Problem(file, None, "", f"is missing: every data folder needs {name}", "missing-file")
                )
            continue
        value, source, found = _read(file, schema)
        problems += found
        if value is not None and source is not None:
            parts[part], sources[part] = value, source
    workshop = Workshop(**parts)
    problems += validate.check(workshop, sources, data_dir, root_dir)
    return Loaded(workshop, problems, data_dir, root_dir, files)
