"""The workshop: its data and the site made from it.

* :mod:`workshop.core` -- plain Python, shared by the site and the chairs' tool: the data
  model, its one loader, the problems it reports, and everything derived from the data
  alone (program, wording, the volume's plan and manifest, BibTeX, exports, outputs).
* :mod:`workshop.site` -- the Sphinx extension (``extensions = ["workshop.site"]``): it
  renders the core's model into pages and imports nothing but the core (never the
  chairs' tool, never a PDF library).

The chairs' tool, :mod:`proceedings`, is the core's other user.  The README's layout
section is the map of every module.
"""

__version__ = "0.1.0"
