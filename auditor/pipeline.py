"""``run_audit``: the only orchestrator (read → split → parse → resolve → check)."""

from __future__ import annotations

import dataclasses
import importlib
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditor import citations, identifiers, readers, studies
from auditor.errors import InputError, TimeBudgetExceeded
from auditor.models import (
    CSL,
    AuditReport,
    Document,
    DocumentReport,
    Finding,
    Identifier,
    InTextCitation,
    ParsedReference,
    Reference,
    Resolution,
    SplitResult,
    Status,
)
from auditor.parse import MAX_ENTRY_CHARS, parse_fields
from auditor.readers import deposited
from auditor.readers.records import TEXT_ONLY
from auditor.sections import split, split_lines

if TYPE_CHECKING:  # the checks and the HTTP stack load only when an audit runs: `parse` starts fast
    from auditor.resolvers.factory import BatchResolver, ResolverConfig

Progress = Callable[[int, int], None]


# Entries of one document checked unless --max-entries says otherwise: more than any real
# list holds (the longest review lists run to a few thousand), few enough that a hostile
# file of 100,000 entries ends in seconds; RA903 names what was left.
MAX_ENTRIES = 5_000
_SPACE_RUN = re.compile(r"\s{2,}")


@dataclass(frozen=True)
class AuditOptions:
    """What a run was asked to do; echoed in the report's ``run.options``."""

    from_kind: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    offline: bool = False
    max_bytes: int = readers.DEFAULT_MAX_BYTES
    manuscript_date: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
    # Wall-clock seconds one document may take (generous: a 2,000-entry list takes a few).
    max_seconds: float = 300.0
    # Entries of one document parsed, resolved and checked; the rest are counted and named
    # (RA903): a dissertation holds 2,000, and a stranger's file of 100,000 numbered lines
    # must not take minutes.
    max_entries: int = MAX_ENTRIES
    max_entry_chars: int = MAX_ENTRY_CHARS  # of one entry, parsed (RA106 names a longer one)

    def to_json(self) -> dict[str, object]:
        return {"from": self.from_kind, "select": list(self.select), "ignore": list(self.ignore),
                "offline": self.offline, "manuscript_date": self.manuscript_date,
                "max_seconds": self.max_seconds, "max_entries": self.max_entries,
                "max_entry_chars": self.max_entry_chars,
                **self.extra}


def split_document(doc: Document, from_kind: str | None,
                   limit: int | None = None) -> SplitResult:
    """Records of a fielded input one per line, as they came; otherwise found and split
    (a very long document only until ``limit`` records were found)."""
    if doc.records:
        first = doc.record_start
        spans = doc.record_lines or tuple((first + i, first + i)
                                          for i in range(len(doc.records)))
        refs = [Reference(i + 1, doc.lines[first - 1 + i], None, *spans[i])
                for i in range(len(doc.records))]
        return SplitResult(tuple(refs), "records", None, False)
    return split_lines(doc) if from_kind == "lines" else split(doc, limit)


MAX_CONTEXT = 5  # citing sentences kept per entry
MAX_SENTENCE = 600  # characters kept of each

# Every reference starts unverified; the resolver fills in what the sources say.
UNRESOLVED = Resolution(status=Status.UNVERIFIED, reason="offline")


class Deadline:
    """The time a document may still take; checked between stages and every few records."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self, stage: str) -> None:
        if time.monotonic() > self.end:
            raise TimeBudgetExceeded(f"stopped while {stage}: over the {self.seconds:g}-second "
                                     "budget for one document (--max-seconds)")


NEVER = Deadline(float("inf"))


def parse_references(refs: Sequence[Reference], doc_number: int,
                     deadline: Deadline = NEVER, records: Sequence[CSL] = (),
                     max_chars: int = MAX_ENTRY_CHARS,
                     links: Sequence[tuple[str, str, int]] = ()) -> list[ParsedReference]:
    """Parse fields and identifiers of each record; resolution is filled in afterwards.
    Fielded records (``records``, one per reference) keep their fields. Of an entry, the
    first ``max_chars`` characters are parsed. ``links`` (a web page's: text, href, line)
    lend an entry the identifiers their targets carry (:func:`with_linked`)."""
    if records:
        return [_fielded(ref, csl, doc_number) for ref, csl in zip(refs, records, strict=True)]
    hrefs = _hrefs_by_entry(refs, links)
    out = []
    for n, ref in enumerate(refs):
        if n % 64 == 0:
            deadline.check("parsing the references")
        out.append(with_linked(_parsed(ref, doc_number, max_chars), hrefs.get(n, ())))
    return out


# What a link on an entry's lines may lend it: the identifiers a registry resolves.
LINKED_TYPES = ("doi", "pmid", "pmcid")
_PUBMED_LINK_RE = re.compile(r"(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)"
                             r"(\d{1,8})(?!\d)")


def _hrefs_by_entry(refs: Sequence[Reference], links: Sequence[tuple[str, str, int]],
                    ) -> dict[int, list[str]]:
    """The link targets on each entry's lines, by the entry's position. A line two entries
    share (works under one number, a text layer's run-on line) lends neither: which of
    them the link was for is not known."""
    owners: dict[int, list[int]] = {}
    for n, ref in enumerate(refs):
        for line in range(ref.start_line, ref.end_line + 1):
            owners.setdefault(line, []).append(n)
    out: dict[int, list[str]] = {}
    for _, href, line in links:
        owner = owners.get(line, [])
        if len(owner) == 1:
            out.setdefault(owner[0], []).append(href)
    return out


def with_linked(parsed: ParsedReference, hrefs: Sequence[str]) -> ParsedReference:
    """``parsed`` with the identifiers its links carry that it does not print: a journal's
    web page links an entry's "CrossRef" and "PubMed" to its DOI and PMID and prints
    neither, and the page's reader drops those link words from the text. An identifier of
    a kind the entry prints is not added (the printed one is what the entry says)."""
    printed = {i.type for i in parsed.identifiers}
    added: dict[str, Identifier] = {}
    for href in hrefs:
        found = list(identifiers.extract(href))
        pubmed = _PUBMED_LINK_RE.search(href)
        if pubmed:
            found.extend(identifiers.extract(f"PMID: {pubmed.group(1)}"))
        for ident in found:
            if ident.valid and ident.type in LINKED_TYPES and ident.type not in printed:
                added.setdefault(ident.type, dataclasses.replace(ident, raw=href,
                                                                 origin="link"))
    if not added:
        return parsed
    csl = dict(parsed.csl)
    for kind, ident in added.items():
        csl.setdefault(kind.upper(), ident.value)
    return dataclasses.replace(parsed, csl=csl,
                               identifiers=(*parsed.identifiers, *added.values()))


def for_parsing(text: str, max_chars: int = MAX_ENTRY_CHARS) -> str:
    """What the parser reads of an entry: at most ``max_chars`` characters, each run of
    whitespace one space (a run has no meaning in a reference, and no pattern of the parser
    then meets a long one)."""
    return _SPACE_RUN.sub(" ", text[:max_chars])


def _parsed(ref: Reference, doc_number: int,
            max_chars: int = MAX_ENTRY_CHARS) -> ParsedReference:
    """An entry's fields and identifiers read from its text."""
    fields = parse_fields(for_parsing(ref.text, max_chars))
    return ParsedReference(ref=ref, id=f"d{doc_number}:r{ref.index}", csl=fields.csl,
                           identifiers=fields.identifiers, style=fields.style,
                           resolution=UNRESOLVED)


def _fielded(ref: Reference, csl: CSL, doc_number: int) -> ParsedReference:
    """A record that came with fields: its identifiers from its own fields (and its text).
    A record that came as text only (an untagged JATS mixed-citation) is parsed."""
    if TEXT_ONLY in csl:
        return _parsed(ref, doc_number)
    printed = " ".join(f"{label} {csl[key]}" for key, label in (
        ("DOI", "doi:"), ("PMID", "PMID:"), ("PMCID", "PMCID:"), ("ISBN", "ISBN"),
        ("ISSN", "ISSN"), ("URL", "")) if csl.get(key))
    ids = identifiers.extract(printed) if printed else ()
    return ParsedReference(ref=ref, id=f"d{doc_number}:r{ref.index}", csl=dict(csl),
                           identifiers=ids, style=None, resolution=UNRESOLVED)


def audit_document(doc: Document, doc_number: int, options: AuditOptions,
                   resolver: BatchResolver, progress: Progress | None = None) -> DocumentReport:
    deadline = Deadline(options.max_seconds)
    result = split_document(doc, options.from_kind, options.max_entries)
    deadline.check("finding and splitting the list")
    entries = result.references[: options.max_entries]
    parsed = parse_references(entries, doc_number, deadline, doc.records,
                              options.max_entry_chars, doc.links)
    links = inline_citations(doc, doc_number, result.references)
    notes = citations.note_entries(parsed)
    in_text = tuple(citations.find(doc, result, parsed, notes))
    mentions = studies.find(doc, result, in_text)
    searches = [_study_search(m, doc_number, k) for k, m in enumerate(mentions, start=1)]
    asked = [*parsed, *links, *searches]
    resolved = resolver(asked, progress) if asked else []
    deadline.check("resolving the references")
    refs = tuple(resolved[: len(parsed)])
    cites = tuple(resolved[len(parsed) : len(parsed) + len(links)])
    found = tuple(zip(mentions, resolved[len(parsed) + len(links) :], strict=True))
    from auditor.checks import CheckContext, resolve_selection, run_checks

    refs = _with_context(refs, in_text)
    ctx = CheckContext(document=doc, split=result, references=refs, citations=cites,
                       manuscript_date=options.manuscript_date, in_text=in_text,
                       studies=found, max_entry_chars=options.max_entry_chars,
                       notes=notes)
    findings = run_checks(ctx, resolve_selection(options.select, options.ignore))
    deadline.check("running the checks")
    return DocumentReport(doc.source, doc.reader, result.mode, "ok", None, refs,
                          tuple(_sorted(findings)), cites, result, in_text)


def _study_search(mention: studies.StudyMention, doc_number: int,
                  k: int) -> ParsedReference:
    """A study the text reports without citing it, as a reference for the resolver to
    search for: the finding offers what it finds."""
    ref = Reference(k, mention.query, None, mention.line, mention.line)
    return ParsedReference(ref=ref, id=f"d{doc_number}:s{k}", csl=mention.record(),
                           identifiers=(), style=None, resolution=UNRESOLVED)


def _with_context(refs: tuple[ParsedReference, ...],
                  in_text: tuple[InTextCitation, ...]) -> tuple[ParsedReference, ...]:
    """Each entry with the sentences that cite it (``references[].context``)."""
    sentences: dict[str, list[str]] = {}
    for cite in in_text:
        for target in cite.targets:
            said = sentences.setdefault(target, [])
            sentence = cite.sentence[:MAX_SENTENCE]
            if sentence not in said and len(said) < MAX_CONTEXT:
                said.append(sentence)
    return tuple(dataclasses.replace(r, context=(*r.context, *sentences[r.id]))
                 if r.id in sentences else r for r in refs)


def _sorted(findings: list[Finding]) -> list[Finding]:
    """Stable order: document-level, then by first reference position, then inline
    citations, each by code."""
    def key(f: Finding) -> tuple[int, int, str]:
        first = f.references[0] if f.references else "d0:r0"
        m = re.search(r":([rc])(\d+)$", first)
        kind, number = (m.group(1), int(m.group(2))) if m else ("r", 0)
        return (1 if kind == "c" else 0), number, f.code
    return sorted(findings, key=key)


_CONTEXT_LINES = 2  # lines read on each side of a link's own line for its sentence


def _near(doc: Document, line: int) -> str:
    """The link's line with its neighbours, joined as one paragraph: its sentence is found
    there, not by searching the whole document again for each of thousands of links."""
    at = max(line - 1, 0)
    return " ".join(doc.lines[max(at - _CONTEXT_LINES, 0) : at + _CONTEXT_LINES + 1])


def _sentence_around(text: str, needle: str) -> str:
    """The sentence of ``text`` that contains ``needle`` (for context and journal names)."""
    pos = text.find(needle)
    if pos < 0:
        return ""
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    end = min(end_candidates) if end_candidates else len(text)
    return text[start : end + 1].strip()


_JOURNAL_WORD = re.compile(
    r"\b(?:journal|review|reviews|letters|proceedings|annals|archives|bulletin|frontiers|"
    r"lancet|nature|science|medicine|pharmacology|psychiatry|neurology)\b", re.IGNORECASE)


def named_journal(link_text: str, sentence: str) -> str | None:
    """The journal the text names for a link: the link text when it reads like a journal
    title, else a "published in/study in the X" phrase of the sentence."""
    if _JOURNAL_WORD.search(link_text) and len(link_text.split()) <= 10 and not re.search(
            r"\b(?:study|article|paper|review of|found|showed)\b", link_text, re.IGNORECASE):
        return link_text.strip()
    m = re.search(r"\b(?:published in|in|from) (?:the )?([A-Z][\w&,:'’\- ]{3,80}?)"
                  r"(?= \(|[.,;]| found| showed| reported|$)", sentence)
    if m and _JOURNAL_WORD.search(m.group(1)):
        return m.group(1).strip()
    return None


def inline_citations(doc: Document, doc_number: int,
                     listed: Sequence[Reference] = ()) -> list[ParsedReference]:
    """Links to DOIs in the document text, as citations carrying the journal the text names.
    A link on a line of the reference list belongs to its entry, not to the text."""
    in_list = {n for r in listed for n in range(r.start_line, r.end_line + 1)}
    out: list[ParsedReference] = []
    for number, (text, href, line) in enumerate(doc.links, start=1):
        if line in in_list:
            continue
        doi = next((i for i in identifiers.extract(href) if i.type == "doi" and i.valid), None)
        if doi is None:
            continue
        sentence = _sentence_around(_near(doc, line), text) or text
        csl: dict[str, object] = {"DOI": doi.value, "type": "article-journal"}
        journal = named_journal(text, sentence)
        if journal:
            csl["container-title"] = journal
        ref = Reference(number, f"[{text}]({href})", None, line, line)
        out.append(ParsedReference(ref=ref, id=f"d{doc_number}:c{number}", csl=csl,
                                   identifiers=(doi,), style=None,
                                   resolution=UNRESOLVED,
                                   context=(sentence,)))
    return out


def run_audit(sources: Sequence[str], options: AuditOptions,
              resolver_config: ResolverConfig | None = None, stdin_bytes: bytes | None = None,
              progress: Progress | None = None, jobs: int = 1,
              on_document: Callable[[DocumentReport], None] | None = None) -> AuditReport:
    """Audit every source; an unreadable one becomes a document with ``status: error``.
    ``on_document`` sees each document's report as soon as it is done (in order), so a
    batch can write them as it goes. See :func:`iter_audit`."""
    from auditor.resolvers.factory import ResolverConfig, describe

    config = resolver_config or ResolverConfig(offline=options.offline)
    reports = []
    for report in iter_audit(sources, options, config, stdin_bytes, progress, jobs):
        if on_document is not None:
            on_document(report)
        reports.append(report)
    return AuditReport(tuple(reports), options.to_json(), describe(config))


def iter_audit(sources: Sequence[str], options: AuditOptions,
               resolver_config: ResolverConfig | None = None, stdin_bytes: bytes | None = None,
               progress: Progress | None = None, jobs: int = 1,
               engine: Engine | None = None) -> Iterator[DocumentReport]:
    """Each source's report, in the order of ``sources``, as soon as it is done: a batch
    that writes them as they come holds one at a time, not the whole run.

    With ``jobs`` above 1, an offline run of several files audits them in that many
    processes, each with its own read-only view of the snapshot; the reports are byte for
    byte what one process gives. An online run stays in one process, so that every lookup
    goes through one HTTP client and one rate limit."""
    from auditor.resolvers.factory import ResolverConfig

    config = resolver_config or ResolverConfig(offline=options.offline)
    numbered = list(enumerate(sources, start=1))
    if engine is not None and engine.kind == "dask" and "-" not in sources:
        yield from _on_dask(numbered, options, config, jobs, engine.scheduler)
        return
    parallel = jobs > 1 and len(sources) > 1 and config.offline and "-" not in sources \
        and config.transport is None
    if parallel:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Workers are started fresh ("spawn"), not forked: the parent may run a progress
        # bar's thread, and a fork copies whatever lock that thread holds.
        with ProcessPoolExecutor(max_workers=min(jobs, len(sources)), initializer=_worker,
                                 initargs=(config,),
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            yield from pool.map(_audit_in_worker, numbered, [options] * len(numbered),
                                chunksize=max(1, min(8, len(numbered) // (4 * jobs))))
        return
    from auditor.resolvers.factory import build_resolver

    resolver = build_resolver(config)
    for n, source in numbered:
        yield _audit_source(n, source, options, config, resolver, stdin_bytes, progress)


def _audit_source(number: int, source: str, options: AuditOptions, config: ResolverConfig,
                  resolver: BatchResolver, stdin_bytes: bytes | None = None,
                  progress: Progress | None = None) -> DocumentReport:
    """Read one source and audit it; what cannot be read or overruns its time is a document
    in error. So is a document that meets a fault of this program's own: it is named in one
    line, and the other documents of a batch are still audited."""
    try:
        doi = deposited.doi_argument(source) if options.from_kind in (None, "doi") else None
        if doi is not None:
            doc = deposited.fetch(doi, config)
        else:
            doc = readers.load(source, options.from_kind, stdin_bytes, options.max_bytes)
    except InputError as exc:
        return DocumentReport(source, None, None, "error", str(exc), (), ())
    except Exception as exc:  # a fault of ours, not of the input: reported, never a traceback
        return DocumentReport(source, None, None, "error", _fault(source, exc), (), ())
    try:
        return audit_document(doc, number, options, resolver, progress)
    except TimeBudgetExceeded as exc:
        return DocumentReport(source, doc.reader, None, "error", f"{source}: {exc}", (), ())
    except Exception as exc:
        return DocumentReport(source, doc.reader, None, "error", _fault(source, exc), (), ())


def _fault(source: str, exc: Exception) -> str:
    """One line for a fault of this program's own met while reading or auditing a document."""
    return (f"{source}: internal error ({type(exc).__name__}: {exc}); please report it with "
            "the output of `refauditor doctor`")


@dataclass
class _Worker:
    """What a batch process keeps between documents: the configuration and its resolver."""

    config: ResolverConfig | None = None
    resolver: BatchResolver | None = None


_WORKER = _Worker()


def _worker(config: ResolverConfig) -> None:
    """A batch process: its own resolver over the shared configuration."""
    from auditor.resolvers.factory import build_resolver

    _WORKER.config = config
    _WORKER.resolver = build_resolver(config)


def _audit_in_worker(numbered: tuple[int, str], options: AuditOptions) -> DocumentReport:
    assert _WORKER.config is not None and _WORKER.resolver is not None
    return _audit_source(numbered[0], numbered[1], options, _WORKER.config, _WORKER.resolver)


DASK_CONNECT_SECONDS = 10  # to reach a scheduler before the run is given up


@dataclasses.dataclass(frozen=True)
class Engine:
    """Where a batch runs: ``local`` (processes of this machine, ``--jobs``) or ``dask``
    (the workers of a Dask cluster at ``scheduler``; without one, a cluster of ``--jobs``
    local workers)."""

    kind: str = "local"
    scheduler: str | None = None


def _audit_on_dask(numbered: tuple[int, str], options: AuditOptions,
                   config: ResolverConfig) -> DocumentReport:
    """One document on a Dask worker, with the worker's own resolver, built on its first
    document (a worker that joins the cluster late builds its own too)."""
    if _WORKER.config != config or _WORKER.resolver is None:
        _worker(config)
    return _audit_in_worker(numbered, options)


def _on_dask(numbered: list[tuple[int, str]], options: AuditOptions, config: ResolverConfig,
             jobs: int, scheduler: str | None) -> Iterator[DocumentReport]:
    """The documents audited by the workers of a Dask cluster, handed back in order as they
    finish; each worker reads the store at the same path (a read-only copy per machine)."""
    try:
        # Optional and untyped: reached through Any.
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise InputError("--engine dask needs the 'distributed' package: pip install "
                         "'refauditor[dask]'") from None
    cluster: Any = None
    try:
        if scheduler is None:
            cluster = distributed.LocalCluster(n_workers=max(1, jobs), threads_per_worker=1,
                                               processes=True, dashboard_address=None)
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(scheduler, timeout=DASK_CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"--scheduler {scheduler}: cannot reach the Dask scheduler "
                         f"({exc})") from None
    try:
        futures = client.map(_audit_on_dask, numbered, options=options, config=config,
                             pure=False)
        for future in futures:
            yield future.result()
            future.release()  # the worker's copy goes as soon as the report is written
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
