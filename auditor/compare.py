"""Field comparison with the tolerances users expect (pure functions).

Each comparator answers ``match`` (same), ``tolerated`` (a difference no editor would call
an error: case, markup, spelling variety, abbreviation, truncation, online-first year) or
``mismatch``, so a finding lists only real disagreements.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from auditor.identifiers import IDENTIFIER_SPAN_RE
from auditor.parse.names import PARTICLES
from auditor.parse.normalize import fold

MATCH, TOLERATED, MISMATCH = "match", "tolerated", "mismatch"
_MARKUP = re.compile(r"</?[a-zA-Z][^<>]*>|\\[a-zA-Z]+\{|[{}$]|&[a-z]+;")
_SPELLING = ((r"our\b", "or"), (r"is(e|ed|es|ing|ation|ations)\b", r"iz\1"),
             (r"yse\b", "yze"), (r"tre\b", "ter"), (r"ae", "e"), (r"oe", "e"), (r"ogue\b", "og"))
_JOURNAL_STOP = frozenset("the of and for in on de der des la le und & a an".split())


def _title_key(text: str) -> str:
    folded = fold(_MARKUP.sub("", text))
    for pattern, repl in _SPELLING:
        folded = re.sub(pattern, repl, folded)
    return folded


def compare_title(cited: str, record: str) -> str:
    a, b = _title_key(cited), _title_key(record)
    if not a or not b:
        return MATCH
    if a == b:
        return MATCH
    # Truncated or without its subtitle (either way round).
    if len(a) >= 20 and (b.startswith(a) or a.startswith(b)):
        return TOLERATED
    if fuzz.ratio(a, b) >= 92 or fuzz.token_sort_ratio(a, b) >= 95:
        return TOLERATED
    if _lost_words(b.split(), a.split()):
        return TOLERATED
    return MISMATCH


def _lost_words(record: list[str], cited: list[str]) -> bool:
    """Whether the record's title is the cited one with words missing, in the same order.

    Deposits drop what was set in italics or MathML ("<i>Parapedobacter luteus</i> sp. nov."
    becomes "sp. nov."); the citation then has more words than the record, not other ones.
    """
    if len(record) < 2 or len(record) >= len(cited):
        return False
    rest = iter(cited)
    return all(word in rest for word in record)


def _family_key(name: dict[str, Any]) -> str:
    words = fold(str(name.get("family") or name.get("literal") or name.get("name") or "")).split()
    return " ".join(w for w in words if w not in PARTICLES)


def compare_authors(cited: list[dict[str, Any]], record: list[dict[str, Any]]) -> tuple[str, str]:
    """(verdict, detail) on family names: first author must agree; the rest may be cut."""
    c = [_family_key(n) for n in cited if _family_key(n)]
    r = [_family_key(n) for n in record if _family_key(n)]
    if not c or not r:
        return MATCH, "not comparable"
    if c[0] != r[0] and fuzz.ratio(c[0], r[0]) < 85:
        if c[0] in r[:3]:
            return MISMATCH, f"author order differs: record lists {r[0]!r} first"
        return MISMATCH, f"first author {c[0]!r} is not the record's {r[0]!r}"
    missing = [x for x in c if x not in r and max((fuzz.ratio(x, y) for y in r), default=0) < 85]
    # Records sometimes list fewer authors than the paper has (collective or omitted names):
    # only a record at least as long as the citation can show an author is not there.
    if missing and len(r) >= len(c):
        return MISMATCH, f"not among the record's authors: {', '.join(missing[:5])}"
    return (MATCH if c[0] == r[0] else TOLERATED), ""


def compare_year(cited: int | None, record: int | None) -> str:
    if cited is None or record is None or cited == record:
        return MATCH
    return TOLERATED if abs(cited - record) == 1 else MISMATCH


def _abbreviates(short: str, full: str) -> bool:
    """``clin`` abbreviates ``clinical``; ``natl`` abbreviates ``national`` (letters in order)."""
    if full.startswith(short):
        return True
    if short[0] != full[0]:
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def _journal_words(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", text)
    return [w for w in fold(text).split() if w not in _JOURNAL_STOP]


def compare_journal(cited: str, *record_names: str) -> str:
    """Same journal, allowing ISO-4/NLM abbreviations, dropped articles and ``(Berl)``."""
    c = _journal_words(cited)
    if not c:
        return MATCH
    for name in record_names:
        r = _journal_words(name or "")
        if not r:
            continue
        if c == r:
            return MATCH
        if len(c) == len(r) and all(_abbreviates(x, y) or _abbreviates(y, x)
                                    for x, y in zip(c, r, strict=True)):
            return TOLERATED
        if fuzz.ratio(" ".join(c), " ".join(r)) >= 90:
            return TOLERATED
    return MISMATCH if any(record_names) else MATCH


def expand_pages(pages: str) -> tuple[str, str]:
    """``405-14`` → (``405``, ``414``); article numbers stay single."""
    first, _, last = str(pages).partition("-")
    first, last = first.strip(), last.strip()
    if last and first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first.lower(), last.lower()


def compare_pages(cited: str | None, record: str | None) -> str:
    if not cited or not record:
        return MATCH
    (c1, c2), (r1, r2) = expand_pages(cited), expand_pages(record)
    if c1 == r1 and (not c2 or not r2 or c2 == r2):
        return MATCH
    if c1.lstrip("e0") == r1.lstrip("e0"):
        return TOLERATED
    return MISMATCH


def compare_plain(cited: str | None, record: str | None) -> str:
    if not cited or not record:
        return MATCH
    return MATCH if fold(str(cited)) == fold(str(record)) else MISMATCH


def in_text(field: str, record_value: Any, raw: str) -> bool:
    """Whether the reference string itself contains the record's value for ``field``.

    Then a disagreement lies in how the string was parsed, not in what it says, and is no
    finding: precision over recall.
    """
    raw = IDENTIFIER_SPAN_RE.sub(" ", raw)  # a year or page inside a DOI is not the cited one
    text = fold(raw)
    tokens = set(text.split())
    if record_value in (None, "", []):
        return False
    if field == "title":
        title = _title_key(str(record_value))
        return len(title) >= 15 and fuzz.partial_ratio(title, _title_key(raw)) >= 95
    if field == "author":
        first = fold(str(record_value[0] if isinstance(record_value, list) else record_value))
        return bool(first) and all(w in tokens for w in first.split())
    if field == "container-title":
        name = fold(re.sub(r"\([^)]*\)", " ", str(record_value)))
        return bool(name) and f" {name} " in f" {text} "
    if field == "year":
        return str(record_value) in tokens
    if field == "page":
        return expand_pages(str(record_value))[0] in tokens
    return fold(str(record_value)) in tokens


def doi_distance(a: str, b: str) -> int:
    return int(Levenshtein.distance(a.lower(), b.lower()))
