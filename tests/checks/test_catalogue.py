"""One fixture per check code, run by one parametrized test; plus catalogue invariants."""

from __future__ import annotations

import re

import pytest

from auditor.checks import REGISTRY, resolve_selection
from tests.conftest import FIXTURES, audit_json, findings_of

# code -> (fixture, expected findings of that code as lists of 1-based entry numbers)
CASES: dict[str, list[list[int]]] = {
    "RA101": [[1, 4], [1, 5], [6, 7]],
    "RA102": [[2]],
    "RA103": [[3, 4], [5]],
    "RA104": [[4]],
    "RA105": [[1], [2], [3]],
    "RA201": [[1], [2], [3]],
    "RA301": [[1]],
    "RA302": [[1]],
    "RA901": [[]],
}


def _fixture(code: str) -> str:
    matches = sorted((FIXTURES / "checks").glob(f"{code}-*.txt"))
    assert matches, f"no fixture for {code}"
    return str(matches[0])


def test_every_check_has_a_case() -> None:
    assert set(CASES) == set(REGISTRY)


@pytest.mark.parametrize("code", sorted(CASES))
def test_check_fires_exactly_on_its_fixture(code: str) -> None:
    doc = audit_json(_fixture(code))
    found = findings_of(doc, code)
    entries = [[int(r.split(":r")[1]) for r in f["references"]] for f in found]
    assert entries == CASES[code]
    for f in found:
        assert f["rule"] == REGISTRY[code].name
        assert f["message"] and isinstance(f["evidence"], dict) and f["evidence"]


def test_clean_list_has_no_findings() -> None:
    doc = audit_json(FIXTURES / "checks" / "clean-vancouver.txt")
    assert doc["findings"] == []
    assert len(doc["references"]) == 7


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_catalogue_entry_is_documented(code: str) -> None:
    check = REGISTRY[code]
    assert re.fullmatch(r"RA[1-59]\d\d", code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", check.name)
    assert 0 < check.confidence <= 1
    doc = check.doc()
    for part in ("What it finds", "Why it matters", "Example", "Fix"):
        assert part in doc, f"{code} doc lacks '{part}'"


def test_selection_by_code_prefix_and_name() -> None:
    assert resolve_selection(["RA1"], ["numbering"]) == ["RA101", "RA102", "RA104", "RA105"]
    assert resolve_selection(["duplicate-reference"], None) == ["RA101"]


def test_duplicate_evidence_names_the_kind() -> None:
    doc = audit_json(_fixture("RA101"))
    kinds = [f["evidence"]["kind"] for f in findings_of(doc, "RA101")]
    assert kinds == ["verbatim", "same-identifier", "same-work"]


def test_same_author_year_series_is_not_a_duplicate() -> None:
    # Andrade 2017 "Ketamine for depression, 3" and ", 4" share author, year and volume.
    doc = audit_json(_fixture("RA101"))
    pairs = [f["references"] for f in findings_of(doc, "RA101")]
    assert ["d1:r2", "d1:r3"] not in pairs


def test_stray_label_fix_is_cleaned_text() -> None:
    (finding,) = findings_of(audit_json(_fixture("RA102")), "RA102")
    assert finding["fix"].startswith("Berman RM")
    assert finding["evidence"]["fragment"] == "12."
