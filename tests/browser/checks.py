"""What a reader must never meet, as lists of problems (one line each, naming the page).

Each check reads the visits of a :class:`~tools.browser.Reader` and returns an empty list
when all is well, so a test asserts emptiness and prints the list when it is not, and a
test of a deliberately broken site asserts the problem it planted is reported.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urldefrag, urlsplit
from xml.etree import ElementTree

from tools.browser import Reader, Screen, Visit

# axe-core grades each violation minor, moderate, serious or critical; the last two stop
# a reader (no name for a button, text too faint to read, an image with no text).
BLOCKING_IMPACTS = ("serious", "critical")


def console_errors(reader: Reader, screen: Screen) -> list[str]:
    return [
        f"{visit.page} ({screen.name}): console error: {error}"
        for visit in reader.visits(screen)
        for error in visit.console_errors
    ]


def failed_requests(reader: Reader, screen: Screen) -> list[str]:
    """Assets that did not load (a 404, a refused request) and requests that left the site:
    offline, or on a slow network, a page that needs another host looks broken."""
    problems = []
    for visit in reader.visits(screen):
        problems += [f"{visit.page} ({screen.name}): {failure}" for failure in visit.failed_requests]
        problems += [
            f"{visit.page} ({screen.name}): fetches from another site: {request}"
            for request in visit.external_requests
        ]
    return problems


def too_wide(reader: Reader, screen: Screen) -> list[str]:
    """Pages a reader must scroll sideways (or that lay out wider than the screen)."""
    problems = []
    for visit in reader.visits(screen):
        where = f"{visit.page} ({screen.name}, {screen.width}px)"
        if visit.layout_width != screen.width:
            problems.append(f"{where}: laid out {visit.layout_width}px wide (no <meta name=viewport>?)")
        if visit.document_width > visit.layout_width:
            problems.append(f"{where}: the page is {visit.document_width}px wide")
        problems += [f"{where}: wider than the screen: {element}" for element in visit.too_wide]
    return problems


def dead_links(reader: Reader, screen: Screen) -> list[str]:
    """Links to a page, file or anchor of the site that does not exist.  Links to other
    sites are not followed (the tests run offline)."""
    anchors = {reader.base + visit.page: visit.ids for visit in reader.visits(screen)}
    problems = []
    for visit in reader.visits(screen):
        for url, text in visit.links:
            if not url.startswith(reader.base):
                continue
            target, fragment = urldefrag(url)
            if target.endswith("/"):
                target += "index.html"
            label = f"{visit.page}: link {text!r} to {url[len(reader.base) :] or '/'}"
            status = reader.status(target)
            if status >= 400:
                problems.append(f"{label}: HTTP {status}")
            elif fragment and target in anchors and unquote(fragment) not in anchors[target]:
                problems.append(f"{label}: no element with id {unquote(fragment)!r} there")
    return sorted(set(problems))


def accessibility(reader: Reader, screen: Screen, color_scheme: str = "light") -> list[str]:
    """Serious and critical violations found by axe-core."""
    return [
        f"{visit.page} ({screen.name}, {color_scheme}): {violation['impact']} "
        f"{violation['id']}: {violation['help']} at {', '.join(violation['targets'][:5])}"
        for visit in reader.visits(screen, color_scheme)
        for violation in visit.accessibility
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def images_without_text(reader: Reader, screen: Screen) -> list[str]:
    """Images a screen reader can only call "image" (no alt text, no label)."""
    return [
        f"{visit.page}: image without text: {image}"
        for visit in reader.visits(screen)
        for image in visit.images_without_text
    ]


def tables_without_headers(reader: Reader, screen: Screen) -> list[str]:
    """Tables whose cells a screen reader cannot announce with their column or row."""
    return [
        f"{visit.page}: table without headers: {table}"
        for visit in reader.visits(screen)
        for table in visit.tables_without_headers
    ]


def download_links(visit: Visit, base: str) -> list[str]:
    """The page's links to files of the site that are not pages (exports, PDFs, BibTeX)."""
    found = set()
    for url, _text in visit.links:
        target = urldefrag(url).url
        path = urlsplit(target).path
        if target.startswith(base) and not path.endswith((".html", "/")) and PurePosixPath(path).suffix:
            found.add(target)
    return sorted(found)


def _not_what_it_says(name: str, body: bytes) -> str | None:
    """Why ``body`` is not the kind of file its name says (by its extension), or None."""
    suffix = PurePosixPath(urlsplit(name).path).suffix.lower()
    try:
        if suffix == ".pdf":
            if not body.startswith(b"%PDF-") or b"%%EOF" not in body[-1024:]:
                return "not a whole PDF file"
        elif suffix == ".ics":
            text = body.decode("utf-8")
            if not (text.startswith("BEGIN:VCALENDAR") and text.rstrip().endswith("END:VCALENDAR")):
                return "not an iCalendar file"
            if "BEGIN:VEVENT" not in text:
                return "a calendar with no events"
        elif suffix == ".json":
            json.loads(body)
        elif suffix == ".xml":
            ElementTree.fromstring(body)
        elif suffix == ".bib" and not re.search(r"@\w+\s*\{", body.decode("utf-8")):
            return "no BibTeX entry in it"
    except (ValueError, ElementTree.ParseError) as error:  # UnicodeDecodeError is a ValueError
        return f"not a {suffix[1:]} file: {error}"
    return None


def download_problems(reader: Reader, urls: list[str]) -> list[str]:
    """Files at ``urls`` that are missing, empty, or not what their name says (an error
    page saved as ``volume.pdf``, a calendar with no events)."""
    problems = []
    for url in urls:
        status, body = reader.fetch(url)
        name = url[len(reader.base) :]
        if status >= 400:
            problems.append(f"{name}: HTTP {status}")
        elif not body:
            problems.append(f"{name}: empty")
        elif problem := _not_what_it_says(url, body):
            problems.append(f"{name}: {problem}")
    return problems


def downloads(reader: Reader, screen: Screen) -> list[str]:
    """Every file the site's pages offer for download, checked by :func:`download_problems`."""
    urls = {url for visit in reader.visits(screen) for url in download_links(visit, reader.base)}
    return download_problems(reader, sorted(urls))
