"""Words the readers and the splitter share."""

from __future__ import annotations

import re

# The same authors as the entry above, printed as a rule: "———, The Conquest of ...",
# "———. 1999.", "---. The Politics of ...", "-, and J. Smith" (a PDF's text layer keeps one
# hyphen of the rule). The splitter reads it as an entry's start; the in-text matcher as the
# authors above.
REPEATED_AUTHORS_RE = re.compile(r"[-‐‑‒–—―_]{1,12}\s?[.,:;]\s")
RULES = frozenset("-‐‑‒–—―_")

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

# Of those, the ones a reference's own words never are: a run of link words at an entry's
# end is cut off what the parser reads only when it names one of these ("Nature. 2010.
# Abstract" ends a title; "... 2010;5:1-9. [PubMed] [Google Scholar]" is a PMC page's links).
LINK_ONLY = frozenset({
    "google scholar", "pubmed", "pubmed/ncbi", "crossref", "cross ref", "pmc free article",
    "medline", "view article", "find this article", "scopus", "web of science", "isi", "cas",
    "chemport", "europe pmc", "semantic scholar", "publisher full text", "free full text",
    "worldcat", "ncbi", "show context", "return to ref", "return to text", "ref list",
    "open in a new window",
})
_FURNITURE_WORDS = sorted(LINK_FURNITURE, key=len, reverse=True)
# The address a link word points to, as a page's text prints it: "Google Scholar
# (https://scholar.google.com/)".
_LINK_TARGET_RE = re.compile(r"\(?https?://[^\s()]*\)?")
LINK_TAIL_CHARS = 120  # no run of link words after an entry is longer
_LINK_ONLY_RE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(
    LINK_ONLY, key=len, reverse=True)) + r")\b")  # words: not "isi" in "decision"
# Where a run of link words may begin: after the end of the entry's last field.
_TAIL_START_RE = re.compile(r"(?<=[.)\]\d/;,])\s+(?=\S)")


def link_furniture_only(text: str) -> bool:
    """Whether a line holds only the link words publishers print after an entry
    ("CrossRef Medline", "[PubMed] [Google Scholar]"): the end of the entry above, never an
    entry of its own."""
    rest = text.lower()
    if not rest.strip() or len(rest) > LINK_TAIL_CHARS:
        return False
    named = False
    for phrase in _FURNITURE_WORDS:
        if phrase in rest:
            named = True
            rest = rest.replace(phrase, " ")
    if named:  # the words' own addresses; an address alone is no link word
        rest = _LINK_TARGET_RE.sub(" ", rest)
    return not any(ch.isalnum() for ch in rest)


def without_link_words(text: str) -> str:
    """``text`` without the publishers' link words that close it ("... 2006;63:856-64.
    [PubMed] [CrossRef] [Google Scholar]", "... 88:201-213. CrossRef Medline"), as a web
    page's text is pasted: they are no field of the entry, and a parser would read them as
    one (a publisher "CrossRef] [Google Scholar]"). The entry's printed text keeps them."""
    tail_at = max(0, len(text) - LINK_TAIL_CHARS)
    tail = text[tail_at:].lower()
    if _LINK_ONLY_RE.search(tail) is None:
        return text
    for found in _TAIL_START_RE.finditer(text, tail_at):
        rest = text[found.end():]
        if _LINK_ONLY_RE.search(rest.lower()) and link_furniture_only(rest):
            return text[: found.start()]
    return text

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
