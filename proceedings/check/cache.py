"""Records of earlier checks, so that a second run re-reads only the papers that changed.

The cache is an optimisation, never an authority.  A record is kept under a key made of
everything that decides it: the SHA-256 of the PDF's bytes, the tool's and the rule's
versions (:data:`RULE_VERSION`, and pypdf's, which reads the file), and from the data the
paper's name and id, its track's limits, the chair's decision, whether format is strict
and the format settings.  Change any of them and the key changes: the paper is read again.
An entry is used only when its stored key material is exactly the task's (its key is the
hash of that material, checked on loading), its record carries the checksum of its content
and of the tool's version, reads back whole, gives its own verdict again from its facts
through the rule and today's chair's decisions (:func:`~workshop.engine.verdict.disagrees`:
no PDF is read for it), and the pictures it names are still there.  A record that fails any
of these is ignored with one line, and its paper is read again.

What this cannot promise: the checksum is no signature (there is no secret to sign with),
so someone who can write ``_build/`` can write a record that agrees with itself, as they
could edit the data; what it does promise is that no record admits a paper whose own
pages, references and findings fail it, and that a damaged or stale record costs a
reading, never the verdict.

The cache is one JSON file (``check-cache.json`` beside the report, under
``_build/proceedings/``), replaced whole and only when its bytes change.  It is opened
without following a link and without waiting (a named pipe in its place is not a cache),
and only a regular file of at most :data:`MAX_BYTES` is read; a file that is not one, or
is corrupt or another tool's, is ignored with one line (a cache of another version,
silently): it costs a full run, never the check.  ``--no-cache`` reads none (every paper
is read) and writes a fresh one.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pypdf

from workshop import __version__
from workshop.core.outputs import read_output, replace_if_changed
from workshop.core.problems import shown_path, terminal
from workshop.engine.paper import Task
from workshop.engine.pdf.opener import UnreadablePdf, read_pdf_bytes
from workshop.engine.records import CheckRecord
from workshop.engine.verdict import disagrees

#: Bump when the rule, the findings or the reading of a PDF change what a record says.
RULE_VERSION = 2
CACHE_NAME = "check-cache.json"
_MARK = "proceedings check cache"
_FORMAT = 2  # 2: records carry a checksum
#: The largest cache file read: 4,096 records of some kilobytes each.
MAX_BYTES = 256 * 2**20
#: The most records kept: this run's, then the most recent others (other files checked ad hoc).
MAX_ENTRIES = 4096


def material(task: Task, sha256: str, home: Path | None = None) -> dict[str, Any]:
    """What decides a task's record, as JSON (the pictures' folder relative to ``home``,
    the cache's own folder, where it is inside it)."""
    return {
        "tool": __version__,
        "rule": RULE_VERSION,
        "pypdf": pypdf.__version__,
        "sha256": sha256,
        "file": task.shown,
        "paper_id": task.paper_id,
        "track": task.track.limits_json(),
        "decision": task.decision.to_json() if task.decision else None,
        "strict_format": task.strict_format,
        "format": task.track.format.to_json(),
        "findings_dir": _where(task.findings_dir, home),
    }


def _where(folder: Path | None, root: Path | None) -> str | None:
    """A folder as the key holds it: relative to the cache's folder when inside it (a copy
    of the output elsewhere keeps its cache, and two builds write the same bytes)."""
    if folder is None:
        return None
    if root is not None:
        try:
            return folder.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return str(folder)


def key_of(stuff: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(stuff, sort_keys=True, ensure_ascii=True).encode()).hexdigest()


def content_hash(task: Task) -> str | None:
    """The SHA-256 of the task's file, or None when it cannot be read (the check says why)."""
    try:
        return hashlib.sha256(read_pdf_bytes(task.path, task.max_bytes)).hexdigest()
    except UnreadablePdf:
        return None


def checksum(key: str, record: dict[str, Any]) -> str:
    """What an entry's record must carry: the SHA-256 of its key, its content and the tool's version."""
    text = json.dumps([key, __version__, RULE_VERSION, record], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _say(line: str) -> None:
    print(terminal(f"note: {line}"), file=sys.stderr)


class Cache:
    """The records of ``path`` (nothing when it is None, unreadable or not a cache); ``say``
    tells what was ignored, one line each."""

    def __init__(self, path: Path | None, *, read: bool = True, say: Callable[[str], None] = _say) -> None:
        self.path, self.say = path, say
        self.home = path.parent if path is not None else None
        self.entries: dict[str, dict[str, Any]] = {}
        self.used: list[str] = []
        self.writable = True
        if path is not None and read:
            self.entries = self._load(path)

    def get(self, task: Task, sha256: str | None) -> CheckRecord | None:
        if sha256 is None:
            return None
        stuff = material(task, sha256, self.home)
        key = key_of(stuff)
        entry = self.entries.get(key)
        if entry is None or entry["material"] != stuff:
            return None
        why = None
        try:
            record = CheckRecord.from_json(entry["record"])
        except (KeyError, TypeError, ValueError, AttributeError):
            why = "does not read as a record"
        else:
            if entry.get("checksum") != checksum(key, entry["record"]):
                why = "does not match its checksum (edited, or damaged)"
            elif record.sha256 != sha256 or record.file != task.shown or record.paper_id != task.paper_id:
                why = "is of another file"
            else:
                why = disagrees(record, task.track, task.decision, task.strict_format)
        if why is not None:
            self.say(f"{self._shown()}: the record of {task.shown} {why}: ignored, the paper is read again")
            return None
        root = task.root or Path.cwd()
        if any(not (root / name).is_file() for f in record.findings for name in f.files):
            return None
        self.used.append(key)
        return record

    def _shown(self) -> str:
        return shown_path(self.path) if self.path is not None else CACHE_NAME

    def put(self, task: Task, record: CheckRecord) -> None:
        if record.sha256 is None:
            return
        stuff = material(task, record.sha256, self.home)
        key = key_of(stuff)
        data = record.to_json()
        self.entries[key] = {"key": key, "material": stuff, "record": data, "checksum": checksum(key, data)}
        self.used.append(key)

    def save(self) -> None:
        """Write this run's records first, then the others kept, up to :data:`MAX_ENTRIES`;
        a folder that cannot be written costs the next run its speed, nothing else, and
        something other than a file in the cache's place is left alone."""
        if self.path is None or not self.writable:
            return
        order = list(dict.fromkeys(self.used)) + [k for k in self.entries if k not in set(self.used)]
        entries = [self.entries[k] for k in order[:MAX_ENTRIES]]
        data = json.dumps({"cache": _MARK, "format": _FORMAT, "entries": entries}, ensure_ascii=False)
        with contextlib.suppress(OSError):
            replace_if_changed(self.path, data.encode("utf-8"))

    def _load(self, path: Path) -> dict[str, dict[str, Any]]:
        raw = self._bytes(path)
        try:
            data = json.loads(raw) if raw is not None else None
        except (ValueError, RecursionError):
            data = None
        if raw is not None and (not isinstance(data, dict) or data.get("cache") != _MARK):
            self.say(f"{self._shown()}: not a cache this tool wrote: ignored, every paper is read")
        if not isinstance(data, dict) or data.get("cache") != _MARK or data.get("format") != _FORMAT:
            return {}  # another version's: a full run, said by nothing
        entries = data.get("entries")
        kept: dict[str, dict[str, Any]] = {}
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, dict) or not isinstance(entry.get("material"), dict):
                continue
            try:
                key = key_of(entry["material"])
            except (TypeError, ValueError):
                continue
            if entry.get("key") == key and isinstance(entry.get("record"), dict):
                kept[key] = entry
        return kept

    def _bytes(self, path: Path) -> bytes | None:
        """The cache file's bytes; None when there is none, or when it is no regular file
        (said, and then never replaced), too large or cannot be read."""
        try:
            return read_output(path, MAX_BYTES)
        except FileNotFoundError:
            return None
        except OSError as error:
            if error.errno == errno.EINVAL:  # something other than a file there: left alone
                self.writable = False
                self.say(
                    f"{self._shown()}: is {error.strerror}: ignored and left alone, every paper is read; "
                    "delete it to have the check's records kept again"
                )
            else:
                self.say(f"{self._shown()}: cannot be read ({error.strerror}): ignored, every paper is read")
            return None


def cached_run(tasks: Sequence[Task], cache: Cache, check: Any) -> list[CheckRecord]:
    """The records of ``tasks`` in order: from ``cache`` where it holds them, the others
    from ``check`` (a function of the tasks left, in order); the cache is brought up to date."""
    hashes = [content_hash(task) for task in tasks]
    records: list[CheckRecord | None] = [
        cache.get(task, sha) for task, sha in zip(tasks, hashes, strict=True)
    ]
    todo = [i for i, record in enumerate(records) if record is None]
    for i, record in zip(todo, check([tasks[i] for i in todo]), strict=True):
        records[i] = record
        cache.put(tasks[i], record)
    cache.save()
    return [r for r in records if r is not None]
