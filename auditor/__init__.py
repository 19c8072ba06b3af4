"""refauditor: audit reference lists for form, duplicates, identifiers and verifiability."""

__version__ = "0.1.0"
