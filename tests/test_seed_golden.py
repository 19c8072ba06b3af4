"""Golden results on the seed documents: the known defects and nothing else at warning+."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import FIXTURES, audit_json, findings_of, shared_path


def _entries(finding: dict[str, Any]) -> list[int]:
    return [int(r.split(":r")[1]) for r in finding["references"]]


@pytest.fixture(scope="module")
def seed001() -> dict[str, Any]:
    return audit_json(FIXTURES / "seed001-references.txt")


def test_41_records_all_unverified_offline(seed001: dict[str, Any]) -> None:
    refs = seed001["references"]
    assert len(refs) == 41
    assert {r["resolution"]["status"] for r in refs} == {"unverified"}
    assert {r["resolution"]["reason"] for r in refs} == {"offline"}


def test_four_duplicate_pairs_with_their_kinds(seed001: dict[str, Any]) -> None:
    found = {tuple(_entries(f)): f["evidence"]["kind"] for f in findings_of(seed001, "RA101")}
    assert found == {
        (15, 17): "verbatim",          # McIntyre 2021
        (6, 8): "same-identifier",     # Sial 2020, Vancouver and Elsevier
        (7, 9): "same-identifier",     # Subramanian 2022, once without authors
        (19, 40): "same-work",         # Short 2018, once prefixed "79."
    }


def test_stray_label_truncated_pmid_missing_author(seed001: dict[str, Any]) -> None:
    (stray,) = findings_of(seed001, "RA102")
    # Entry 19 duplicates entry 40, which is kept: the stray-label fix does not edit it.
    assert _entries(stray) == [19] and "entry 19 duplicates entry 40" in stray["fix"]
    (pmid,) = findings_of(seed001, "RA201")
    assert _entries(pmid) == [38] and pmid["evidence"]["value"] == "2874909"
    assert pmid["severity"] == "error" and pmid["evidence"]["problem"] == "truncated"
    (missing,) = findings_of(seed001, "RA301")
    assert _entries(missing) == [7] and missing["evidence"]["missing"] == ["author"]


def test_mixed_styles_named_with_majority(seed001: dict[str, Any]) -> None:
    (style,) = findings_of(seed001, "RA104")
    assert style["evidence"]["majority"] == "Vancouver/NLM"
    assert style["evidence"]["styles"]["MLA"] == [3, 4, 5]
    assert style["evidence"]["styles"]["Elsevier (ScienceDirect)"] == [7, 8, 9]


def test_no_other_warning_or_error(seed001: dict[str, Any]) -> None:
    expected = {"RA101", "RA102", "RA104", "RA201", "RA301"}
    loud = {f["code"] for f in seed001["findings"] if f["severity"] in ("warning", "error")}
    assert loud == expected
    assert len([f for f in seed001["findings"] if f["severity"] != "info"]) == 8


def test_webpages_with_access_dates_are_clean(seed001: dict[str, Any]) -> None:
    flagged = {e for f in seed001["findings"] for e in _entries(f)}
    assert not {1, 2, 21} & flagged
    types = {r["index"]: r["csl"]["type"] for r in seed001["references"]}
    assert types[1] == types[2] == types[21] == "webpage"


def test_given_name_first_authors_are_an_info(seed001: dict[str, Any]) -> None:
    (order,) = findings_of(seed001, "RA302")
    assert _entries(order) == [14] and order["severity"] == "info"


@pytest.mark.parametrize("seed", ["000_14c88898db3af6ad", "002_7d1148acf015e188",
                                  "003_62391665ded79920"])
def test_seeds_without_a_list_say_so(seed: str) -> None:
    doc = audit_json(shared_path("seeds", f"{seed}.txt"))
    assert doc["status"] == "ok" and doc["references"] == []
    assert [f["code"] for f in doc["findings"] if f["code"] != "RA506"] == ["RA901"]


def test_seed003_reports_its_study_without_a_reference() -> None:
    doc = audit_json(shared_path("seeds", "003_62391665ded79920.txt"))
    (study,) = findings_of(doc, "RA506")
    assert study["evidence"]["line"] == 5
    assert study["evidence"]["venue"] == "American Journal of Psychiatry"
    assert study["evidence"]["people"] == ["Alan F. Schatzberg"]
    assert study["evidence"]["candidate"]["status"] == "unverified"
    assert "Schatzberg American Journal of Psychiatry ketamine" in study["evidence"]["query"]
    for other in ("000_14c88898db3af6ad", "002_7d1148acf015e188"):
        assert not findings_of(audit_json(shared_path("seeds", f"{other}.txt")), "RA506")


def test_seed001_page_gives_the_same_records_as_the_fixture() -> None:
    page = audit_json(shared_path("seeds", "001_50982060563dc1f8.txt"))
    fixture = audit_json(FIXTURES / "seed001-references.txt")
    assert [r["raw"] for r in page["references"]] == [r["raw"] for r in fixture["references"]]
    assert [(f["code"], f["references"]) for f in page["findings"]] == [
        (f["code"], f["references"]) for f in fixture["findings"]]


def test_fixture_snapshot_adds_nothing_wrong_to_seed001() -> None:
    offline = audit_json(FIXTURES / "seed001-references.txt")
    with_records = audit_json(FIXTURES / "seed001-references.txt",
                              snapshot=str(FIXTURES / "sample-snapshot.jsonl"))
    loud = [f for f in with_records["findings"] if f["severity"] != "info"]
    assert [(f["code"], f["references"]) for f in loud] == [
        (f["code"], f["references"]) for f in offline["findings"] if f["severity"] != "info"]
    statuses = {r["resolution"]["status"] for r in with_records["references"]}
    assert statuses == {"resolved", "unverified"}


def test_seed002_links_are_its_four_citations() -> None:
    doc = audit_json(shared_path("seeds", "002_7d1148acf015e188.txt"))
    assert [c["csl"].get("DOI") for c in doc["citations"]] == [
        "10.1056/nejmoa2032994", "10.1177/0269881118756240", "10.1111/jnc.14098",
        "10.3389/fphar.2018.01265"]
