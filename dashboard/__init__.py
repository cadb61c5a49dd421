"""Strategic-analysis dashboard for published OCSE and trafficking statistics."""

__version__ = "0.1.0"
