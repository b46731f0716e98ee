# A reStructuredText page with the program table, in another zone than the example's.
extensions = ["workshop.site"]
exclude_patterns = ["data/**", "_build"]
nitpicky = True
