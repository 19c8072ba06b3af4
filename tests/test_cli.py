"""The command line as users and scripts meet it: exit codes, formats, config, errors."""

from __future__ import annotations

import json
from pathlib import Path

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
    assert doc["status"] == "ok" and doc["split_mode"] == "section:blocks"
    ref = doc["references"][0]
    assert set(ref) >= {"id", "index", "label", "raw", "span", "context", "csl", "identifiers",
                        "resolution"}


def test_clean_list_exits_0_and_writes_per_document_report(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", CLEAN, "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "clean-vancouver.refauditor.txt").exists()


def test_fail_on_error_ignores_warnings() -> None:
    result = runner.invoke(app, ["audit", SAMPLE, "-o", "-", "--fail-on", "error"])
    assert result.exit_code == 0


def test_ignore_and_select() -> None:
    result = runner.invoke(app, ["audit", SAMPLE, "-o", "-", "--format", "json",
                                 "--select", "RA1", "--ignore", "duplicate-reference"])
    codes = {f["code"] for f in json.loads(result.stdout)["documents"][0]["findings"]}
    assert codes == {"RA102", "RA104", "RA105"}


def test_config_file_beside_document(tmp_path: Path) -> None:
    doc = tmp_path / "refs.txt"
    doc.write_text((FIXTURES / "sample-manuscript.md").read_text(encoding="utf-8"), "utf-8")
    (tmp_path / "refauditor.toml").write_text('ignore = ["RA1", "RA2", "RA3"]\n', "utf-8")
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
    assert json.loads(result.stdout)["documents"][0]["findings"][0]["code"] == "RA102"


def test_markdown_format_has_table() -> None:
    result = runner.invoke(app, ["audit", SAMPLE, "-o", "-", "--format", "markdown"])
    assert "| Severity | Rule | Entries | Message |" in result.stdout


def test_unknown_or_planned_options_fail_clearly() -> None:
    assert runner.invoke(app, ["audit", SAMPLE, "--format", "xlsx"]).exit_code == 2
    assert runner.invoke(app, ["audit", SAMPLE, "--from", "docx"]).exit_code == 2
    assert runner.invoke(app, ["audit", SAMPLE, "--select", "RA999"]).exit_code == 2


def test_rules_and_explain() -> None:
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0 and "duplicate-reference" in listing.stdout
    doc = runner.invoke(app, ["explain", "RA201"])
    assert doc.exit_code == 0 and "Why it matters" in doc.stdout
    assert runner.invoke(app, ["explain", "RA000"]).exit_code == 2
