from __future__ import annotations

import pytest

from auditor.compare import MATCH, MISMATCH, TOLERATED, compare_title, in_text


@pytest.mark.parametrize(("cited", "record", "verdict"), [
    ("Ketamine for depression", "Ketamine for Depression.", MATCH),
    ("Organisation of care", "Organization of care", MATCH),
    ("Ketamine and esketamine in depression", "Ketamine and esketamine in depression: a review",
     TOLERATED),
    # The deposit lost its italic species names; the citation has more words, not other ones.
    ("Parapedobacter luteus sp. nov. and Parapedobacter composti sp. nov., isolated from compost",
     "sp. nov. and , isolated from compost", TOLERATED),
    ("Sleep deprivation in rodents", "Ketamine for depression", MISMATCH),
    # Same words in another order, or one word alone, are not a lost-markup deposit.
    ("Depression and ketamine trials", "ketamine and depression", MISMATCH),
    ("Depression in adolescents: outcomes", "Outcomes", MISMATCH),
])
def test_compare_title(cited: str, record: str, verdict: str) -> None:
    assert compare_title(cited, record) == verdict


def test_in_text_needs_a_title_long_enough_to_mean_something() -> None:
    raw = "Smith J. Editorial. Ketamine in depression. Lancet. 2020;1:1-2."
    assert in_text("title", "Ketamine in depression", raw)
    assert not in_text("title", "Editorial", raw)
    assert in_text("year", 2020, raw) and not in_text("year", 2019, raw)
