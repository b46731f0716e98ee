"""The chairs' tool: page-limit check and proceedings volume (``python -m proceedings``).

The modules, by job (one folder, so that the two jobs share their helpers plainly):

* the command line and its inputs: :mod:`~proceedings.cli`, :mod:`~proceedings.data`
  (the workshop data through the shared loader), :mod:`~proceedings.errors` (the one
  error type), :mod:`~proceedings.progress`;
* the page-limit check: :mod:`~proceedings.check.run` (one PDF, many PDFs) applies the
  rule of :mod:`~proceedings.check.rule` to pages read by :mod:`~proceedings.pdf.text`,
  adds the format findings of :mod:`~proceedings.check.findings`, and says so in
  :mod:`~proceedings.check.records`, reported by :mod:`~proceedings.check.report`;
* the volume: :mod:`~proceedings.volume.build` builds it (its docstring maps its parts:
  layout, papercopy, stamps, typeset, structure, pdfout, names, bibtex, manifest,
  publish); :mod:`~proceedings.volume.typefaces` names the bundled fonts and what each draws,
  :mod:`~proceedings.volume.printable` refuses a name or title they cannot print;
* :mod:`~tools.samples`: the example papers' sample PDFs.
"""
