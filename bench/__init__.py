"""Benchmarks and sample-data generators for casereviews (not installed with the package)."""
