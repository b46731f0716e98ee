"""The check's engine: whether a camera-ready PDF meets the workshop's rules, in plain
Python (the standard library and pypdf), so that the chairs' tool and the authors'
browser (the self-check page, under Pyodide) run the very same code.

* :mod:`workshop.engine.pdf` -- reading a paper's PDF: the one opener, each page's content
  scanned once, its text as lines that know their font, size and place;
* :mod:`.rule` (which pages count) with :mod:`.headings`, :mod:`.findings` (the format
  findings) with :mod:`.margins` and :mod:`.fontfindings`, :mod:`.verdict` (the one verdict),
  :mod:`.records` (what a check says) and :mod:`.paper` (one paper, start to end);
* :mod:`.page` -- the entry the browser calls: one PDF's bytes and the rules as JSON in,
  the record as JSON out.

It imports nothing of the project but the core's standard-library modules
(:mod:`workshop.core.problems`, :mod:`workshop.core.rules`): the workshop's rules come in
as one plain value that the core derives from the data model
(:mod:`workshop.core.checkrules`).  The tool's own parts (the command, the cache, the
pictures, the volume) import it; the site never does, it only packs it for the browser.
"""
