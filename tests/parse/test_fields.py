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
    for text, style in ((APA, "apa"), (VANCOUVER, "vancouver")):
        opening = {**TAGGED, "author": [{"family": text.split(",")[0].split()[0]}]}
        monkeypatch.setattr(crf, "parse", lambda text, tagger=None, t=opening: dict(t))
        fields = parse_fields(text)
        assert fields.style == style and fields.csl["title"] == "Tagged title"


def test_rules_stay_when_the_tagger_authors_start_inside_the_title(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Andrade C. Ketamine for Depression, 4: In What Dose, at What Rate? J Clin "
            "Psychiatry. 2017 Jul;78(7):e852-e857.")
    misread = {**TAGGED, "author": [{"family": "Depression", "given": "Andrade C. Ketamine"}]}
    monkeypatch.setattr(crf, "parse", lambda text, tagger=None: dict(misread))
    fields = parse_fields(text)
    assert fields.csl["author"] == [{"family": "Andrade", "given": "C"}]
    assert str(fields.csl["title"]).startswith("Ketamine for Depression, 4")


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
    day = ["Med.", "2024", "Jan", "29", ";", "75", ":", "129-143."]
    tagged = ["container-title", "date", "date", "volume", "volume", "volume", "other", "pages"]
    assert crf.repair(day, tagged)[3:6] == ["date", "other", "volume"]
    issue = ["2024", ";", "12", ";", "75"]  # no month before it: left as tagged
    assert crf.repair(issue, ["date", "other", "volume", "other", "volume"])[2] == "volume"


def test_the_first_date_is_the_works_not_the_epub_date() -> None:
    csl = crf.to_csl({"date": ["2018 Jul", "2017 May 30"], "title": ["T"]})
    assert csl["issued"] == {"date-parts": [[2018, 7]]}


@pytest.mark.parametrize(("span", "expected"), [
    ("2011;118(20):", ("118", "20")), ("Vol. 206, No. 10,", ("206", "10")),
    ("vol 3 n°5", ("3", "5")), ("Vol. 7, Issue 8", ("7", "8")), ("12.3", ("12", "3")),
    ("No. 291,", (None, "291")), ("Bd. 23", ("23", None)), ("T1", ("T1", None)),
    ("H2", ("H2", None))])
def test_volume_spans_give_volume_and_issue(span: str, expected: tuple[str | None, ...]) -> None:
    csl = crf.to_csl({"volume": [span]})
    assert (csl.get("volume"), csl.get("issue")) == expected


def test_inline_markup_is_not_part_of_any_field() -> None:
    csl = crf.parse("Jenik J. 1998. Biodiversity of the Hercynian mountains of Central Europe. "
                    "<italic>Pirineos</italic> 151: 83-99.")
    assert csl is not None
    assert "italic" not in " ".join(str(v) for v in csl.values()).lower()


def test_epub_and_its_date_are_a_note() -> None:
    tokens = ["110910.", "Epub", "2023", "Dec", "6.", "PMID"]
    tagged = ["pages", "publisher", "date", "date", "date", "identifier"]
    assert crf.repair(tokens, tagged) == ["pages", "note", "note", "note", "note", "identifier"]


def test_the_surname_after_the_last_authors_initials_is_an_authors() -> None:
    """IEEE's "P. Stoica and R. L. Moses, Spectral Analysis" was tagged with the title
    opening at "Moses,": the second author became "L., R." and the title "Moses, Spectral
    Analysis of Signals"."""
    tokens = ["P.", "Stoica", "and", "R.", "L.", "Moses", ",", "Spectral", "Analysis"]
    tagged = ["author"] * 5 + ["title"] * 4
    assert crf.repair(tokens, tagged) == ["author"] * 7 + ["title"] * 2
    # a surname that opens the list is APA's or Vancouver's: its title is left as tagged
    apa = ["Smith", ",", "J.", ",", "&", "K.", "Depression", ",", "anxiety"]
    assert crf.repair(apa, ["author"] * 6 + ["title"] * 3)[6] == "title"
    lone = ["J.", "Smith", ",", "Depression", ",", "anxiety"]  # no initials alone at the end
    assert crf.repair(lone, ["author"] * 3 + ["title"] * 3)[3] == "title"


def test_a_lower_case_in_before_a_container_is_not_its_title() -> None:
    csl = crf.to_csl({"container-title": ["in Advances in Neural Information Processing "
                                          "Systems"], "title": ["in situ hybridization"]})
    assert csl["container-title"] == "Advances in Neural Information Processing Systems"
    assert csl["title"] == "in situ hybridization"


def test_names_after_the_container_are_no_authors() -> None:
    """IEEE's "in Proc. IEEE Conf. ... (CVPR), Las Vegas, NV, USA" was tagged in part as
    authors, and the work gained the authors "CVPR)", "Vegas", "NV" and "USA"."""
    tokens = ["A.", "Farhadi", ",", "Title", ",", "in", "Proc.", "CVPR", ",", "Las", "Vegas",
              "2016"]
    tagged = ["author", "author", "author", "title", "other", "other", "container-title",
              "author", "author", "author", "author", "date"]
    assert crf.repair(tokens, tagged)[7:11] == ["other"] * 4
    # a title may come first: the authors after it are kept
    first = ["Title", ".", "Smith", "J", ".", "Nature", "2016"]
    labels = ["title", "title", "author", "author", "author", "container-title", "date"]
    assert crf.repair(first, labels) == labels


def test_a_title_run_into_a_family_first_name_opens_after_its_initial() -> None:
    """MLA books whose italics were lost: "Said, Edward W. Orientalism." gave the given
    names "Edward W. Orientalism" and no title."""
    for text, given, title in (
            ("Said, Edward W. Orientalism. Pantheon Books, 1978.", "Edward W.", "Orientalism"),
            ("Booth, Wayne C. A Rhetoric of Irony. University of Chicago Press, 1974.",
             "Wayne C.", "A Rhetoric of Irony")):
        csl = crf.parse(text)
        assert csl is not None
        assert csl["author"] == [{"family": text.split(",")[0], "given": given}]
        assert csl["title"] == title
    # an initial before the given name, or a second author after "and", is a name
    tokens = ["Farmer", ",", "J.", "Dean.", "Scholarly", "communities"]
    assert crf.repair(tokens, ["author"] * 4 + ["note"] * 2)[3] == "author"
