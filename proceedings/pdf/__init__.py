"""Reading a paper's PDF with pypdf, for the check and the volume alike: opening it (one
opener, one set of refusals) and its pages as lines of text that know their font, size
and place (:mod:`.text`)."""
