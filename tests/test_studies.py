"""What counts as citing on a line that reports a study (RA506)."""

from __future__ import annotations

import pytest

from auditor.studies import cites


@pytest.mark.parametrize("line", [
    "An earlier trial published in Biological Psychiatry reported a rapid effect [1].",
    "A trial in Biological Psychiatry reported a rapid effect (12).",
    "A trial in Biological Psychiatry reported a rapid effect (Berman et al., 2000).",
    "Berman (2000) reported in Biological Psychiatry a rapid effect.",
    "Berman et al. (2000) reported in Biological Psychiatry a rapid effect.",
])
def test_a_citation_of_any_system_counts(line: str) -> None:
    assert cites(line, ["Biological Psychiatry"])


@pytest.mark.parametrize("line", [
    "A study published in JAMA (2007) found that ketamine acts within hours.",
    "A study published in the American Journal of Psychiatry (2019) found an effect.",
    "A study published online today (2024) reports that ketamine acts within hours.",
])
def test_a_year_alone_after_the_venue_is_a_date(line: str) -> None:
    assert not cites(line, ["JAMA", "American Journal of Psychiatry"])
