# Exports of a site whose public address is known, so their links are absolute.
extensions = ["myst_parser", "workshop.site"]
exclude_patterns = ["data/**", "_build"]
nitpicky = True
html_baseurl = "https://workshop.example.org/2023/"
