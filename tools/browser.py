"""A reader's browser: serve a built site on 127.0.0.1 and open its pages in headless Chromium.

Used by the browser tests (``tests/browser/``) and by ``nox -s screenshots``.  The browser
is the system's Chromium (Debian's ``chromium`` package), never a downloaded build, and it
is kept off the network: any request that leaves 127.0.0.1 is aborted and recorded, so a
page that needs the internet to look right is caught, and no test depends on other sites.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# The probe of this machine kind starts Chromium like this: without the background
# networking flags Chromium keeps trying to reach Google's hosts, which the closed network
# refuses.  (Playwright adds --headless and a fresh temporary --user-data-dir itself.)
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@dataclass(frozen=True)
class Screen:
    """A reader's screen: the width a page must fit."""

    name: str
    width: int
    height: int
    mobile: bool = False

    def context_options(self) -> dict:
        options = {"viewport": {"width": self.width, "height": self.height}}
        if self.mobile:
            # A phone honours <meta name="viewport">: without it the page lays out 980px
            # wide and shrinks, which the width check then reports.
            options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
        return options


DESKTOP = Screen("desktop", 1280, 800)
PHONE = Screen("phone", 360, 740, mobile=True)  # a common small Android phone
SCREENS = (DESKTOP, PHONE)


def find_chromium() -> str | None:
    """The system Chromium: $WORKSHOP_CHROMIUM, else the first known name on PATH."""
    if os.environ.get("WORKSHOP_CHROMIUM"):
        return os.environ["WORKSHOP_CHROMIUM"]
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    return None


class _QuietHandler(SimpleHTTPRequestHandler):
    """A static file server that does not print every request, serving its folder under
    ``mount`` (``/2024/``: as a host serves a site published at that path)."""

    def __init__(self, *args, mount: str = "/", **kwargs) -> None:
        self.mount = mount
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "-not-here-")  # outside the mount: not found
        return super().translate_path("/" + path[len(self.mount) :])

    def log_message(self, format: str, *args) -> None:
        pass


@contextmanager
def serve(folder: Path, mount: str = "/") -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) under the path ``mount`` for as long as
    the block runs; the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder), mount=mount)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium(executable: str) -> Iterator:
    """One headless Chromium for the whole block (starting one costs about a second)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def site_pages(folder: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to its root (``program.html``).

    Folders starting with ``_`` hold assets and downloads, not pages (``_static``)."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*.html")
        if not any(part.startswith("_") for part in path.relative_to(folder).parts)
    )


@dataclass
class Visit:
    """What a reader's browser saw on one page at one screen width."""

    page: str
    screen: Screen
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    layout_width: int = 0
    document_width: int = 0
    too_wide: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (resolved URL, link text)
    ids: set[str] = field(default_factory=set)
    images_without_text: list[str] = field(default_factory=list)
    tables_without_headers: list[str] = field(default_factory=list)
    color_scheme: str = "light"
    # axe-core's violations: {"id", "impact", "help", "targets"}
    accessibility: list[dict] = field(default_factory=list)


# Elements that reach past the right edge of the screen and are not inside a box of
# their own that scrolls or clips (a table in a scrolling wrapper is fine: the reader
# scrolls the table, not the page).  Only the outermost such element is named.
TOO_WIDE_JS = """
() => {
  const width = document.documentElement.clientWidth;
  // Only a box inside the article counts: a box around the whole article that scrolls
  // (the theme's) moves the text sideways as much as the page would.
  const article = document.querySelector('main article, article') || document.body;
  const contained = (el) => {
    for (let up = el.parentElement; up && up !== article; up = up.parentElement) {
      if (!article.contains(up)) return false;
      const style = getComputedStyle(up);
      if (style.overflowX !== 'visible' && up.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].slice(0, 3).map(c => '.' + c).join('');
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || style.position === 'fixed') continue;
    if (found.some(outer => outer.contains(el)) || contained(el)) continue;
    found.push(el);
  }
  return {
    layout: width,
    document: document.documentElement.scrollWidth,
    tooWide: found.slice(0, 8).map(el => {
      const box = el.getBoundingClientRect();
      return `${name(el)} spans ${Math.round(box.left)}..${Math.round(box.right)}px`;
    }),
  };
}
"""

# Links and anchors (for the link check), declared icons, and what a screen reader cannot
# put into words: an image with no text, a table with no headers.
_CONTENT_JS = r"""
() => {
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.getAttribute('src') ? `[src=${el.getAttribute('src')}]` : '');
  const hidden = (el) => el.closest('[aria-hidden="true"]') !== null || el.getClientRects().length === 0;
  const labelledBy = (el) => (el.getAttribute('aria-labelledby') || '').split(/\s+/)
    .map(id => document.getElementById(id)?.textContent || '').join(' ');
  const text = (el) => [el.getAttribute('alt'), el.getAttribute('aria-label'), el.getAttribute('title'),
    labelledBy(el), el.querySelector(':scope > title')?.textContent].join(' ').trim();
  const images = [...document.querySelectorAll('img, svg[role="img"], [role="img"], input[type="image"]')]
    .filter(el => !hidden(el) && !text(el));
  const tables = [...document.querySelectorAll('table')]
    .filter(table => table.querySelectorAll('th, [role="columnheader"], [role="rowheader"]').length === 0);
  return {
    links: [...document.querySelectorAll('a[href]')].map(a => [a.href, a.innerText.trim()]),
    ids: [...document.querySelectorAll('[id], a[name]')].map(el => el.id || el.name),
    icons: [...document.querySelectorAll('link[rel~="icon"]')].map(link => link.href),
    imagesWithoutText: images.map(name),
    tablesWithoutHeaders: tables.map(t => name(t) + ' ' + t.innerText.trim().slice(0, 40)),
  };
}
"""


def block_external(context, base: str, seen: list[str] | None = None) -> None:
    """Abort every request that leaves the local server at ``base`` (recording it in ``seen``).

    The pattern is a regular expression, which Playwright matches in its driver: requests
    to the local server never make a round trip through Python."""

    def abort(route) -> None:
        if seen is not None:
            seen.append(route.request.url)
        route.abort("blockedbyclient")

    context.route(re.compile(rf"^(?!{re.escape(base)}|data:)"), abort)


def visit(context, base: str, page_path: str, screen: Screen, color_scheme: str = "light") -> Visit:
    """Open ``page_path`` in ``context`` (made with ``screen.context_options()``) and record
    what a reader would meet: console errors, failed requests, what is wider than the screen,
    the links and the anchors of the page, and what axe-core finds."""
    seen = Visit(page_path, screen, color_scheme=color_scheme)

    def on_console(message) -> None:
        if message.type == "error":
            where = message.location
            seen.console_errors.append(f"{message.text} ({where.get('url')}:{where.get('lineNumber')})")

    def on_page_error(error) -> None:
        seen.console_errors.append(f"uncaught {error}")

    def on_request_failed(request) -> None:
        local = request.url.startswith(base)
        (seen.failed_requests if local else seen.external_requests).append(
            f"{request.method} {request.url}: {request.failure}"
        )

    def on_response(response) -> None:
        if response.status >= 400:
            seen.failed_requests.append(f"{response.request.method} {response.url}: HTTP {response.status}")

    listeners = {
        "console": on_console,
        "pageerror": on_page_error,
        "requestfailed": on_request_failed,
        "response": on_response,
    }
    page = context.new_page()
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        page.goto(base + page_path, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        layout = page.evaluate(TOO_WIDE_JS)
        seen.layout_width, seen.document_width = layout["layout"], layout["document"]
        seen.too_wide = layout["tooWide"]
        found = page.evaluate(_CONTENT_JS)
        seen.links = [tuple(link) for link in found["links"]]
        seen.ids = set(found["ids"])
        seen.images_without_text = found["imagesWithoutText"]
        seen.tables_without_headers = found["tablesWithoutHeaders"]
        _ask_for_icons(page, base, found["icons"], seen)
        # What axe-core does is not what a reader's browser does: it fetches the stylesheets
        # again (resolving ``@import "../basic.css"`` against the page: a 404 of its own).
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
        seen.accessibility = run_axe(page)
    finally:
        page.close()
    return seen


def _ask_for_icons(page, base: str, icons: list[str], seen: Visit) -> None:
    """Browsers fetch the icon on their own schedule (headless ones may never): ask for
    each declared icon, as a reader's browser tab would."""
    for icon in icons:
        if icon.startswith(base):
            status = page.request.get(icon).status
            if status >= 400:
                seen.failed_requests.append(f"GET {icon} (the page's icon): HTTP {status}")
    if not icons:
        seen.failed_requests.append("no <link rel=icon>: browsers then ask for /favicon.ico")


FINISH_ANIMATIONS_JS = """() => Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map(a => a.finished.catch(() => null)))"""


def run_axe(page) -> list[dict]:
    """axe-core's violations on the open page (the ``axe-playwright-python`` package bundles
    axe-core; nothing is fetched)."""
    from axe_playwright_python.sync_playwright import Axe

    # A colour still changing is judged half-way (sphinx-design's buttons fade theirs over
    # .15 s as the theme applies dark mode): let every finite transition end first.
    page.evaluate(FINISH_ANIMATIONS_JS)
    results = Axe().run(page)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [" ".join(map(str, node["target"])) for node in violation["nodes"]],
        }
        for violation in results.response["violations"]
    ]


class Reader:
    """A served site read in one browser.  Each page is visited once per screen and colour
    scheme, however many checks look at the visit; contexts (one per screen and scheme) are
    kept for the session, and every request that leaves the site is blocked."""

    def __init__(self, browser, base: str, folder: Path) -> None:
        self.browser, self.base, self.folder = browser, base, folder
        self.pages = site_pages(folder)
        self.blocked: list[str] = []
        self._contexts: dict[tuple[Screen, str], object] = {}
        self._visits: dict[tuple[str, Screen, str], Visit] = {}
        self._status: dict[str, int] = {}

    def context(self, screen: Screen, color_scheme: str = "light"):
        key = (screen, color_scheme)
        if key not in self._contexts:
            context = self.browser.new_context(color_scheme=color_scheme, **screen.context_options())
            block_external(context, self.base, self.blocked)
            self._contexts[key] = context
        return self._contexts[key]

    def visit(self, page_path: str, screen: Screen, color_scheme: str = "light") -> Visit:
        key = (page_path, screen, color_scheme)
        if key not in self._visits:
            context = self.context(screen, color_scheme)
            self._visits[key] = visit(context, self.base, page_path, screen, color_scheme)
        return self._visits[key]

    def visits(self, screen: Screen, color_scheme: str = "light") -> list[Visit]:
        """Every page of the site at ``screen``."""
        return [self.visit(page, screen, color_scheme) for page in self.pages]

    def status(self, url: str) -> int:
        """The HTTP status the local server answers for ``url`` (asked once)."""
        if url not in self._status:
            self._status[url] = self.context(DESKTOP).request.head(url).status
        return self._status[url]

    def fetch(self, url: str) -> tuple[int, bytes]:
        """The status and body of a file of the site, as the browser downloads it."""
        response = self.context(DESKTOP).request.get(url)
        return response.status, response.body()

    def open(self, page_path: str, screen: Screen, **options):
        """A page of the site in a context of its own (for tests that click, route or print);
        the caller closes ``page.context``."""
        context = self.browser.new_context(**screen.context_options(), **options)
        block_external(context, self.base, self.blocked)
        page = context.new_page()
        page.goto(self.base + page_path, wait_until="load")
        return page

    def close(self) -> None:
        for context in self._contexts.values():
            context.close()
        self._contexts.clear()


@contextmanager
def reading(browser, folder: Path, mount: str = "/") -> Iterator[Reader]:
    """Serve ``folder`` (under the path ``mount``) and read it with ``browser`` for as long
    as the block runs."""
    with serve(folder, mount) as base:
        reader = Reader(browser, base, folder)
        try:
            yield reader
        finally:
            reader.close()
