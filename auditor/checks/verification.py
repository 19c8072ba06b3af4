"""RA4xx checks: what the records say about each reference.

They read only ``resolution`` (the record, notices, fit to the text, search match); a reference
that is ``unverified`` never gets a finding here, whatever it looks like.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor import compare
from auditor.checks.base import Check, CheckContext, describe, list_style, register
from auditor.formats.render import render
from auditor.match import FIT_DOUBT
from auditor.models import CSL, Finding, ParsedReference, Severity, Status, issued_year
from auditor.parse import completeness
from auditor.resolvers.records import is_notice


def verifiable(ctx: CheckContext) -> tuple[ParsedReference, ...]:
    """The list's entries and the text's inline DOI links: both are checked against records."""
    return (*ctx.references, *ctx.citations)


def is_link(ref: ParsedReference) -> bool:
    """An inline DOI link of the text, not an entry of the list (ids ``d1:c2``)."""
    return ":c" in ref.id


def via_link(ref: ParsedReference, kind: str) -> str:
    """" (from the entry's link)" where the entry's identifier of ``kind`` was read from a
    link on its lines, not from its text: the reader will not find it printed."""
    linked = any(i.type == kind and i.origin == "link" for i in ref.identifiers)
    return " (from the entry's link)" if linked else ""


def name(ref: ParsedReference) -> str:
    """How a message names a list entry ("Entry 3") or an inline link ("Link 2, line 14")."""
    if is_link(ref):
        return f"Link {ref.ref.index}, line {ref.ref.start_line}"
    return f"Entry {ref.ref.index}"


def _fit(ref: ParsedReference) -> float:
    fit = ref.resolution.evidence.fit
    return fit.score if fit is not None else 1.0


def _wrong_identifier(ref: ParsedReference) -> bool:
    """Resolved by an identifier whose record does not look like the cited work."""
    r = ref.resolution
    by_id = r.status == "resolved" and r.score == 1.0
    return by_id and _fit(ref) < FIT_DOUBT


def field_comparison(cited: CSL, record: CSL, raw: str = "") -> list[dict[str, Any]]:
    """Each comparable field: cited value, record value and verdict."""
    rows: list[dict[str, Any]] = []

    def row(name: str, a: Any, b: Any, verdict: str, note: str = "") -> None:
        if verdict == compare.MISMATCH and raw and compare.in_text(name, b, raw):
            verdict, note = compare.MATCH, "the record's value is in the reference text"
        entry = {"field": name, "cited": a, "record": b, "verdict": verdict}
        if note:
            entry["note"] = note
        rows.append(entry)

    if cited.get("title") and record.get("title"):
        row("title", cited["title"], record["title"],
            compare.compare_title(cited["title"], record["title"]))
    if cited.get("author") and record.get("author"):
        verdict, note = compare.compare_authors(cited["author"], record["author"])
        row("author", [a.get("family") or a.get("literal") for a in cited["author"]][:6],
            [a.get("family") or a.get("literal") for a in record["author"]][:6], verdict, note)
    if issued_year(cited) and issued_year(record):
        verdict = compare.compare_year(issued_year(cited), issued_year(record))
        row("year", issued_year(cited), issued_year(record), verdict,
            "online-first and issue years often differ by one" if verdict == "tolerated" else "")
    if cited.get("container-title") and (record.get("container-title")
                                         or record.get("container-title-short")):
        row("container-title", cited["container-title"], record.get("container-title"),
            compare.compare_journal(cited["container-title"], record.get("container-title", ""),
                                    record.get("container-title-short", "")))
    for key in ("volume", "issue"):
        if cited.get(key) and record.get(key):
            row(key, cited[key], record[key], compare.compare_plain(cited[key], record[key]))
    if cited.get("page") and record.get("page"):
        row("page", cited["page"], record["page"],
            compare.compare_pages(cited["page"], record["page"]))
    return rows


@register
class MetadataMismatch(Check):
    """What it finds: a reference whose fields disagree with the record its DOI, PMID or a
    validated search resolved to: title, authors, year, journal, volume, issue or pages. Case,
    markup, British/American spelling, abbreviated journal titles, truncated titles, cut author
    lists and diacritics are tolerated; a year off by one (online-first) is only an info.

    Why it matters: a wrong volume or page sends readers to the wrong place, and a wrong title
    or author misattributes the work.

    Example: ``Zanos P. ... Mol Psychiatry. 2018;23(4):801-811`` cited as ``2016;21:801-811``.

    Fix: use the record's values; the fix renders the record in the list's style.
    """

    code = "RA401"
    name = "metadata-mismatch"
    severity = Severity.WARNING
    confidence = 0.85
    summary = "The reference's fields disagree with the resolved record."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        style = list_style(ctx)
        for ref in ctx.references:
            r = ref.resolution
            if r.status != "resolved" or not r.record or _wrong_identifier(ref):
                continue
            rows = field_comparison(ref.csl, r.record, ref.ref.text)
            bad = [x for x in rows if x["verdict"] == "mismatch"]
            soft = [x for x in rows if x["verdict"] == "tolerated" and x["field"] == "year"]
            if not bad and not soft:
                continue
            severity = Severity.WARNING if bad else Severity.INFO
            shown = bad or soft
            fields = ", ".join(x["field"] for x in shown)
            verb = "differs" if len(shown) == 1 else "differ"
            yield self.finding(
                [ref], f"Entry {ref.ref.index}: {fields} {verb} from the record ({r.source}, "
                f"doi {r.doi})",
                {"fields": rows, "record_doi": r.doi, "source": r.source,
                 "reference": describe(ref), "corrected_entry": True, "from_record": True},
                render(r.record, ref.style or style), severity=severity,
                confidence=0.9 if r.score == 1.0 else 0.75)


def _classify(cited: str, record: CSL, match: dict[str, Any] | None, ref: ParsedReference) -> str:
    if match and compare.doi_distance(cited, str(match.get("doi", ""))) <= 2:
        return "typo"
    title = str(record.get("title") or "")
    if is_notice({"title": [title]}) and ref.csl.get("title") and compare.compare_title(
            ref.csl["title"], title.split(":", 1)[-1].split("—", 1)[-1]) != compare.MISMATCH:
        return "notice-of-cited-work"
    return "unrelated-work"


@register
class WrongIdentifier(Check):
    """What it finds: a DOI or PMID that resolves, but to a different work than the text
    describes (or does not resolve while the text matches another record). It says whether the
    identifier looks like a typo of the right one, belongs to a notice about the cited work
    (erratum, reply, retraction), or to an unrelated work.

    Why it matters: readers following the link land on the wrong paper; citation counts go to
    the wrong authors.

    Example: ``Zanos P, Gould TD. Mechanisms of ketamine action... doi: 10.1038/mp.2017.225``
    (the DOI of another article; the right one is 10.1038/mp.2017.255).

    Fix: the identifier of the record the text matches, when a search found one.
    """

    code = "RA402"
    name = "wrong-identifier"
    severity = Severity.ERROR
    confidence = 0.9
    summary = "The identifier names a different work than the reference describes."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        style = list_style(ctx)
        for ref in ctx.references:
            r = ref.resolution
            found = r.evidence.match
            match = found.to_json() if found is not None else None
            cited = r.doi or ""
            if _wrong_identifier(ref) and r.record:
                kind = _classify(cited, r.record, match, ref)
                record_title = r.record.get("title")
            elif r.status == Status.NOT_FOUND and match and r.evidence.doi is not None and \
                    r.evidence.doi.status == Status.NOT_FOUND:
                kind = "typo" if compare.doi_distance(cited, match["doi"]) <= 2 else "unregistered"
                record_title = None
            else:
                continue
            fix = None
            if match:
                fix = (f"Replace doi:{cited} with doi:{match['doi']} — "
                       f"{render(match['record'], ref.style or style)}")
            yield self.finding(
                [ref],
                f"Entry {ref.ref.index}: doi {cited}{via_link(ref, 'doi')} "
                + ("names another work" if record_title else "is not registered")
                + (f"; the text matches doi {match['doi']}" if match else ""),
                {"kind": kind, "cited_identifier": cited, "identifier_record_title": record_title,
                 "fit_to_text": r.evidence.fit.to_json() if r.evidence.fit else None,
                 "matching_record": match,
                 "reference": describe(ref)},
                fix, confidence=0.9 if match else 0.7)


@register
class IdentifierConflict(Check):
    """What it finds: a reference whose DOI and PMID name two different works.

    Why it matters: at least one identifier is wrong, and tools that follow either one will
    disagree about what was cited.

    Example: ``... doi: 10.1038/mp.2017.255. PMID: 10686270`` (the PMID is another article's).

    Fix: keep the identifier whose record matches the text; the evidence shows both records.
    """

    code = "RA403"
    name = "identifier-conflict"
    severity = Severity.ERROR
    confidence = 0.9
    summary = "The DOI and the PMID of one reference name different works."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for ref in ctx.references:
            r = ref.resolution
            if r.status != "conflict":
                continue
            doi_record = r.record or {}
            pmid_record = r.evidence.pmid_record or {}
            fits: dict[str, float] = r.evidence.fit_to_text or {"doi": 0.0, "pmid": 0.0}
            keep = max(fits, key=lambda k: fits[k])
            fix = (f"Keep the {keep.upper()}; replace the "
                   f"{'PMID' if keep == 'doi' else 'DOI'} with the one of the record it names.")
            yield self.finding(
                [ref], f"Entry {ref.ref.index}: doi {r.doi} and PMID {r.pmid} name different works",
                {"doi": r.doi, "pmid": r.pmid, "doi_record": doi_record,
                 "pmid_record": pmid_record, "pmid_record_doi": r.evidence.pmid_record_doi,
                 "fit_to_text": fits, "reference": describe(ref)}, fix)



@register
class NotFound(Check):
    """What it finds: a reference that sources which answered could not find anywhere: its
    DOI or PMID is not registered (registry 404, or absent from a snapshot loaded as complete),
    or a complete reference without identifiers has no acceptable candidate in an answered
    search. Possibly fabricated. Never raised when a lookup could not be made.

    Why it matters: invented or garbled references are the first thing reviewers and
    integrity checks look for.

    Example: ``Novak P, Ferreira LM. Ketamine infusion frequency ... doi: 10.4088/JCP.20m99999``
    (no such DOI).

    Fix: check the source the reference was copied from; replace or remove it.
    """

    code = "RA404"
    name = "not-found"
    severity = Severity.ERROR
    confidence = 0.85
    summary = "No source that answered knows the work or its identifier."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for ref in verifiable(ctx):
            r = ref.resolution
            if r.status != Status.NOT_FOUND or r.evidence.match is not None:
                continue  # with a match, wrong-identifier says it better
            # A link names its DOI outright: an unregistered one is as sure as a full entry's.
            complete = completeness(ref.csl) == "complete" or is_link(ref)
            answered = sorted(k for k, v in r.sources.items() if v == "answered")
            what = {"doi-not-registered": f"doi {r.doi}{via_link(ref, 'doi')} is not registered",
                    "pmid-not-registered":
                        f"PMID {r.pmid}{via_link(ref, 'pmid')} does not exist",
                    "no-acceptable-candidate": "no record matches the reference"}.get(
                        r.reason or "", r.reason or "not found")
            yield self.finding(
                [ref], f"{name(ref)}: {what} (answered: {', '.join(answered)})",
                {"reason": r.reason, "source": r.source, "sources": r.sources,
                 "reference_complete": complete, "reference": describe(ref)},
                "Verify the reference against its source; correct or remove it.",
                severity=Severity.ERROR if complete else Severity.WARNING,
                confidence=0.85 if complete else 0.6)


class _NoticeCheck(Check):
    """Shared by the notice checks: one finding per notice kind found for a resolved work."""

    kind: str = ""
    verb: str = ""
    advice: str = "Remove the citation or cite it as retracted, with the notice."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for ref in verifiable(ctx):
            r = ref.resolution
            if r.status != "resolved":
                continue
            for notice in r.evidence.notices:
                if notice.kind != self.kind:
                    continue
                partial = "partial" in notice.type
                when = f" on {notice.date}" if notice.date else ""
                doi = f" (notice doi {notice.doi})" if notice.doi else ""
                predates = None
                if ctx.manuscript_date and notice.date:
                    predates = notice.date <= ctx.manuscript_date
                before: dict[bool | None, str] = {True: " before the manuscript",
                                                  False: " after the manuscript"}
                yield self.finding(
                    [ref],
                    f"{name(ref)}: the cited work (doi {r.doi}) was "
                    f"{'partially ' if partial else ''}{self.verb}{when}{doi}"
                    f"{before.get(predates, '')}",
                    {"notice": notice.to_json(), "cited_doi": r.doi,
                     "predates_manuscript": predates, "manuscript_date": ctx.manuscript_date,
                     "reference": describe(ref)},
                    self.advice)


@register
class Retracted(_NoticeCheck):
    """What it finds: a cited work that has been retracted (fully or partially), from Crossref
    ``updated-by`` on the work, ``update-to`` on the notice, PubMed's "Retracted Publication"
    type and its retraction links.

    Why it matters: retracted findings must not support new claims.

    Example: ``Wakefield AJ, et al. Ileal-lymphoid-nodular hyperplasia... Lancet. 1998``.

    Fix: remove the citation, or cite it explicitly as retracted together with the notice.
    """

    code = "RA405"
    name = "retracted"
    severity = Severity.ERROR
    confidence = 0.95
    summary = "The cited work has been retracted."
    kind = "retracted"
    verb = "retracted"


@register
class ExpressionOfConcern(_NoticeCheck):
    """What it finds: a cited work under an expression of concern.

    Why it matters: the journal has doubts about the work's reliability; readers should know.

    Example: a PLoS ONE article with a 2021 expression of concern.

    Fix: mention the expression of concern or cite other evidence.
    """

    code = "RA406"
    name = "expression-of-concern"
    severity = Severity.WARNING
    confidence = 0.9
    summary = "The cited work carries an expression of concern."
    kind = "expression-of-concern"
    verb = "given an expression of concern"
    advice = "Mention the expression of concern, or cite other evidence."


@register
class Corrected(_NoticeCheck):
    """What it finds: a cited work with a published correction (erratum, corrigendum).

    Why it matters: the correction may change the numbers or claims being cited.

    Example: ``Cullen KR, et al. Intravenous Ketamine for Adolescents ... 2018`` (erratum 2019).

    Fix: check the correction; cite it too where it changes what is cited.
    """

    code = "RA407"
    name = "corrected"
    severity = Severity.INFO
    confidence = 0.9
    summary = "The cited work has a published correction."
    kind = "corrected"
    verb = "corrected"
    advice = "Read the correction; cite it as well if it affects the cited content."


@register
class Withdrawn(_NoticeCheck):
    """What it finds: a cited work that has been withdrawn or removed.

    Why it matters: a withdrawn work is no longer part of the record.

    Example: an article in press withdrawn by the publisher.

    Fix: remove the citation or replace it.
    """

    code = "RA408"
    name = "withdrawn"
    severity = Severity.ERROR
    confidence = 0.9
    summary = "The cited work has been withdrawn or removed."
    kind = "withdrawn"
    verb = "withdrawn"
    advice = "Remove the citation or replace it."


@register
class PreprintPublished(Check):
    """What it finds: a cited preprint that has since been published (Crossref
    ``relation.is-preprint-of``).

    Why it matters: the published version is peer reviewed and may differ; journals ask for it.

    Example: an arXiv or medRxiv preprint whose journal version appeared a year later.

    Fix: cite the published version (its DOI is given).
    """

    code = "RA409"
    name = "preprint-published"
    severity = Severity.WARNING
    confidence = 0.9
    summary = "A cited preprint has a published version."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for ref in verifiable(ctx):
            r = ref.resolution
            published = list(r.evidence.preprint_of) if r.status == Status.RESOLVED else []
            if published:
                yield self.finding(
                    [ref], f"{name(ref)}: the preprint {r.doi} was published as "
                    f"doi {published[0]}",
                    {"preprint_doi": r.doi, "published_dois": published,
                     "reference": describe(ref)},
                    f"Cite the published version: https://doi.org/{published[0]}")


@register
class JournalLabelMismatch(Check):
    """What it finds: an inline citation that names a journal in its link text or sentence
    while the DOI it links to belongs to another journal.

    Why it matters: readers trust the named journal; a mismatch means a wrong link or an
    inflated claim ("a study in the New England Journal of Medicine").

    Example: ``a study in the [Journal of Psychopharmacology](https://doi.org/10.1111/jnc.14098)``.

    Fix: link the article the text means, or name the journal the DOI belongs to.
    """

    code = "RA410"
    name = "journal-label-mismatch"
    severity = Severity.WARNING
    confidence = 0.85
    summary = "An inline citation names a different journal than its DOI belongs to."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for cite in ctx.citations:
            r = cite.resolution
            named = cite.csl.get("container-title")
            if r.status != "resolved" or not r.record or not named:
                continue
            actual = r.record.get("container-title") or ""
            verdict = compare.compare_journal(named, actual, r.record.get(
                "container-title-short", ""))
            if verdict != compare.MISMATCH:
                continue
            yield self.finding(
                [cite], f"Line {cite.ref.start_line}: the text names {named!r} but doi {r.doi} "
                f"is in {actual!r}",
                {"named_journal": named, "record_journal": actual, "doi": r.doi,
                 "link": cite.ref.raw, "context": list(cite.context)},
                f"Check the link; doi {r.doi} is \"{r.record.get('title', '')}\" in {actual}.")
