from __future__ import annotations

import pytest

from auditor.formats.render import render

RECORD = {"author": [{"family": "Zanos", "given": "Panos"}, {"family": "Gould", "given": "TD"}],
          "title": "Mechanisms of ketamine action as an antidepressant",
          "container-title": "Molecular Psychiatry", "container-title-short": "Mol Psychiatry",
          "issued": {"date-parts": [[2018]]}, "volume": "23", "issue": "4", "page": "801-811",
          "DOI": "10.1038/mp.2017.255"}


@pytest.mark.parametrize(("style", "expected"), [
    ("vancouver", "Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. "
                  "Mol Psychiatry. 2018;23(4):801-811. doi: 10.1038/mp.2017.255"),
    ("apa", "Zanos, P., & Gould, T. D. (2018). Mechanisms of ketamine action as an "
            "antidepressant. Molecular Psychiatry, 23(4), 801-811. https://doi.org/10.1038/mp.2017.255"),
    ("harvard", "Zanos, P. and Gould, T. D. (2018) 'Mechanisms of ketamine action as an "
                "antidepressant', Molecular Psychiatry, 23(4), pp. 801-811. doi: 10.1038/mp.2017.255"),
    ("mla", 'Zanos, Panos, and TD Gould. "Mechanisms of ketamine action as an antidepressant." '
            "Molecular Psychiatry 23.4 (2018): 801-811."),
])
def test_render_styles(style: str, expected: str) -> None:
    assert render(RECORD, style) == expected


def test_unknown_style_falls_back_to_vancouver() -> None:
    assert render(RECORD, None).startswith("Zanos P, Gould TD.")


def test_vancouver_renders_a_book_with_its_publisher_and_no_empty_journal() -> None:
    book = {"type": "book", "title": "Convex optimization", "publisher": "Cambridge University "
            "Press", "publisher-place": "Cambridge", "issued": {"date-parts": [[2004]]},
            "author": [{"family": "Boyd", "given": "Stephen"},
                       {"family": "Vandenberghe", "given": "Lieven"}]}
    assert render(book, "vancouver") == ("Boyd S, Vandenberghe L. Convex optimization. "
                                         "Cambridge: Cambridge University Press; 2004.")
    page = {"type": "webpage", "title": "Depression", "issued": {"date-parts": [[2021]]},
            "author": [{"literal": "World Health Organization"}]}
    assert render(page, "vancouver") == "World Health Organization. Depression. 2021."
