"""``python -m proceedings import``: accepted papers from a submission system into ``papers.yaml``.

The modules, by job:

* one reader per system, each turning its export into the neutral records of
  :mod:`~proceedings.imports.common`: :mod:`~proceedings.imports.easychair` (the two CSV
  files of EasyChair's data download), :mod:`~proceedings.imports.hotcrp` (HotCRP's JSON
  paper download), :mod:`~proceedings.imports.openreview` (OpenReview's API v2 notes);
* :mod:`~proceedings.imports.common`: the records, clean text, names, what counts as
  accepted, paper ids, and the bounded reading of an export file (its size, its numbers'
  digits, how many submissions it holds);
* :mod:`~proceedings.imports.pdfs`: the papers' PDFs found in a zip or a folder by their
  submission number, and copied into the data folder whole or not at all;
* :mod:`~proceedings.imports.merge`: the records merged into ``papers.yaml`` by a
  round-trip YAML writer, so that the chair's edits, comments and order survive;
* :mod:`~proceedings.imports.commit`: every file the import writes staged, then put in
  place together or not at all, one import at a time (the data folder's lock);
* :mod:`~proceedings.imports.run`: the import from end to end (read, merge, check with the
  data loader, stage, commit) and its summary.
"""
