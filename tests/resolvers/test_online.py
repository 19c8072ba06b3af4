"""Against the real Crossref and NCBI services: run with ``pytest -m online`` (network needed).

Skipped by default; the default run never leaves loopback.
"""

from __future__ import annotations

import pytest

from auditor.pipeline import parse_references
from auditor.resolvers.factory import ResolverConfig, build_resolver
from auditor.sections import split_text as split

pytestmark = pytest.mark.online

ZANOS = ("Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. Mol Psychiatry. "
         "2018 Apr;23(4):801-811. doi: 10.1038/mp.2017.255. PMID: 29532791.")


def _resolve(text: str) -> list[tuple[str, str | None]]:
    refs = parse_references(split("References\n\n" + text).references, 1)
    out = build_resolver(ResolverConfig(mailto="refauditor-tests@example.org"))(refs)
    return [(r.resolution.status, r.resolution.reason) for r in out]


def test_real_doi_and_pmid_resolve() -> None:
    assert _resolve(ZANOS) == [("resolved", None)]


def test_unregistered_doi_is_not_found() -> None:
    assert _resolve("Doe J. Nothing. J Test. 2019;1:1-2. doi: 10.1038/not-a-registered-doi-x9")[
        0][0] == "not_found"


def test_doi_with_hash_is_encoded() -> None:
    # The record behind 10.1000/abc must never be returned for 10.1000/abc#x.
    status, _ = _resolve("Doe J. Hash. J Test. 2019;1:1-2. doi: 10.1000/abc#x")[0]
    assert status in ("not_found", "resolved")


def test_bibliographic_match_without_identifiers() -> None:
    text = ("Berman RM, Cappiello A, Anand A, Oren DA, Heninger GR, Charney DS, Krystal JH. "
            "Antidepressant effects of ketamine in depressed patients. Biol Psychiatry. "
            "2000;47(4):351-354.")
    assert _resolve(text) == [("resolved", None)]


def test_wakefield_retraction_is_found() -> None:
    refs = parse_references(split(
        "References\n\nWakefield AJ, et al. Ileal-lymphoid-nodular hyperplasia, non-specific "
        "colitis, and pervasive developmental disorder in children. Lancet. 1998;351:637-641. "
        "doi: 10.1016/S0140-6736(97)11096-0").references, 1)
    out = build_resolver(ResolverConfig())(refs)
    kinds = {n["kind"] for n in out[0].resolution.details.get("notices", [])}
    assert "retracted" in kinds
