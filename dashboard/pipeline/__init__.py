"""From data/ to a store: load every publication, normalise it, check the whole, write it.

The one path every change takes (a build, an ingest, a publication from the browser), so that
the store is always what `ocse build` makes of data/.
"""
