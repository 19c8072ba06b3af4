from __future__ import annotations

from auditor.pipeline import AuditOptions, named_journal, run_audit
from auditor.resolvers.factory import ResolverConfig
from tests.conftest import FIXTURES


def test_progress_is_reported_per_reference() -> None:
    seen: list[tuple[int, int]] = []
    run_audit([str(FIXTURES / "checks" / "clean-vancouver.txt")], AuditOptions(offline=True),
              ResolverConfig(offline=True), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, 7) for i in range(1, 8)]


def test_named_journal_from_link_text_or_sentence() -> None:
    assert named_journal("Journal of Psychopharmacology", "") == "Journal of Psychopharmacology"
    assert named_journal("this study", "A study published in Frontiers in Pharmacology found "
                         "that it works.") == "Frontiers in Pharmacology"
    assert named_journal("a trial", "Researchers found it helps.") is None


def test_a_long_citing_sentence_is_kept_once() -> None:
    from auditor.models import InTextCitation, Reference
    from auditor.pipeline import MAX_SENTENCE, _with_context, parse_references

    (ref,) = parse_references([Reference(1, "Smith J. A paper. J Test. 2020;1:1-9.", None, 5, 5)], 1)
    long = "Ketamine " * 200
    cites = tuple(InTextCitation("numbered", "[1]", n, long, targets=(ref.id,)) for n in (1, 2))
    (out,) = _with_context((ref,), cites)
    assert out.context == (long[:MAX_SENTENCE],)


PAGE_WITH_LINKS = (
    "<html><body><h2>References</h2><ol>"
    "<li>Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed "
    "patients. Biol Psychiatry. 2000;47(4):351-354. "
    '<a href="https://doi.org/10.1016/S0006-3223(99)00230-9">CrossRef</a> '
    '<a href="https://pubmed.ncbi.nlm.nih.gov/10686270">PubMed</a></li>'
    "<li>Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an NMDA antagonist in "
    "treatment-resistant major depression. Arch Gen Psychiatry. 2006;63(8):856-864. "
    "doi:10.1001/archpsyc.63.8.856 "
    '<a href="https://doi.org/10.9999/another">View Article</a></li>'
    "</ol></body></html>"
)


def test_an_entry_takes_the_identifiers_its_links_carry() -> None:
    """A journal's page links "CrossRef" and "PubMed" to the entry's DOI and PMID and prints
    neither; the reader drops the link words, and the entry keeps what they pointed to. A
    DOI the entry prints stays the one checked."""
    from auditor.api import parse

    first, second = parse(PAGE_WITH_LINKS, "html")
    assert [(i.type, i.value) for i in first.identifiers] == [
        ("doi", "10.1016/s0006-3223(99)00230-9"), ("pmid", "10686270")]
    assert first.csl["DOI"] == "10.1016/s0006-3223(99)00230-9" and first.csl["PMID"] == "10686270"
    assert "CrossRef" not in first.ref.raw
    assert [i.to_json().get("origin") for i in first.identifiers] == ["link", "link"]
    assert first.identifiers[1].raw == "https://pubmed.ncbi.nlm.nih.gov/10686270"
    assert [(i.type, i.value) for i in second.identifiers] == [
        ("doi", "10.1001/archpsyc.63.8.856")]


def test_a_link_on_a_line_two_entries_share_lends_neither() -> None:
    from auditor.models import Reference
    from auditor.pipeline import parse_references

    refs = [Reference(1, "Smith J. A paper. J Test. 2020;1:1-9.", "1", 4, 4, part="a"),
            Reference(2, "Jones K. Another. J Test. 2021;2:3-4.", "1", 4, 4, part="b"),
            Reference(3, "Lee H. A third. J Test. 2022;3:5-6.", "2", 5, 5)]
    links = [("CrossRef", "https://doi.org/10.1000/shared", 4),
             ("PubMed", "https://www.ncbi.nlm.nih.gov/pubmed/12345678", 5)]
    parsed = parse_references(refs, 1, links=links)
    assert [[(i.type, i.value) for i in p.identifiers] for p in parsed] == [
        [], [], [("pmid", "12345678")]]
