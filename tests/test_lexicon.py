from __future__ import annotations

from auditor.api import parse
from auditor.lexicon import without_link_words
from auditor.models import Reference


def test_link_words_closing_an_entry_are_not_read() -> None:
    """A PMC page's "[PubMed] [CrossRef] [Google Scholar]" and a journal page's "CrossRef
    Medline" close the entry as pasted; the parser does not read them."""
    assert without_link_words(
        "Berman RM. Biol Psychiatry. 2000;47(4):351–354. [PubMed] [CrossRef] [Google Scholar]"
    ) == "Berman RM. Biol Psychiatry. 2000;47(4):351–354."
    assert without_link_words(
        "Antkowiak B (2001) Naturwissenschaften 88:201-213. CrossRef Medline"
    ) == "Antkowiak B (2001) Naturwissenschaften 88:201-213."
    assert without_link_words(
        "Kay R. Nature 5:1. View Article Google Scholar (https://scholar.google.com/q=x)"
    ) == "Kay R. Nature 5:1."


def test_link_words_inside_an_entry_stay() -> None:
    """Only a run that names a link word and holds nothing else after the entry's last
    field goes: a title that names a database, a title that ends in a word a link can
    also print, and an entry that is nothing but link words stay whole."""
    title = "Walters M. A comparison of Google Scholar, Scopus and Web of Science. 2008;96:1-5."
    assert without_link_words(title) == title
    assert without_link_words("Smith A. Nature. 2010. Abstract") == "Smith A. Nature. 2010. Abstract"
    assert without_link_words("Google Scholar") == "Google Scholar"


def test_the_printed_entry_keeps_its_link_words() -> None:
    """What the user gave stays in the record; what parsers and comparisons read does not
    carry the links."""
    ref = Reference(1, "Kay R. Nature 5:1. [PubMed] [Google Scholar]", "1.", 1, 1)
    assert ref.raw.endswith("[Google Scholar]") and ref.text == "Kay R. Nature 5:1."


def test_pasted_pmc_links_give_no_publisher() -> None:
    """Pasted from a PMC page, an entry's links were read as its publisher
    ("CrossRef] [Google Scholar]")."""
    [parsed] = parse(
        "1. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in "
        "depressed patients. Biol Psychiatry. 2000;47(4):351–354. doi: "
        "10.1016/S0006-3223(99)00230-9. [PubMed] [CrossRef] [Google Scholar]"
    )
    assert "publisher" not in parsed.csl
    assert parsed.csl["container-title"] == "Biol Psychiatry"
