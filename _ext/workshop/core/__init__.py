"""The core: what the site and the chairs' tool share, in plain Python (PyYAML and
pydantic; the exports add icalendar and lxml).  It imports neither of its users, Sphinx,
nor any PDF library.

The data model and its one loader, the problems they report (the project's one error
root), and what is derived from the data alone: the program, the wording of facts, the
volume's plan and manifest, BibTeX, the calendars and conference-app exports, the dating
rule, and the one way outputs are put in place.  The README's layout section maps every
module.
"""
