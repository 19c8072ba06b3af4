"""Resolution of references against metadata sources (snapshot, cache, Crossref, NCBI)."""
