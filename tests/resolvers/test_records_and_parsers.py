"""Parsing the real recorded shapes: Crossref works, DataCite, PubMed esummary and MEDLINE."""

from __future__ import annotations

import json

from auditor.resolvers.crossref import datacite_to_work, encode_doi
from auditor.resolvers.ncbi import parse_esearch, parse_esummary, parse_medline
from auditor.resolvers.records import to_csl, year_of
from tests.conftest import shared_path


def _json(*parts: str) -> dict:  # type: ignore[type-arg]
    return json.loads(shared_path("data", "api-samples", *parts).read_text(encoding="utf-8"))


def test_crossref_work_to_csl() -> None:
    work = _json("crossref", "habanero-test_works_with_many_ids-0.json")["message"]
    csl = to_csl(work)
    assert csl["DOI"] == "10.1016/j.neurobiolaging.2010.03.024"
    assert csl["container-title"] == "Neurobiology of Aging"
    assert (csl["volume"], csl["issue"], csl["page"]) == ("33", "3", "588-602")
    assert csl["author"][0] == {"family": "Lee", "given": "Hyun Ju"}
    assert year_of(work) == 2012 and csl["type"] == "article-journal"


def test_doi_is_encoded_as_one_segment() -> None:
    assert encode_doi("10.1000/abc#x") == "10.1000%2Fabc%23x"
    assert encode_doi("10.1890/0012-9615(1999)069[0569:EDILSA]2.0.CO;2").count("/") == 0


def test_datacite_record_in_crossref_shape() -> None:
    work = datacite_to_work(_json("registry-cases", "datacite_journal_article.json"))
    assert work is not None
    assert work["DOI"] == "10.24377/dteij.article3641"
    assert work["author"][0] == {"family": "McLain", "given": "Matt"}
    assert work["volume"] == "31" and work["page"] == "323-343"


def test_datacite_organisation_creator() -> None:
    work = datacite_to_work(_json("registry-cases", "datacite_organizational_creator.json"))
    assert work is not None and "name" in work["author"][0]


def test_esummary_xml() -> None:
    text = shared_path("data", "api-samples", "ncbi", "biopython-esummary1.xml").read_text("utf-8")
    records = parse_esummary(text)
    first = records["11850928"]
    assert first["title"] == ["Zirconium granuloma following treatment of rhus dermatitis"]
    assert first["author"][1] == {"family": "Hambrick", "given": "GW", "suffix": "Jr"}
    assert first["issued"] == {"date-parts": [[1965]]} and first["page"] == "188-91"


def test_esearch_ids() -> None:
    text = shared_path("data", "api-samples", "ncbi", "biopython-esearch1.xml").read_text("utf-8")
    assert parse_esearch(text)[:2] == ["41282813", "41148224"]


def test_medline_retraction_notice_and_types() -> None:
    text = shared_path("data", "api-samples", "registry-cases", "pubmed_retracted.txt").read_text("utf-8")
    work = parse_medline(text)
    assert work["PMID"] == "9500320"
    assert "Retracted Publication" in work["pubmed-types"]
    notice = work["pubmed-notices"]["retraction-in"][0]
    assert notice["pmid"] == "20137807"
    assert work["title"][0].startswith("Ileal-lymphoid-nodular hyperplasia")
