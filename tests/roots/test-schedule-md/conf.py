# A MyST page with the program table; the data covers every kind of slot.
extensions = ["myst_parser", "workshop.site"]
exclude_patterns = ["data/**", "_build"]
nitpicky = True
