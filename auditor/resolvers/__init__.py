"""Resolution of references against metadata sources (snapshot, cache, Crossref, NCBI).

The pieces: ``http`` (one client), ``crossref`` and ``ncbi`` (services), ``snapshot`` and
``cache`` (local stores), ``service`` (the verdicts), ``factory`` (settings → resolver).
"""
