"""The page-limit check: which pages of a paper count (:mod:`.rule`), what else its PDF
gets wrong (:mod:`.findings`), the record of both (:mod:`.records`), run over one paper
or hundreds in parallel (:mod:`.run`) and reported (:mod:`.report`)."""
