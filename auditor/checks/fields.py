"""RA2xx identifier checks and RA3xx field checks, plus RA9xx whole-document findings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.checks.base import Check, CheckContext, describe, register
from auditor.checks.given_names import COMMON_GIVEN_NAMES
from auditor.identifiers import pmid_expected_floor, pmid_plausibility
from auditor.models import Finding, ParsedReference, Severity, issued_year
from auditor.parse.normalize import fold

# What each record type needs (CONTRACTS.md: only flag what the type needs).
REQUIRED: dict[str, tuple[str, ...]] = {
    "article-journal": ("author", "title", "container-title", "issued"),
    "paper-conference": ("author", "title", "container-title", "issued"),
    "chapter": ("author", "title", "container-title", "issued"),
    "book": ("author", "title", "issued", "publisher"),
    "thesis": ("author", "title", "issued"),
    "report": ("title", "issued"),
    "webpage": ("title", "URL", "accessed"),
}
# Fields a DOI stands in for: it links to the work for good, so an entry that prints one
# needs no URL, and no access date for a page that may change.
A_DOI_STANDS_FOR = frozenset({"URL", "accessed"})
FIELD_WORDS = {
    "author": "author", "title": "title", "container-title": "journal or container",
    "issued": "year", "publisher": "publisher", "URL": "URL", "accessed": "access date",
}


@register
class InvalidIdentifier(Check):
    """What it finds: a DOI, PMID, PMCID, ISSN or ISBN that cannot be right as printed:
    malformed, a failed check digit, or a PMID far outside the range PubMed assigned in the
    cited year (a truncated or mistyped number).

    Why it matters: readers and linking services follow identifiers blindly; a broken one sends
    them nowhere or to another work.

    Example: ``Andrade C. ... J Clin Psychiatry. 2017 ... PMID: 2874909``: 2017 articles got PMIDs
    around 28 million, so the 7-digit number lost a digit.

    Fix: copy the identifier again from PubMed, Crossref or the publisher's page.
    """

    code = "RA201"
    name = "invalid-identifier"
    severity = Severity.ERROR
    confidence = 0.95
    summary = "A malformed identifier, a failed check digit or an implausible PMID."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for ref in ctx.references:
            year = issued_year(ref.csl)
            for ident in ref.identifiers:
                if not ident.valid:
                    yield self.finding(
                        [ref],
                        f"{ident.type.upper()} '{ident.value}' in entry {ref.ref.index} "
                        f"{ident.problem}",
                        {"type": ident.type, "value": ident.value, "problem": ident.problem,
                         "reference": describe(ref)},
                        f"Look up the correct {ident.type.upper()} and replace it.",
                    )
                elif ident.type == "pmid" and (why := pmid_plausibility(ident.value, year)):
                    found = self._implausible_pmid(ref, ident.value, year, why)
                    if found is not None:
                        yield found

    def _implausible_pmid(self, ref: ParsedReference, pmid: str, year: int | None,
                          why: str) -> Finding | None:
        """Error, as catalogued, when the PMID has fewer digits than its year's (truncated);
        a well-formed PMID merely far too low is a warning, and the message says so. A work
        updated in place (``UPDATED_IN_PLACE``) is cited with the year of its last update
        under the PMID of its first version: only a truncated PMID is found there."""
        floor = pmid_expected_floor(year) if year else None
        truncated = floor is not None and len(pmid) < len(str(floor))
        if not truncated and _updated_in_place(ref):
            return None
        message = f"Entry {ref.ref.index}: {why}"
        if not truncated:
            message += " (a warning: the number has the digits of its year, only too low)"
        return self.finding(
            [ref], message,
            {"type": "pmid", "value": pmid, "cited_year": year,
             "problem": "truncated" if truncated else "implausible for the cited year",
             "explanation": why, "reference": describe(ref)},
            "Look the article up in PubMed and copy its PMID.",
            severity=Severity.ERROR if truncated else Severity.WARNING,
            confidence=0.95 if truncated else 0.85,
        )


# Works on the NCBI Bookshelf that are revised in place: each chapter keeps the PMID of its
# first version while citations give the year of the revision read ("StatPearls [Internet].
# 2023", PMID 29262083 of 2017). A Cochrane review's update gets a PMID of its own.
UPDATED_IN_PLACE = ("statpearls", "genereviews", "lactmed", "drugs and lactation database",
                    "livertox", "endotext")


def _updated_in_place(ref: ParsedReference) -> bool:
    text = ref.ref.raw.lower()
    return any(work in text for work in UPDATED_IN_PLACE)


@register
class MissingField(Check):
    """What it finds: an entry without an author, title, year or container where its record
    type needs one (a journal article needs all four; a web page needs a title, URL and access
    date but no year, and a DOI stands for its URL and access date; a book needs a publisher,
    not a container).

    Why it matters: an entry missing its authors or journal cannot be found or checked.

    Example: ``Ketamine as a therapeutic agent for depression and pain..., Journal of the
    Neurological Sciences, Volume 434, 2022, 120152`` has no authors.

    Fix: complete the entry from the published record.
    """

    code = "RA301"
    name = "missing-field"
    severity = Severity.WARNING
    confidence = 0.8
    summary = "An entry lacks a field its record type needs."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for ref in ctx.listed:  # a note may cite a work short: its bibliography entry is whole
            kind = ref.csl.get("type", "article")
            # Only entries whose structure was recognised: an unparsed one would be a guess.
            if kind not in REQUIRED or (ref.style is None and kind != "webpage"):
                continue
            missing = [f for f in REQUIRED[kind] if not ref.csl.get(f)]
            if kind != "webpage" and "author" in missing and ref.csl.get("editor"):
                missing.remove("author")
            if ref.csl.get("DOI"):
                missing = [f for f in missing if f not in A_DOI_STANDS_FOR]
            if not missing:
                continue
            words = [FIELD_WORDS.get(f, f) for f in missing]
            yield self.finding(
                [ref],
                f"Entry {ref.ref.index} ({kind}) has no {' or '.join(words)}",
                {"missing": missing, "type": kind, "style": ref.style,
                 "reference": describe(ref)},
                f"Add the {', '.join(words)} from the published record.",
            )


@register
class AuthorNameOrder(Check):
    """What it finds: an author list that reads given-name-first where the style writes the
    family name first (``Eduardo TQ, Angela A, Mateo L`` in a Vancouver list, where most
    "family names" are common given names).

    Why it matters: indexers and citation matching read the first word as the family name;
    swapped names make the work unfindable and misattribute it.

    Example: ``Eduardo TQ, Angela A, Mateo L, Melanie LZ. Ketamine for resistant depression``.

    Fix: write each author as family name then initials, as the published record lists them.
    """

    code = "RA302"
    name = "author-name-order"
    severity = Severity.INFO
    confidence = 0.6
    summary = "Authors appear to be written given-name-first in a family-name-first style."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for ref in ctx.references:
            authors = [a for a in ref.csl.get("author") or [] if "family" in a]
            record = ref.resolution.record if ref.resolution.status == "resolved" else None
            if record and record.get("author"):
                yield from self._against_record(ref, authors, record["author"])
                continue  # the record decides; the name-list heuristic is only a fallback
            if ref.style != "vancouver" or len(authors) < 3:
                continue
            given_like = [a["family"] for a in authors if fold(a["family"]) in COMMON_GIVEN_NAMES]
            if len(given_like) / len(authors) < 0.6:
                continue
            yield self.finding(
                [ref],
                f"Entry {ref.ref.index}: {len(given_like)} of {len(authors)} author 'family "
                "names' are common given names; the names look written given-name-first",
                {"given_names_as_family": given_like, "authors": len(authors),
                 "style": ref.style, "reference": describe(ref)},
                "Rewrite the authors as family name followed by initials, from the article.",
            )


    def _against_record(self, ref: ParsedReference, cited: list[dict[str, Any]],
                        record: list[dict[str, Any]]) -> Iterator[Finding]:
        """Cited "family names" that are the record's given names: written given-name-first."""
        given = {fold(str(a.get("given") or "")).split()[0]: a for a in record
                 if fold(str(a.get("given") or ""))}
        families = {fold(str(a.get("family") or "")) for a in record}
        swapped = [(c["family"], given[fold(c["family"])]) for c in cited
                   if fold(c["family"]) in given and fold(c["family"]) not in families]
        if len(swapped) < 2 or len(swapped) < len(cited) / 2:
            return
        pairs = [{"cited": c, "record_family": r.get("family"), "record_given": r.get("given")}
                 for c, r in swapped]
        yield self.finding(
            [ref], f"Entry {ref.ref.index}: {len(swapped)} cited author names are the record's "
            "given names; the authors are written given-name-first",
            {"swapped": pairs, "source": ref.resolution.source, "reference": describe(ref)},
            ", ".join(f"{r.get('family')} {''.join(w[0] for w in str(r.get('given')).split())}"
                      for _, r in swapped),
            severity=Severity.WARNING, confidence=0.9)


@register
class NoReferenceList(Check):
    """What it finds: a document in which no reference list was found: no reference heading,
    and too few blocks that look like references to treat the text as a list.

    Why it matters: a text that makes factual claims with no sources cannot be checked; and if a
    list exists but was not recognised, the audit says so rather than passing silently.

    Example: a news story describing a study without citing it.

    Fix: add a reference list, or point refauditor at the list (``--from lines``).
    """

    code = "RA901"
    name = "no-reference-list"
    severity = Severity.INFO
    confidence = 0.9
    summary = "No reference list was found in the document."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.references:
            return
        links = [{"text": t, "href": h, "line": n} for t, h, n in ctx.document.links]
        evidence = {"heading_found": ctx.split.heading, "split_mode": ctx.split.mode,
                    "inline_links": len(links)}
        message = "No reference list found"
        if links:
            message += f"; the text has {len(links)} inline links instead"
        yield self.finding([], message, evidence, None)


@register
class ReferenceListBoundary(Check):
    """What it finds: a reference list whose first or last lines the finder was unsure of:
    the line just outside might belong to the list, or the last entry might be something else
    (a note, a caption, an appendix line).

    Why it matters: an entry left out is never checked, and a line taken in is reported as a
    malformed reference; both are worth a glance where the list starts and ends.

    Example: a list that runs straight into "Table 1. Patients enrolled by site" with no
    heading between them.

    Fix: check the lines named; a heading above the list and a blank line after it make the
    edges plain.
    """

    code = "RA902"
    name = "reference-list-boundary"
    severity = Severity.INFO
    confidence = 0.6
    summary = "The finder was unsure where a reference list starts or ends."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        if not ctx.references or not ctx.split.uncertain:
            return
        lines = ctx.document.lines
        shown = [{"line": n, "text": lines[n - 1].strip()[:120]} for n in ctx.split.uncertain
                 if 0 < n <= len(lines)]
        where = ", ".join(str(s["line"]) for s in shown)
        yield self.finding(
            [], f"The edge of the reference list is uncertain near line {where}",
            {"lines": shown, "confidence": round(ctx.split.confidence, 3),
             "zones": [{"start_line": z.start_line, "end_line": z.end_line,
                        "heading": z.heading} for z in ctx.split.zones]},
            None)


@register
class UncheckedEntries(Check):
    """What it finds: a list longer than the entries one document may have checked
    (``--max-entries``, 5,000 unless set): the entries after the limit are counted and the
    first of them named, but not parsed, resolved or checked. A document of more than
    20,000 lines is read in windows and reading stops once the limit is reached; the
    finding then says from which line on the document was not read.

    Why it matters: a silent cut would read as "no problems" for entries nobody looked at.

    Example: a file of 100,000 numbered lines: entries 5,001 to 8,000 (the first window) are
    counted and not checked, and lines 8,001 to 100,002 are not read.

    Fix: split the list into parts, or raise ``--max-entries`` for a list that is really
    that long.
    """

    code = "RA903"
    name = "unchecked-entries"
    severity = Severity.WARNING
    confidence = 1.0
    summary = "The list is longer than the entries checked; the rest were not checked."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        total = len(ctx.split.references)
        checked = len(ctx.references)
        unread = next((d for d in ctx.split.dropped if d.kind == "not-read"), None)
        if total <= checked and unread is None:
            return
        evidence: dict[str, object] = {"entries": total, "checked": checked}
        message = f"The list has {total:,} entries; entries {checked + 1:,} to {total:,} were "\
            "not checked"
        if total > checked:
            first = ctx.split.references[checked]
            evidence.update(first_unchecked_line=first.start_line,
                            first_unchecked=first.raw[:120])
        if unread is not None:
            evidence.update(unread_from_line=unread.start_line, unread_to_line=unread.end_line)
            skipped = (f"entries {checked + 1:,} to {total:,} were not checked, and "
                       if total > checked else "")
            message = (f"The list has more than {total:,} entries; {skipped}lines "
                       f"{unread.start_line:,} to {unread.end_line:,} were not read")
        yield self.finding(
            [], message, evidence,
            "Split the list, or raise --max-entries for a list that is this long.")
