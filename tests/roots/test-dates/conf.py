# The important dates (table, cards, a fact in prose) and the committees.
extensions = ["myst_parser", "workshop.site"]
exclude_patterns = ["data/**", "_build"]
nitpicky = True
