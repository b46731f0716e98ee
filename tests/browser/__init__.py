"""The site as readers meet it: the built example site served on 127.0.0.1 and opened in
headless Chromium (Debian's ``chromium``), driven by Playwright."""
