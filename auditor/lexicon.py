"""Words the readers and the splitter share."""

from __future__ import annotations

import re

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

# A page number as a page prints it: "12", "- 12 -", "Page 12", "12 of 30", "xii", and an
# article-numbered journal's page ("087003-4": page 4 of article 087003).
PAGE_NUMBER_RE = re.compile(r"(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,7}|0\d{3,6}-\d{1,3}|"
                            r"\d{6,7}-\d{1,3})\s*[-–—]?"
                            r"(?:\s*(?:of|/)\s*\d{1,4})?", re.IGNORECASE)
PAGE_NUMBER_CHARS = 40  # no page number is longer; longer lines are not tried


def is_page_number(text: str) -> bool:
    """Whether ``text`` (stripped) is a page number and nothing else."""
    return len(text) <= PAGE_NUMBER_CHARS and PAGE_NUMBER_RE.fullmatch(text) is not None
