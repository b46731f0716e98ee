# Pages that use different data files, to see which a data edit re-reads.
extensions = ["myst_parser", "workshop.site"]
exclude_patterns = ["data/**", "_build"]
nitpicky = True
