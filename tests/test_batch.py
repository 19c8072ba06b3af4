"""Batches: several processes give the reports one process gives, each document's report is
handed on as soon as it is done, in order."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.formats.json_format import report_json
from auditor.models import AuditReport, DocumentReport
from auditor.pipeline import AuditOptions, run_audit
from auditor.resolvers.factory import ResolverConfig
from tests.conftest import FIXTURES

runner = CliRunner()


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "issue"
    folder.mkdir()
    for source in sorted((FIXTURES / "checks").glob("RA[15]0*.*"))[:8]:
        shutil.copy(source, folder / source.name)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00")  # one document that cannot be read
    return folder


def test_processes_give_the_reports_of_one_process_in_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    sources = sorted(str(p) for p in folder.iterdir())
    config = ResolverConfig(offline=True, snapshot=str(FIXTURES / "sample-snapshot.jsonl"))
    seen: list[DocumentReport] = []
    one = run_audit(sources, AuditOptions(offline=True), config)
    two = run_audit(sources, AuditOptions(offline=True), config, jobs=2,
                    on_document=seen.append)
    assert json.dumps(report_json(one)) == json.dumps(report_json(two))
    assert [d.source for d in seen] == sources
    assert [d.status for d in two.documents].count("error") == 1


def test_the_cli_writes_one_report_per_document_with_jobs(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "reports"
    result = runner.invoke(app, ["audit", str(folder), "--offline", "-j", "2",
                                 "--output-dir", str(out), "--format", "json", "--exit-zero"])
    assert result.exit_code == 2  # one document could not be read: said, and exit 2
    assert "broken.txt" in result.output
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert len(written) == len(list(folder.iterdir()))
    assert all(name.endswith(".refauditor.json") for name in written)
    assert runner.invoke(app, ["audit", str(folder), "--jobs", "-1"]).exit_code == 2


def test_a_problem_reference_in_several_manuscripts_is_reported_with_them(
        tmp_path: Path) -> None:
    from auditor.patterns import patterns

    sources = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        shutil.copy(FIXTURES / "checks" / "RA404-not-found.txt", path)
        sources.append(str(path))
    config = ResolverConfig(offline=True,
                            snapshot=str(FIXTURES / "checks" / "verification.snapshot.jsonl"))
    report = run_audit(sources, AuditOptions(offline=True), config)
    batch = patterns(report)
    assert batch is not None
    (problem,) = [p for p in batch["recurring_problems"] if p["check"] == "RA404"]
    assert problem["documents"] == sources
    assert [d["source"] for d in batch["documents"]] == sources
    assert report_json(report)["batch"] == batch
    assert "batch" not in report_json(run_audit(sources[:1], AuditOptions(offline=True),
                                                config))


def test_a_rerun_with_resume_audits_only_what_is_new_or_changed(tmp_path: Path) -> None:
    import os
    import time

    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(FIXTURES / "checks" / "clean-vancouver.txt", folder / name)
    out = tmp_path / "reports"
    args = ["audit", str(folder), "--offline", "--output-dir", str(out), "--format", "json",
            "--exit-zero", "-j", "1"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert len(stamps) == 3
    changed = folder / "b.txt"
    changed.write_text(changed.read_text("utf-8") + "\n", "utf-8")
    os.utime(changed, ns=(time.time_ns(), time.time_ns() + 10**9))
    again = runner.invoke(app, [*args, "--resume"])
    assert again.exit_code == 0, again.output
    assert "2 document(s) already reported" in again.output
    assert [d["source"] for d in json.loads(again.stdout)["documents"]] == [str(changed)]
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert after["a.refauditor.json"] == stamps["a.refauditor.json"]
    assert after["b.refauditor.json"] != stamps["b.refauditor.json"]
    done = runner.invoke(app, [*args, "--resume"])
    assert done.exit_code == 0 and "0 left" in done.output


def test_the_json_of_a_batch_written_in_pieces_is_the_whole_json(tmp_path: Path) -> None:
    from auditor.formats.json_format import chunks, render

    folder = _folder(tmp_path)
    report = run_audit(sorted(str(p) for p in folder.iterdir()), AuditOptions(offline=True),
                       ResolverConfig(offline=True))
    assert "".join(chunks(report)) == render(report)


def test_a_batch_run_again_repeats_no_lookup(tmp_path: Path) -> None:
    """Online against the loopback double, with the response cache: the documents of a
    batch audited in two runs (an interruption, then the rest) share references, and the
    second run asks the double nothing the first already asked."""
    from auditor.resolvers.http import HttpSettings
    from auditor.resolvers.snapshot import Snapshot
    from auditor.testing.loopback import running

    works = [{"DOI": f"10.5555/w{n}", "type": "journal-article", "title": [f"Work {n} on "
              "ketamine and depression"], "author": [{"family": "Smith", "given": "J"}],
              "container-title": ["J Test"], "volume": str(n), "page": "1-9",
              "issued": {"date-parts": [[2020]]}} for n in range(6)]
    source = tmp_path / "works.jsonl"
    source.write_text("\n".join(json.dumps(w) for w in works) + "\n", "utf-8")
    store = Snapshot(tmp_path / "double.sqlite")
    store.load(source)
    docs = []
    for d in range(4):  # each document cites four of the six works, the others overlap
        lines = ["References", ""] + [
            f"{k + 1}. Smith J. Work {n} on ketamine and depression. J Test. 2020;{n}:1-9. "
            f"doi:10.5555/w{n}" for k, n in enumerate((d + i) % 6 for i in range(4))]
        path = tmp_path / f"doc{d}.txt"
        path.write_text("\n".join(lines) + "\n", "utf-8")
        docs.append(str(path))
    fast = HttpSettings(retries=0, backoff=0.01, read_timeout=2, connect_timeout=1)
    with running(store) as double:
        config = ResolverConfig(crossref_base=double.url, eutils_base=double.url + "/eutils",
                                datacite_base=double.url + "/datacite", http=fast,
                                cache=str(tmp_path / "cache.sqlite"))
        first = run_audit(docs[:2], AuditOptions(), config)
        asked = list(double.stats.paths)
        second = run_audit(docs[2:], AuditOptions(), config)
        again = double.stats.paths[len(asked):]
    assert asked and not set(again) & set(asked)
    resolved = [r.resolution.status for d in (*first.documents, *second.documents)
                for r in d.references]
    assert resolved.count("resolved") == 16


def test_the_json_stream_writes_each_document_before_the_next_is_audited(
        tmp_path: Path) -> None:
    """The CLI's JSON is written from the audit as it runs: a document's part is out before
    the next document is audited, so a batch holds one document, not the run."""
    from auditor.formats.json_format import render, stream
    from auditor.pipeline import iter_audit

    folder = _folder(tmp_path)
    sources = sorted(str(p) for p in folder.iterdir())
    options, config = AuditOptions(offline=True), ResolverConfig(offline=True)
    audited: list[str] = []

    def documents() -> Iterator[DocumentReport]:
        for doc in iter_audit(sources, options, config):
            audited.append(doc.source)
            yield doc

    pieces: list[str] = []
    for piece in stream(options.to_json(), {}, documents()):
        if not any(sources[0] in p for p in pieces) and sources[0] in piece:
            assert audited == sources[:1]  # the first document's part, before the second
        pieces.append(piece)
    whole = run_audit(sources, options, config)
    assert "".join(pieces) == render(AuditReport(whole.documents, options.to_json(), {}))


def test_the_cli_json_of_a_batch_is_the_report_of_the_run(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = runner.invoke(app, ["audit", str(folder), "--offline", "--format", "json",
                                 "-o", "-", "--fail-on", "error"])
    report = report_json(run_audit(sorted(str(p) for p in folder.iterdir()),
                                   AuditOptions(offline=True), ResolverConfig(offline=True)))
    assert result.exit_code == 2 and "broken.txt" in result.stderr
    streamed = json.loads(result.stdout)
    for key in ("documents", "summary", "batch"):
        assert streamed[key] == report[key]


def test_a_batch_on_a_dask_cluster_gives_the_reports_of_one_process(tmp_path: Path) -> None:
    """--engine dask: the documents go to the workers of a (here local) Dask cluster and
    come back in order, the same reports as one process; a scheduler that is not there is
    one line and exit 2."""
    pytest.importorskip("distributed")
    from auditor.pipeline import Engine, iter_audit

    folder = _folder(tmp_path)
    sources = sorted(str(p) for p in folder.iterdir())
    config = ResolverConfig(offline=True, snapshot=str(FIXTURES / "sample-snapshot.jsonl"))
    one = run_audit(sources, AuditOptions(offline=True), config)
    on_dask = list(iter_audit(sources, AuditOptions(offline=True), config, jobs=2,
                              engine=Engine("dask")))
    assert [d.source for d in on_dask] == sources
    assert json.dumps(report_json(one)) == json.dumps(report_json(
        AuditReport(tuple(on_dask), one.options, one.resolvers)))
    out = tmp_path / "reports"
    result = runner.invoke(app, ["audit", str(folder), "--offline", "--engine", "dask",
                                 "-j", "1", "--output-dir", str(out), "--format", "json",
                                 "--exit-zero"])
    assert result.exit_code == 2 and "broken.txt" in result.stderr  # the unreadable one
    assert len([p for p in out.iterdir() if not p.name.startswith(".")]) == len(sources)
    unreachable = runner.invoke(app, ["audit", str(folder), "--offline", "--engine", "dask",
                                      "--scheduler", "tcp://127.0.0.1:9", "-o", "-"])
    assert unreachable.exit_code == 2 and "--scheduler" in unreachable.stderr
    assert "Traceback" not in unreachable.output
