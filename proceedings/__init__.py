"""The chairs' tool: page-limit check and proceedings volume (``python -m proceedings``).

The modules, by job (one folder, so that the two jobs share their helpers plainly):

* the command line and its inputs: :mod:`~proceedings.cli`, :mod:`~proceedings.data`
  (the workshop data through the shared loader), :mod:`~proceedings.errors` (the one
  error type), :mod:`~proceedings.progress`;
* the page-limit check: :mod:`~proceedings.checker` (one PDF, many PDFs) applies the
  rule of :mod:`~proceedings.pagecount` to pages read by :mod:`~proceedings.pdfread`,
  adds the format findings of :mod:`~proceedings.pdfcheck`, and says so in
  :mod:`~proceedings.records`, reported by :mod:`~proceedings.report`;
* the volume: :mod:`~proceedings.volume` builds it (its docstring maps its parts:
  layout, papercopy, stamps, typeset, structure, pdfout, names, bibtex, manifest,
  publish); :mod:`~proceedings.typefaces` names the bundled fonts and what each draws,
  :mod:`~proceedings.printable` refuses a name or title they cannot print;
* :mod:`~proceedings.samples`: the example papers' sample PDFs;
* :mod:`~proceedings.imports`: ``import``, the accepted papers of a submission system
  (EasyChair, HotCRP, OpenReview) merged into ``papers.yaml`` (its docstring maps its parts).
"""
