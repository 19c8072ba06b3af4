"""RA101 across styles: pairs that are one work, near-misses that are not, and the advice."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.checks import CheckContext
from auditor.checks.duplicates import DuplicateReference
from auditor.models import Document, Finding, Reference, SplitResult
from auditor.pipeline import parse_references

APA = ("Wickens, M. P., Buell, G. N., Crouse, G. F., Carbon, J., & Schimke, R. T. (1979). "
       "Restriction map of the region surrounding the EcoRI site in the pCR1 plasmid and analysis "
       "of an inserted ovalbumin gene. Gene, 5(1), 19–43.")
AIP = "M.P. Wickens, G.N. Buell, G.F. Crouse, J. Carbon, and R.T. Schimke, Gene 5, 19 (1979)."
ELSEVIER_NO_TITLE = "M.P. Wickens, G.N. Buell, G.F. Crouse, J. Carbon, R.T. Schimke, Gene 5 (1979) 19."
OTHER_PAPER = ("Wickens, M. P., Buell, G. N., Crouse, G. F., Carbon, J., & Schimke, R. T. (1979). "
               "Cloning of the ovalbumin gene in bacteria. Gene, 5(1), 87–101.")
PART_1 = ("Fleischer, F., Voss, F., Schmidt, V., Gloaguen, C.: Distributional properties of euclidean "
          "distances in wireless networks involving road systems: Part I. IEEE Journal on Selected "
          "Areas in Communications. 27, 1047–1055 (2009).")
PART_2 = PART_1.replace("Part I.", "Part II.").replace("1047–1055", "1088–1096")
CYRILLIC_IEEE = ("Д. А. Киселёв, “Философия развития как основа и предпосылка для философии "
                 "управления,” Proceedings of the XXIII World Congress of Philosophy, pp. 101–107, 2018.")
CYRILLIC_HARVARD = ("Киселёв, Д.А., 2018. Философия развития как основа и предпосылка для философии "
                    "управления. Proceedings of the XXIII World Congress of Philosophy, pp.101–107.")


def _findings(texts: Sequence[str]) -> list[Finding]:
    refs = [Reference(i + 1, t, None, 2 * i, 2 * i) for i, t in enumerate(texts)]
    parsed = tuple(parse_references(refs, 1))
    doc = Document("list.txt", "text", tuple(texts))
    ctx = CheckContext(document=doc, split=SplitResult(tuple(refs), "section", "References", False),
                       references=parsed, citations=())
    return list(DuplicateReference().run(ctx))


def test_styles_without_titles_pair_with_the_full_entry() -> None:
    assert len(_findings([APA, AIP])) == 1
    assert len(_findings([ELSEVIER_NO_TITLE, APA])) == 1


def test_another_paper_of_the_same_authors_and_year_is_not_a_duplicate() -> None:
    assert _findings([APA, OTHER_PAPER]) == []
    assert _findings([AIP, OTHER_PAPER]) == []


def test_part_one_and_part_two_are_different_works() -> None:
    assert _findings([PART_1, PART_2]) == []


def test_titles_in_other_scripts_are_compared() -> None:
    assert len(_findings([CYRILLIC_IEEE, CYRILLIC_HARVARD])) == 1


def test_evidence_names_the_fields_that_agreed() -> None:
    (finding,) = _findings([APA, AIP])
    assert "first author" in finding.evidence["agreeing_fields"]
    assert "agree" in finding.message


def test_advice_keeps_the_entry_in_the_lists_style() -> None:
    vancouver = ["Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. "
                 "Mol Psychiatry. 2018;23(4):801-11.",
                 "Berman RM, Cappiello A, Anand A. Antidepressant effects of ketamine in depressed "
                 "patients. Biol Psychiatry. 2000;47(4):351-4.",
                 "Short B, Fong J, Galvez V. Side-effects associated with ketamine use in depression: "
                 "a systematic review. Lancet Psychiatry. 2018;5(1):65-78."]
    longer_apa = ("Zanos, P., & Gould, T. D. (2018). Mechanisms of ketamine action as an "
                  "antidepressant. Molecular Psychiatry, 23(4), 801–811. Retrieved from the "
                  "publisher's site, accessed 2 May 2024.")
    (finding,) = _findings([*vancouver, longer_apa])
    assert finding.evidence["keep"]["index"] == 1
    assert "style" in finding.evidence["keep"]["why"]


def test_no_fix_edits_an_entry_that_a_duplicate_finding_deletes() -> None:
    from auditor.checks.advice import reconcile
    from auditor.models import Severity

    def finding(code: str, refs: tuple[str, ...], fix: str, **evidence: object) -> Finding:
        return Finding(code, code.lower(), Severity.WARNING, 0.9, refs, "m", dict(evidence), fix)

    dup = finding("RA101", ("d1:r2", "d1:r5"), "Keep entry 5, delete entry 2.",
                  keep={"index": 5, "why": "x"}, delete={"index": 2, "id": "d1:r2"})
    label = finding("RA102", ("d1:r2",), "Smith J. Corrected entry.")
    style = finding("RA104", ("d1:r1", "d1:r2", "d1:r3"), "Rewrite entries 1, 2, 3 in APA style.")
    out = reconcile([dup, label, style])
    assert out[0] == dup
    assert out[1].fix == "Nothing to edit: entry 2 duplicates entry 5 and is to be deleted (RA101)."
    assert out[2].fix == "Rewrite entries 1, 3 in APA style; delete entry 2 as a duplicate (RA101)."


def test_entries_longer_than_the_parse_limit_are_copies_only_when_whole_copies() -> None:
    """Of an entry past --max-entry-chars only the beginning is read (a 10 MB line costs no
    more than a page); two that differ after it are still two entries."""
    from auditor.parse import MAX_ENTRY_CHARS

    long_one = APA + " " + "word " * MAX_ENTRY_CHARS
    [copies] = _findings([long_one, long_one])
    assert copies.evidence["agreeing_fields"] == ["text"]  # a verbatim copy
    # the same beginning, another end: the same work as far as it was read, no copy
    [same_work] = _findings([long_one + " the end", long_one + " another end"])
    assert "text" not in same_work.evidence["agreeing_fields"]
