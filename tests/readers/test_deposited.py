"""A DOI argument: the work's deposited reference list, from a recorded Crossref response
served by the loopback double."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.formats.json_format import document_json, report_json
from auditor.pipeline import AuditOptions, audit_document, run_audit
from auditor.readers import deposited
from auditor.readers.deposited import doi_argument
from auditor.resolvers.factory import ResolverConfig, build_resolver
from auditor.resolvers.http import HttpSettings
from auditor.resolvers.snapshot import Snapshot
from auditor.testing.loopback import running
from tests.conftest import shared_path

DOI = "10.1016/j.neurobiolaging.2010.03.024"
FAST = HttpSettings(retries=0, backoff=0.01, read_timeout=2, connect_timeout=1)


def _audit(source: str, config: ResolverConfig) -> dict[str, object]:
    report = run_audit([source], AuditOptions(offline=config.offline), config)
    return report_json(report)["documents"][0]  # type: ignore[no-any-return]


def test_the_deposited_list_is_audited_as_records(tmp_path: Path) -> None:
    sample = shared_path("data", "api-samples", "crossref",
                         "habanero-test_works_with_many_ids-0.json")
    work = json.loads(sample.read_text("utf-8"))["message"]
    source = tmp_path / "work.jsonl"
    source.write_text(json.dumps(work) + "\n", "utf-8")
    store = Snapshot()
    store.load(source)
    with running(store) as double:
        config = ResolverConfig(crossref_base=double.url, eutils_base=double.url + "/eutils",
                                datacite_base=double.url + "/datacite", http=FAST)
        fetched = deposited.fetch(doi_argument(f"doi:{DOI}") or "", config)
    # The list is fetched online; its 57 entries are then audited offline (resolving each
    # against the double is the resolver tests' business, and takes a minute of pacing).
    offline = build_resolver(ResolverConfig(offline=True))
    doc = document_json(audit_document(fetched, 1, AuditOptions(offline=True), offline))
    refs = doc["references"]
    assert doc["reader"] == "doi" and doc["split_mode"] == "records"
    assert len(refs) == len(work["reference"]) == 57
    first = refs[0]
    assert first["csl"]["title"].startswith("TNFalpha plus IFNgamma")
    assert first["csl"]["author"] == [{"family": "Blasko"}]
    assert [i["value"] for i in first["identifiers"] if i["type"] == "doi"] == [
        "10.1096/fasebj.13.1.63"]


def test_offline_the_list_is_unverified_not_empty() -> None:
    doc = _audit(DOI, ResolverConfig(offline=True))
    assert doc["status"] == "error" and "unverified: offline" in str(doc["error"])


def test_which_arguments_are_dois(tmp_path: Path) -> None:
    assert doi_argument("10.1000/abc") == "10.1000/abc"
    assert doi_argument("doi:10.1000/ABC") == "10.1000/abc"
    assert doi_argument("https://doi.org/10.1000/abc") == "10.1000/abc"
    assert doi_argument("paper.txt") is None
    named = tmp_path / "10.1000"
    named.mkdir()
    assert doi_argument(str(named)) is None  # an existing path is a path
