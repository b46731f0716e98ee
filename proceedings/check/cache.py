"""Records of earlier checks, so that a second run re-reads only the papers that changed.

A record is kept under a key made of everything that decides it: the SHA-256 of the PDF's
bytes, the rule's version (:data:`RULE_VERSION`, and pypdf's, which reads the file), and
from the data the paper's name and id, its track's limits, the chair's decision, whether
format is strict and the format settings.  Change any of them and the key changes: the
paper is read again.  Nothing else is trusted: an entry is used only when its stored key
material is exactly the task's (its key is the hash of that material, checked on loading),
its record reads back whole, and the pictures it names are still there.

The cache is one JSON file (``check-cache.json`` beside the report, under
``_build/proceedings/``), replaced whole and only when its bytes change.  A file that is
corrupt, of another tool or of another version is ignored, silently: it costs a full run,
never the check.  ``--no-cache`` reads none (every paper is read) and writes a fresh one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pypdf

from proceedings.check.paper import Task
from proceedings.check.records import CheckRecord
from proceedings.pdf.opener import UnreadablePdf, read_pdf_bytes
from workshop.core.outputs import replace_if_changed

#: Bump when the rule, the findings or the reading of a PDF change what a record says.
RULE_VERSION = 2
CACHE_NAME = "check-cache.json"
_MARK = "proceedings check cache"
_FORMAT = 1
#: The most records kept: this run's, then the most recent others (other files checked ad hoc).
MAX_ENTRIES = 4096


def material(task: Task, sha256: str, home: Path | None = None) -> dict[str, Any]:
    """What decides a task's record, as JSON (the pictures' folder relative to ``home``,
    the cache's own folder, where it is inside it)."""
    return {
        "rule": RULE_VERSION,
        "pypdf": pypdf.__version__,
        "sha256": sha256,
        "file": task.shown,
        "paper_id": task.paper_id,
        "track": task.track.model_dump(mode="json", exclude={"format"}),
        "decision": task.decision.model_dump(mode="json") if task.decision else None,
        "strict_format": task.strict_format,
        "format": task.format.model_dump(mode="json"),
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


class Cache:
    """The records of ``path`` (nothing when it is None, unreadable or not a cache)."""

    def __init__(self, path: Path | None, *, read: bool = True) -> None:
        self.path = path
        self.home = path.parent if path is not None else None
        self.entries: dict[str, dict[str, Any]] = {}
        self.used: list[str] = []
        if path is not None and read:
            self.entries = _load(path)

    def get(self, task: Task, sha256: str | None) -> CheckRecord | None:
        if sha256 is None:
            return None
        stuff = material(task, sha256, self.home)
        key = key_of(stuff)
        entry = self.entries.get(key)
        if entry is None or entry["material"] != stuff:
            return None
        try:
            record = CheckRecord.from_json(entry["record"])
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        root = task.root or Path.cwd()
        if record.sha256 != sha256 or any(
            not (root / name).is_file() for f in record.findings for name in f.files
        ):
            return None
        self.used.append(key)
        return record

    def put(self, task: Task, record: CheckRecord) -> None:
        if record.sha256 is None:
            return
        stuff = material(task, record.sha256, self.home)
        key = key_of(stuff)
        self.entries[key] = {"key": key, "material": stuff, "record": record.to_json()}
        self.used.append(key)

    def save(self) -> None:
        """Write this run's records first, then the others kept, up to :data:`MAX_ENTRIES`;
        a folder that cannot be written costs the next run its speed, nothing else."""
        if self.path is None:
            return
        order = list(dict.fromkeys(self.used)) + [k for k in self.entries if k not in set(self.used)]
        entries = [self.entries[k] for k in order[:MAX_ENTRIES]]
        data = json.dumps({"cache": _MARK, "format": _FORMAT, "entries": entries}, ensure_ascii=False)
        with contextlib.suppress(OSError):
            replace_if_changed(self.path, data.encode("utf-8"))


def _load(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("cache") != _MARK or data.get("format") != _FORMAT:
        return {}
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
