# Good data that each validation test breaks in one place, in a private copy.
extensions = ["myst_parser", "workshop.site"]
exclude_patterns = ["data/**", "_build"]
nitpicky = True
