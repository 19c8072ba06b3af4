"""RA101 duplicate-reference: the same work listed more than once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from auditor.checks.base import Check, CheckContext, describe, register
from auditor.models import Finding, ParsedReference, Severity, issued_year
from auditor.parse.normalize import fold

TITLE_SAME = 90.0
TITLE_DIFFERENT_WORK = 60.0


@dataclass(frozen=True)
class _Key:
    """What duplicate detection compares, computed once per reference."""

    raw: str
    title: str
    family: str | None
    year: int | None
    volume: str | None
    first_page: str | None
    ids: frozenset[str]


def _key(ref: ParsedReference) -> _Key:
    csl = ref.csl
    authors = csl.get("author") or []
    first = authors[0] if authors else {}
    family = fold(first.get("family") or first.get("literal") or "") or None
    page = str(csl.get("page") or "").split("-")[0] or None
    ids = frozenset(f"{i.type}:{i.value}" for i in ref.identifiers if i.valid and i.type in
                    ("doi", "pmid", "pmcid"))
    return _Key(fold(ref.ref.text), fold(csl.get("title") or ""), family, issued_year(csl),
                csl.get("volume"), page, ids)


def _blocking_keys(k: _Key) -> Iterator[str]:
    """Blocks that a duplicate pair must share at least one of (avoids comparing all pairs)."""
    yield f"raw:{k.raw}"
    yield from (f"id:{i}" for i in k.ids)
    if k.family and k.year:
        yield f"ay:{k.family}:{k.year}"
    words = k.title.split()
    if len(words) >= 3:
        yield f"t:{' '.join(words[:3])}"


def _conflicts(a: _Key, b: _Key) -> list[str]:
    """Fields printed in both references that disagree: such a pair is not one work."""
    out = []
    for field in ("year", "volume", "first_page"):
        va, vb = getattr(a, field), getattr(b, field)
        if va and vb and str(va).lower() != str(vb).lower():
            out.append(field)
    if a.family and b.family and a.family != b.family:
        out.append("first author")
    return out


def _classify(a: _Key, b: _Key) -> tuple[str, float] | None:
    """Kind of duplicate (verbatim / same-identifier / same-work) and title similarity."""
    similarity = fuzz.ratio(a.title, b.title) if a.title and b.title else 0.0
    if a.raw == b.raw:
        return "verbatim", 100.0
    if a.ids & b.ids:
        return "same-identifier", similarity
    if similarity >= TITLE_SAME and not _conflicts(a, b) and len(a.title) >= 20:
        return "same-work", similarity
    return None


@register
class DuplicateReference(Check):
    """What it finds: a work listed more than once: verbatim copies, entries sharing a DOI or
    PMID, and the same work written in another style (title, year, author and locators agree).

    Why it matters: duplicates inflate the list, shift the numbering of every later entry and
    usually mean citations in the text point at two numbers for one source.

    Example: ``Short B, ... Lancet Psychiatry 2018; 5:65–78`` and ``Short B, ... Lancet
    Psychiatry. 2018 Jan;5(1):65-78. doi: ...`` are one work.

    Fix: keep one entry (the more complete one) and renumber the citations that pointed at the
    other.
    """

    code = "RA101"
    name = "duplicate-reference"
    severity = Severity.WARNING
    confidence = 0.9
    summary = "The same work appears more than once in the list."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        keys = [_key(r) for r in ctx.references]
        blocks: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(keys):
            for b in _blocking_keys(k):
                blocks[b].append(i)
        seen: set[int] = set()
        for j, kj in enumerate(keys):
            candidates = sorted({i for b in _blocking_keys(kj) for i in blocks[b] if i < j})
            for i in candidates:
                if i in seen:
                    continue
                verdict = _classify(keys[i], kj)
                if verdict is None:
                    continue
                seen.add(j)
                yield self._report(ctx.references[i], ctx.references[j], keys[i], kj, verdict)
                break

    def _report(self, first: ParsedReference, dup: ParsedReference, a: _Key, b: _Key,
                verdict: tuple[str, float]) -> Finding:
        kind, similarity = verdict
        shared = sorted(a.ids & b.ids)
        evidence = {
            "kind": kind,
            "first": describe(first),
            "duplicate": describe(dup),
            "title_similarity": round(similarity, 1),
            "shared_identifiers": shared,
        }
        n1, n2 = first.ref.index, dup.ref.index
        if kind == "same-identifier" and similarity < TITLE_DIFFERENT_WORK and a.title and b.title:
            evidence["conflicting_fields"] = ["title"]
            return self.finding(
                [first, dup],
                f"Entries {n1} and {n2} carry the same identifier ({', '.join(shared)}) but their "
                "titles differ: one identifier is probably wrong",
                evidence,
                "Check which entry the identifier belongs to and correct the other.",
                confidence=0.7,
            )
        confidence = {"verbatim": 1.0, "same-identifier": 0.95, "same-work": 0.85}[kind]
        how = {
            "verbatim": "is a verbatim copy of",
            "same-identifier": f"shares {', '.join(shared)} with",
            "same-work": "describes the same work as",
        }[kind]
        keep = n1 if len(first.ref.text) >= len(dup.ref.text) else n2
        drop = n2 if keep == n1 else n1
        return self.finding(
            [first, dup],
            f"Entry {n2} {how} entry {n1}",
            evidence,
            f"Keep entry {keep}, delete entry {drop} and point its citations at entry {keep}.",
            confidence=confidence,
        )
