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

# How a line opens when it can only carry on the entry above it: an identifier or access
# line set on a line of its own ("URL https://...", "doi: 10...", "Accessed 3 May 2020").
TRAILING_OPENERS = ("url ", "url:", "doi:", "doi ", "available at", "available from",
                    "retrieved from", "[online]", "accessed ", "last accessed")
# How a line ends when the URL on the next line belongs to it.
URL_ANNOUNCERS = ("url", "url:", "from:", "from", "at:", "available at", "doi:", "online:")
