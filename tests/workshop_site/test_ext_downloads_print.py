"""Which sections the print stylesheet leaves out with the download lists: a section that
only offers downloads (its heading, prose and lists) goes whole; a page's own section, or a
section holding more, keeps everything but the lists.  (How it prints: tests/browser/test_print.py.)"""

from __future__ import annotations

import lxml.html
from ext_support import built, copy_root

TAKE_AWAY = """\
---
orphan: true
---

# Take-away

The day at a glance.

## Take the program with you

Add every talk to your calendar:

```{workshop-downloads} schedule.ics schedule.xml
```

## The day, and the day to take

```{workshop-schedule}
```

```{workshop-downloads} schedule.ics
```

## Later

### Calendars

```{workshop-downloads} schedule.ics
```
"""


def section_classes(page) -> dict[str, list[str]]:
    return {section.get("id"): section.get("class", "").split() for section in page.iter("section")}


def test_a_section_that_only_offers_downloads_is_marked_for_print(make_app, tmp_path):
    srcdir = copy_root("exports", tmp_path)
    (srcdir / "take-away.md").write_text(TAKE_AWAY, encoding="utf-8")
    app = built(make_app, srcdir)
    marked = "workshop-downloads-section"
    take_away = section_classes(lxml.html.parse(str(app.outdir / "take-away.html")))
    assert marked in take_away["take-the-program-with-you"]
    assert marked in take_away["calendars"]
    assert marked not in take_away["the-day-and-the-day-to-take"]  # the program prints
    assert marked in take_away["later"]  # its only subsection goes, and its heading with it
    assert marked not in take_away["take-away"]
    # The program page's downloads stand in the page's own section: only the list goes.
    program = section_classes(lxml.html.parse(str(app.outdir / "program.html")))
    assert not any(marked in classes for classes in program.values()), program
