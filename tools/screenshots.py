"""Screenshots of every page of a built site at a desktop's and a phone's width, so organizers
see a change before it goes live.  ``nox -s screenshots`` builds the site and runs this:

    PYTHONPATH=tests python -m tools.screenshots _build/html _build/screenshots

It writes ``desktop/<page>.png`` and ``phone/<page>.png`` (whole pages, not only the first
screenful) and an ``index.html`` that shows them side by side.  The new set replaces the
old one only once it is complete.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from pathlib import Path

from tools.browser import SCREENS, chromium, find_chromium, reading


def shot_name(page_path: str) -> str:
    return page_path.removesuffix(".html").replace("/", "-") + ".png"


def contact_sheet(pages: list[str]) -> str:
    rows = "\n".join(
        f"<tr><th scope=row>{html.escape(page)}</th>"
        + "".join(
            f'<td><a href="{screen.name}/{shot_name(page)}"><img src="{screen.name}/{shot_name(page)}" '
            f'alt="{html.escape(page)} on a {screen.name} ({screen.width}px)" '
            f'width="{min(screen.width, 480)}"></a></td>'
            for screen in SCREENS
        )
        + "</tr>"
        for page in pages
    )
    heads = "".join(f"<th scope=col>{screen.name} ({screen.width}px)</th>" for screen in SCREENS)
    return (
        "<!doctype html><html lang=en><meta charset=utf-8><title>Screenshots of the site</title>"
        "<style>td,th{vertical-align:top;padding:8px;text-align:left}img{border:1px solid #ccc}</style>"
        f"<table><caption>Screenshots of the site</caption><tr><td></td>{heads}</tr>{rows}</table></html>\n"
    )


def take(browser, site: Path, out: Path) -> list[Path]:
    """Screenshot every page of ``site`` into ``out`` with ``browser``; the files written."""
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    written = []
    with reading(browser, site) as reader:
        for screen in SCREENS:
            context = reader.context(screen)
            for number, page_path in enumerate(reader.pages, 1):
                target = partial / screen.name / shot_name(page_path)
                target.parent.mkdir(parents=True, exist_ok=True)
                page = context.new_page()
                try:
                    page.goto(reader.base + page_path, wait_until="load")
                    page.evaluate("document.fonts.ready.then(() => true)")
                    page.screenshot(path=target, full_page=True, animations="disabled", caret="hide")
                finally:
                    page.close()
                written.append(out / target.relative_to(partial))
                print(f"[{screen.name} {number}/{len(reader.pages)}] {written[-1]}", flush=True)
        (partial / "index.html").write_text(contact_sheet(reader.pages), encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    partial.rename(out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built HTML folder (e.g. _build/html)")
    parser.add_argument("out", type=Path, help="where the screenshots go (e.g. _build/screenshots)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(
            f"error: {args.site} holds no built site (no index.html): run `nox -s docs` first",
            file=sys.stderr,
        )
        return 2
    executable = find_chromium()
    if executable is None:
        print(
            "error: no Chromium on this machine: apt-get install chromium (or set WORKSHOP_CHROMIUM)",
            file=sys.stderr,
        )
        return 2
    with chromium(executable) as browser:
        written = take(browser, args.site.resolve(), args.out.resolve())
    print(f"{len(written)} screenshots in {args.out}; open {args.out / 'index.html'} to compare")
    return 0


if __name__ == "__main__":
    sys.exit(main())
