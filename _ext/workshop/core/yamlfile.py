"""One data file's YAML as plain values, each with the line it starts on.

It parses with PyYAML's composer (libyaml's when present), so every value keeps its
line, and turns every scalar into a string (so ``8:00`` is not the sexagesimal number 480
and ``no`` is not ``False``; the schema converts strings to the types it asks for).

What a data file has no use for is refused before a single value is built, each with its
line and what to write instead (:class:`Refused`):

* a character YAML does not allow written raw (a control character pasted into the file);
* an alias (``*name``, repeating the value anchored ``&name``): a data file writes every
  value out, and aliases of aliases multiply (nine levels of nine make 387 million values
  from a file of a few lines: the "billion laughs"), so the first one is refused as the
  parser meets it, before anything is composed;
* values nested deeper than :data:`MAX_DEPTH` lists and mappings (the file's own mapping
  counts: the deepest a data file needs is seven, a speaker's name in ``schedule.yaml``),
  before anything is composed: a file nested a few hundred levels deep would otherwise
  exhaust Python's recursion;
* a key written twice in one mapping, a key that is a list or a mapping, a key holding a
  character no value may hold (keys are printed in messages).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

from workshop.core import characters
from workshop.core.problems import Problem

try:  # the C parser is several times faster; both give the same nodes (but see _build)
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]

#: The deepest a value may be nested (lists and mappings within each other).
MAX_DEPTH = 10


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


class Refused(Exception):
    """The file cannot be read as data; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def field_name(path: Path_) -> str:
    """``("days", 0, "slots", 2, "start")`` -> ``days[0].slots[2].start``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def read(file: Path) -> tuple[Any, dict[Path_, int]]:
    """The file's values (None for an empty file) and the line of each value's path;
    :class:`Refused` for anything listed in the module's docstring, text that is not YAML,
    or a file that cannot be read."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise Refused(Problem(file, None, "", f"cannot be read: {error}", "syntax")) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise Refused(
            Problem(
                file,
                line,
                "",
                f"is not UTF-8 text here (byte 0x{raw[error.start]:02x}, "
                f"{error.reason}): save the file as UTF-8",
                "syntax",
            )
        ) from None
    _check_characters(file, text)
    try:
        _check_events(file, text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise Refused(_syntax_problem(file, error)) from None
    lines: dict[Path_, int] = {}
    return (_build(file, node, (), lines) if node is not None else None), lines


def _check_characters(file: Path, text: str) -> None:
    """A character YAML does not allow raw, named with its line and column (libyaml would
    give a byte offset, without the line)."""
    found = characters.NOT_YAML.search(text)
    if found is not None:
        char = found.group()
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - text.rfind("\n", 0, found.start())
        raise Refused(
            Problem(
                file,
                line,
                "",
                f"holds {characters.name(char)} (column {column}): {characters.advice(char, True)}",
                "character",
            )
        )


def _line(mark: Any) -> int | None:
    """The 1-based line of a parser's mark (libyaml's events always carry one)."""
    return mark.line + 1 if mark is not None else None


def _check_events(file: Path, text: str) -> None:
    """Aliases and deep nesting, found in the parser's events: nothing is composed, so
    neither costs more than reading the file once."""
    depth, deepest, first_too_deep = 0, 0, None
    levels = ""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise Refused(
                    Problem(
                        file,
                        _line(event.start_mark),
                        "",
                        f"uses the alias *{event.anchor}, which repeats the value anchored &{event.anchor}: "
                        "data files do not use aliases; write the value out in full where it is needed",
                        "alias",
                    )
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                deepest = max(deepest, depth)
                if depth > MAX_DEPTH and first_too_deep is None:
                    first_too_deep = _line(event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        if "maximum nesting depth" not in str(error):
            raise
        # libyaml's own limit (1000 levels), met while it looks ahead, before any event is told.
        mark = error.context_mark or error.problem_mark
        first_too_deep = first_too_deep or (mark.line + 1 if mark else 1)
        levels = "more than a thousand levels"
    if first_too_deep is not None:
        levels = levels or f"{deepest} levels"
        raise Refused(
            Problem(
                file,
                first_too_deep,
                "",
                f"nests lists and mappings {levels} deep (from this line on); data files need at most a few "
                f"({MAX_DEPTH} at the very most): check the brackets and the indentation",
                "nesting",
            )
        )


_NULLS = {"", "~", "null", "Null", "NULL"}


def _build(file: Path, node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> Any:
    """Plain values from the nodes (their depth is bounded by :func:`_check_events`)."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise Refused(
                    Problem(
                        file,
                        line,
                        field_name(path),
                        "has a list or a mapping as a key: a key is a word followed by ':'",
                        "schema",
                    )
                )
            key = str(key_node.value)
            refused = characters.refusal(key)
            if refused:
                raise Refused(
                    Problem(file, line, field_name(path), f"the key {key!r} {refused}", "character")
                )
            if key in result:
                raise Refused(
                    Problem(
                        file,
                        line,
                        field_name(path + (key,)),
                        f"appears twice in the same mapping (first on line {lines[path + (key,)]}); keep one",
                        "duplicate-key",
                    )
                )
            lines[path + (key,)] = line
            result[key] = _build(file, value_node, path + (key,), lines)
            # A key's problem is reported on the key's line, which is where the eye goes.
            lines[path + (key,)] = line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(file, item, path + (i,), lines) for i, item in enumerate(node.value)]
    value = node.value
    # Plain (unquoted) empty or null is no value.  A plain scalar's style is None from
    # PyYAML's own composer but "" from libyaml's: both are plain.
    if not getattr(node, "style", None) and value in _NULLS:
        return None
    return value


#: What YAML's words mean for the one who typed the file: (words, the line to point at, advice).
_SYNTAX_ADVICE = [
    (
        "mapping values are not allowed",
        "problem",
        "a value that holds ': ' must be in quotes, or the line above lacks the ':' after its key",
    ),
    ("could not find expected ':'", "context", "a key needs a ':' after it"),
    (
        "invalid Unicode character escape",
        "problem",
        "an escape such as \\ud800 names half of a character: write the character itself",
    ),
    ("while scanning a quoted scalar", "context", "a quote opened here is not closed"),
    ("while parsing a flow", "context", "a '[' or '{' opened here is not closed"),
    ("cannot start any token", "problem", "a character YAML cannot read here (indent with spaces, not tabs)"),
    (
        "expected",
        "problem",
        "check the quotes and the indentation here and above (keys of a mapping, '-' of a list line up)",
    ),
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
