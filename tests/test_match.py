from __future__ import annotations

from auditor.match import best_match, score_candidate

WORK = {"DOI": "10.1/a", "title": ["Mechanisms of ketamine action as an antidepressant"],
        "author": [{"family": "Zanos"}], "issued": {"date-parts": [[2018]]}, "volume": "23",
        "page": "801-811"}
RAW = ("Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. Mol Psychiatry. "
       "2018;23(4):801-811.")


def test_right_record_scores_high() -> None:
    candidate = score_candidate(RAW, WORK)
    assert candidate.score > 0.95 and candidate.evidence["first_author"] is True


def test_correction_notice_does_not_stand_in_for_the_work() -> None:
    notice = {**WORK, "DOI": "10.1/corr", "title": ["Correction: Mechanisms of ketamine action as an antidepressant"]}
    match = best_match(RAW, [notice, WORK])
    assert match is not None and match.work["DOI"] == "10.1/a"
    assert best_match(RAW, [notice]) is None


def test_ambiguous_equal_candidates_are_no_match() -> None:
    twin = {**WORK, "DOI": "10.1/b"}
    assert best_match(RAW, [WORK, twin]) is None


def test_year_off_by_one_still_matches_but_other_title_does_not() -> None:
    shifted = {**WORK, "issued": {"date-parts": [[2017]]}}
    assert best_match(RAW, [shifted]) is not None
    other = {**WORK, "title": ["Ketamine and the opioid system in depression"]}
    assert best_match(RAW, [other]) is None


def test_other_title_with_same_locators_does_not_block_the_right_record() -> None:
    # Same author, year, volume and pages but another title: a different work, not a rival.
    sibling = {**WORK, "DOI": "10.1/sibling", "title": ["Sleep architecture in rodent models"]}
    match = best_match(RAW, [WORK, sibling])
    assert match is not None and match.work["DOI"] == "10.1/a"


def test_a_like_title_with_other_volume_and_page_is_another_work() -> None:
    from auditor.match import ACCEPT, score_candidate

    raw = ("LORBER, P., and MÜLLER, W. H. 1976. Volatile growth inhibitors produced by Salvia "
           "leucophylla: effects on seedling root tip ultrastructure. Am. J. Bot. 63: 196-200.")
    other = {"DOI": "10.2307/2483472", "title": ["Volatile growth inhibitors produced by"],
             "author": [{"family": "Müller"}], "issued": {"date-parts": [[1976]]},
             "container-title": ["Bull. Torr. Bot. Club"], "volume": "95", "page": "415"}
    same = {**other, "container-title": ["Am J Bot"], "volume": "63", "page": "196-200"}
    assert score_candidate(raw, other).score < ACCEPT
    assert score_candidate(raw, other).evidence["locators_disagree"] is True
    assert score_candidate(raw, same).score >= ACCEPT
