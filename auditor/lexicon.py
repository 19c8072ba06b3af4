"""Words the readers and the splitter share."""

from __future__ import annotations

# Link texts that publishers print after each reference; never part of a reference.
LINK_FURNITURE = frozenset({
    "view article", "google scholar", "pubmed", "pubmed/ncbi", "ncbi", "crossref",
    "cross ref", "pubmed central", "pmc free article", "pmc", "full text", "free full text",
    "article", "abstract", "scopus", "web of science", "isi", "medline", "find this article",
    "find this article online", "download", "pdf", "open in a new window", "return to ref",
    "return to text", "ref list", "cas", "worldcat", "publisher site", "publisher full text",
    "europe pmc", "semantic scholar", "doi", "view", "link", "external link", "chemport",
    "search google scholar", "show context", "article pubmed", "[google scholar]",
    "[pubmed]", "[crossref]", "[pmc free article]", "[ref list]", "[cas]", "[free full text]",
})
