"""Tools for the team, not shipped in the wheel: the example's sample papers
(:mod:`.samples`), the benchmarks (:mod:`.bench`), a reader's browser (:mod:`.browser`,
used by the browser tests) and the screenshots made with it (:mod:`.screenshots`)."""
