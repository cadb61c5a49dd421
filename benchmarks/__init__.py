"""Benchmarks: measured figures against the targets in the issue, never asserted in tests.

`python -m benchmarks.run` (or `make bench`) runs every benchmark in `benchmarks.run.REGISTRY`
and rewrites `benchmarks/README.md` with the figures, the date and the machine they came from.
"""
