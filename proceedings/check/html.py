"""``check --html DIR``: a page per paper for its authors, and ``index.html`` for the chair.

Each page says the verdict and every thing to fix in plain words with what to do
(:mod:`.plain`), shows the title and authors as the site will publish them beside what
page 1 says, and draws each page a finding concerns: the page rendered by pdftoppm (as
:mod:`.picture` renders it, from the very bytes checked) with the text area and the marks
over it in SVG, from the finding's ``marks``.  Where the page cannot be rendered, the marks
are drawn on a blank sheet, and the page says so.

The pages are self-contained (the pictures inlined as ``data:`` images, the style in the
page, no script), open from disk with no server and no network (a Content-Security-Policy
forbids any request), fit a phone's width, and escape everything that comes from a PDF or
the data.  The same records and files give the same bytes; each file is replaced whole,
and only when its bytes change.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import time
from collections.abc import Sequence
from html import escape
from pathlib import Path

from proceedings.check.picture import PAPER_SECONDS, render
from proceedings.check.plain import items_of, verdict_words, write_folder
from workshop.core.checkrules import rules_of
from workshop.core.load import Loaded
from workshop.core.rules import PaperFacts
from workshop.engine.pdf.opener import UnreadablePdf, read_pdf_bytes
from workshop.engine.records import CheckRecord, Finding

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:52rem;padding:1rem;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
.pass{color:#176b2c}.fail,.error{color:#a4161a}.review{color:#8a5a00}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}td{overflow-wrap:anywhere}
li{margin:.6rem 0}.todo{display:block;margin-top:.2rem}.differs{background:#fff3cd}
figure{margin:1rem 0}svg{width:100%;height:auto;border:1px solid #999;background:#fff}
figcaption{font-size:.9rem;color:#444}code{overflow-wrap:anywhere}
"""
#: The colour of each finding's marks on a picture (the text area is blue).
_COLOUR = {"metadata": "#d97706", "camera-ready": "#7c3aed"}


def page_name(record: CheckRecord) -> str:
    """The file of a record's page: its paper's id, or its file's name made safe."""
    stem = record.paper_id or re.sub(r"[^A-Za-z0-9._-]+", "-", Path(record.file).stem).strip("-.") or "paper"
    return f"{stem}.html"


def write_pages(records: Sequence[CheckRecord], loaded: Loaded, out: Path, *, max_bytes: int) -> int:
    """Write a page per record and the index into ``out``; how many pages."""
    info = loaded.workshop.info
    rules = rules_of(info, loaded.workshop.papers) if info is not None else None
    workshop = info.short_name if info is not None else "the workshop"
    pages: dict[str, str] = {}
    for record in records:
        facts = rules.paper(record.paper_id) if rules is not None else None
        pdf = _pdf(record, loaded, max_bytes)
        name = page_name(record)
        while name in pages:  # two ad-hoc files of one name
            name = name.removesuffix(".html") + "-2.html"
        pages[name] = paper_page(record, facts, pdf, workshop)
    pages["index.html"] = index_page(records, list(pages), workshop)
    write_folder(out, pages, "--html DIR")
    return len(pages) - 1


def _pdf(record: CheckRecord, loaded: Loaded, max_bytes: int) -> bytes | None:
    """The bytes the record judged, or None (gone, changed since, unreadable)."""
    path = loaded.root / record.file if not Path(record.file).is_absolute() else Path(record.file)
    for candidate in (path, Path(record.file)):
        try:
            data = read_pdf_bytes(candidate, max_bytes)
        except UnreadablePdf:
            continue
        if hashlib.sha256(data).hexdigest() == record.sha256:
            return data
    return None


def _document(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="robots" content="noindex"><title>{escape(title)}</title><style>{_STYLE}</style>'
        f"</head><body>\n{body}\n</body></html>\n"
    )


def paper_page(record: CheckRecord, facts: PaperFacts | None, pdf: bytes | None, workshop: str) -> str:
    """The authors' page of one record."""
    who = facts.title if facts is not None else record.file
    parts = [
        f"<h1>{escape(who)}</h1>",
        (
            f"<p>The camera-ready PDF <code>{escape(record.file)}</code> for {escape(workshop)} "
            f'<strong class="{escape(str(record.verdict))}">{escape(verdict_words(record))}</strong>.</p>'
        ),
    ]
    items = items_of(record)
    if items:
        parts.append("<h2>What to fix</h2><ol>")
        for item in items:
            where = (
                f" (page{'s' if len(item.pages) > 1 else ''} {', '.join(map(str, item.pages))})"
                if item.pages
                else ""
            )
            must = "" if item.must else " <em>(advised)</em>"
            parts.append(
                f"<li><strong>{escape(item.title)}</strong>{escape(where)}{must}: {escape(item.message)}"
                f'<span class="todo">What to do: {escape(item.todo)}</span></li>'
            )
        parts.append("</ol>")
    else:
        parts.append("<p>Nothing to fix.</p>")
    if facts is not None:
        parts.append(_metadata_table(record, facts))
    pictures = _pictures(record.findings, pdf)
    if pictures:
        parts.append("<h2>The pages concerned</h2>" + pictures)
    if record.pages_total is not None:
        parts.append(
            f"<h2>The check's reading</h2><ul>{''.join(f'<li>{escape(r)}</li>' for r in record.reasons)}</ul>"
        )
    return _document(f"{who}: camera-ready check", "\n".join(parts))


def _metadata_table(record: CheckRecord, facts: PaperFacts) -> str:
    read = record.page_one or {"title": "(not read)", "authors": []}
    title_differs = any(f.code == "metadata" and "title:" in f.message for f in record.findings)
    authors_differ = any(f.code == "metadata" and "author" in f.message for f in record.findings)
    rows = [
        ("Title", facts.title, str(read["title"]), title_differs),
        ("Authors", "; ".join(facts.authors), "; ".join(read["authors"]), authors_differ),
    ]
    cells = "".join(
        f"<tr{' class=differs' if differs else ''}><th>{escape(label)}</th><td>{escape(ours)}</td><td>{escape(theirs)}</td></tr>"
        for label, ours, theirs, differs in rows
    )
    return (
        "<h2>Title and authors</h2><p>Indexes such as Google Scholar match the paper by its page 1 "
        "against what the site publishes: they must agree.</p>"
        f"<table><tr><th></th><th>The site will publish</th><th>Page 1 says</th></tr>{cells}</table>"
    )


def _pictures(findings: Sequence[Finding], pdf: bytes | None) -> str:
    """A figure per page the findings mark: the page with the text area and every mark."""
    by_page: dict[int, list[tuple[str, dict]]] = {}
    for finding in findings:
        for marks in finding.marks:
            by_page.setdefault(int(marks["page"]), []).append((finding.code, marks))
    deadline = time.monotonic() + PAPER_SECONDS
    figures = []
    for page in sorted(by_page):
        figures.append(_figure(page, by_page[page], pdf, deadline - time.monotonic()))
    return "".join(figures)


def _figure(page: int, marked: list[tuple[str, dict]], pdf: bytes | None, seconds: float) -> str:
    width, height = (float(v) for v in marked[0][1]["size"])
    background, rendered = "", False
    if pdf is not None and seconds > 0:
        image, rendered = render(pdf, page, (width, height), seconds)
        if rendered:
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=False, compress_level=6)
            data = base64.b64encode(buffer.getvalue()).decode("ascii")
            background = f'<image href="data:image/png;base64,{data}" x="0" y="0" width="{width:g}" height="{height:g}"/>'
    x0, y0, x1, y1 = (float(v) for v in marked[0][1]["area"])
    shapes = [
        (
            f'<rect x="{x0:g}" y="{height - y1:g}" width="{x1 - x0:g}" height="{y1 - y0:g}" '
            'fill="none" stroke="#1e5adc" stroke-width="1.5" stroke-dasharray="6 3"/>'
        )
    ]
    codes = []
    for code, marks in marked:
        colour = _COLOUR.get(code, "#dc1e1e")
        codes.append(code)
        for bx0, by0, bx1, by1 in (map(float, box) for box in marks["boxes"]):
            shapes.append(
                f'<rect x="{bx0 - 2:g}" y="{height - by1 - 2:g}" width="{bx1 - bx0 + 4:g}" '
                f'height="{by1 - by0 + 4:g}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
    note = "" if rendered else " (the page could not be rendered here: its marks on a blank sheet)"
    listed = ", ".join(dict.fromkeys(codes))
    return (
        f'<figure><svg viewBox="0 0 {width:g} {height:g}" role="img" aria-label="page {page}">'
        f"{background}{''.join(shapes)}</svg><figcaption>Page {page}: {escape(listed)}; the dashed blue "
        f"frame is the template's text area{escape(note)}.</figcaption></figure>"
    )


def index_page(records: Sequence[CheckRecord], names: list[str], workshop: str) -> str:
    """The chair's index: a row per paper with its verdict and its page."""
    rows = "".join(
        f'<tr><td><a href="{escape(name)}">{escape(r.paper_id or r.file)}</a></td>'
        f'<td class="{escape(str(r.verdict))}">{escape(str(r.verdict))}{" (admitted)" if r.admitted_by_decision else ""}</td>'
        f"<td>{len(items_of(r))}</td></tr>"
        for r, name in zip(records, names, strict=False)
    )
    body = (
        f"<h1>Camera-ready check: {escape(workshop)}</h1>"
        "<table><tr><th>Paper</th><th>Verdict</th><th>Things to fix</th></tr>" + rows + "</table>"
    )
    return _document(f"{workshop}: camera-ready check", body)
