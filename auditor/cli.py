"""Command-line interface (typer). Thin: parse flags, call the pipeline, write, set the exit code.

Progress and messages go to stderr; stdout carries only the report.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from auditor import __version__, readers
from auditor.config import FAIL_ON, Settings, load_settings
from auditor.errors import ConfigError, InputError, RefauditError
from auditor.formats import BINARY_FORMATS, EXTENSIONS, FORMATS
from auditor.formats.records import PARSE_FORMATS, public
from auditor.manifest import Manifest, settings_key
from auditor.models import AuditReport, DocumentReport, ParsedReference, Severity
from auditor.output import (
    check_target,
    prepare_folder,
    printable,
    report_stem,
    write_output,
    write_report,
)
from auditor.parse import MAX_ENTRY_CHARS
from auditor.pipeline import (
    MAX_ENTRIES,
    AuditOptions,
    Engine,
    iter_audit,
    parse_references,
    split_document,
)
from auditor.resolvers.paths import default_cache, default_store
from auditor.resolvers.snapshot import Snapshot

if TYPE_CHECKING:  # checks, resolvers and httpx load in the commands that use them
    from auditor.resolvers.factory import ResolverConfig

def _plain_arguments() -> None:
    """Arguments in help as ruff and pip show them (``PATH...``, no ``{PATH}...`` and no
    ``<list[str]>``): this typer prints its own type placeholders for arguments, and has no
    setting for them."""
    from typer.core import TyperArgument

    def usage(self: TyperArgument) -> str:  # the usage line adds "..." itself
        name = self.display_name_raw
        return name if self.required else f"[{name}]"

    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
    TyperArgument._usage_display_name = usage  # type: ignore[method-assign]


_plain_arguments()
app = typer.Typer(
    help="Audit reference lists: form, duplicates, identifiers and verification.",
    # Plain help, as ruff and pip print it: option, value name, text; no type placeholders.
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"refauditor {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help="Print the version and exit.")] = False) -> None:
    """Audit reference lists: form, duplicates, identifiers and verification."""
err = Console(stderr=True, highlight=False)

FromOpt = Annotated[str | None, typer.Option(
    "--from", metavar="KIND", help=f"Input kind: {', '.join(readers.ALL_KINDS)}.")]
OfflineOpt = Annotated[bool, typer.Option("--offline", help="Never touch the network.")]
SnapshotOpt = Annotated[str | None, typer.Option(
    "--snapshot", metavar="PATH",
    help="Metadata snapshot: a store built by 'snapshot load', or a loadable "
    "JSON Lines / JSON file (default: the user's store, if it exists).")]
CacheOpt = Annotated[str | None, typer.Option(
    "--cache", metavar="PATH",
    help="Response cache file (default: the user's cache folder when online).")]
MailtoOpt = Annotated[str | None, typer.Option(
    "--mailto", metavar="ADDRESS",
    help="Contact address sent to Crossref (polite pool) and NCBI; also "
    "REFAUDITOR_MAILTO.")]
# Report options that audit and issue share.
FormatOpt = Annotated[str, typer.Option(
    "--format", metavar="FORMAT", help=f"Report format: {', '.join(FORMATS)}.")]
OutputOpt = Annotated[str | None, typer.Option(
    "-o", "--output", metavar="FILE",
    help="Write the whole report to FILE ('-' for stdout only).")]
FailOnOpt = Annotated[str | None, typer.Option(
    "--fail-on", metavar="LEVEL", help="Exit 1 on findings at or above: error, warning, info "
    "(default warning).")]
JobsOpt = Annotated[int, typer.Option(
    "--jobs", "-j", metavar="N",
    help="Processes for an offline batch of several files (default 0: "
    "all cores). Online runs use one, so every lookup shares one rate limit.")]
EngineOpt = Annotated[str, typer.Option(
    "--engine", metavar="local|dask",
    help="Where a batch runs: local processes (--jobs), or the workers of a Dask cluster "
    "(--scheduler; without one, a local cluster of --jobs workers; needs "
    "'refauditor[dask]').")]
SchedulerOpt = Annotated[str | None, typer.Option(
    "--scheduler", metavar="ADDRESS", help="The Dask scheduler of --engine dask "
    "(tcp://host:8786).")]
ExitZeroOpt = Annotated[bool, typer.Option(
    "--exit-zero", help="Exit 0 even when findings are reported (input errors still exit 2).")]
# A date as the options take it: YYYY, YYYY-MM or YYYY-MM-DD.
_DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _fail(message: str) -> typer.Exit:
    """One line on stderr and exit 2. The message is printed literally: a path such as
    "[draft]/paper.txt" is no markup, and control characters from a document are replaced."""
    err.print("[bold red]refauditor:[/] ", markup=True, end="")
    err.print(printable(message), markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _say(message: str) -> None:
    """A line of progress on stderr, printed literally."""
    err.print(printable(message), markup=False, highlight=False, soft_wrap=True)


def _split_tokens(values: list[str] | None) -> tuple[str, ...]:
    return tuple(t.strip() for v in values or [] for t in v.split(",") if t.strip())


def _settings(first: str | None, flags: dict[str, object]) -> Settings:
    try:
        settings = load_settings(first, flags)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    from auditor.checks import unknown_tokens

    unknown = unknown_tokens([*settings.select, *settings.ignore])
    if unknown:
        raise _fail(f"unknown check code or name: {', '.join(unknown)} (see 'refauditor rules')")
    for entry in settings.ignored:
        err.print(f"refauditor: ignored {entry} (a config beside a document sets only select, "
                  "ignore and fail-on; paths and limits come from your own config or flags)",
                  markup=False, highlight=False, soft_wrap=True)
    return settings


def _stdin(max_bytes: int) -> bytes:
    """Standard input, read in chunks up to the size cap (one line and exit 2 beyond it)."""
    try:
        return readers.read_capped(sys.stdin.buffer, "stdin", max_bytes)
    except InputError as exc:
        raise _fail(str(exc)) from None


class _PerDocument:
    """One report per document in ``folder``, each written as soon as its document is done
    (a crash loses only the unfinished ones) and recorded in the folder's manifest, named
    after the document (see :mod:`auditor.output`: no write through a link, no partial file,
    long names hashed)."""

    def __init__(self, fmt: str, folder: Path, options: dict[str, object],
                 resolvers: dict[str, str], manifest: Manifest) -> None:
        self.fmt, self.folder = fmt, folder
        self.options, self.resolvers = options, resolvers
        self.manifest = manifest
        self.taken = manifest.reports()  # names earlier runs gave their documents
        self.written: list[Path] = []

    def __call__(self, doc: DocumentReport) -> None:
        stem = report_stem("stdin" if doc.source == "-" else Path(doc.source).stem)
        single = AuditReport((doc,), self.options, self.resolvers)
        extension = EXTENSIONS[self.fmt]
        path = self.folder / f"{stem}.refauditor.{extension}"
        earlier = self.manifest.done.get(str(Path(doc.source).resolve()), {}).get("report")
        n = 1
        while (path in self.written or path.name in self.taken) and path.name != earlier:
            n += 1
            path = self.folder / f"{stem}-{n}.refauditor.{extension}"
        write_report(path, FORMATS[self.fmt](single))
        self.written.append(path)
        self.manifest.record(doc.source, path)


@app.command()
def audit(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH...",
        help="Documents or folders to audit ('-' reads stdin); a folder is searched "
        "recursively for documents of the kinds refauditor reads.")],
    from_kind: FromOpt = None,
    fmt: FormatOpt = "text",
    glob: Annotated[str | None, typer.Option(
        "--glob", metavar="PATTERN",
        help="In folders, only files matching this pattern (e.g. '*.md').")] = None,
    output: OutputOpt = None,
    output_dir: Annotated[Path | None, typer.Option(
        "--output-dir", metavar="DIR",
        help="Folder for one report per document (default: reports).")] = None,
    fail_on: FailOnOpt = None,
    select: Annotated[list[str] | None, typer.Option(
        "--select", metavar="CODES",
        help="Only these checks (codes, prefixes or names; comma-separated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="CODES", help="Skip these checks (codes, prefixes or names).")] = None,
    offline: OfflineOpt = False,
    snapshot: SnapshotOpt = None,
    cache: CacheOpt = None,
    mailto: MailtoOpt = None,
    manuscript_date: Annotated[str | None, typer.Option(
        "--manuscript-date", metavar="DATE",
        help="Date of the manuscript (YYYY-MM-DD): notice findings say "
        "whether the retraction or correction came before it.")] = None,
    max_seconds: Annotated[float, typer.Option(
        "--max-seconds", metavar="SECONDS",
        help="Time one document may take; past it, that document ends with "
        "status error and the others go on.")] = 300.0,
    exit_zero: ExitZeroOpt = False,
    show_references: Annotated[bool, typer.Option(
        "--show-references", help="Text report: list every reference with its resolution "
        "and the reason.")] = False,
    jobs: JobsOpt = 0,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    max_entries: Annotated[int, typer.Option(
        "--max-entries", metavar="N",
        help="Entries of one document checked; the rest are counted and "
        "named (RA903).")] = MAX_ENTRIES,
    max_entry_chars: Annotated[int, typer.Option(
        "--max-entry-chars", metavar="N",
        help="Characters of one entry parsed; a longer entry is named (RA106).")
    ] = MAX_ENTRY_CHARS,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Skip documents an earlier run with the same settings already "
        "reported in --output-dir (unchanged files only).")] = False,
) -> None:
    """Audit the reference lists of one or more documents."""
    fmt = fmt.lower()
    try:
        paths = readers.expand_paths(paths, glob)
    except InputError as exc:
        raise _fail(str(exc)) from None
    if fmt not in FORMATS:
        raise _fail(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    if is_binary(fmt) and output == "-" and sys.stdout.isatty():
        raise _fail(f"--format {fmt} is a binary file; write it with -o FILE or --output-dir")
    if from_kind and from_kind not in readers.ALL_KINDS:
        raise _fail(f"unknown input kind '{from_kind}'; use one of {', '.join(readers.ALL_KINDS)}")
    if fail_on and fail_on not in FAIL_ON:
        raise _fail(f"--fail-on must be one of {', '.join(FAIL_ON)}")
    settings = _settings(paths[0], {
        "select": _split_tokens(select), "ignore": _split_tokens(ignore), "fail_on": fail_on,
        "offline": offline or None, "snapshot": snapshot, "cache": cache, "mailto": mailto,
    })
    if manuscript_date and not _DATE_RE.fullmatch(manuscript_date):
        raise _fail("--manuscript-date takes YYYY-MM-DD")
    if not max_seconds > 0:
        raise _fail("--max-seconds takes a number of seconds above 0")
    if jobs < 0:
        raise _fail("--jobs takes a number of processes (0 for all cores)")
    if engine not in ("local", "dask"):
        raise _fail(f"unknown engine '{engine}'; use local or dask")
    if scheduler is not None and engine != "dask":
        raise _fail("--scheduler goes with --engine dask")
    if max_entry_chars < 100:
        raise _fail("--max-entry-chars takes a number of characters of at least 100")
    if max_entries < 1:
        raise _fail("--max-entries takes a number of entries above 0")
    options = AuditOptions(from_kind, settings.select, settings.ignore, settings.offline,
                           settings.max_bytes, manuscript_date,
                           {"format": fmt, "fail_on": settings.fail_on,
                            "ignored_config": list(settings.ignored),
                            "show_references": show_references}, max_seconds, max_entries,
                           max_entry_chars)
    folder: Path | None = None
    try:
        if output and output != "-":
            check_target(Path(output))
        elif output is None:
            folder = prepare_folder(output_dir or Path("reports"), output_dir is not None)
    except InputError as exc:
        raise _fail(str(exc)) from None
    stdin_bytes = _stdin(settings.max_bytes) if "-" in paths else None
    config = _resolver_config(settings, paths[0])
    from auditor.resolvers.factory import describe

    writer = None
    if folder is not None:
        manifest = Manifest.open(folder, settings_key(options.to_json(), fmt))
        writer = _PerDocument(fmt, folder, options.to_json(), describe(config), manifest)
        if resume:
            left = [p for p in paths if not manifest.finished(p)]
            if len(left) < len(paths):
                _say(f"refauditor: {len(paths) - len(left)} document(s) already reported in "
                     f"{folder}/, {len(left)} left")
            if not left:
                raise typer.Exit(0)
            paths = left
    elif resume:
        raise _fail("--resume reads the reports of --output-dir; it does not go with -o")
    jobs = jobs or os.cpu_count() or 1
    to_terminal = fmt == "text" and not (output and output != "-") and sys.stdout.isatty()
    run = _Run(paths, options, config, stdin_bytes, jobs, Engine(engine, scheduler), writer)
    if fmt == "json":
        outcome = _audit_streamed(run, output, settings.fail_on)
    else:
        outcome = _audit_rendered(run, output, fmt, to_terminal, settings.fail_on)
    code, errors = outcome
    for error in errors:
        _say(f"refauditor: {error}")
    if output and output != "-":
        _say(f"report written to {output}")
    elif writer is not None:
        _say(f"reports written to {writer.folder}/ ({len(writer.written)} file(s))")
    raise typer.Exit(0 if exit_zero and code == 1 else code)


class _Outcome:
    """What a run leaves for the exit code and stderr once its report is written: the worst
    finding, whether a document failed, and the failures' messages; kept per document as
    the documents pass, so a streamed batch needs nothing else of them."""

    def __init__(self, fail_on: str) -> None:
        self.threshold = Severity(fail_on).rank
        self.code = 0
        self.errors: list[str] = []

    def add(self, doc: DocumentReport) -> None:
        if doc.status == "error":
            self.code = 2
            self.errors.append(doc.error or "error")
        elif self.code == 0 and any(f.severity.rank >= self.threshold for f in doc.findings):
            self.code = 1

    def result(self) -> tuple[int, list[str]]:
        return self.code, self.errors


@dataclass(frozen=True)
class _Run:
    """What one audit command runs: the documents, the settings, where, and the writer of
    one report per document."""

    paths: list[str]
    options: AuditOptions
    config: ResolverConfig
    stdin_bytes: bytes | None
    jobs: int
    engine: Engine
    writer: _PerDocument | None


def _audit_streamed(run: _Run, output: str | None, fail_on: str) -> tuple[int, list[str]]:
    """A JSON run: each document's part of the report is written as soon as it is done
    and let go (a batch of any size runs in the memory of one document and the counts)."""
    from auditor.formats.json_format import stream
    from auditor.resolvers.factory import describe

    outcome = _Outcome(fail_on)

    def use(documents: Iterator[DocumentReport]) -> None:
        rendered = stream(run.options.to_json(), describe(run.config), documents, outcome.add)
        if output and output != "-":
            write_output(Path(output), rendered)
        else:
            _stdout(rendered)

    _run_with_progress(run, use)
    return outcome.result()


def _audit_rendered(run: _Run, output: str | None, fmt: str, to_terminal: bool,
                    fail_on: str) -> tuple[int, list[str]]:
    """Any other format: the whole run is rendered at the end."""
    from auditor.resolvers.factory import describe

    outcome = _Outcome(fail_on)

    def use(documents: Iterator[DocumentReport]) -> AuditReport:
        return AuditReport(tuple(documents), run.options.to_json(), describe(run.config))

    report = _run_with_progress(run, use)
    for doc in report.documents:
        outcome.add(doc)
    rendered: str | bytes
    if to_terminal:
        from auditor.formats.text import render as render_text

        rendered = render_text(report, color=True, width=shutil.get_terminal_size().columns)
    else:
        rendered = FORMATS[fmt](report)
    try:
        if output and output != "-":
            write_output(Path(output), rendered)
        else:
            _stdout(rendered)
    except InputError as exc:
        raise _fail(str(exc)) from None
    return outcome.result()


def is_binary(fmt: str) -> bool:
    """Whether a report format is a binary file (a workbook, a Word file)."""
    return fmt in BINARY_FORMATS


def _stdout(rendered: str | bytes | Iterator[str]) -> None:
    if isinstance(rendered, bytes):
        if sys.stdout.isatty():  # a workbook on a terminal is noise: the files have it
            return
        sys.stdout.flush()
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()
    elif isinstance(rendered, str):
        sys.stdout.write(rendered)
    else:
        sys.stdout.writelines(rendered)


def _default_cache() -> str | None:
    """The default response cache, or none (said on stderr) where its folder cannot be made:
    an unwritable or odd HOME costs the cache, not the audit."""
    path = default_cache()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _say(f"refauditor: no response cache this run ({path.parent}: {exc.strerror})")
        return None
    return str(path)


def _resolver_config(settings: Settings, first: str | None) -> ResolverConfig:
    """Snapshot and cache paths from settings (relative to the config's document), defaults."""
    from auditor.resolvers.factory import ResolverConfig

    base = Path(first).resolve().parent if first and first != "-" else Path.cwd()
    snapshot = settings.snapshot
    if snapshot and not Path(snapshot).is_absolute() and not Path(snapshot).exists():
        snapshot = str(base / snapshot)
    if snapshot is None and default_store().exists():
        snapshot = str(default_store())
    cache = settings.cache
    if cache is None and not settings.offline:
        cache = _default_cache()
    return ResolverConfig(offline=settings.offline, snapshot=snapshot, cache=cache,
                          mailto=settings.mailto)


T = TypeVar("T")


def _run_with_progress(run: _Run, use: Callable[[Iterator[DocumentReport]], T]) -> T:
    """Run the audit and hand its documents, as each is done, to ``use`` (which writes or
    gathers them), with a progress bar on stderr when it is a terminal: references of one
    document, or documents of a batch."""

    def documents(progress: Callable[[int, int], None] | None,
                  finished: Callable[[DocumentReport], None] | None
                  ) -> Iterator[DocumentReport]:
        for doc in iter_audit(run.paths, run.options, run.config, run.stdin_bytes, progress,
                              run.jobs, run.engine):
            if finished is not None:
                finished(doc)
            yield doc

    try:
        if not err.is_terminal:
            return use(documents(None, run.writer))
        with Progress(console=err, transient=True) as bar:
            batch = len(run.paths) > 1
            task = bar.add_task("checking documents" if batch else "checking references",
                                total=len(run.paths) if batch else None)

            def update(done: int, total: int) -> None:
                if not batch:
                    bar.update(task, completed=done, total=total)

            def finished(doc: DocumentReport) -> None:
                if run.writer is not None:
                    run.writer(doc)
                if batch:
                    bar.advance(task)

            return use(documents(update, finished))
    except InputError as exc:  # a snapshot or cache that cannot be opened; an unwritable -o
        raise _fail(str(exc)) from None


def _load_references(path: str, from_kind: str | None) -> list[ParsedReference]:
    """Read and split one input for ``parse`` and ``resolve`` (exit 2 on unreadable input)."""
    if from_kind and from_kind not in readers.ALL_KINDS:
        raise _fail(f"unknown input kind '{from_kind}'")
    stdin_bytes = _stdin(readers.DEFAULT_MAX_BYTES) if path == "-" else None
    try:
        doc = readers.load(path, from_kind, stdin_bytes)
    except InputError as exc:
        raise _fail(str(exc)) from None
    return parse_references(split_document(doc, from_kind).references, 1)


@app.command()
def parse(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A document, or '-' for stdin.")],
    from_kind: FromOpt = None,
    fmt: Annotated[str, typer.Option(
        "--format", metavar="FORMAT", help=f"One of {', '.join(PARSE_FORMATS)}.")] = "csl-jsonl",
    output: Annotated[str | None, typer.Option(
        "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
) -> None:
    """Parse every reference into CSL-JSON fields, in input order."""
    fmt = fmt.lower()
    if fmt not in PARSE_FORMATS:
        raise _fail(f"unknown format '{fmt}'; use one of {', '.join(PARSE_FORMATS)}")
    refs = _load_references(path, from_kind)
    _emit(PARSE_FORMATS[fmt]([public(r.csl) for r in refs]), output)


def _emit(text: str, output: str | None) -> None:
    """To stdout, or atomically to ``output`` (one line and exit 2 where it cannot go)."""
    if not output or output == "-":
        sys.stdout.write(text)
        return
    try:
        write_output(Path(output), text)
    except InputError as exc:
        raise _fail(str(exc)) from None


@app.command()
def resolve(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A document, or '-' for stdin.")],
    from_kind: FromOpt = None,
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT",
        help="jsonl (one object per reference).")]
    = "jsonl",
    offline: OfflineOpt = False,
    snapshot: SnapshotOpt = None,
    cache: CacheOpt = None,
    mailto: MailtoOpt = None,
    output: Annotated[str | None, typer.Option(
        "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
) -> None:
    """Look every reference up: resolved, not_found, unverified or conflict, with the reason."""
    if fmt != "jsonl":
        raise _fail("resolve writes jsonl only")
    settings = _settings(path, {"offline": offline or None, "snapshot": snapshot,
                                "cache": cache, "mailto": mailto})
    refs = _load_references(path, from_kind)
    try:
        from auditor.resolvers.factory import build_resolver

        resolver = build_resolver(_resolver_config(settings, path))
    except InputError as exc:
        raise _fail(str(exc)) from None
    rows = []
    for ref in resolver(refs) if refs else []:
        r = ref.resolution
        rows.append(json.dumps({
            "index": ref.ref.index, "raw": ref.ref.raw, "status": r.status, "doi": r.doi,
            "pmid": r.pmid, "score": r.score, "source": r.source, "reason": r.reason,
            "evidence": r.to_json()["evidence"]}, ensure_ascii=False) + "\n")
    _emit("".join(rows), output)


snapshot_app = typer.Typer(rich_markup_mode=None,
                           help="Build and inspect the local metadata snapshot.",
                           no_args_is_help=True)
app.add_typer(snapshot_app, name="snapshot")
StoreOpt = Annotated[Path | None, typer.Option(
    "--snapshot", "--store", metavar="PATH",
    help="Snapshot store file (default: the user's store); "
    "--store is the older name.")]


@snapshot_app.command("load")
def snapshot_load(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...",
        help="JSON Lines (gz or not) of Crossref works "
                                                "or {pmid, pmcid, doi} maps, or {items: [...]}.")],
    store: StoreOpt = None,
    authoritative_prefix: Annotated[list[str] | None, typer.Option(
        "--authoritative-prefix", metavar="PREFIX",
        help="The files hold every work of this DOI prefix (repeatable): absence from the "
        "store then means not found for it.")] = None,
    authoritative: Annotated[bool, typer.Option(
        "--authoritative", help="The files are whole Crossref public-data files "
        "({items: [...]}): complete for every DOI prefix they hold.")] = False,
    authoritative_pmids: Annotated[bool, typer.Option(
        "--authoritative-pmids", help="The id maps in the files list every PMID: a PMID "
        "absent from them is not found.")] = False,
) -> None:
    """Load records into the snapshot store (streamed, bounded memory). Absence from the
    store is an answer only where you grant authority here; a file's header never does."""
    from auditor.resolvers.snapshot import Authority, is_public_data_file

    prefixes = frozenset(_prefix(p) for p in authoritative_prefix or [])
    for file in files:
        if not file.is_file():
            raise _fail(f"{file}: no such file")
        if authoritative and not is_public_data_file(file):
            raise _fail(f"{file}: --authoritative is for whole Crossref public-data files "
                        "({\"items\": [...]}); name the prefixes this file is complete for "
                        "with --authoritative-prefix")
    authority = Authority(prefixes, authoritative, authoritative_pmids)
    target = store or default_store()
    try:
        if target.is_dir():
            raise InputError(f"{target}: is a folder, not a snapshot store")
        target.parent.mkdir(parents=True, exist_ok=True)
        db = Snapshot(target)
    except (InputError, OSError) as exc:
        raise _fail(str(exc) if isinstance(exc, InputError) else
                    f"{target}: cannot create the store ({exc.strerror})") from None
    try:
        for file in files:
            try:
                stats = db.load(file, authority)
            except (InputError, ValueError, OSError) as exc:
                message = str(exc)
                raise _fail(message if message.startswith(str(file)) else f"{file}: {message}"
                            ) from None
            covered = ", ".join(stats.authoritative_for) or "nothing (absence stays unverified)"
            err.print(f"{file}: {stats.works} works, {stats.id_rows} id rows"
                      f"{f', {stats.skipped} skipped' if stats.skipped else ''}; "
                      f"authoritative for {covered}", markup=False, highlight=False, soft_wrap=True)
            if stats.ignored_claim:
                err.print(f"{file}: its header claims authority; ignored (grant it with "
                          "--authoritative-prefix)", markup=False, highlight=False, soft_wrap=True)
    finally:
        db.close()


def _prefix(value: str) -> str:
    """A DOI prefix as given ("10.5555", "10.5555/"): checked, lower case."""
    from auditor.identifiers import is_doi_prefix

    prefix = value.strip().rstrip("/").lower()
    if not is_doi_prefix(prefix):
        raise _fail(f"--authoritative-prefix {value!r}: not a DOI prefix (10.<4-9 digits>)")
    return prefix


@snapshot_app.command("info")
def snapshot_info(store: StoreOpt = None) -> None:
    """Counts and coverage of the snapshot store."""
    target = store or default_store()
    if not target.exists():
        raise _fail(f"{target}: no snapshot store (build one with 'refauditor snapshot load')")
    try:
        if target.is_dir():
            raise InputError(f"{target}: is a folder, not a snapshot store")
        db = Snapshot(target, writable=False)
    except InputError as exc:
        raise _fail(str(exc)) from None
    sys.stdout.write(json.dumps(db.info(), indent=2) + "\n")
    db.close()


@app.command()
def rules() -> None:
    """List every check: code, name, default severity and what it finds."""
    from auditor.checks import REGISTRY

    table = Table("code", "name", "severity", "confidence", "summary", box=None)
    for code, check in sorted(REGISTRY.items()):
        table.add_row(code, check.name, check.severity.value, f"{check.confidence:.2f}",
                      check.summary)
    Console(highlight=False, width=140).print(table)


@app.command()
def explain(code: Annotated[str, typer.Argument(
        metavar="CODE", help="A check code (RA101) or name.")]) -> None:
    """Print the documentation of one check."""
    from auditor.checks import REGISTRY

    for check in REGISTRY.values():
        if code.upper() == check.code or code.lower() == check.name:
            sys.stdout.write(f"{check.code} {check.name} ({check.severity.value})\n\n"
                             f"{check.doc()}\n")
            return
    raise _fail(f"unknown check '{code}' (see 'refauditor rules')")


@app.command()
def issue(
    issn: Annotated[str, typer.Option("--issn", metavar="ISSN",
        help="The journal's ISSN (print or online).")],
    volume: Annotated[str | None, typer.Option("--volume", metavar="V",
        help="Only this volume.")] = None,
    number: Annotated[str | None, typer.Option("--issue", metavar="N",
        help="Only this issue.")] = None,
    doi_prefix: Annotated[str | None, typer.Option(
        "--doi-prefix", metavar="PREFIX",
        help="Only works whose DOI has this prefix (10.1016).")] = None,
    from_date: Annotated[str | None, typer.Option(
        "--from-date", metavar="DATE",
        help="Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    until_date: Annotated[str | None, typer.Option(
        "--until-date", metavar="DATE",
        help="Published on or before (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    fmt: FormatOpt = "text",
    output: OutputOpt = None,
    output_dir: Annotated[Path | None, typer.Option(
        "--output-dir", metavar="DIR",
        help="Folder for one report per work (default: reports).")] = None,
    fail_on: FailOnOpt = None,
    offline: OfflineOpt = False,
    snapshot: SnapshotOpt = None,
    cache: CacheOpt = None,
    mailto: MailtoOpt = None,
    jobs: JobsOpt = 0,
    exit_zero: ExitZeroOpt = False,
) -> None:
    """Audit a journal issue: each work's deposited reference list, from Crossref (offline:
    from the snapshot), as one batch."""
    from auditor.readers.issue import IssueQuery, issue_dois, valid_issn

    for name, value in (("--from-date", from_date), ("--until-date", until_date)):
        if value and not _DATE_RE.fullmatch(value):
            raise _fail(f"{name} takes YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        query = IssueQuery(valid_issn(issn), volume, number, doi_prefix, from_date, until_date)
        settings = _settings(None, {"offline": offline or None, "snapshot": snapshot,
                                    "cache": cache, "mailto": mailto})
        dois = issue_dois(query, _resolver_config(settings, None))
    except InputError as exc:
        raise _fail(str(exc)) from None
    _say(f"refauditor: {len(dois)} works in {query}")
    audit(paths=dois, from_kind="doi", fmt=fmt, glob=None, output=output,
          output_dir=output_dir, fail_on=fail_on, select=None, ignore=None, offline=offline,
          snapshot=snapshot, cache=cache, mailto=mailto, manuscript_date=None,
          max_seconds=300.0, exit_zero=exit_zero, show_references=False, jobs=jobs,
          engine="local", scheduler=None, max_entries=MAX_ENTRIES,
          max_entry_chars=MAX_ENTRY_CHARS, resume=False)


DEPENDENCIES = ("httpx", "typer", "rich", "rapidfuzz", "python-crfsuite", "lxml",
                "markdown-it-py", "python-stdnum", "bibtexparser", "rispy", "python-docx",
                "pypdfium2", "jinja2", "openpyxl")


@app.command()
def doctor() -> None:
    """Print the facts a bug report needs: versions, dependency versions, the store and cache
    paths, and which configuration files set what."""
    from importlib import metadata

    from auditor.config import user_config

    out = [f"refauditor {__version__}", f"Python {platform.python_version()}",
           platform.platform(), "dependencies:"]
    for name in DEPENDENCIES:
        try:
            out.append(f"  {name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"  {name} not installed")
    for label, path in (("snapshot store", default_store()), ("response cache", default_cache())):
        out.append(f"{label}: {path} ({'present' if path.exists() else 'absent'})")
    own = user_config()
    here = Path.cwd() / "refauditor.toml"
    for label, path in (("your config", own), ("config here", here)):
        if path.is_file():
            text = path.read_text("utf-8", errors="replace")
            keys = [ln.split("=")[0].strip() for ln in text.splitlines()
                    if "=" in ln and not ln.lstrip().startswith("#")]
            out.append(f"{label}: {path} sets {', '.join(keys) or 'nothing'}")
        else:
            out.append(f"{label}: {path} (none)")
    sys.stdout.write(printable("\n".join(out)) + "\n")


def main() -> None:
    """Console entry point: no traceback reaches the user for expected failures."""
    try:
        app()
    except (InputError, ConfigError, RefauditError) as exc:
        _fail(str(exc))
        raise SystemExit(2) from None
