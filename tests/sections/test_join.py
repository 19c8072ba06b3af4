"""Joining a record's lines: soft hyphens undone, real hyphens and identifiers kept whole."""

from __future__ import annotations

from auditor.sections.join import hyphenated_words, join_lines


def test_soft_hyphen_between_lower_case_halves_is_undone() -> None:
    assert join_lines(["Charge conjugate states are implied throughout this analy-", "sis."]) == (
        "Charge conjugate states are implied throughout this analysis.")


def test_hyphen_the_document_prints_elsewhere_is_kept() -> None:
    known = hyphenated_words("Gender and byline placement of co-first authors.")
    assert join_lines(["improves recognition of co-", "first authors"], known) == (
        "improves recognition of co-first authors")


def test_hyphen_before_a_capital_is_kept() -> None:
    assert join_lines(["Bolaños-", "Guzmán CA."]) == "Bolaños-Guzmán CA."


def test_doi_and_url_broken_across_lines_are_one_token() -> None:
    assert join_lines(["DOI: https://doi.org/10.1016/j.", "annepidem.2010.08.004, PMID: 1"]) == (
        "DOI: https://doi.org/10.1016/j.annepidem.2010.08.004, PMID: 1")
    assert join_lines(["JAMA 319:610. DOI: https://doi.org/10.1001/", "jama.2017.18672"]) == (
        "JAMA 319:610. DOI: https://doi.org/10.1001/jama.2017.18672")
    assert join_lines(["see http://sites.nationalacademies.org/pga/", "cwsem/PGA_049131"]) == (
        "see http://sites.nationalacademies.org/pga/cwsem/PGA_049131")


def test_a_link_broken_after_its_own_hyphen_keeps_it() -> None:
    assert join_lines(["Available from: https://www.who.int/news-",
                       "room/fact-sheets/detail/depression."]) == (
        "Available from: https://www.who.int/news-room/fact-sheets/detail/depression.")
    assert join_lines(["https://doi.org/10.1016/S2215-", "0366(20)30001-1"]) == (
        "https://doi.org/10.1016/S2215-0366(20)30001-1")


def test_a_word_after_a_link_is_not_glued_to_it() -> None:
    assert join_lines(["Available at https://example.org/a.", "Accessed 2020."]) == (
        "Available at https://example.org/a. Accessed 2020.")


def test_plain_line_break_is_a_space() -> None:
    assert join_lines(["Zanos P, Gould TD.", "Mol Psychiatry. 2018."]) == (
        "Zanos P, Gould TD. Mol Psychiatry. 2018.")
