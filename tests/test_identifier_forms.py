"""DOIs as publishers, resolvers and PDF text print them: each printed form gives the
registered DOI, and normalising is idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor import identifiers as ids
from auditor.sections.join import join_lines

SICI = "10.1002/(sici)1097-4679(199711)53:7<727::aid-jclp10>3.0.co;2-k"

# (printed text, the DOI it names), lower case as the package reports DOIs.
FORMS: list[tuple[str, str]] = [
    # labels and resolvers
    ("doi:10.1016/j.jad.2020.01.001", "10.1016/j.jad.2020.01.001"),
    ("doi: 10.1016/j.jad.2020.01.001.", "10.1016/j.jad.2020.01.001"),
    ("DOI: 10.1038/s41586-020-2649-2", "10.1038/s41586-020-2649-2"),
    ("DOI 10.1038/s41586-020-2649-2", "10.1038/s41586-020-2649-2"),
    ("doi.10.1176/appi.ajp.2018.18020138", "10.1176/appi.ajp.2018.18020138"),
    ("https://doi.org/10.1176/appi.ajp.2018.18020138", "10.1176/appi.ajp.2018.18020138"),
    ("http://doi.org/10.1176/appi.ajp.2018.18020138.", "10.1176/appi.ajp.2018.18020138"),
    ("https://dx.doi.org/10.1038/mp.2017.255", "10.1038/mp.2017.255"),
    ("http://dx.doi.org/10.1038/mp.2017.255", "10.1038/mp.2017.255"),
    ("https://www.doi.org/10.1038/mp.2017.255", "10.1038/mp.2017.255"),
    ("doi.org/10.1038/mp.2017.255", "10.1038/mp.2017.255"),
    ("<https://doi.org/10.1038/mp.2017.255>", "10.1038/mp.2017.255"),
    ("(https://doi.org/10.1038/mp.2017.255)", "10.1038/mp.2017.255"),
    ("[doi:10.1038/mp.2017.255]", "10.1038/mp.2017.255"),
    ("“https://doi.org/10.1038/mp.2017.255”", "10.1038/mp.2017.255"),
    ("https://doi.org/10.1000%2Fabc", "10.1000/abc"),
    ("https://doi.org/10.1016/S2215-0366%2820%2930001-1", "10.1016/s2215-0366(20)30001-1"),
    ("https://doi.org/10.1016/j.euroneuro.2019.10.002?via%3Dihub",
     "10.1016/j.euroneuro.2019.10.002"),
    # brackets that belong to the DOI and those that do not
    ("doi:10.1016/s0006-3223(99)00230-9.", "10.1016/s0006-3223(99)00230-9"),
    ("(doi:10.1016/S0006-3223(99)00230-9)", "10.1016/s0006-3223(99)00230-9"),
    ("https://doi.org/10.1016/S2215-0366(20)30001-1", "10.1016/s2215-0366(20)30001-1"),
    ("[https://doi.org/10.1016/S2215-0366(20)30001-1](https://doi.org/10.1016/S2215-0366(20)30001-1)",
     "10.1016/s2215-0366(20)30001-1"),
    ("Lancet Psychiatry. 2020;7(3):232-40. doi:10.1016/S2215-0366(20)30001-1;",
     "10.1016/s2215-0366(20)30001-1"),
    ("doi:10.1016/0006-8993(93)90303-5", "10.1016/0006-8993(93)90303-5"),
    ("doi: 10.1016/S0306-4522(02)00792-3).", "10.1016/s0306-4522(02)00792-3"),
    # SICI forms (Wiley, AMS) with angle brackets, colons, semicolons and a hash
    ("doi:10.1002/(SICI)1097-4679(199711)53:7<727::AID-JCLP10>3.0.CO;2-K", SICI),
    ("DOI: 10.1002/(SICI)1097-4679(199711)53:7<727::AID-JCLP10>3.0.CO;2-K.", SICI),
    ("https://doi.org/10.1002/(SICI)1097-4679(199711)53:7<727::AID-JCLP10>3.0.CO;2-K", SICI),
    ("https://onlinelibrary.wiley.com/doi/abs/10.1002/(SICI)1097-4679(199711)53:7%3C727::"
     "AID-JCLP10%3E3.0.CO;2-K", SICI),
    ("doi:10.1002/(SICI)1098-2752(1996)17:12<714::AID-MICR10>3.0.CO;2-X",
     "10.1002/(sici)1098-2752(1996)17:12<714::aid-micr10>3.0.co;2-x"),
    ("doi:10.1002/(SICI)1099-1328(199911/12)11:7<957::AID-JID623>3.0.CO;2-#",
     "10.1002/(sici)1099-1328(199911/12)11:7<957::aid-jid623>3.0.co;2-#"),
    ("10.1002/1098-1063(2001)11:1<8::AID-HIPO1015>3.0.CO;2-7",
     "10.1002/1098-1063(2001)11:1<8::aid-hipo1015>3.0.co;2-7"),
    ("doi:10.1175/1520-0469(1998)055<1020:TNOTDA>2.0.CO;2",
     "10.1175/1520-0469(1998)055<1020:tnotda>2.0.co;2"),
    ("(doi: 10.1175/1520-0442(2001)014<0228:TROTNA>2.0.CO;2)",
     "10.1175/1520-0442(2001)014<0228:trotna>2.0.co;2"),
    # publisher article pages with the DOI in the path and the site's tail after it
    ("https://www.frontiersin.org/articles/10.3389/fphar.2018.01265/full",
     "10.3389/fphar.2018.01265"),
    ("https://www.frontiersin.org/articles/10.3389/fpsyt.2019.00189/abstract.",
     "10.3389/fpsyt.2019.00189"),
    ("https://www.frontiersin.org/articles/10.3389/fpsyt.2019.00189/pdf", "10.3389/fpsyt.2019.00189"),
    ("https://onlinelibrary.wiley.com/doi/10.1002/da.22653/abstract", "10.1002/da.22653"),
    ("https://onlinelibrary.wiley.com/doi/epdf/10.1002/da.22653", "10.1002/da.22653"),
    ("https://onlinelibrary.wiley.com/doi/full/10.1002/da.22653", "10.1002/da.22653"),
    ("https://onlinelibrary.wiley.com/doi/10.1002/da.22653/epdf", "10.1002/da.22653"),
    ("https://onlinelibrary.wiley.com/doi/pdfdirect/10.1002/da.22653?download=true",
     "10.1002/da.22653"),
    ("https://journals.sagepub.com/doi/full/10.1177/0269881119827796", "10.1177/0269881119827796"),
    ("https://journals.sagepub.com/doi/pdf/10.1177/0269881119827796", "10.1177/0269881119827796"),
    ("https://www.tandfonline.com/doi/full/10.1080/15622975.2019.1589009",
     "10.1080/15622975.2019.1589009"),
    ("https://ajp.psychiatryonline.org/doi/10.1176/appi.ajp.2018.18020138",
     "10.1176/appi.ajp.2018.18020138"),
    ("https://ajp.psychiatryonline.org/doi/full/10.1176/appi.ajp.2018.18020138#",
     "10.1176/appi.ajp.2018.18020138"),
    ("https://pubs.acs.org/doi/abs/10.1021/acs.jmedchem.5b01011", "10.1021/acs.jmedchem.5b01011"),
    ("https://link.springer.com/article/10.1007/s00213-019-05345-1",
     "10.1007/s00213-019-05345-1"),
    ("https://link.springer.com/content/pdf/10.1007/s00213-019-05345-1.pdf",
     "10.1007/s00213-019-05345-1"),
    ("https://bmcpsychiatry.biomedcentral.com/articles/10.1186/s12888-019-2345-6",
     "10.1186/s12888-019-2345-6"),
    ("https://www.pnas.org/doi/10.1073/pnas.1816591116", "10.1073/pnas.1816591116"),
    ("https://www.pnas.org/doi/full/10.1073/pnas.1816591116#sec-1", "10.1073/pnas.1816591116"),
    ("https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0216580",
     "10.1371/journal.pone.0216580"),
    ("https://journals.plos.org/plosone/article/file?id=10.1371/journal.pone.0216580&type=printable",
     "10.1371/journal.pone.0216580"),
    ("https://www.biorxiv.org/content/10.1101/2020.03.16.993816v1",
     "10.1101/2020.03.16.993816"),
    ("https://www.biorxiv.org/content/10.1101/2020.03.16.993816v2.full",
     "10.1101/2020.03.16.993816"),
    ("https://www.medrxiv.org/content/10.1101/2020.04.10.20060590v1.full.pdf",
     "10.1101/2020.04.10.20060590"),
    ("https://academic.oup.com/ije/article-lookup/doi/10.1093/ije/dyz123", "10.1093/ije/dyz123"),
    ("https://iopscience.iop.org/article/10.1088/1741-2552/ab0ab5/meta", "10.1088/1741-2552/ab0ab5"),
    ("https://iopscience.iop.org/article/10.1088/1741-2552/ab0ab5/pdf", "10.1088/1741-2552/ab0ab5"),
    ("https://www.science.org/doi/full/10.1126/science.aba7721", "10.1126/science.aba7721"),
    ("https://dl.acm.org/doi/pdf/10.1145/3313831.3376234", "10.1145/3313831.3376234"),
    ("https://www.annualreviews.org/doi/10.1146/annurev-clinpsy-050718-095514",
     "10.1146/annurev-clinpsy-050718-095514"),
    ("https://psycnet.apa.org/doi/10.1037/abn0000412", "10.1037/abn0000412"),
    ("https://www.ncbi.nlm.nih.gov/pubmed/?term=10.1038%2Fmp.2017.255", "10.1038/mp.2017.255"),
    # in running text and after other fields
    ("Nature 2016;533:481-6. doi:10.1038/nature17998. Epub 2016 May 4.", "10.1038/nature17998"),
    ("Mol Psychiatry. 2018;23:801-11. https://doi.org/10.1038/mp.2017.255. PMID: 28696432",
     "10.1038/mp.2017.255"),
    ("J Affect Disord 2020, 263:568-75 [doi:10.1016/j.jad.2019.11.028]",
     "10.1016/j.jad.2019.11.028"),
    ("Psychol Med. 2019; 49(5): 1-10, doi:10.1017/S0033291718001617,",
     "10.1017/s0033291718001617"),
    ("DOI:10.1089/CAP.2018.0030.correx.", "10.1089/cap.2018.0030.correx"),
    ("doi:10.1111/j.1745-6924.2009.01128.x", "10.1111/j.1745-6924.2009.01128.x"),
    ("doi:10.1007/978-90-481-8622-8_19", "10.1007/978-90-481-8622-8_19"),
    ("doi:10.1207/s15327906mbr3402_3", "10.1207/s15327906mbr3402_3"),
    ("doi: 10.1093/ww/9780199540884.013.U4000001", "10.1093/ww/9780199540884.013.u4000001"),
    ("doi:10.1055/s-2007-1018177", "10.1055/s-2007-1018177"),
    ("doi:10.5555/12345678", "10.5555/12345678"),
    ("doi:10.123456789/abc", "10.123456789/abc"),
    # PDF text: a break after "10." or inside the suffix
    ("(doi:10. 1016/j.vaccine.2010.01.002)", "10.1016/j.vaccine.2010.01.002"),
    ("(doi:10. 1080/13506280344000095)", "10.1080/13506280344000095"),
]

# Forms whose line breaks come from PDF text: the record's lines are joined first.
BROKEN: list[tuple[list[str], str]] = [
    (["Cereb. Cortex 20, 612-621. (doi:10.", "1093/cercor/bhp126)"], "10.1093/cercor/bhp126"),
    (["Vaccine 28, 2370-2384. doi:10.1016/j.", "vaccine.2010.01.002"],
     "10.1016/j.vaccine.2010.01.002"),
    (["https://doi.org/10.1016/j.", "annepidem.2010.08.004"], "10.1016/j.annepidem.2010.08.004"),
    (["doi:10.1002/(SICI)1097-", "4679(199711)53:7<727::AID-JCLP10>3.0.CO;2-K"], SICI),
    (["J Clin Psychol. doi:10.1002/", "(SICI)1097-4679(199711)53:7<727::AID-JCLP10>3.0.CO;2-K"],
     SICI),
    (["Mol Psychiatry. https://doi.org/10.1038/mp.", "2017.255"], "10.1038/mp.2017.255"),
]

NOT_DOIS = [
    "Smith J. Ten years on. 2010. Available from: https://example.org/10.1000",
    "The 10.5 mg dose was given over 10.1234 seconds.",
    "doi: not available",
    "doi:10.0000/)",
]


def _dois(text: str) -> list[str]:
    return [i.value for i in ids.extract(text) if i.type == "doi" and i.valid]


def test_there_are_enough_forms() -> None:
    assert len(FORMS) + len(BROKEN) >= 60


@pytest.mark.parametrize(("printed", "doi"), FORMS)
def test_printed_form_gives_the_registered_doi(printed: str, doi: str) -> None:
    assert _dois(printed) == [doi]
    assert ids.normalize_doi(printed) == doi


@pytest.mark.parametrize(("lines", "doi"), BROKEN)
def test_doi_broken_across_lines(lines: list[str], doi: str) -> None:
    assert _dois(join_lines(lines)) == [doi]


@pytest.mark.parametrize("text", NOT_DOIS)
def test_no_doi_where_none_is_printed(text: str) -> None:
    assert _dois(text) == []


def test_sici_segment_needs_its_colon() -> None:
    # Angle brackets without a SICI's colon end the DOI: "<br>" is markup, not suffix.
    assert _dois("doi:10.1000/abc<br>next") == ["10.1000/abc"]


_DOI_CHARS = st.text(alphabet="abcXYZ0189.-_;()/:<>#%?&[]'\",", min_size=1, max_size=30)


@given(prefix=st.sampled_from(["", "doi:", "https://doi.org/", "https://example.org/x/"]),
       registrant=st.from_regex(r"\A\d{4,9}\Z"), suffix=_DOI_CHARS,
       tail=st.sampled_from(["", ".", ")", "/full", "?x=1", " next"]))
def test_normalising_is_idempotent(prefix: str, registrant: str, suffix: str, tail: str) -> None:
    once = ids.normalize_doi(f"{prefix}10.{registrant}/{suffix}{tail}")
    if once is not None:
        assert ids.is_valid_doi(once)
        assert ids.normalize_doi(once) == once


def test_no_other_module_writes_a_doi_pattern() -> None:
    # One grammar: a second DOI regex elsewhere drifts from this one (it did, four times).
    from pathlib import Path

    import auditor

    root = Path(auditor.__file__).parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if p.name != "identifiers.py" and r"10\.\d" in p.read_text(encoding="utf-8")]
    assert offenders == []
