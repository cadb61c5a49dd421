"""Pure functions on frames: trends, normalisation, coverage. No Dash imports here."""
