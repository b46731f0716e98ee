"""Reading a paper's PDF with pypdf, for the check and the volume alike: opening it (one
opener, one set of refusals) and its pages as lines of text that know their font, size
and place (:mod:`.text`)."""

#: One megabyte as ``--max-pdf-size`` counts it (a million bytes, as file managers do).
MB = 1_000_000
#: The largest PDF read unless ``--max-pdf-size`` says otherwise: camera-ready papers
#: are a few MB; one of a hundred is a mistake (or not a paper).  Here, not in
#: :mod:`.opener`, so that the command line is made without pypdf.
DEFAULT_MAX_MB = 100
