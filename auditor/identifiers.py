"""Identifiers in reference strings: extract, normalise and validate (pure functions).

These run before and independently of any field model, so that a tagger can never mangle an
identifier (trailing dots on DOIs, truncated PMIDs): the rules here are the single source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote

from stdnum import isbn as isbn_std
from stdnum import issn as issn_std
from stdnum.exceptions import InvalidComponent, ValidationError

from auditor.models import Identifier

# The one DOI grammar of the package: other modules build on these strings, never on their own.
# Crossref's recommended patterns: 10.<4-9 digits>/<suffix>; a Wiley or AMS SICI suffix
# carries one "<...:...>" segment
# ("10.1002/(SICI)1097-4679(199711)53:7<727::AID-JCLP10>3.0.CO;2-K"),
# the only place angle brackets are part of a DOI.
DOI_PREFIX = r"10\.\d{4,9}/"
_SICI_SEGMENT = r"<[0-9A-Za-z]*:[^\s<>\"]*>"
_DOI_SUFFIX = r"(?:[^\s\"<>]|" + _SICI_SEGMENT + r")+"
DOI_PATTERN = DOI_PREFIX + _DOI_SUFFIX
# A DOI as a label or link prints it: "doi: 10...", "DOI 10...", "https://doi.org/10...".
# Around a label's colon, at most three spaces: two unbounded runs of spaces on either side of
# an optional colon backtrack quadratically on a line of spaces (20,000 took 2.5 s).
DOI_LABEL_PATTERN = r"(?:(?:\bhttps?://)?(?:\bdx\.|\bwww\.|\b)doi\.org/|\bdoi\s{0,3}[:.]?\s{0,3})"
_DOI_RE = re.compile(DOI_PATTERN, re.IGNORECASE)
# In a URL the slash may be encoded ("?doi=10.1000%2Fabc").
_DOI_SEARCH_RE = re.compile(r"10\.\d{4,9}(?:/|%2[Ff])" + _DOI_SUFFIX)
# A line break after "10." in PDF text leaves "doi:10. 1016/j.vaccine...".
_SPLIT_PREFIX_RE = re.compile(r"\b10\.\s{1,2}(?=\d{4,9}/)")
_DOI_LABEL_RE = re.compile(DOI_LABEL_PATTERN + r"(?P<value>\S+)", re.IGNORECASE)
_DOI_URL_RE = re.compile(r"https?://(?:dx\.|www\.)?doi\.org/(\S+)", re.IGNORECASE)
# Identifiers as spans to mask where their digits must not be read as years or pages.
IDENTIFIER_SPAN_RE = re.compile(
    DOI_PREFIX + r"\S+|https?://\S+|\bPMID:?\s{0,3}\d+|\bPMC\d+", re.IGNORECASE)

# Path segments that publishers' sites print after a DOI in an article URL; none is part of
# the DOI ("frontiersin.org/articles/10.3389/fphar.2018.01265/full").
URL_TAILS: frozenset[str] = frozenset({
    "full", "abstract", "abs", "pdf", "epdf", "pdfdirect", "pdfplus", "fulltext", "full-text",
    "html", "htm", "xml", "epub", "meta", "summary", "references", "citedby", "cited-by",
    "figures", "tables", "suppl", "supplemental", "supplementary", "suppinfo", "metrics",
    "reader", "download", "view", "info", "toc", "issuetoc", "comments", "-", "dcsupplemental",
    "full.pdf", "full.html", "abstract.html", "_pdf", "_html", "_article", "_abstract",
    "article-info", "article-metrics", "printable", "print", "standard", "short", "long",
})
# Dotted tails after a preprint DOI's version on bioRxiv/medRxiv ("...123456v2.full.pdf").
_DOTTED_TAIL_RE = re.compile(
    r"(?:v\d{1,2})?(?:\.(?:full|abstract|full-text|article-info|article-metrics|"
    r"supplementary-material|pdf|html))+$|v\d{1,2}$")
_PREPRINT_PREFIXES = ("10.1101/",)
# ASCII digits only (re.ASCII): a PMID printed in full-width digits is not a PMID.
_PMID_RE = re.compile(r"\bPMID\s{0,3}[:=]?\s{0,3}(?P<value>\d[\d ]*\d|\d)\b",
                      re.IGNORECASE | re.ASCII)
_PMCID_RE = re.compile(r"\b(?:PMCID\s{0,3}[:=]?\s{0,3})?(?P<value>PMC\s?\d+)\b",
                       re.IGNORECASE | re.ASCII)
_ISSN_RE = re.compile(
    r"\b(?:e?ISSN|ISSN-L)\s{0,3}[:=]?\s{0,3}(?P<value>\d{4}-?\d{3}[\dXx])\b", re.ASCII)
_ISBN_RE = re.compile(
    r"\bISBN(?:-1[03])?\s{0,3}[:=]?\s{0,3}(?P<value>[\d][\d\- ]{8,16}[\dXx])\b", re.ASCII)
_ARXIV_RE = re.compile(
    r"\barXiv\s{0,3}[:.]?\s{0,3}(?P<value>\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:'\"”’»›"

# First PMID assigned in January of each year (approximate, from PubMed's public counts).
# PMIDs are given out in order of record creation, so an article published in year Y cannot
# carry a PMID much below the first one of year Y-2 (early-online records come before print).
PMID_YEAR_START: dict[int, int] = {
    1997: 9_000_000, 1998: 9_420_000, 1999: 9_920_000, 2000: 10_600_000, 2001: 11_150_000,
    2002: 11_780_000, 2003: 12_500_000, 2004: 14_700_000, 2005: 15_600_000, 2006: 16_400_000,
    2007: 17_200_000, 2008: 18_100_000, 2009: 19_100_000, 2010: 20_040_000, 2011: 21_180_000,
    2012: 22_200_000, 2013: 23_270_000, 2014: 24_380_000, 2015: 25_530_000, 2016: 26_700_000,
    2017: 28_030_000, 2018: 29_290_000, 2019: 30_590_000, 2020: 31_900_000, 2021: 33_380_000,
    2022: 34_980_000, 2023: 36_590_000, 2024: 38_170_000, 2025: 39_750_000, 2026: 41_400_000,
}
_PMID_MAX = 99_999_999


def _strip_trailing(value: str) -> str:
    """Drop sentence punctuation after an identifier, keeping balanced brackets. Bracket
    counts are kept as characters go, so 100,000 closing brackets cost a linear pass."""
    counts = {ch: value.count(ch) for ch in "()[]{}"}
    while value:
        last = value[-1]
        if last in _TRAILING:
            value = value[:-1]
        elif last in ")]}":
            opener = {")": "(", "]": "[", "}": "{"}[last]
            if counts[opener] < counts[last]:
                value = value[:-1]
                counts[last] -= 1
            else:
                break
        else:
            break
    return value


def normalize_doi(text: str) -> str | None:
    """The bare lower-cased DOI that ``text`` prints (label, resolver or publisher URL and
    trailing punctuation removed), or None. Idempotent: a normalised DOI normalises to itself."""
    return next((i.value for i in _dois(text.strip()) if i.valid), None)


def is_valid_doi(doi: str) -> bool:
    """A DOI is ``10.<registrant>/<suffix>`` with a non-empty suffix and no whitespace."""
    return bool(_DOI_RE.fullmatch(doi)) and not doi.endswith("/")


def is_doi_prefix(text: str) -> bool:
    """Whether ``text`` is a bare DOI prefix such as ``10.5555``."""
    return re.fullmatch(DOI_PREFIX, text + "/") is not None


def has_doi(text: str) -> bool:
    """Whether ``text`` holds something shaped like a DOI (cheap: the prefix only)."""
    return "10." in text and re.search(DOI_PREFIX, text) is not None


def _in_url(text: str, start: int) -> bool:
    """Whether the DOI found at ``start`` sits inside a URL (its token has a scheme or www.)."""
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start),
                      text.rfind("\t", 0, start)) + 1
    before = text[max(token_start, start - 300):start].lower()
    return "://" in before or "www." in before or "doi.org/" in before


def _url_doi(value: str) -> str:
    """The DOI in a URL's path: query, fragment and the site's path tails removed, then
    percent-decoded (in a URL, "#" and "&" are never part of the DOI: they would be encoded)."""
    for stop in "?#&":
        value = value.split(stop, 1)[0]
    value = _strip_trailing(unquote(value))
    prefix_end = value.find("/") + 1
    while "/" in value[prefix_end:]:
        head, tail = value.rsplit("/", 1)
        if tail.lower() in URL_TAILS or not tail:
            value = head
        else:
            break
    if value.lower().endswith(".pdf"):
        value = value[:-4]  # the file, not the work: "content/pdf/10.1007/s00213-019-05345-1.pdf"
    if value.lower().startswith(_PREPRINT_PREFIXES):
        value = _DOTTED_TAIL_RE.sub("", value)
    return value


def _dois(text: str) -> Iterator[Identifier]:
    seen: set[str] = set()
    if "10. " in text or "10.  " in text:
        text = _SPLIT_PREFIX_RE.sub("10.", text)
    for m in _DOI_SEARCH_RE.finditer(text):
        raw = m.group(0).split("](", 1)[0]  # Markdown "[text](url)" printed raw
        value = _url_doi(raw) if _in_url(text, m.start()) else raw
        value = _strip_trailing(value).lower()
        if value and value not in seen:
            seen.add(value)
            yield Identifier("doi", value, is_valid_doi(value), None, raw)
    # Labelled DOIs that the pattern above could not read are malformed ones worth reporting.
    for m in _DOI_LABEL_RE.finditer(text):
        value = _strip_trailing(m.group("value"))
        if not value or _DOI_SEARCH_RE.match(value):
            continue
        if not re.match(r"^\d", value) and not value.lower().startswith("10"):
            continue  # "doi" used as a word, not a label
        problem = "does not have the form 10.<prefix>/<suffix>"
        yield Identifier("doi", value.lower(), False, problem, m.group(0))


def _pmids(text: str) -> Iterator[Identifier]:
    for m in _PMID_RE.finditer(text):
        raw = m.group("value")
        value = raw.replace(" ", "")
        if " " in raw:
            yield Identifier("pmid", value, False, "contains spaces", raw)
        elif not 0 < int(value) <= _PMID_MAX:
            problem = "is outside the range of PubMed identifiers"
            yield Identifier("pmid", value, False, problem, raw)
        else:
            yield Identifier("pmid", value, True, None, raw)


def _pmcids(text: str) -> Iterator[Identifier]:
    for m in _PMCID_RE.finditer(text):
        value = m.group("value").upper().replace(" ", "")
        yield Identifier("pmcid", value, True, None, m.group(0))


def issn_check_ok(issn: str) -> bool:
    """ISSN check digit (weights 8..2, mod 11, X for 10)."""
    shaped = re.fullmatch(r"\d{4}-?\d{3}[\dXx]", issn.strip(), re.ASCII)
    return bool(shaped) and bool(issn_std.is_valid(issn))


def isbn_problem(isbn: str) -> str | None:
    """Why ``isbn`` is not an ISBN, or None: a wrong length or check digit, or a 13-digit
    EAN outside the 978/979 book ranges ("4006381333931" is a product code)."""
    digits = re.sub(r"[\s-]", "", isbn).upper()
    if not re.fullmatch(r"\d{9}[\dX]|\d{13}", digits, re.ASCII):
        return "has neither 10 nor 13 digits"
    try:
        isbn_std.validate(digits)
    except InvalidComponent:
        return "is an EAN product code, not an ISBN (ISBN-13 starts with 978 or 979)"
    except ValidationError:
        return "has a check digit that does not match"
    return None


def isbn_check_ok(isbn: str) -> bool:
    """ISBN-10 or ISBN-13 with a matching check digit (and a book prefix for 13 digits)."""
    return isbn_problem(isbn) is None


def _issns(text: str) -> Iterator[Identifier]:
    for m in _ISSN_RE.finditer(text):
        raw = m.group("value").upper()
        value = raw if "-" in raw else f"{raw[:4]}-{raw[4:]}"
        ok = issn_check_ok(value)
        problem = None if ok else "has a check digit that does not match"
        yield Identifier("issn", value, ok, problem, raw)


def _isbns(text: str) -> Iterator[Identifier]:
    for m in _ISBN_RE.finditer(text):
        raw = m.group("value")
        value = re.sub(r"[\s-]", "", raw).upper()
        problem = isbn_problem(value)
        yield Identifier("isbn", value, problem is None, problem, raw)


def _arxivs(text: str) -> Iterator[Identifier]:
    for m in _ARXIV_RE.finditer(text):
        yield Identifier("arxiv", m.group("value"), True, None, m.group(0))


def _urls(text: str) -> Iterator[Identifier]:
    for m in _URL_RE.finditer(text):
        value = _strip_trailing(m.group(0))
        if _DOI_URL_RE.match(value):
            continue  # a DOI link is reported as the DOI
        yield Identifier("url", value, True, None, m.group(0))


# Each finder with the strings (lower case) its patterns cannot match without: most references
# hold none of them, and a substring test is far cheaper than a pattern scan.
_FINDERS: tuple[tuple[Callable[[str], Iterator[Identifier]], tuple[str, ...]], ...] = (
    (_dois, ("10.", "doi")), (_pmids, ("pmid",)), (_pmcids, ("pmc",)), (_issns, ("issn",)),
    (_isbns, ("isbn",)), (_arxivs, ("arxiv",)), (_urls, ("http", "www.")))


def extract(text: str) -> tuple[Identifier, ...]:
    """All identifiers in ``text``, in a stable order (by type, then position)."""
    lower = text.lower()
    out: list[Identifier] = []
    for finder, needles in _FINDERS:
        if any(needle in lower for needle in needles):
            out.extend(finder(text))
    return tuple(out)


def pmid_expected_floor(year: int) -> int | None:
    """Lowest PMID an article published in ``year`` can plausibly carry, or None if unknown."""
    years = sorted(PMID_YEAR_START)
    if year < years[0] + 2:
        return None
    pos = bisect.bisect_right(years, year - 2) - 1
    return PMID_YEAR_START[years[pos]]


def pmid_plausibility(pmid: str, year: int | None) -> str | None:
    """Explain why ``pmid`` cannot belong to a work of ``year``, or return None if it can.

    Only PMIDs far below the range used around the publication year are flagged: late-indexed
    older articles legitimately get high PMIDs, so the check is one-sided.
    """
    if year is None or not pmid.isdigit():
        return None
    floor = pmid_expected_floor(year)
    if floor is None or int(pmid) >= floor:
        return None
    start = PMID_YEAR_START.get(year)
    expected = f"around {start:,}" if start else f"at least {floor:,}"
    digits = len(str(floor))
    hint = f" ({len(pmid)} digits where {digits} are expected)" if len(pmid) < digits else ""
    return (
        f"PMID {pmid} is far below the PMIDs assigned for works of {year} ({expected}){hint}; "
        "it is probably truncated or mistyped"
    )
