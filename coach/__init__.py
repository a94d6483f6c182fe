"""coach: a private, offline interview coach."""

__version__ = "0.1.0"
