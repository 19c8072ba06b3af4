"""Verdicts of the resolution service offline, against a snapshot, and for conflicts."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.pipeline import parse_references
from auditor.resolvers.factory import ResolverConfig, build_resolver
from auditor.sections import split_text as split

ZANOS = {"DOI": "10.1038/mp.2017.255", "title": ["Mechanisms of ketamine action as an antidepressant"],
         "author": [{"family": "Zanos", "given": "P"}, {"family": "Gould", "given": "TD"}],
         "container-title": ["Molecular Psychiatry"], "short-container-title": ["Mol Psychiatry"],
         "issued": {"date-parts": [[2018]]}, "volume": "23", "issue": "4", "page": "801-811",
         "type": "journal-article"}
BERMAN = {"DOI": "10.1016/s0006-3223(99)00230-9", "type": "journal-article",
          "title": ["Antidepressant effects of ketamine in depressed patients"],
          "author": [{"family": "Berman", "given": "RM"}], "container-title": ["Biol Psychiatry"],
          "issued": {"date-parts": [[2000]]}, "volume": "47", "page": "351-354"}


def _snapshot(tmp_path: Path, authoritative: bool = False) -> str:
    path = tmp_path / "s.jsonl"
    lines = [ZANOS, BERMAN, {"pmid": "29532791", "doi": "10.1038/mp.2017.255"},
             {"pmid": "10686270", "doi": "10.1016/s0006-3223(99)00230-9"}]
    if authoritative:
        lines.insert(0, {"_snapshot": {"authoritative": True}})
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    return str(path)


def _resolve(text: str, **config: object) -> list[tuple[str, str | None]]:
    refs = parse_references(split("References\n\n" + text).references, 1)
    out = build_resolver(ResolverConfig(**config))(refs)  # type: ignore[arg-type]
    return [(r.resolution.status, r.resolution.reason) for r in out]


ZANOS_REF = ("Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. "
             "Mol Psychiatry. 2018 Apr;23(4):801-811. doi: 10.1038/mp.2017.255. PMID: 29532791.")


def test_offline_without_snapshot_is_unverified_offline() -> None:
    assert _resolve(ZANOS_REF, offline=True) == [("unverified", "offline")]


def test_snapshot_resolves_by_doi_pmid_and_search(tmp_path: Path) -> None:
    snap = _snapshot(tmp_path)
    assert _resolve(ZANOS_REF, offline=True, snapshot=snap) == [("resolved", None)]
    by_search = ("Berman RM, Cappiello A, Anand A. Antidepressant effects of ketamine in depressed "
                 "patients. Biol Psychiatry. 2000;47(4):351-354.")
    assert _resolve(by_search, offline=True, snapshot=snap) == [("resolved", None)]


def test_absence_from_a_partial_snapshot_is_unverified(tmp_path: Path) -> None:
    ref = "Doe J. Another work. J Test. 2019;1:1-2. doi: 10.1038/nothere.1"
    assert _resolve(ref, offline=True, snapshot=_snapshot(tmp_path)) == [
        ("unverified", "not-in-snapshot")]


def test_absence_from_an_authoritative_snapshot_is_not_found(tmp_path: Path) -> None:
    ref = "Doe J. Another work. J Test. 2019;1:1-2. doi: 10.1038/nothere.1"
    assert _resolve(ref, offline=True, snapshot=_snapshot(tmp_path, True)) == [
        ("not_found", "doi-not-registered")]


def test_doi_and_pmid_of_different_works_conflict(tmp_path: Path) -> None:
    ref = ZANOS_REF.replace("29532791", "10686270")
    assert _resolve(ref, offline=True, snapshot=_snapshot(tmp_path)) == [
        ("conflict", "doi-and-pmid-differ")]


def test_search_rejects_a_weak_candidate(tmp_path: Path) -> None:
    ref = ("Zanos P. Ketamine and glutamate signalling in the rodent cortex. "
           "Neuron. 2016;89(5):1000-1010.")
    assert _resolve(ref, offline=True, snapshot=_snapshot(tmp_path)) == [
        ("unverified", "not-in-snapshot")]


def test_search_widens_when_the_rarest_words_point_elsewhere(tmp_path: Path) -> None:
    # The co-authors' names are the rarest words of the reference but belong to other records
    # (the record lists its first author only); its other words are each in two more works.
    names = ("Quuxington", "Zetterberg", "Blorpinski", "Fnordssons")
    decoys = [{**BERMAN, "DOI": f"10.1/decoy.{name}", "title": ["Sleep in rodents"],
               "author": [{"family": name}]} for name in names]
    common = [{**BERMAN, "DOI": f"10.1/common.{word}.{i}", "author": [{"family": author}],
               "title": [f"{word} in winter"]}
              for word, author in (("Antidepressant", "Other"), ("effects", "Other"),
                                   ("ketamine", "Other"), ("depressed", "Other"),
                                   ("patients", "Other"), ("Memory", "Berman"))
              for i in (1, 2)]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in [BERMAN, *decoys, *common]) + "\n")
    ref = (f"Berman RM, {' A, '.join(names)} A. Antidepressant effects of ketamine in "
           "depressed patients. Biol Psychiatry. 2000;47(4):351-354.")
    refs = parse_references(split("References\n\n" + ref).references, 1)
    out = build_resolver(ResolverConfig(offline=True, snapshot=str(path)))(refs)
    assert (out[0].resolution.status, out[0].resolution.doi) == ("resolved", BERMAN["DOI"])
