"""One work written in seven citation styles: the shipped tagger must read the same fields from
each (first author, title, journal as written, year, volume, first page)."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.parse import parse_fields
from auditor.parse.normalize import fold

ZANOS = {"family": "zanos", "title": "mechanisms of ketamine action as an antidepressant",
         "year": 2018, "volume": "23", "page": "801"}
BERMAN = {"family": "berman", "title": "antidepressant effects of ketamine in depressed patients",
          "year": 2000, "volume": "47", "page": "351"}
CASES = [
    (ZANOS, "mol psychiatry", "Zanos P, Gould TD. Mechanisms of ketamine action as an "
     "antidepressant. Mol Psychiatry. 2018;23(4):801-11."),
    (ZANOS, "molecular psychiatry", "Zanos, P., & Gould, T. D. (2018). Mechanisms of ketamine "
     "action as an antidepressant. Molecular Psychiatry, 23(4), 801–811. "
     "https://doi.org/10.1038/mp.2017.255"),
    (ZANOS, "molecular psychiatry", 'Zanos, Panos, and Todd D. Gould. "Mechanisms of Ketamine '
     'Action as an Antidepressant." Molecular Psychiatry, vol. 23, no. 4, 2018, pp. 801-811.'),
    (ZANOS, "molecular psychiatry", 'Zanos, Panos, and Todd D. Gould. 2018. "Mechanisms of '
     'Ketamine Action as an Antidepressant." Molecular Psychiatry 23 (4): 801–11.'),
    (ZANOS, "mol psychiatry", 'P. Zanos and T. D. Gould, "Mechanisms of ketamine action as an '
     'antidepressant," Mol. Psychiatry, vol. 23, no. 4, pp. 801–811, 2018.'),
    (ZANOS, "molecular psychiatry", "Zanos, P. and Gould, T.D. (2018) 'Mechanisms of ketamine "
     "action as an antidepressant', Molecular Psychiatry, 23(4), pp. 801–811."),
    (ZANOS, "mol psychiatry", "Zanos, P. & Gould, T. D. Mechanisms of ketamine action as an "
     "antidepressant. Mol. Psychiatry 23, 801–811 (2018)."),
    (BERMAN, "biol psychiatry", "Berman RM, Cappiello A, Anand A, Oren DA, Heninger GR, Charney "
     "DS, et al. Antidepressant effects of ketamine in depressed patients. Biol Psychiatry. "
     "2000;47(4):351-4."),
    (BERMAN, "biological psychiatry", "Berman, R. M., Cappiello, A., Anand, A., Oren, D. A., "
     "Heninger, G. R., Charney, D. S., & Krystal, J. H. (2000). Antidepressant effects of "
     "ketamine in depressed patients. Biological Psychiatry, 47(4), 351–354."),
    (BERMAN, "biological psychiatry", 'Berman, Robert M., et al. "Antidepressant Effects of '
     'Ketamine in Depressed Patients." Biological Psychiatry, vol. 47, no. 4, 2000, '
     'pp. 351-354.'),
    (BERMAN, "biological psychiatry", "Berman, Robert M., Angela Cappiello, Amit Anand, Dan A. "
     "Oren, George R. Heninger, Dennis S. Charney, and John H. Krystal. 2000. \"Antidepressant "
     "Effects of Ketamine in Depressed Patients.\" Biological Psychiatry 47 (4): 351–54."),
    (BERMAN, "biol psychiatry", 'R. M. Berman et al., "Antidepressant effects of ketamine in '
     'depressed patients," Biol. Psychiatry, vol. 47, no. 4, pp. 351–354, 2000.'),
    (BERMAN, "biological psychiatry", "Berman, R.M., Cappiello, A., Anand, A., Oren, D.A., "
     "Heninger, G.R., Charney, D.S. and Krystal, J.H. (2000) 'Antidepressant effects of ketamine "
     "in depressed patients', Biological Psychiatry, 47(4), pp. 351–354."),
    (BERMAN, "biol psychiatry", "Berman, R. M. et al. Antidepressant effects of ketamine in "
     "depressed patients. Biol. Psychiatry 47, 351–354 (2000)."),
]
STYLES = ["vancouver", "apa", "mla", "chicago", "ieee", "harvard", "nature"] * 2


@pytest.mark.parametrize(("work", "journal", "text"), CASES, ids=[
    f"{style}-{work['family']}" for style, (work, _, _) in zip(STYLES, CASES, strict=True)])
def test_each_style_gives_the_same_fields(work: dict[str, Any], journal: str, text: str) -> None:
    csl = parse_fields(text).csl
    first = (csl.get("author") or [{}])[0]
    read = {"family": fold(first.get("family", "")), "title": fold(csl.get("title", "")),
            "year": (csl.get("issued") or {}).get("date-parts", [[None]])[0][0],
            "volume": csl.get("volume"), "page": str(csl.get("page", "")).split("-")[0]}
    assert read == work
    assert fold(csl.get("container-title", "")) == journal
