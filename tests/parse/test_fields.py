"""Which parser reads the fields: the tagger, unless it lost a field a style's rules found."""

from __future__ import annotations

import pytest

from auditor.models import CSL
from auditor.parse import crf, parse_fields

APA = ("Rogers, A. R. (1990). Evolutionary economics of human reproduction. Ethology and "
       "Sociobiology, 11, 479-495.")
VANCOUVER = ("Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. "
             "Mol Psychiatry. 2018;23(4):801-811.")
TAGGED: CSL = {"author": [{"family": "Tagger"}], "title": "Tagged title",
               "container-title": "Tagged journal", "issued": {"date-parts": [[1990]]},
               "type": "article-journal"}


def test_tagger_reads_the_fields_and_rules_name_the_style(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crf, "parse", lambda text, tagger=None: dict(TAGGED))
    for text, style in ((APA, "apa"), (VANCOUVER, "vancouver")):
        fields = parse_fields(text)
        assert fields.style == style and fields.csl["title"] == "Tagged title"


def test_rules_stay_when_the_tagger_loses_a_field_they_found(
        monkeypatch: pytest.MonkeyPatch) -> None:
    without_title = {k: v for k, v in TAGGED.items() if k != "title"}
    monkeypatch.setattr(crf, "parse", lambda text, tagger=None: dict(without_title))
    fields = parse_fields(APA)
    assert fields.csl["title"] == "Evolutionary economics of human reproduction"
    assert fields.csl["container-title"] == "Ethology and Sociobiology"


def test_repair_reads_a_bracketed_number_after_a_volume_as_its_issue() -> None:
    tokens = ["Science", ",", "338", "(", "6103", ")", ",", "68-72."]
    labels = ["container-title", "other", "volume", "other", "pages", "other", "other", "pages"]
    assert crf.repair(tokens, labels)[4] == "issue"
    year = ["NovT", "10", "(", "1978", ")"]
    assert crf.repair(year, ["container-title", "volume", "other", "pages", "other"])[3] == "pages"


def test_links_and_dois_are_single_tokens() -> None:
    text = "Biol Psychiatry. 2000;47(4):351-4. doi: 10.1016/s0006-3223(99)00230-9. https://x.org/a(b)"
    tokens = crf.tokenize(text)
    assert "10.1016/s0006-3223(99)00230-9." in tokens and "https://x.org/a(b)" in tokens
    assert tokens[:6] == ["Biol", "Psychiatry.", "2000", ";", "47", "("]
    assert [t for t, _, _ in crf.token_spans(text)] == tokens


def test_the_first_date_is_the_works_not_the_epub_date() -> None:
    csl = crf.to_csl({"date": ["2018 Jul", "2017 May 30"], "title": ["T"]})
    assert csl["issued"] == {"date-parts": [[2018, 7]]}
