"""The command line as users and scripts meet it: exit codes, formats, config, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
SAMPLE = str(FIXTURES / "sample-manuscript.md")
CLEAN = str(FIXTURES / "checks" / "clean-vancouver.txt")


def test_audit_json_to_stdout_and_exit_1_on_warnings(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", SAMPLE, "--format", "json", "-o", "-", "--offline"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["tool"]["name"] == "refauditor" and report["schema_version"]
    assert set(report) == {"schema_version", "tool", "run", "documents", "summary"}
    doc = report["documents"][0]
    assert doc["status"] == "ok" and doc["split_mode"] == "section:unnumbered"
    ref = doc["references"][0]
    assert set(ref) >= {"id", "index", "label", "raw", "span", "context", "csl", "identifiers",
                        "resolution"}


def test_clean_list_exits_0_and_writes_per_document_report(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", CLEAN, "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "clean-vancouver.refauditor.txt").exists()


def test_fail_on_error_ignores_warnings() -> None:
    warned = str(FIXTURES / "checks" / "RA101-duplicate-reference.txt")  # warnings only
    assert runner.invoke(app, ["audit", warned, "-o", "-", "--offline"]).exit_code == 1
    result = runner.invoke(app, ["audit", warned, "-o", "-", "--offline", "--fail-on", "error"])
    assert result.exit_code == 0
    planted = runner.invoke(app, ["audit", SAMPLE, "-o", "-", "--offline", "--fail-on", "error"])
    assert planted.exit_code == 1  # the fabricated reference is a not-found error


def test_ignore_and_select() -> None:
    result = runner.invoke(app, ["audit", SAMPLE, "-o", "-", "--format", "json",
                                 "--select", "RA1", "--ignore", "duplicate-reference"])
    codes = {f["code"] for f in json.loads(result.stdout)["documents"][0]["findings"]}
    assert codes == {"RA102", "RA104", "RA105"}


def test_config_file_beside_document(tmp_path: Path) -> None:
    doc = tmp_path / "refs.txt"
    doc.write_text((FIXTURES / "sample-manuscript.md").read_text(encoding="utf-8"), "utf-8")
    (tmp_path / "refauditor.toml").write_text('ignore = ["RA1", "RA2", "RA3", "RA5"]\n', "utf-8")
    result = runner.invoke(app, ["audit", str(doc), "-o", "-"])
    assert result.exit_code == 0, result.output


def test_bad_config_is_a_usage_error(tmp_path: Path) -> None:
    doc = tmp_path / "refs.txt"
    doc.write_text("Zanos P. Title. Mol Psychiatry. 2018;23:801-811.\n", "utf-8")
    (tmp_path / "refauditor.toml").write_text('fail-on = "sometimes"\n', "utf-8")
    result = runner.invoke(app, ["audit", str(doc), "-o", "-"])
    assert result.exit_code == 2 and "fail-on" in result.stderr


def test_missing_file_is_exit_2_without_traceback() -> None:
    result = runner.invoke(app, ["audit", "no-such-file.txt", "-o", "-"])
    assert result.exit_code == 2
    assert "no such file" in result.stderr and "Traceback" not in result.output


def test_one_bad_input_does_not_lose_the_others() -> None:
    result = runner.invoke(app, ["audit", "missing.txt", CLEAN, "-o", "-", "--format", "json"])
    assert result.exit_code == 2
    docs = json.loads(result.stdout)["documents"]
    assert [d["status"] for d in docs] == ["error", "ok"] and len(docs[1]["references"]) == 7


def test_a_fault_of_ours_in_one_document_is_one_line_and_the_others_go_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.pipeline

    real = auditor.pipeline.audit_document

    def faulty(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if doc.source.endswith("faulty.txt"):
            raise IndexError("list index out of range")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(auditor.pipeline, "audit_document", faulty)
    faulty_path = tmp_path / "faulty.txt"
    faulty_path.write_text("References\n\n1. Smith J. A paper. J Test. 2020;1:1-9.\n")
    result = runner.invoke(app, ["audit", str(faulty_path), CLEAN, "-o", "-", "--format",
                                 "json"])
    assert result.exit_code == 2
    docs = json.loads(result.stdout)["documents"]
    assert [d["status"] for d in docs] == ["error", "ok"]
    assert "internal error (IndexError" in docs[0]["error"]
    assert "Traceback" not in result.output


def test_unreadable_encoding_and_empty_input(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Müller A. Titel. 2019.".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", "utf-8")
    for path, words in ((bad, "not UTF-8"), (empty, "empty")):
        result = runner.invoke(app, ["audit", str(path), "-o", "-"])
        assert result.exit_code == 2 and words in result.stderr


def test_stdin_input() -> None:
    text = (FIXTURES / "checks" / "RA102-stray-label.txt").read_text(encoding="utf-8")
    result = runner.invoke(app, ["audit", "-", "-o", "-", "--format", "json"], input=text)
    codes = [f["code"] for f in json.loads(result.stdout)["documents"][0]["findings"]]
    assert "RA102" in codes


def test_markdown_format_has_a_row_per_entry() -> None:
    result = runner.invoke(app, ["audit", SAMPLE, "-o", "-", "--format", "markdown",
                                 "--offline"])
    rows = [ln for ln in result.stdout.splitlines() if ln.startswith("| ") and " | 2" in ln[:12]]
    assert "| Entry | Line | First author | Year | Resolution | DOI | Findings |" in result.stdout
    assert sum(ln.startswith("| 38 | ") and "error RA201" in ln
               for ln in result.stdout.splitlines()) == 1
    assert rows
    assert "| Severity | Rule | Entries | Message |" in result.stdout


def test_unknown_or_planned_options_fail_clearly() -> None:
    assert runner.invoke(app, ["audit", SAMPLE, "--format", "nosuch"]).exit_code == 2
    assert runner.invoke(app, ["audit", SAMPLE, "--from", "nosuch"]).exit_code == 2
    assert runner.invoke(app, ["audit", SAMPLE, "--select", "RA999"]).exit_code == 2


def test_rules_and_explain() -> None:
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0 and "duplicate-reference" in listing.stdout
    doc = runner.invoke(app, ["explain", "RA201"])
    assert doc.exit_code == 0 and "Why it matters" in doc.stdout
    assert runner.invoke(app, ["explain", "RA000"]).exit_code == 2


def test_exit_zero_keeps_findings_but_exits_0() -> None:
    result = runner.invoke(app, ["audit", SAMPLE, "-o", "-", "--exit-zero", "--offline"])
    assert result.exit_code == 0 and "RA101" in result.stdout


def test_sample_manuscript_resolves_against_its_snapshot() -> None:
    result = runner.invoke(app, ["audit", SAMPLE, "-o", "-", "--format", "json", "--offline",
                                 "--snapshot", str(FIXTURES / "sample-snapshot.jsonl")])
    doc = json.loads(result.stdout)["documents"][0]
    statuses = {r["resolution"]["status"] for r in doc["references"]}
    assert statuses == {"resolved", "not_found", "unverified"}
    planted = doc["references"][-1]
    assert planted["resolution"]["status"] == "not_found"
    assert planted["resolution"]["source"] == "snapshot"
    webpage = doc["references"][0]["resolution"]
    assert webpage["status"] == "unverified"


def test_parse_command_formats() -> None:
    lines = runner.invoke(app, ["parse", CLEAN])
    assert lines.exit_code == 0
    records = [json.loads(x) for x in lines.stdout.splitlines()]
    assert len(records) == 7 and records[0]["DOI"] == "10.1146/annurev-med-051322-120608"
    for fmt, marker in (("bibtex", "@article{"), ("ris", "TY  - JOUR"), ("table", "first author"),
                        ("csl-json", '"container-title"')):
        out = runner.invoke(app, ["parse", CLEAN, "--format", fmt])
        assert out.exit_code == 0 and marker in out.stdout, fmt
    assert runner.invoke(app, ["parse", "nope.txt"]).exit_code == 2


def test_parse_from_lines_reads_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("Zanos P. Mechanisms. Mol Psychiatry. 2018;23:801-811.\n\nx\nRen L. T. J. 2024;1:1.\n", "utf-8")
    out = runner.invoke(app, ["parse", str(path), "--from", "lines"])
    assert len(out.stdout.splitlines()) == 3


def test_snapshot_load_info_and_resolve(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    snap = FIXTURES / "sample-snapshot.jsonl"
    loaded = runner.invoke(app, ["snapshot", "load", str(snap), "--store", str(store)])
    assert loaded.exit_code == 0, loaded.output
    info = json.loads(runner.invoke(app, ["snapshot", "info", "--store", str(store)]).stdout)
    assert info["works"] == 29 and info["authoritative_for"] == []  # the header claims; ignored
    assert info["loads"][0]["header_claim_ignored"] is True
    out = runner.invoke(app, ["resolve", CLEAN, "--snapshot", str(store), "--offline"])
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r["status"] for r in rows][:2] == ["resolved", "resolved"]
    assert set(rows[0]) >= {"index", "raw", "status", "doi", "pmid", "score", "source", "reason"}


def test_snapshot_errors_are_clear(tmp_path: Path) -> None:
    assert runner.invoke(app, ["snapshot", "info", "--store", str(tmp_path / "x")]).exit_code == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", "utf-8")
    result = runner.invoke(app, ["snapshot", "load", str(bad), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert runner.invoke(app, ["audit", CLEAN, "--snapshot", str(tmp_path / "none")]).exit_code == 2


def _statuses(doc: Path, env: dict[str, str]) -> list[tuple[str, str | None]]:
    out = runner.invoke(app, ["audit", str(doc), "--offline", "--format", "json", "-o", "-"],
                        env=env)
    refs = json.loads(out.stdout)["documents"][0]["references"]
    return [(r["resolution"]["status"], r["resolution"]["reason"]) for r in refs]


def test_loading_the_sample_snapshot_changes_no_other_documents_verdicts(tmp_path: Path) -> None:
    # As the README invites: load the sample into the user's default store. Its header claims
    # authority over a prefix; a store takes authority only from the command line.
    # The same records without the header are the baseline: the claim must change nothing.
    sample = FIXTURES / "sample-snapshot.jsonl"
    bare = tmp_path / "bare.jsonl"
    bare.write_text("".join(sample.read_text("utf-8").splitlines(True)[1:]), "utf-8")
    other = tmp_path / "seed001-references.txt"
    other.write_text((FIXTURES / "seed001-references.txt").read_text("utf-8"), "utf-8")
    verdicts = []
    for name, source in (("bare", bare), ("sample", sample)):
        env = {"REFAUDITOR_SNAPSHOT": str(tmp_path / f"{name}.sqlite"),
               "REFAUDITOR_CACHE": str(tmp_path / "cache.sqlite")}
        loaded = runner.invoke(app, ["snapshot", "load", str(source)], env=env)
        assert loaded.exit_code == 0
        verdicts.append(_statuses(other, env))
    assert "ignored" in loaded.output
    assert verdicts[0] == verdicts[1]
    assert "not_found" not in {status for status, _ in verdicts[1]}


def test_authority_is_granted_per_prefix_on_the_command_line(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    snap = str(FIXTURES / "sample-snapshot.jsonl")
    result = runner.invoke(app, ["snapshot", "load", snap, "--store", str(store),
                                 "--authoritative-prefix", "10.5555"])
    assert result.exit_code == 0 and "authoritative for doi-prefix:10.5555" in result.output
    refused = runner.invoke(app, ["snapshot", "load", snap, "--store", str(store),
                                  "--authoritative"])
    assert refused.exit_code == 2 and "public-data" in refused.output
    bad = runner.invoke(app, ["snapshot", "load", snap, "--store", str(store),
                              "--authoritative-prefix", "10.x"])
    assert bad.exit_code == 2


def test_text_and_markdown_reports_list_inline_links(tmp_path: Path) -> None:
    page = str(FIXTURES / "checks" / "inline-links.md")
    text = runner.invoke(app, ["audit", page, "--offline", "-o", "-", "--exit-zero"]).stdout
    assert "link 2, line 4: doi 10.5555/fixture.cohort.missing unverified (offline)" in text
    md = runner.invoke(app, ["audit", page, "--offline", "-o", "-", "--exit-zero",
                             "--format", "markdown"]).stdout
    assert "| 2 | 4 | 10.5555/fixture.cohort.missing | unverified (offline) |" in md


def test_config_beside_a_document_cannot_set_paths_or_limits(tmp_path: Path) -> None:
    # A stranger's folder: its config may say how to report, not what to read or write.
    other = tmp_path / "other.sqlite"
    (tmp_path / "paper.txt").write_text((FIXTURES / "checks" / "clean-vancouver.txt")
                                        .read_text("utf-8"), "utf-8")
    (tmp_path / "refauditor.toml").write_text(
        f'snapshot = "{other}"\ncache = "{tmp_path}/new/dir/x.sqlite"\nmax-bytes = 999999999999\n'
        'fail-on = "error"\n', "utf-8")
    result = runner.invoke(app, ["audit", str(tmp_path / "paper.txt"), "--offline", "-o", "-",
                                 "--format", "json"], env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    run = json.loads(result.stdout)["run"]
    assert run["options"]["fail_on"] == "error"  # a report setting: obeyed
    assert sorted(e.rsplit(": ", 1)[1] for e in run["options"]["ignored_config"]) == \
        ["cache", "max-bytes", "snapshot"]
    assert not other.exists() and not (tmp_path / "new").exists()
    assert "ignored" in result.stderr


def test_the_users_own_config_sets_paths(tmp_path: Path) -> None:
    cfg = tmp_path / "cfg" / "refauditor"
    cfg.mkdir(parents=True)
    (cfg / "config.toml").write_text(
        f'snapshot = "{FIXTURES / "sample-snapshot.jsonl"}"\n', "utf-8")
    result = runner.invoke(app, ["audit", SAMPLE, "--offline", "-o", "-", "--format", "json"],
                           env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    statuses = {r["resolution"]["status"] for r in json.loads(result.stdout)["documents"][0][
        "references"]}
    assert "resolved" in statuses


def test_text_report_in_a_pipe_is_one_unwrapped_line_per_finding() -> None:
    result = runner.invoke(app, ["audit", str(FIXTURES / "seed001-references.txt"), "--offline",
                                 "-o", "-", "--exit-zero"])
    lines = result.stdout.splitlines()
    assert lines[0].startswith("nothing was verified: offline")
    assert lines[1].startswith("consulted: snapshot: none")
    (dup,) = [x for x in lines if "RA101" in x and "#15" in x]
    assert "#15 McIntyre 2021, line" in dup and "verbatim copy" in dup  # named, whole
    assert not any("\x1b[" in x for x in lines)  # no colour in a pipe


def test_version_short_help_and_format_case() -> None:
    assert runner.invoke(app, ["--version"]).stdout.startswith("refauditor ")
    assert runner.invoke(app, ["audit", "-h"]).exit_code == 0
    upper = runner.invoke(app, ["audit", CLEAN, "--offline", "--format", "JSON", "-o", "-"])
    assert upper.exit_code == 0 and json.loads(upper.stdout)["schema_version"]


def test_a_folder_is_audited_document_by_document(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    clean = (FIXTURES / "checks" / "clean-vancouver.txt").read_text("utf-8")
    (tmp_path / "a.txt").write_text(clean, "utf-8")
    (tmp_path / "sub" / "b.md").write_text(clean, "utf-8")
    (tmp_path / ".git" / "c.txt").write_text(clean, "utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    result = runner.invoke(app, ["audit", str(tmp_path), "--offline", "-o", "-",
                                 "--format", "json", "--exit-zero"])
    sources = [d["source"] for d in json.loads(result.stdout)["documents"]]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.md")]
    only = runner.invoke(app, ["audit", str(tmp_path), "--glob", "*.md", "--offline", "-o", "-",
                               "--format", "json", "--exit-zero"])
    assert [d["source"] for d in json.loads(only.stdout)["documents"]] == [
        str(tmp_path / "sub" / "b.md")]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert runner.invoke(app, ["audit", str(empty), "--offline"]).exit_code == 2


def test_parse_and_resolve_write_files_and_store_options_use_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "refs.jsonl"
    assert runner.invoke(app, ["parse", CLEAN, "-o", str(out)]).exit_code == 0
    assert len(out.read_text("utf-8").splitlines()) == 7
    resolved = tmp_path / "resolved.jsonl"
    assert runner.invoke(app, ["resolve", CLEAN, "--offline", "-o", str(resolved)]).exit_code == 0
    assert json.loads(resolved.read_text("utf-8").splitlines()[0])["status"] == "unverified"
    bad = runner.invoke(app, ["parse", CLEAN, "-o", str(tmp_path / "no" / "x.jsonl")])
    assert bad.exit_code == 2
    store = tmp_path / "s.sqlite"
    loaded = runner.invoke(app, ["snapshot", "load", str(FIXTURES / "sample-snapshot.jsonl"),
                                 "--snapshot", str(store)])
    assert loaded.exit_code == 0 and store.exists()
    facts = runner.invoke(app, ["doctor"]).stdout
    assert facts.startswith("refauditor ")
    assert "  python-docx " in facts and "response cache: " in facts and "your config: " in facts
    assert runner.invoke(app, ["issue", "--issn", "1234-5678"]).exit_code == 2


def test_show_references_lists_every_reference_with_its_resolution() -> None:
    result = runner.invoke(app, ["audit", SAMPLE, "--offline", "-o", "-", "--exit-zero",
                                 "--snapshot", str(FIXTURES / "sample-snapshot.jsonl"),
                                 "--show-references"])
    listed = [x for x in result.stdout.splitlines() if x.startswith("#") and ", line " in x
              and ": " in x and " RA" not in x]
    assert len(listed) == 42
    assert any("resolved via snapshot doi 10.1016/j.bbr.2020.112508" in x for x in listed)
    assert any("not_found (doi-not-registered)" in x for x in listed)


def test_the_terminal_report_fits_80_columns_without_breaking_words(tmp_path: Path) -> None:
    """Seed 001's list through a pseudo-terminal 80 columns wide: every line fits, and every
    reference's status is there whole (a word broken across lines would not be found)."""
    import fcntl
    import os
    import pty
    import re
    import struct
    import subprocess
    import sys
    import termios

    from auditor.formats.text import entry_name
    from auditor.pipeline import AuditOptions, run_audit
    from auditor.resolvers.factory import ResolverConfig

    seed = FIXTURES / "seed001-references.txt"
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 80, 0, 0))
    exe = str(Path(sys.executable).parent / "refauditor")
    env = {**os.environ, "COLUMNS": "80", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [exe, "audit", str(seed), "--offline", "--show-references", "--exit-zero",
         "--output-dir", str(tmp_path)], stdin=follower, stdout=follower, stderr=follower,
        env=env, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(leader)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07", "", b"".join(chunks).decode())
    # A carriage return starts the line again (the progress bar redraws itself so).
    lines = [part for ln in shown.split("\n") for part in ln.split("\r")]
    # The closing note names the report folder whole, so that it can be copied.
    assert max(len(ln) for ln in lines if not ln.startswith("reports written to")) <= 80
    joined = " ".join(ln.strip() for ln in lines)
    report = run_audit([str(seed)], AuditOptions(offline=True), ResolverConfig(offline=True))
    for ref in report.documents[0].references:
        assert f"{entry_name(ref)}: {ref.resolution.status}" in joined


BAD_VALUES = [  # (what is wrong, arguments after "audit SAMPLE" or a whole command)
    ("-o into a missing folder", ["-o", "{tmp}/no/such/folder/r.json"]),
    ("--output-dir on a file", ["--output-dir", "{file}"]),
    ("--cache on a folder", ["--cache", "{tmp}"]),
    ("--snapshot on a folder", ["--snapshot", "{tmp}"]),
    ("--snapshot on a missing file", ["--snapshot", "{tmp}/none.sqlite"]),
    ("--snapshot on broken JSON Lines", ["--snapshot", "{broken}"]),
    ("--snapshot on a file that is no database", ["--snapshot", "{file}"]),
    ("--format unknown", ["--format", "pdfx"]),
    ("--from unknown", ["--from", "word"]),
    ("--fail-on unknown", ["--fail-on", "fatal"]),
    ("--select unknown", ["--select", "RA999"]),
    ("--manuscript-date malformed", ["--manuscript-date", "May 2020"]),
    ("--max-seconds zero", ["--max-seconds", "0"]),
    ("--max-entries zero", ["--max-entries", "0"]),
    ("--max-entry-chars too few", ["--max-entry-chars", "10"]),
    ("--jobs negative", ["--jobs", "-2"]),
    ("--resume with -o", ["--resume", "-o", "-"]),
    ("snapshot info on a folder", ["!snapshot", "info", "--snapshot", "{tmp}"]),
    ("issue with a bad ISSN", ["!issue", "--issn", "1234-5678"]),
    ("issue offline without a snapshot", ["!issue", "--issn", "0006-3223", "--offline"]),
]


@pytest.mark.parametrize(("why", "args"), BAD_VALUES, ids=[b[0] for b in BAD_VALUES])
def test_every_bad_value_is_one_line_and_exit_2(tmp_path: Path, why: str,
                                                args: list[str]) -> None:
    file = tmp_path / "a-file.txt"
    file.write_text("not a database", "utf-8")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"DOI": "10.1/x", "title": [\n', "utf-8")
    filled = [a.format(tmp=tmp_path, file=file, broken=broken) for a in args]
    command = [filled[0][1:], *filled[1:]] if filled[0].startswith("!") else [
        "audit", SAMPLE, "--offline", *filled]
    result = runner.invoke(app, command)
    assert result.exit_code == 2, (why, result.output)
    assert "Traceback" not in result.output
    message = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(message) == 1, (why, message)


@pytest.mark.parametrize("command", [["audit"], ["parse"], ["resolve"], ["issue"],
                                     ["snapshot", "load"], ["snapshot", "info"], ["explain"]])
def test_help_names_values_without_type_placeholders(command: list[str]) -> None:
    shown = runner.invoke(app, [*command, "--help"]).stdout
    assert shown.startswith("Usage: ")
    assert "<" not in shown.replace("<prefix>", "") and "{" not in shown.split("\n")[0]
    assert "list[str]" not in shown
