"""The chairs' tool, ``python -m proceedings``: the page-limit check and the proceedings
volume, built on :mod:`workshop.core` (the data, its loader, the volume's plan) and never
on the site.

* :mod:`proceedings.cli` -- the commands, and every line they print;
* :mod:`proceedings.check` -- the page-limit check as chairs run it (the rule, the format
  findings and the PDF reading are :mod:`workshop.engine`'s);
* :mod:`proceedings.volume` -- the volume, each paper's stamped PDF and BibTeX;
* :mod:`proceedings.imports` -- the accepted papers of a submission system (EasyChair,
  HotCRP, OpenReview) merged into ``papers.yaml``;
* :mod:`proceedings.handbook` -- the program as a printed booklet.

The README's layout section maps every module.
"""
