"""Bibliographic matching: search candidates, then validate each against the reference string.

Validation reads the *raw* reference, not only the parsed fields, so a parser slip does not
reject the right record: the candidate's title must be found in the string, and its first
author, year, volume or first page must agree. A weak best candidate is "no match", not a guess;
records that are notices about a work (corrections, replies, retractions) must not stand in for
the work itself unless the reference says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from auditor.identifiers import IDENTIFIER_SPAN_RE
from auditor.parse.normalize import fold
from auditor.resolvers.records import (
    NOTICE_TITLE_WORDS,
    Work,
    family_names,
    first,
    first_page,
    year_of,
)

ACCEPT = 0.78
TITLE_FLOOR = 60.0  # below this a candidate's title is not the cited one (scoring stops)
FIT_DOUBT = 0.6  # below this, a record reached by identifier does not look like the cited work
TITLE_GATE = 82.0
# A record whose volume and first page are both absent from a reference that prints at
# least this many numbers besides its year is another work with a like title (the same
# authors' other paper, part II, a reprint elsewhere): it scores just below acceptance.
LOCATOR_VETO_NUMBERS = 2
# Records about a work rather than the work: the notices, plus replies and comments.
_ABOUT_A_WORK = (*NOTICE_TITLE_WORDS, "reply", "response", "comment", "author correction",
                 "publisher correction")
_NOTICE_RE = re.compile(rf"^(?:{'|'.join(_ABOUT_A_WORK)})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    work: Work
    score: float
    evidence: dict[str, object]


_STOP = frozenset(
    "the and for with from into that this are was were its their have has not but all can "
    "our than two use using via between among after before during within without under over "
    "about also other new study analysis effect effects role journal vol pages doi pmid http "
    "https www org".split()
)
MAX_QUERY_WORDS = 24  # the snapshot searches the rarest of these


def query_words(text: str) -> list[str]:
    """The most telling words of a reference for full-text search (longest first, no stop
    words, identifiers or numbers): few terms keep the search fast and its ranking sharp."""
    text = IDENTIFIER_SPAN_RE.sub(" ", text)
    words = [w for w in dict.fromkeys(fold(text).split())
             if len(w) > 2 and not w.isdigit() and w not in _STOP]
    return sorted(words, key=len, reverse=True)[:MAX_QUERY_WORDS]


@dataclass(frozen=True)
class _Reference:
    """What validation reads from the reference string, computed once per reference."""

    raw: str
    text: str
    tokens: frozenset[str]
    years: frozenset[int]
    says_notice: bool
    numbers: int  # numbers printed besides years (volume, issue, pages)

    @classmethod
    def of(cls, raw: str) -> _Reference:
        text = fold(raw)
        years = frozenset(int(y) for y in re.findall(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", raw))
        numbers = len({n for n in re.findall(r"(?<![\d.])\d{1,6}(?![\d.])",
                                              IDENTIFIER_SPAN_RE.sub(" ", raw))
                       if not (len(n) == 4 and int(n) in years)})
        return cls(raw, text, frozenset(text.split()), years,
                   bool(_NOTICE_RE.search(text[:200])), numbers)


def score_candidate(raw: str | _Reference, work: Work) -> Candidate:
    """Score 0-1 of ``work`` being the work ``raw`` describes, with the evidence."""
    ref = raw if isinstance(raw, _Reference) else _Reference.of(raw)
    text, tokens, years = ref.text, ref.tokens, ref.years
    title = fold(" ".join(filter(None, [first(work.get("title"))])))
    title_sim = fuzz.partial_ratio(title, text) if len(title) >= 8 else 0.0
    if title and len(title) < 25:  # short titles: demand the whole title as words
        title_sim = min(title_sim, 100.0 if all(w in tokens for w in title.split()) else 60.0)
    if title_sim < TITLE_FLOOR:
        # Far below the title gate: never acceptable, and a record with another title must
        # not make an acceptable one look ambiguous, so the rest of the scoring is skipped.
        return Candidate(work, round(0.5 * title_sim / 100, 3),
                         {"title_similarity": round(title_sim, 1), "skipped": "title too far"})
    families = [fold(f) for f in family_names(work)]
    author_ok = bool(families) and all(w in tokens for w in families[0].split())
    year = year_of(work)
    year_score = 1.0 if year in years else 0.5 if year and {year - 1, year + 1} & years else 0.0
    volume = str(work.get("volume") or "").lower()
    page = (first_page(work) or "").lower()
    locator = [x for x in (volume, page) if x]
    locator_hits = sum(1 for x in locator if x in tokens or x in text)
    locator_score = locator_hits / len(locator) if locator else 0.0
    notice = bool(_NOTICE_RE.match(title)) and not ref.says_notice
    # Weighted mean over the evidence the record has: a record without a year or locators is
    # judged on what it does carry instead of being penalised for what it lacks.
    parts = [(0.5, title_sim / 100)]
    if families:
        parts.append((0.2, float(author_ok)))
    if year:
        parts.append((0.15, year_score))
    if locator:
        parts.append((0.15, locator_score))
    score = sum(w * s for w, s in parts) / sum(w for w, _ in parts)
    if notice:
        score -= 0.3
    vetoed = len(locator) == 2 and locator_hits == 0 and ref.numbers >= LOCATOR_VETO_NUMBERS
    if vetoed:
        score = min(score, ACCEPT - 0.01)
    evidence = {"title_similarity": round(title_sim, 1), "first_author": author_ok,
                "year": year_score, "locators": f"{locator_hits}/{len(locator)}",
                "notice": notice}
    if vetoed:
        evidence["locators_disagree"] = True
    return Candidate(work, round(score, 3), evidence)


def best_match(raw: str, candidates: list[Work]) -> Candidate | None:
    """The accepted candidate, or None when the best one is too weak or ambiguous."""
    ref = _Reference.of(raw)
    scored = sorted((score_candidate(ref, w) for w in candidates),
                    key=lambda c: c.score, reverse=True)
    if not scored:
        return None
    top = scored[0]
    title_sim = float(str(top.evidence["title_similarity"]))
    if top.score < ACCEPT or title_sim < TITLE_GATE:
        return None
    if len(scored) > 1 and scored[1].score >= top.score - 0.01 and (
            str(scored[1].work.get("DOI", "")).lower() != str(top.work.get("DOI", "")).lower()):
        return None  # two different records fit equally: do not guess
    return top
