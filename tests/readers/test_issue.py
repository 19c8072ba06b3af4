"""A journal issue: its works listed (Crossref through the loopback double, or the snapshot
offline) and each one's deposited list audited as a batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.errors import InputError
from auditor.readers.issue import IssueQuery, issue_dois, valid_issn
from auditor.resolvers.factory import ResolverConfig
from auditor.resolvers.http import HttpSettings
from auditor.resolvers.snapshot import Snapshot
from auditor.testing.loopback import running

runner = CliRunner()
ISSN = "0006-3223"
FAST = HttpSettings(retries=0, backoff=0.01, read_timeout=2, connect_timeout=1)


def _store(tmp_path: Path) -> Path:
    works = []
    for n in range(22):
        issue = "4" if n < 20 else "5"  # two works of the next issue
        works.append({
            "DOI": f"10.5555/bp.{n}", "type": "journal-article", "ISSN": [ISSN],
            "title": [f"Work {n} of the issue"], "container-title": ["Biol Psychiatry"],
            "volume": "47", "issue": issue, "page": f"{100 + 10 * n}-{105 + 10 * n}",
            "author": [{"family": "Author", "given": "A"}],
            "issued": {"date-parts": [[2000]]},
            "reference": [
                {"key": "r1", "unstructured": "Zanos P, Gould TD. Mechanisms of ketamine action "
                 "as an antidepressant. Mol Psychiatry. 2018;23(4):801-811."},
                {"key": "r2", "unstructured": "Zanos P, Gould TD. Mechanisms of ketamine action "
                 "as an antidepressant. Mol Psychiatry. 2018;23(4):801-811."},
            ]})
    source = tmp_path / "issue.jsonl"
    source.write_text("\n".join(json.dumps(w) for w in works) + "\n", "utf-8")
    store = Snapshot(tmp_path / "store.sqlite")
    store.load(source)
    store.close()
    return tmp_path / "store.sqlite"


def test_an_issue_is_listed_from_the_snapshot_offline_in_page_order(tmp_path: Path) -> None:
    config = ResolverConfig(offline=True, snapshot=str(_store(tmp_path)))
    dois = issue_dois(IssueQuery(ISSN, "47", "4"), config)
    assert dois == [f"doi:10.5555/bp.{n}" for n in range(20)]
    with pytest.raises(InputError, match="no works found"):
        issue_dois(IssueQuery(ISSN, "48"), config)


def test_an_issue_is_listed_from_crossref_page_by_page(tmp_path: Path) -> None:
    store = Snapshot(_store(tmp_path), writable=False)
    with running(store) as double:
        config = ResolverConfig(crossref_base=double.url, eutils_base=double.url + "/eutils",
                                datacite_base=double.url + "/datacite", http=FAST)
        dois = issue_dois(IssueQuery(ISSN, "47", "4", prefix="10.5555"), config)
    assert dois == [f"doi:10.5555/bp.{n}" for n in range(20)]


def test_the_issue_command_audits_every_work_offline(tmp_path: Path) -> None:
    store = _store(tmp_path)
    result = runner.invoke(app, ["issue", "--issn", ISSN, "--volume", "47", "--issue", "4",
                                 "--offline", "--snapshot", str(store), "-o", "-",
                                 "--format", "json", "--exit-zero"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    docs = report["documents"]
    assert [d["source"] for d in docs] == [f"doi:10.5555/bp.{n}" for n in range(20)]
    assert all(d["split_mode"] == "records" and len(d["references"]) == 2 for d in docs)
    assert all([f["code"] for f in d["findings"]].count("RA101") == 1 for d in docs)


def test_bad_issue_options_are_one_line_and_exit_2() -> None:
    assert valid_issn("0006 3223") == ISSN
    for args in (["--issn", "1234-5678"], ["--issn", ISSN, "--from-date", "May 2020"],
                 ["--issn", ISSN, "--offline"]):
        result = runner.invoke(app, ["issue", *args])
        assert result.exit_code == 2 and "Traceback" not in result.output


def test_the_issue_is_audited_against_crossref(tmp_path: Path) -> None:
    from auditor.pipeline import AuditOptions, run_audit

    store = Snapshot(_store(tmp_path), writable=False)
    with running(store) as double:
        config = ResolverConfig(crossref_base=double.url, eutils_base=double.url + "/eutils",
                                datacite_base=double.url + "/datacite", http=FAST)
        dois = issue_dois(IssueQuery(ISSN, "47", "4"), config)
        report = run_audit(dois, AuditOptions(from_kind="doi"), config)
    assert len(report.documents) == 20
    assert all(d.status == "ok" and len(d.references) == 2 for d in report.documents)
    assert all(any(f.code == "RA101" for f in d.findings) for d in report.documents)
