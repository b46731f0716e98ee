# Pages that use different data files, to see which a data edit re-reads.
extensions = ["myst_parser", "workshop"]
exclude_patterns = ["data/**", "_build"]
nitpicky = True
