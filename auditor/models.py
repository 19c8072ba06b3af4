"""Frozen data passed between pipeline stages.

Each stage reads one of these and produces the next, so a stage can be tested alone and the
report can be rebuilt from the data without re-running anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from auditor.lexicon import without_link_words

CSL = dict[str, Any]


def issued_year(csl: CSL | None) -> int | None:
    """The year of a CSL item's ``issued`` date, or None."""
    parts = ((csl or {}).get("issued") or {}).get("date-parts") or [[None]]
    first = parts[0] if parts else [None]
    return int(first[0]) if first and first[0] else None


def first_author(csl: CSL | None) -> str:
    """The first author's surname (or an organisation's name) of a CSL item, or ""."""
    authors = (csl or {}).get("author") or []
    first = authors[0] if isinstance(authors, list) and authors else None
    if not isinstance(first, dict):
        return ""
    return str(first.get("family") or first.get("literal") or "")


class Severity(StrEnum):
    """Finding severities, ordered so that ``--fail-on`` can compare them."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Block:
    """A run of lines that a reader saw as one unit of the page.

    Readers that see markup (HTML, Markdown) say what a line belongs to: a heading and its
    level, a list item and its printed marker, a paragraph. The finder and segmenter read it
    as one more fact about each line; plain text has no blocks, only lines.
    """

    kind: str  # heading | item | paragraph | other
    start: int  # index of the first line in Document.lines
    end: int  # index after the last line
    level: int = 0  # heading level 1-6
    marker: str | None = None  # a list item's marker: "1." for an ordered item, "-" for a bullet


@dataclass(frozen=True)
class Document:
    """One input after its reader ran: its visible lines, their blocks, its links."""

    source: str
    reader: str
    lines: tuple[str, ...]
    blocks: tuple[Block, ...] = ()
    # Inline links (text, href, line) found by readers that see markup; used for context.
    links: tuple[tuple[str, str, int], ...] = ()
    # Fielded records (CSL-JSON, BibTeX, RIS, JATS): one per line from ``record_start``
    # (1-based), read as they are, never parsed.
    records: tuple[CSL, ...] = ()
    record_start: int = 1
    # Where each record stands in the file it came from (first and last line, 1-based), when
    # the reader knows (BibTeX, RIS, a CSL-JSON array): findings then point at the entry a
    # user can open, not at its place in the rendered list.
    record_lines: tuple[tuple[int, int], ...] = ()
    # Citations the format marks itself (JATS xref): (record index, body line, text).
    cited: tuple[tuple[int, int, str], ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Reference:
    """One record of a reference list, as printed, with its place in the document."""

    index: int
    raw: str
    label: str | None
    start_line: int
    end_line: int
    # A numbering fragment glued to the record in an unnumbered list ("79.Short B").
    stray_label: str | None = None
    # One of several works printed under one number ("[3] A ...; B ..."): "a", "b", ...
    part: str | None = None

    @cached_property
    def text(self) -> str:
        """The record without any stray label and without the publishers' link words that
        close it ("[PubMed] [Google Scholar]"): what parsers and comparisons should see.
        Read once: the parser, the matcher, the duplicate check and the resolver all ask."""
        if self.stray_label and self.raw.startswith(self.stray_label):
            return without_link_words(self.raw[len(self.stray_label) :].lstrip())
        return without_link_words(self.raw)

    @property
    def shown_label(self) -> str | None:
        """The label as the report names the record: "12" as printed, "3b" for a part."""
        if self.part is None:
            return self.label
        digits = "".join(ch for ch in self.label or "" if ch.isalnum())
        return f"{digits}{self.part}" if digits else self.part


@dataclass(frozen=True)
class Dropped:
    """Lines the splitter left out of the records, and why."""

    start_line: int
    end_line: int
    kind: str  # heading | page-number | download-stamp | running-head | furniture | outside-list
    excerpt: str


@dataclass(frozen=True)
class Zone:
    """One reference list in a document: its lines and the heading above it."""

    start_line: int
    end_line: int
    heading: str | None
    records: int


@dataclass(frozen=True)
class SplitResult:
    """What the splitter found: the records, how it split, and where the list was.

    ``confidence`` is the finder's certainty about the least certain edge of a list;
    ``uncertain`` names the lines around an edge it was unsure of.
    """

    references: tuple[Reference, ...]
    mode: str
    heading: str | None
    numbered: bool
    zones: tuple[Zone, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    confidence: float = 1.0
    uncertain: tuple[int, ...] = ()

    @property
    def read_until(self) -> int | None:
        """The last line read, when a very long document was read only until the entry
        limit (the lines after it are a ``not-read`` drop); None when all was read."""
        return next((d.start_line - 1 for d in self.dropped if d.kind == "not-read"), None)


@dataclass(frozen=True)
class Identifier:
    """An identifier found in a reference, normalised, with its validity verdict."""

    type: str
    value: str
    valid: bool
    problem: str | None = None
    raw: str | None = None
    # Where it was read when not in the entry's text: "link", the target of a link on the
    # entry's lines (a web page's "CrossRef" or "PubMed" link), whose URL ``raw`` keeps.
    origin: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "value": self.value, "valid": self.valid,
                               "problem": self.problem}
        if self.origin:
            out["origin"] = self.origin
        return out


class Status(StrEnum):
    """A reference's resolution status (CONTRACTS.md): compares equal to its string."""

    RESOLVED = "resolved"
    NOT_FOUND = "not_found"
    UNVERIFIED = "unverified"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class IdentifierOutcome:
    """What the registries said about one printed identifier."""

    status: Status
    source: str | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"status": str(self.status), "source": self.source, "reason": self.reason}


@dataclass(frozen=True)
class Fit:
    """How well the record fits the reference text (0-1) and the comparisons behind it."""

    score: float
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, **self.evidence}


@dataclass(frozen=True)
class SearchMatch:
    """The record a validated bibliographic search found for the reference."""

    doi: str
    score: float
    evidence: dict[str, Any]
    record: CSL

    def to_json(self) -> dict[str, Any]:
        return {"doi": self.doi, "score": self.score, "evidence": self.evidence,
                "record": self.record}


@dataclass(frozen=True)
class Notice:
    """A retraction, correction, expression of concern or withdrawal of the cited work."""

    kind: str  # retracted / expression-of-concern / corrected / withdrawn
    type: str  # as the registry names it ("retraction", "partial_retraction", ...)
    doi: str | None = None
    date: str | None = None
    source: str = ""
    label: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "type": self.type, "doi": self.doi, "date": self.date,
                "source": self.source, "label": self.label}


@dataclass(frozen=True)
class ResolutionEvidence:
    """What the verdict checks read about a lookup, beyond the record itself."""

    doi: IdentifierOutcome | None = None
    pmid: IdentifierOutcome | None = None
    fit: Fit | None = None
    match: SearchMatch | None = None
    notices: tuple[Notice, ...] = ()
    preprint_of: tuple[str, ...] = ()
    # A DOI and a PMID that name two different works (status conflict):
    pmid_record_doi: str | None = None
    pmid_record: CSL | None = None
    fit_to_text: dict[str, float] | None = None

    def to_json(self) -> dict[str, Any]:
        """The report's ``resolution.evidence`` (besides ``sources``): only what is known."""
        out: dict[str, Any] = {}
        for name in ("doi", "pmid", "fit", "match"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value.to_json()
        if self.fit is not None:
            out["notices"] = [n.to_json() for n in self.notices]
            out["preprint_of"] = list(self.preprint_of)
        if self.pmid_record_doi is not None:
            out["pmid_record_doi"] = self.pmid_record_doi
            out["pmid_record"] = self.pmid_record
            out["fit_to_text"] = self.fit_to_text
        return out


@dataclass(frozen=True)
class Resolution:
    """Outcome of looking a reference up: the status and its reason, the identifiers and
    record it resolved to, which sources answered, and the evidence the checks read."""

    status: Status
    reason: str | None = None
    doi: str | None = None
    pmid: str | None = None
    source: str | None = None
    score: float | None = None
    record: CSL | None = None
    sources: dict[str, str] = field(default_factory=dict)
    evidence: ResolutionEvidence = field(default_factory=ResolutionEvidence)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": str(self.status), "reason": self.reason}
        out.update(doi=self.doi, pmid=self.pmid, source=self.source, score=self.score)
        if self.record is not None:
            out["record"] = {k: v for k, v in self.record.items() if not k.startswith("_")}
        out["evidence"] = {"sources": dict(self.sources), **self.evidence.to_json()}
        out["sources"] = dict(self.sources)
        return out


@dataclass(frozen=True)
class ParsedReference:
    """A reference with its fields (CSL-JSON), identifiers and detected citation style."""

    ref: Reference
    id: str
    csl: CSL
    identifiers: tuple[Identifier, ...]
    style: str | None
    resolution: Resolution
    context: tuple[str, ...] = ()

    def valid_id(self, kind: str) -> str | None:
        """The first valid identifier of ``kind`` (``doi``, ``pmid``...), or None."""
        return next((i.value for i in self.identifiers if i.type == kind and i.valid), None)


@dataclass(frozen=True)
class Finding:
    """One problem, with the evidence a person needs to judge it and a fix when one exists."""

    code: str
    rule: str
    severity: Severity
    confidence: float
    references: tuple[str, ...]
    message: str
    evidence: dict[str, Any]
    fix: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "confidence": round(self.confidence, 3),
            "references": list(self.references),
            "message": self.message,
            "evidence": self.evidence,
            "fix": self.fix,
        }


@dataclass(frozen=True)
class InTextCitation:
    """One citation in the text: what it prints, where, and the entries it names."""

    kind: str  # numbered / author-year / author-page
    text: str
    line: int  # 1-based
    sentence: str
    numbers: tuple[int, ...] = ()  # numbered: the labels cited
    author: str | None = None  # author-year, author-page: first author's surname, folded
    year: str | None = None
    suffix: str = ""
    targets: tuple[str, ...] = ()  # ids of the entries it names
    ambiguous: bool = False  # author-year naming several entries without a suffix

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "line": self.line,
                "references": list(self.targets), "ambiguous": self.ambiguous}


@dataclass(frozen=True)
class DocumentReport:
    """The audit of one input document."""

    source: str
    reader: str | None
    split_mode: str | None
    status: str
    error: str | None
    references: tuple[ParsedReference, ...]
    findings: tuple[Finding, ...]
    citations: tuple[ParsedReference, ...] = ()
    split: SplitResult | None = None
    in_text: tuple[InTextCitation, ...] = ()  # citations of the list in the body text


@dataclass(frozen=True)
class AuditReport:
    """The audit of every input of one run."""

    documents: tuple[DocumentReport, ...]
    options: dict[str, Any]
    resolvers: dict[str, str]
