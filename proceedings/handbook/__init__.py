"""The handbook: the program as a printed booklet (``handbook.pdf``), set by the volume's
typesetter in its fonts.  :mod:`~proceedings.handbook.texts` (what it prints, for the fonts
and the check that every name can be printed), :mod:`~proceedings.handbook.layout` (the
pages), :mod:`~proceedings.handbook.build` (the outputs, all or nothing),
:mod:`~proceedings.handbook.command` (the command; it imports no PDF library until it runs)."""
