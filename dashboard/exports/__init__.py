"""Exports: tidy rows, each carrying its source, URL and flags."""
