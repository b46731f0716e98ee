"""TEMPORARY: a stand-in for the check's engine on the self-check page, until the engine
stands alone (stdlib and pypdf) and the page runs it instead.  Delete this file then, and
name the engine in ``workshop_selfcheck_engine`` and ``workshop_selfcheck_python``.

Runs in the browser (Pyodide, in the page's worker), never in the build: the site only
packs this file for the page (:mod:`workshop.site.pyarchives`).  It implements the page's
interface and nothing of the rule:

    check(pdf: bytes, rules_json: str, track_id: str) -> str   # the result, as JSON

The result: ``verdict`` (``pass``, ``fail``, ``unreadable``; ``unchecked`` here, where no
rule is applied), ``summary`` (one line, said to the reader), ``pages`` (the file's pages,
or null), ``track`` (the track's ``id``, ``name``, ``min_pages``, ``max_pages``) and
``findings`` (each ``code``, ``page`` or null, ``message``).
"""

from __future__ import annotations

import io
import json

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError, PyPdfError

AGAIN = "export it again from your editor (File > Export as PDF, or pdflatex) and check that file"


def _result(verdict: str, summary: str, track: dict, pages: int | None = None) -> str:
    return json.dumps(
        {"verdict": verdict, "summary": summary, "pages": pages, "track": track, "findings": []},
        ensure_ascii=False,
    )


def check(pdf: bytes, rules_json: str, track_id: str) -> str:
    tracks = {track["id"]: track for track in json.loads(rules_json)["tracks"]}
    track = tracks[track_id]
    if b"%PDF-" not in pdf[:1024]:  # where readers look for the header
        return _result("unreadable", f"This file is not a PDF: {AGAIN}.", track)
    try:
        reader = PdfReader(io.BytesIO(pdf))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except (DependencyError, NotImplementedError):  # AES needs `cryptography`, absent here
                opened = False
            if not opened:
                return _result("unreadable", f"This PDF is encrypted: {AGAIN}, without a password.", track)
        pages = len(reader.pages)
    except (PyPdfError, PdfReadError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return _result("unreadable", f"This PDF is damaged and cannot be read: {AGAIN}.", track)
    return _result(
        "unchecked",
        f"Your PDF has {pages} page{'s' if pages != 1 else ''}. This early version of the self-check "
        "only counts them: the page limits and the format are not checked here yet.",
        track,
        pages,
    )
