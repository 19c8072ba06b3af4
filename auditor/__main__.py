"""Allow ``python -m auditor`` as well as the ``refauditor`` console script."""

from auditor.cli import main

main()
