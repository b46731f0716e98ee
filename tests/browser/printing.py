"""A page printed by Chromium, read back with pypdf: the text of each sheet, the size of
the type, and what the print stylesheet leaves on the sheet; and what must hold of it, as
lists of problems (empty when all is well), like :mod:`browser.checks`."""

from __future__ import annotations

import io
import math
import re
import unicodedata
from dataclasses import dataclass

import pypdf

from tools.browser import DESKTOP, TOO_WIDE_JS, Reader, Screen

# What readers get from the browser's print dialog: US Letter, margins of about 0.4in
# ("Default"), or none.
LETTER_POINTS = (612, 792)
MARGIN = "0.4in"
MOST_SHEETS = 2
SMALLEST_LEGIBLE_POINTS = 8

# Text outside the page's article, in print: navigation, header, footer, sidebars.
CHROME_TEXT_JS = """
() => {
  const article = document.querySelector('main article, article, [role="main"]');
  const found = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const element = node.parentElement;
    if (!text || !element || element.closest('script, style, template, noscript')) continue;
    if (article && article.contains(element)) continue;
    const style = getComputedStyle(element);
    if (element.getClientRects().length === 0 || style.visibility !== 'visible') continue;
    found.add(text.slice(0, 60));
  }
  return [...found];
}
"""

# The cells of every row of the article's tables, as the reader sees them.
TABLE_ROWS_JS = """
() => [...document.querySelectorAll('article table tbody tr')]
  .map(row => [...row.cells].map(cell => cell.innerText.trim()).filter(Boolean))
"""

# Headings that print over nothing: a section of the article whose substance (a list, a
# table) the print stylesheet hides while its heading, and perhaps a sentence introducing
# what is gone, still print.
STRANDED_HEADINGS_JS = """
() => {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
  const prose = (el) => /^(H[1-6]|P)$/.test(el.tagName);
  const found = [];
  for (const section of document.querySelectorAll('article section')) {
    if (!shown(section)) continue;
    const parts = [...section.children].filter(el => !['SCRIPT', 'STYLE', 'SPAN'].includes(el.tagName));
    const hidden = parts.filter(el => !prose(el) && !shown(el) && el.textContent.trim());
    const printed = parts.filter(shown);
    if (hidden.length && printed.every(prose)) {
      const heading = section.querySelector(':scope > h1, :scope > h2, :scope > h3, :scope > h4');
      const what = hidden.map(el => el.tagName.toLowerCase() +
                              [...el.classList].slice(0, 2).map(c => '.' + c).join(''));
      const title = JSON.stringify((heading ? heading.textContent : section.id).replace(/#$/, '').trim());
      found.push(`${title} over nothing: ${what.join(', ')} hidden in print`);
    }
  }
  return found;
}
"""

# The header cells of the article's tables with their widths (in CSS pixels), as laid out.
COLUMN_WIDTHS_JS = """
() => [...document.querySelectorAll('article table')].map(table =>
  [...(table.tHead ? table.tHead.rows[0].cells : [])]
    .map(cell => [cell.innerText.trim(), cell.getBoundingClientRect().width]))
"""

# The labels of the site's navigation (taken on screen, where it shows).
NAVIGATION_LABELS_JS = """
() => [...document.querySelectorAll('nav a, [role="navigation"] a')]
  .map(a => a.innerText.trim()).filter(Boolean)
"""


def squash(text: str) -> str:
    """Text compared across line breaks: ligatures undone (pypdf gives "ﬁ"), case and
    whitespace ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


@dataclass
class Printout:
    pages: list[str]  # the text of each sheet
    sizes: list[tuple[float, float]]  # each sheet's width and height in points
    smallest_type: float  # the smallest font size on any sheet, in points
    text_outside: list[str]  # runs of text that start off the sheet

    def pages_holding(self, text: str) -> list[int]:
        """The 1-based sheets whose text holds all of ``text``."""
        wanted = squash(text)
        return [number for number, page in enumerate(self.pages, 1) if wanted in squash(page)]


def _multiply(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return [a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u]


def read_printout(pdf: bytes) -> Printout:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages, sizes, smallest, outside = [], [], math.inf, []
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text, cm, tm, font, size, width=width, height=height):
            nonlocal smallest
            if not text.strip():
                return
            matrix = _multiply(tm, cm)
            # The size on paper: the font size scaled by the text and page matrices.
            smallest = min(smallest, size * math.hypot(matrix[2], matrix[3]))
            x, y = matrix[4], matrix[5]
            if not (0 <= x < width and 0 <= y <= height):
                outside.append(f"{text.strip()[:40]!r} at ({x:.0f}, {y:.0f})")

        pages.append(page.extract_text(visitor_text=visit))
        sizes.append((width, height))
    return Printout(pages, sizes, smallest, outside)


def print_page(page, margin: str = MARGIN) -> bytes:
    """The page as Chromium prints it on Letter paper (print media, no backgrounds)."""
    return page.pdf(format="Letter", margin=dict.fromkeys(("top", "right", "bottom", "left"), margin))


def paper(margin: str) -> Screen:
    """The room Letter paper leaves between margins, in CSS pixels (96 to the inch)."""
    inches = float(margin.removesuffix("in") or 0)
    return Screen("letter", round((8.5 - 2 * inches) * 96), round((11 - 2 * inches) * 96))


@dataclass
class PrintedPage:
    """A page of the site on paper, with what the browser knew of it."""

    navigation: list[str]  # the navigation's labels, on screen
    rows: list[list[str]]  # the cells of each table row of the article, in print
    chrome: list[str]  # text printed outside the article
    too_wide: list[str]  # what is wider than the paper
    article: str  # the article's text, in print
    stranded: list[str]  # headings printed over nothing (their content hidden in print)
    columns: list[dict[str, float]]  # each article table's column widths by header, in print
    printout: Printout


def print_site_page(reader: Reader, page_path: str, margin: str = MARGIN) -> PrintedPage:
    page = reader.open(page_path, DESKTOP)
    try:
        navigation = page.evaluate(NAVIGATION_LABELS_JS)
        page.emulate_media(media="print")
        sheet = paper(margin)
        page.set_viewport_size({"width": sheet.width, "height": sheet.height})
        return PrintedPage(
            navigation=navigation,
            rows=page.evaluate(TABLE_ROWS_JS),
            chrome=page.evaluate(CHROME_TEXT_JS),
            too_wide=page.evaluate(TOO_WIDE_JS)["tooWide"],
            article=page.locator("article").first.inner_text(),
            stranded=page.evaluate(STRANDED_HEADINGS_JS),
            columns=[dict(table) for table in page.evaluate(COLUMN_WIDTHS_JS)],
            printout=read_printout(print_page(page, margin)),
        )
    finally:
        page.context.close()


def sheet_problems(printed: PrintedPage) -> list[str]:
    """Not Letter, or more than two sheets."""
    sizes, count = printed.printout.sizes, len(printed.printout.pages)
    problems = [
        f"sheet {n} is {w:.0f}x{h:.0f}pt, not Letter"
        for n, (w, h) in enumerate(sizes, 1)
        if (round(w), round(h)) != LETTER_POINTS
    ]
    if not 1 <= count <= MOST_SHEETS:
        problems.append(f"{count} sheets (at most {MOST_SHEETS})")
    return problems


def split_slots(printed: PrintedPage) -> list[str]:
    """Rows of the program that no one sheet holds whole (split, or cut off)."""
    pages = printed.printout.pages
    problems = []
    for cells in printed.rows:
        sheets = set(range(1, len(pages) + 1))
        for cell in cells:
            sheets &= set(printed.printout.pages_holding(cell))
        if not sheets:
            problems.append(f"no one sheet holds the whole slot {cells}")
    return problems


def illegible(printed: PrintedPage) -> list[str]:
    """Type too small, text off the sheet, anything wider than the paper."""
    problems = []
    if printed.printout.smallest_type < SMALLEST_LEGIBLE_POINTS:
        problems.append(f"{printed.printout.smallest_type:.1f}pt type (at least {SMALLEST_LEGIBLE_POINTS}pt)")
    problems += [f"text off the sheet: {text}" for text in printed.printout.text_outside]
    problems += [f"wider than the paper: {element}" for element in printed.too_wide]
    return problems


def stranded_headings(printed: PrintedPage) -> list[str]:
    """Headings (and their introductions) printed with what they introduce left off the paper."""
    return [f"a heading prints {problem}" for problem in printed.stranded]


def printed_chrome(printed: PrintedPage) -> list[str]:
    """The site's navigation, header or footer on paper."""
    problems = [f"printed outside the article: {text!r}" for text in printed.chrome]
    on_paper = squash("".join(printed.printout.pages))
    article = squash(printed.article)
    problems += [
        f"navigation printed: {label!r}"
        for label in printed.navigation
        if squash(label) not in article and squash(label) in on_paper
    ]
    return problems
