"""Which parser reads the fields: rules for PubMed's Vancouver, the tagger elsewhere."""

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


def test_tagger_reads_a_recognised_style_other_than_vancouver(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crf, "parse", lambda text, tagger=None: dict(TAGGED))
    fields = parse_fields(APA)
    assert fields.style == "apa" and fields.csl["title"] == "Tagged title"
    vancouver = parse_fields(VANCOUVER)
    assert vancouver.style == "vancouver"
    assert vancouver.csl["title"] == "Mechanisms of ketamine action as an antidepressant"


def test_rules_stay_when_the_tagger_loses_a_field_they_found(
        monkeypatch: pytest.MonkeyPatch) -> None:
    without_title = {k: v for k, v in TAGGED.items() if k != "title"}
    monkeypatch.setattr(crf, "parse", lambda text, tagger=None: dict(without_title))
    fields = parse_fields(APA)
    assert fields.csl["title"] == "Evolutionary economics of human reproduction"
    assert fields.csl["container-title"] == "Ethology and Sociobiology"
