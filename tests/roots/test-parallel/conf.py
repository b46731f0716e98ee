# Enough pages for Sphinx to read and write in parallel (more than five), each using the data.
extensions = ["myst_parser", "workshop.site"]
exclude_patterns = ["data/**", "_build"]
nitpicky = True
