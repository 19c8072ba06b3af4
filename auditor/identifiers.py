"""Identifiers in reference strings: extract, normalise and validate (pure functions).

These run before and independently of any field model, so that a tagger can never mangle an
identifier (trailing dots on DOIs, truncated PMIDs): the rules here are the single source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote

from auditor.models import Identifier

DOI_CORE = r"10\.\d{4,9}/[^\s\"<>]+"
_DOI_RE = re.compile(DOI_CORE, re.IGNORECASE)
# Around a label's colon, at most three spaces: two unbounded runs of spaces on either side of
# an optional colon backtrack quadratically on a line of spaces (20,000 took 2.5 s).
_DOI_LABEL_RE = re.compile(
    r"(?:\bdoi\s{0,3}[:.]?\s{0,3}|https?://(?:dx\.)?doi\.org/)(?P<value>\S+)", re.IGNORECASE
)
_DOI_URL_RE = re.compile(r"https?://(?:dx\.)?doi\.org/(\S+)", re.IGNORECASE)
_PMID_RE = re.compile(r"\bPMID\s{0,3}[:=]?\s{0,3}(?P<value>\d[\d ]*\d|\d)\b", re.IGNORECASE)
_PMCID_RE = re.compile(r"\b(?:PMCID\s{0,3}[:=]?\s{0,3})?(?P<value>PMC\s?\d+)\b", re.IGNORECASE)
_ISSN_RE = re.compile(r"\b(?:e?ISSN|ISSN-L)\s{0,3}[:=]?\s{0,3}(?P<value>\d{4}-?\d{3}[\dXx])\b")
_ISBN_RE = re.compile(r"\bISBN(?:-1[03])?\s{0,3}[:=]?\s{0,3}(?P<value>[\d][\d\- ]{8,16}[\dXx])\b")
_ARXIV_RE = re.compile(
    r"\barXiv\s{0,3}[:.]?\s{0,3}(?P<value>\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:'\""

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
    """Return the bare lower-cased DOI in ``text`` (``doi:``/URL prefixes removed), or None."""
    text = text.strip()
    url = _DOI_URL_RE.match(text)
    if url:
        text = unquote(url.group(1))
    text = re.sub(r"^doi\s{0,3}[:.]?\s{0,3}", "", text, flags=re.IGNORECASE)
    m = _DOI_RE.match(text)
    if not m:
        return None
    return _strip_trailing(m.group(0)).lower()


def is_valid_doi(doi: str) -> bool:
    """A DOI is ``10.<registrant>/<suffix>`` with a non-empty suffix and no whitespace."""
    return bool(re.fullmatch(r"10\.\d{4,9}/\S+", doi)) and not doi.endswith("/")


def _dois(text: str) -> Iterator[Identifier]:
    seen: set[str] = set()
    text = _DOI_URL_RE.sub(lambda m: "https://doi.org/" + unquote(m.group(1)), text)
    for m in _DOI_RE.finditer(text):
        raw = m.group(0)
        value = _strip_trailing(raw).lower()
        if value and value not in seen:
            seen.add(value)
            yield Identifier("doi", value, is_valid_doi(value), None, raw)
    # Labelled DOIs that the pattern above could not read are malformed ones worth reporting.
    for m in _DOI_LABEL_RE.finditer(text):
        value = _strip_trailing(m.group("value"))
        if not value or _DOI_RE.match(unquote(value)):
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
    """ISSN check digit: weights 8..2 over the first seven digits, mod 11, X for 10."""
    digits = issn.replace("-", "").upper()
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def isbn_check_ok(isbn: str) -> bool:
    """ISBN-10 (mod 11, weights 10..1) or ISBN-13 (mod 10, weights 1,3) check digit."""
    digits = re.sub(r"[\s-]", "", isbn).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"\d{13}", digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


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
        if len(value) not in (10, 13):
            yield Identifier("isbn", value, False, "has neither 10 nor 13 digits", raw)
            continue
        ok = isbn_check_ok(value)
        problem = None if ok else "has a check digit that does not match"
        yield Identifier("isbn", value, ok, problem, raw)


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
