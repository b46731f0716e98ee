"""The chairs' tool, ``python -m proceedings``: the page-limit check and the proceedings
volume, built on :mod:`workshop.core` (the data, its loader, the volume's plan) and never
on the site.

* :mod:`proceedings.cli` -- the commands, and every line they print;
* :mod:`proceedings.pdf` -- reading a paper's PDF (pypdf): opening it, its text lines;
* :mod:`proceedings.check` -- the page-limit rule and the format findings, per paper;
* :mod:`proceedings.volume` -- the volume, each paper's stamped PDF and BibTeX;
* :mod:`proceedings.imports` -- the accepted papers of a submission system (EasyChair,
  HotCRP, OpenReview) merged into ``papers.yaml``.

The README's layout section maps every module.
"""
