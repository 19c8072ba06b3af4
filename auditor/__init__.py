"""refauditor: audit reference lists for form, duplicates, identifiers and verifiability.

``audit``, ``audit_text``, ``parse`` and ``render`` are the Python interface
(:mod:`auditor.api`); ``Report`` is what ``audit`` returns.
"""

__version__ = "0.1.0"

# The field parser's subpackage is imported first, so that the name ``parse`` in this
# package is the interface function, not the subpackage (whose modules are imported by their
# full names, ``auditor.parse.crf``, and keep working).
import auditor.parse  # noqa: F401
from auditor.api import Report, audit, audit_text, parse, render

__all__ = ["Report", "__version__", "audit", "audit_text", "parse", "render"]
