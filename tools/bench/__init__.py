"""Benchmarks (``nox -s bench``): timings written to JSON under _build/bench/, never asserted in tests."""
