from __future__ import annotations

import pytest

from auditor import identifiers as ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("doi: 10.1016/j.bbr.2020.112508.", "10.1016/j.bbr.2020.112508"),
        ("https://doi.org/10.1016/j.jns.2022.120152.", "10.1016/j.jns.2022.120152"),
        ("doi:10.1016/s0006-3223(99)00230-9.", "10.1016/s0006-3223(99)00230-9"),
        ("(doi: 10.1000/xyz123)", "10.1000/xyz123"),
        ("https://doi.org/10.1000%2Fabc", "10.1000/abc"),
        ("10.1000/abc#x", "10.1000/abc#x"),
        ("no identifier here", None),
    ],
)
def test_normalize_doi(text: str, expected: str | None) -> None:
    found = [i.value for i in ids.extract(text) if i.type == "doi" and i.valid]
    assert (found[0] if found else None) == expected


def test_normalize_doi_function_strips_prefixes() -> None:
    assert ids.normalize_doi("DOI: 10.1089/CAP.2018.0030.correx.") == "10.1089/cap.2018.0030.correx"
    assert ids.normalize_doi("https://dx.doi.org/10.1038/mp.2017.255") == "10.1038/mp.2017.255"
    assert ids.normalize_doi("10.abc/x") is None


def test_malformed_labelled_doi_is_reported() -> None:
    found = ids.extract("Zanos P. Title. 2018. doi: 10,1038/mp.2017.255.")
    assert [(i.type, i.valid) for i in found] == [("doi", False)]


def test_pmid_pmcid_and_urls() -> None:
    found = ids.extract("PMID: 32017978; PMCID: PMC7127859. https://example.org/x.")
    assert [(i.type, i.value) for i in found] == [
        ("pmid", "32017978"), ("pmcid", "PMC7127859"), ("url", "https://example.org/x")]


@pytest.mark.parametrize(("issn", "ok"), [("0022-510X", True), ("0166-4328", True),
                                          ("0022-5109", False), ("1234", False)])
def test_issn_check_digit(issn: str, ok: bool) -> None:
    assert ids.issn_check_ok(issn) is ok


@pytest.mark.parametrize(("isbn", "ok"), [("0-306-40615-2", True), ("978-0-306-40615-7", True),
                                          ("978-0-306-40615-6", False), ("0306406153", False)])
def test_isbn_check_digit(isbn: str, ok: bool) -> None:
    assert ids.isbn_check_ok(isbn) is ok


def test_arxiv() -> None:
    found = ids.extract("arXiv:2101.00001v2 and arXiv: hep-th/9901001")
    assert [i.value for i in found if i.type == "arxiv"] == ["2101.00001v2", "hep-th/9901001"]


def test_truncated_pmid_is_implausible_for_its_year() -> None:
    why = ids.pmid_plausibility("2874909", 2017)
    assert why is not None and "7 digits where 8" in why


@pytest.mark.parametrize(("pmid", "year"), [("28757132", 2018), ("16896964", 2006),
                                            ("10686270", 2000), ("123", 1980), ("2874909", None)])
def test_plausible_pmids_pass(pmid: str, year: int | None) -> None:
    assert ids.pmid_plausibility(pmid, year) is None


def test_late_indexed_old_article_is_not_flagged() -> None:
    # High PMIDs on old articles are legitimate (late indexing): the check is one-sided.
    assert ids.pmid_plausibility("38000000", 2001) is None


def test_runs_of_spaces_and_brackets_are_read_in_one_pass() -> None:
    # Two unbounded space runs around an optional colon, or a bracket count redone per
    # character, made these take seconds to minutes.
    for label in ("PMID", "arXiv", "ISSN", "ISBN", "PMCID", "doi"):
        assert ids.extract(label + " " * 50_000) == ()
    (doi,) = ids.extract("10.1000/abc" + ")" * 100_000)
    assert doi.value == "10.1000/abc"
