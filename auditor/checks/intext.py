"""RA5xx: the list against the text that cites it.

They run only where the body text cites the list at all (``MIN_CITED`` entries named), so a
bare pasted list, or a page whose citations the reader cannot see, raises none of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from auditor.checks.base import Check, CheckContext, describe, register
from auditor.citations import label_number
from auditor.models import (
    Finding,
    InTextCitation,
    ParsedReference,
    Severity,
    first_author,
    issued_year,
)


@dataclass(frozen=True)
class InTextRules:
    """When the text's citations say enough about the list to report on it."""

    min_cited: int = 3  # entries the text must name before its silence about others counts
    # Shares of the list cited, and of the author-year citations matched, below which a
    # silence or a miss says more about the matching than about the document.
    uncited_share: float = 0.5
    matched_share: float = 0.8
    same_title: float = 90.0  # two entries an author-year citation names are one work above


RULES = InTextRules()


def _cited_ids(ctx: CheckContext) -> set[str]:
    return {t for c in ctx.in_text for t in c.targets}


def _active(ctx: CheckContext) -> bool:
    return len(_cited_ids(ctx)) >= RULES.min_cited


def _by_id(ctx: CheckContext) -> dict[str, ParsedReference]:
    return {r.id: r for r in ctx.references}


@register
class UncitedReference(Check):
    """What it finds: an entry of the list that the text never cites, in a document whose
    text cites other entries (numbered or author-year).

    Why it matters: journals require every listed work to be cited; an uncited entry is often
    a leftover from an earlier draft, or a citation lost in editing.

    Example: a list of 42 entries where the text cites 13: the other 29.

    Fix: cite the entry where the text relies on it, or delete it.
    """

    code = "RA501"
    name = "uncited-reference"
    severity = Severity.WARNING
    confidence = 0.8
    summary = "An entry of the list is never cited in the text."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        cited = _cited_ids(ctx)
        if not _active(ctx) or len(cited) < RULES.uncited_share * len(ctx.references):
            return
        systems = sorted({c.kind for c in ctx.in_text if c.targets})
        for ref in ctx.references:
            if ref.id in cited or ref.ref.part not in (None, "a"):
                continue
            yield self.finding(
                [ref], f"Entry {ref.ref.index} is not cited in the text",
                {"citation_systems": systems, "cited_entries": len(cited),
                 "reference": describe(ref)},
                "Cite it where the text relies on it, or delete it from the list.")


@register
class MissingReference(Check):
    """What it finds: a citation in the text that names no entry of the list: a number the
    list does not have, or an author and year no entry carries.

    Why it matters: a reader cannot find the source; it was dropped from the list or the
    citation is mistyped.

    Example: ``[44]`` in a list of 43 entries; ``(Novak and Ferreira, 2021)`` with no Novak 2021.

    Fix: add the missing entry, or correct the citation.
    """

    code = "RA502"
    name = "missing-reference"
    severity = Severity.WARNING
    confidence = 0.8
    summary = "A citation in the text names no entry of the list."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        if not _active(ctx):
            return
        author_year = [c for c in ctx.in_text if c.kind == "author-year"]
        reliable = sum(bool(c.targets) for c in author_year) >= RULES.matched_share * len(
            author_year)
        labels = _labels(ctx)
        missing: dict[str, list[InTextCitation]] = {}
        for cite in ctx.in_text:
            if cite.kind == "numbered":
                numbers = [n for n in cite.numbers if n not in labels]
                for n in numbers:
                    missing.setdefault(f"number {n}", []).append(cite)
            elif not cite.targets and reliable:
                missing.setdefault(f"{cite.author} {cite.year}", []).append(cite)
        for what, cites in missing.items():
            first = cites[0]
            where = ", ".join(str(c.line) for c in cites[:10]) + ("…" if len(cites) > 10 else "")
            plural = "s" if len(cites) > 1 else ""
            yield self.finding(
                [], f"“{first.text}” (line{plural} {where}) names no entry of the list "
                f"(no {what})", {**_evidence(first), "lines": [c.line for c in cites]},
                "Add the cited work to the list, or correct the citation.")


def _labels(ctx: CheckContext) -> set[int]:
    """The numbers the list's labels carry (read as the citations are matched)."""
    return {n for r in ctx.references if (n := label_number(r)) is not None}


def _evidence(cite: InTextCitation) -> dict[str, object]:
    return {"citation": cite.text, "line": cite.line, "sentence": cite.sentence[:600],
            "kind": cite.kind}


@register
class CitationOrder(Check):
    """What it finds: a numbered list whose entries are not numbered in the order the text
    first cites them (Vancouver and most numbered styles require it).

    Why it matters: readers expect [1] to be cited first; an out-of-order list usually means
    entries were added or moved without renumbering.

    Example: the text cites [3] before it first cites [1].

    Fix: renumber the list in order of first citation (and the citations with it).
    """

    code = "RA503"
    name = "citation-order"
    severity = Severity.INFO
    confidence = 0.7
    summary = "A numbered list is not in the order of first citation."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        if not _active(ctx) or not ctx.split.numbered:
            return
        labels = _labels(ctx)
        order: list[int] = []
        for cite in ctx.in_text:
            if cite.kind == "numbered":
                for n in cite.numbers:
                    if n in labels:  # a label leaves the set at its first citation
                        order.append(n)
                        labels.discard(n)
        expected = sorted(order)
        if len(order) < RULES.min_cited or order == expected:
            return
        at = next(i for i, (a, b) in enumerate(zip(order, expected, strict=True)) if a != b)
        yield self.finding(
            [], f"The list is not in the order of first citation: the text cites [{order[at]}] "
            f"before [{expected[at]}]",
            {"first_citation_order": order[:100], "first_out_of_order": order[at]},
            "Renumber the entries in the order the text first cites them.")


@register
class AmbiguousCitation(Check):
    """What it finds: an author-year citation that fits several different entries (same first
    author and year) and carries no letter to choose between them.

    Why it matters: the reader cannot tell which work is meant.

    Example: ``(Smith, 2020)`` with two Smith 2020 entries that are different works.

    Fix: add "a"/"b" to the years in the list and in the citations.
    """

    code = "RA504"
    name = "ambiguous-citation"
    severity = Severity.WARNING
    confidence = 0.8
    summary = "An author-year citation fits several entries and has no a/b suffix."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        refs = _by_id(ctx)
        lines: dict[tuple[str, ...], list[InTextCitation]] = {}
        for cite in ctx.in_text:
            if cite.ambiguous and not cite.suffix:
                lines.setdefault(cite.targets, []).append(cite)
        for targets, cites in lines.items():
            named = [refs[t] for t in targets if t in refs]
            if not _different_works(named):
                continue  # copies of one work: RA101's finding
            first = cites[0]
            where = ", ".join(str(c.line) for c in cites[:10]) + ("…" if len(cites) > 10 else "")
            yield self.finding(
                named, f"“{first.text}” (line{'s' if len(cites) > 1 else ''} {where}) fits "
                f"entries {', '.join(str(r.ref.index) for r in named)}",
                {**_evidence(first), "lines": [c.line for c in cites],
                 "entries": [describe(r) for r in named]},
                "Add a/b to the years of these entries and to each citation of them.")


def _different_works(refs: list[ParsedReference]) -> bool:
    titles = [str(r.csl.get("title") or r.ref.text).casefold() for r in refs]
    return any(fuzz.token_sort_ratio(a, b) < RULES.same_title
               for i, a in enumerate(titles) for b in titles[i + 1:])


@register
class MixedCitationSystems(Check):
    """What it finds: a text that cites both by number and by author and year.

    Why it matters: a journal uses one system; a mix usually means parts were pasted from
    another manuscript.

    Example: ``[3]`` in one paragraph, ``(Smith et al., 2019)`` in the next.

    Fix: convert the citations to the journal's system.
    """

    code = "RA505"
    name = "mixed-citation-systems"
    severity = Severity.INFO
    confidence = 0.7
    summary = "The text cites both by number and by author and year."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        kinds = {k: [c for c in ctx.in_text if c.kind == k and c.targets]
                 for k in ("numbered", "author-year")}
        if min(len(v) for v in kinds.values()) < 2:
            return
        yield self.finding(
            [], f"The text cites by number ({len(kinds['numbered'])} citations) and by author "
            f"and year ({len(kinds['author-year'])})",
            {"numbered": [c.text for c in kinds["numbered"][:5]],
             "author_year": [c.text for c in kinds["author-year"][:5]]},
            "Use one citation system throughout.")


def _candidate(found: ParsedReference) -> dict[str, object]:
    """What the search for a reported study gave: the record, or why there is none."""
    r = found.resolution
    if r.status in ("resolved", "resolved-by-search") and r.record:
        record = r.record
        return {"status": str(r.status), "doi": r.doi, "title": record.get("title"),
                "container": record.get("container-title"),
                "first_author": first_author(record) or None,
                "year": issued_year(record), "source": r.source}
    return {"status": str(r.status), "reason": r.reason or "no record matched"}


@register
class UnreferencedStudy(Check):
    """What it finds: a sentence that reports a study by where it appeared ("a new study
    appearing online today from the American Journal of Psychiatry") with no citation and no
    link on its line.

    Why it matters: a claim resting on a study the reader cannot find cannot be checked;
    journals and fact-checkers ask for the reference.

    Example: seed 003, a press release that names the journal and the researchers, never the
    article.

    Fix: cite the study (the finding offers a candidate from a bibliographic search on the
    venue, the people and the words of the sentence, or says why none was searched).
    """

    code = "RA506"
    name = "unreferenced-study"
    severity = Severity.INFO
    confidence = 0.6
    summary = "The text reports a study without citing or linking it."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for mention, found in ctx.studies:
            candidate = _candidate(found)
            offered = candidate.get("doi")
            yield self.finding(
                [], f"Line {mention.line} reports a study in {mention.venue} without citing it",
                {"line": mention.line, "sentence": mention.sentence, "venue": mention.venue,
                 "people": list(mention.people), "year": mention.year,
                 "query": mention.query, "candidate": candidate},
                f"Cite the study; a search found {candidate.get('title')!s} (doi:{offered})."
                if offered else "Cite the study (its authors, title, journal, year and DOI).")
