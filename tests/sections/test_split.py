"""Finding and splitting whole documents: the layouts users bring, read by the shipped models."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from auditor.models import Dropped
from auditor.readers import html as html_reader
from auditor.readers import markdown as markdown_reader
from auditor.readers import text as text_reader
from auditor.sections import (
    _cut_at_next_labels,
    _records,
    link_furniture_only,
    split,
    split_lines,
    split_text,
)
from auditor.sections.features import document_lines
from auditor.sections.policy import Policy
from tests.conftest import FIXTURES, audit_json, findings_of


def _seed_refs() -> list[str]:
    text = (FIXTURES / "seed001-references.txt").read_text(encoding="utf-8")
    return [b.strip() for b in text.split("\n\n")[1:] if b.strip()]


# Four entries of a short list on ketamine, for the readers' notes and numbered lists.
_KETAMINE = [
    "Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed "
    "patients. Biol Psychiatry. 2000;47(4):351-354.",
    "Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate "
    "antagonist in treatment-resistant major depression. Arch Gen Psychiatry. "
    "2006;63(8):856-864.",
    "Murrough JW, Iosifescu DV, Chang LC, et al. Antidepressant efficacy of ketamine in "
    "treatment-resistant major depression. Am J Psychiatry. 2013;170(10):1134-1142.",
    "Daly EJ, Singh JB, Fedgchin M, et al. Efficacy and safety of intranasal esketamine "
    "adjunctive to oral antidepressant therapy. JAMA Psychiatry. 2018;75(2):139-148.",
]


def test_seed001_list_gives_41_records_with_stray_label() -> None:
    result = split_text((FIXTURES / "seed001-references.txt").read_text(encoding="utf-8"))
    assert len(result.references) == 41
    assert result.heading == "References"
    assert not result.numbered
    strays = [r for r in result.references if r.stray_label]
    assert [(r.index, r.stray_label) for r in strays] == [(19, "79.")]
    assert strays[0].text.startswith("Short B")


def test_pasted_numbered_list_without_blank_lines() -> None:
    refs = [r for r in _seed_refs() if not r.startswith("79.")]
    text = "References\n" + "\n".join(f"{n}. {r}" for n, r in enumerate(refs, start=1)) + "\n"
    result = split_text(text)
    assert result.numbered and result.heading == "References"
    assert [r.label for r in result.references] == [f"{n}." for n in range(1, len(refs) + 1)]
    assert [r.raw for r in result.references] == refs


def test_wrapped_pdf_text_drops_running_heads_and_page_numbers() -> None:
    lines = ["REFERENCES", ""]
    for n, ref in enumerate(_seed_refs()[:20], start=1):
        lines.extend(textwrap.wrap(f"{n}. {ref}", 72))
        if n in (7, 14):
            lines.extend(["", f"{24 + n // 7}", "Schuman et al. eLife 2015;4:e04490", ""])
    result = split_text("\n".join(lines) + "\n")
    assert len(result.references) == 20
    assert not any("Schuman" in r.raw or "eLife" in r.raw for r in result.references)
    kinds = {d.kind for d in result.dropped}
    assert {"page-number", "running-head"} & kinds


@pytest.mark.parametrize("stamp", [
    ["This content downloaded from 38.66.77.2 on Wed, 14 Dec 2022 14:05:08 UTC",
     "All use subject to https://about.jstor.org/terms"],
    ["Authorized licensed use limited to: University of Toronto. Downloaded on May 02,2021 at "
     "12:14:39 UTC from IEEE Xplore.  Restrictions apply."],
    ["Downloaded from https://academic.oup.com/brain/article/142/3/1/5298236 by guest on 12 "
     "March 2024"],
])
def test_a_download_stamp_on_every_page_is_dropped(stamp: list[str]) -> None:
    lines = ["References", ""]
    for n, ref in enumerate(_seed_refs()[:24], start=1):
        lines.extend(textwrap.wrap(ref, 80, subsequent_indent="   "))
        if n % 6 == 0 and n < 24:
            lines.extend([*stamp, str(30 + n // 6)])
    result = split_text("\n".join(lines) + "\n")
    assert [r.raw for r in result.references] == _seed_refs()[:24]
    stamps = [d for d in result.dropped if d.kind == "download-stamp"]
    assert len(stamps) == 3 * len(stamp)


@pytest.mark.parametrize("margin", [1, 2])
def test_a_thesis_running_head_that_is_the_lists_heading_is_dropped(margin: int) -> None:
    """Whether one blank line or two set the head off from the page's first entry."""
    lines = ["REFERENCES", ""]
    page = 153
    for n, ref in enumerate(_seed_refs()[:30], start=1):
        lines.extend([*textwrap.wrap(ref, 84, subsequent_indent="  "), ""])
        if n % 5 == 0 and n < 30:
            page += 1
            gap = " " * (60 + n % 7)
            lines.extend([f"\f{page}{gap}REFERENCES" if page % 2 == 0 else
                          f"\fREFERENCES{gap}{page}", *[""] * margin])
    result = split_text("\n".join(lines) + "\n")
    assert [r.raw for r in result.references] == _seed_refs()[:30]
    assert sum(d.kind == "running-head" for d in result.dropped) == 5


HANGING = [
    "Cuchet, V. S. (2018). Quais direitos políticos para as cidadãs da Atenas clássica? Revista",
    "     Hélade, 4(1), 143.",
    "Davis, E. (1977). Hull Middle East Studies Conference. MERIP Reports, (57), 19.",
    "Dionysisches Tanzen und chorischer Selbstbezug. (n.d.). Warum Soll Ich Denn Tanzen?",
    "Ellis, N. R., Miller, D., Titus, H. W., & Byerly, T. C. (1933). Effect of Diet on Egg",
    "     Composition. The Journal of Nutrition, 6(3), 243–262.",
    "Whitehead, C. C. (1992). Bone biology and skeletal disorders in poultry. Ed.",
    "     C. C. Whitehead. Carfax Publishing Company, Abingdon.",
    "Epstein, R. (2011). Mothers in prison: the rights of the child. Criminal Justice Matters,",
    "     86(1), 12–13.",
    "Marshall, T. C., Sotnikov, G. V., & Shchelkunov, S. V. (2009). Analysis of a dielectric",
    "     structure. In Advanced Accelerator Concepts, edited by C. B.",
    "     Schroeder, W. Leemans, and E. Esarey (AIP, New York), pp. 421–426.",
    "Myers, T., Egelhoff, J., & Myers, M. (2014). Glioblastoma multiforme presenting as",
    "     osteoblastic metastatic disease. Journal of Radiology Case Reports, 8(3), 1–7.",
]


def test_a_hanging_indent_says_where_entries_start_whatever_they_open_with() -> None:
    """A flush line opening with a title starts an entry; an indented one opening with
    a name ("C. C. Whitehead.", "Schroeder, W.") continues one."""
    result = split_text("Bibliography\n\n" + "\n".join(HANGING) + "\n")
    assert [r.raw.split(" (")[0] for r in result.references] == [
        line.split(" (")[0] for line in HANGING if not line.startswith(" ")]
    assert result.references[4].raw.endswith("Carfax Publishing Company, Abingdon.")


def test_a_flush_line_under_firm_hanging_indents_starts_an_entry_after_a_title_first_one(
        ) -> None:
    """Two title-first entries in a row: the second opens with no name, after a line that
    ends on a question mark, and the model alone joined it to the first; the list sets every
    continuation line in, so a flush line starts an entry."""
    at = HANGING.index("Dionysisches Tanzen und chorischer Selbstbezug. (n.d.). Warum Soll Ich "
                       "Denn Tanzen?") + 1
    second = "Eleventh International Congress of Applied Mechanics. (1963). Nature, 197(4869), 751–751."
    lines = [*HANGING[:at], second, *HANGING[at:]]
    result = split_text("Bibliography\n\n" + "\n".join(lines) + "\n")
    assert [r.raw for r in result.references][at - 2 : at] == [HANGING[at - 1], second]
    assert len(result.references) == sum(not line.startswith(" ") for line in lines)


def test_a_line_set_in_under_hanging_indents_continues_however_it_opens() -> None:
    # ISO 690 copied from a PDF: "Pacifica: ..." and "Drug Design, Development and Therapy
    # [online]. ..." open like authors after a line that ends with a period, and are set in.
    text = (FIXTURES / "iso690-hanging-copied.txt").read_text(encoding="utf-8")
    refs = split_text(text).references
    assert [r.raw.split(",")[0] for r in refs] == ["ALI", "COWDELL", "DUBORD", "GARCÍA",
                                                    "GULIYEV", "HWEE"]
    assert "Pacifica: Australasian" in refs[1].raw and "Drug Design" in refs[3].raw


def test_right_aligned_labels_keep_every_letter() -> None:
    refs = _seed_refs()[9:21]
    text = "References\n" + "\n".join(f"{n:>3}. {r}" for n, r in enumerate(refs, start=1))
    result = split_text(text)
    assert [r.raw for r in result.references] == refs


def test_labels_a_pdf_glued_to_their_entries_are_labels() -> None:
    refs = _seed_refs()[19:33]
    text = "References\n" + "\n".join(f"{n}{r}" for n, r in enumerate(refs, start=1))
    result = split_text(text)
    assert [r.raw for r in result.references] == refs
    assert [r.label for r in result.references] == [str(n) for n in range(1, len(refs) + 1)]


def test_glued_labels_of_entries_a_pdf_ran_together_on_one_line() -> None:
    refs = _seed_refs()[19:27]
    lines = [f"{n}{r}" for n, r in enumerate(refs, start=1)]
    text = "References\n" + "\n".join([lines[0] + "  " + lines[1], *lines[2:]])
    result = split_text(text)
    assert [r.raw for r in result.references] == refs
    assert [r.label for r in result.references] == [str(n) for n in range(1, len(refs) + 1)]


@pytest.mark.parametrize("author", ["P. Turner,", "Doi K,", "Doi, K.,", "Turner P,"])
def test_the_next_entry_run_on_is_cut_whatever_name_it_opens_with(author: str) -> None:
    # "4. P. Turner" and "4. Doi K" open with what also opens a page ("p. 12") or an
    # identifier ("doi: 10..."); the name is an author's all the same.
    text = ("References\n\n"
            "1. Adams R, Brown T. Sleep and memory in older adults. J Sleep Res. 2001;10(3):211-8.\n"
            "2. Chen L, Wu H. Caffeine intake and attention. Nutr Neurosci. 2005;8(2):99-104.\n"
            "3. Evans M. Light exposure at night. Chronobiol Int. 2010;27(4):700-12. "
            f"4. {author} Shift work and health, Occup Med 52 (2002) 7-13.\n"
            "5. Garcia F, Lopez J. Napping in students. Sleep Med. 2012;13(1):33-9.\n"
            "6. Hall K. Blue light and melatonin. J Pineal Res. 2015;58(2):210-18.\n")
    refs = split_text(text).references
    assert [r.label for r in refs] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert refs[2].raw.endswith("700-12.") and refs[3].raw.startswith(author)


def test_a_numbered_list_run_into_one_paragraph_gives_every_entry() -> None:
    # A text layer that lost every line break: "PMID: ...; PMCID: ..." ends an entry, it
    # opens none.
    refs = _seed_refs()[19:33]
    text = "References\n" + " ".join(f"{n}. {r}" for n, r in enumerate(refs, start=1))
    result = split_text(text)
    assert [r.raw for r in result.references] == refs


def test_the_next_label_alone_on_its_line_starts_an_entry_after_a_comma() -> None:
    # A text layer that sets each label on a line of its own, in a list whose entries the
    # source cut short: "Fortress," then "3." is the next entry, not a page number.
    entries = [
        "Koenig, Wolf, and Roman Kroitor. Lonely Boy. Montreal: National Film Board of "
        "Canada, 1964.",
        "Holmberg, B., Sociology and the New Testament (Minneapolis: Fortress,",
        "Malone, T. and Crowston, K. What is coordination theory and how can it help design "
        "cooperative work systems? In Proceedings of the Conference on Computer-Supported "
        "Cooperative Work, 1990.",
        "Berman RM, Cappiello A, Anand A. Antidepressant effects of ketamine in depressed "
        "patients. Biol Psychiatry. 2000;47(4):351-354.",
        "Autry AE, Adachi M, Nosyreva E. NMDA receptor blockade at rest triggers rapid "
        "behavioural antidepressant responses. Nature 2011, 475, 91-95,",
        "Li N, Lee B, Liu RJ. mTOR-dependent synapse formation underlies the rapid "
        "antidepressant effects of NMDA antagonists. Science. 2010;329:959-964.",
    ]
    lines = ["References"]
    for n, entry in enumerate(entries, start=1):
        lines += [f"{n}.", *textwrap.wrap(entry, 70)]
    result = split_text("\n".join(lines))
    assert [r.raw for r in result.references] == entries
    assert [r.label for r in result.references] == [f"{n}." for n in range(1, 7)]


def test_a_page_range_or_a_date_wrapped_before_a_number_is_not_cut_at_it() -> None:
    lines = ["9. Smith J. Why it works. Infect Immun. 1995;63(3):903-", "10.",
             "10. Jones K. Why it does not. Nature 2001;401:1-2.",
             "11. Brown L. Both. Science 2003;12:3-4,", "12.",
             "13. Green M. Neither. Cell 2021;178:383-399. Epub 2021 Mar",
             "14. PMID: 33726522; PMCID: PMC9635017."]
    view = document_lines(tuple(lines))
    groups = [[0, 1], [2, 3, 4], [5, 6]]
    assert _cut_at_next_labels(view, groups, "dot") == [[0, 1], [2], [3], [4], [5, 6]]


NATURE_LETTER = """\
NATURE | VOL 533 | 26 MAY 2016                                                   LETTER RESEARCH

1.   Berman, R. M. et al. Antidepressant effects of ketamine in depressed patients.
     Biol. Psychiatry 47, 351-354 (2000).
2.   Zarate, C. A. Jr et al. A randomized trial of an N-methyl-D-aspartate antagonist
     in treatment-resistant major depression. Arch. Gen. Psychiatry 63, 856-864
     (2006).
3.   Autry, A. E. et al. NMDA receptor blockade at rest triggers rapid behavioural
     antidepressant responses. Nature 475, 91-95 (2011).
4.   Li, N. et al. mTOR-dependent synapse formation underlies the rapid antidepressant
     effects of NMDA antagonists. Science 329, 959-964 (2010).
5.   Zanos, P. et al. NMDAR inhibition-independent antidepressant actions of ketamine
     metabolites. Nature 533, 481-486 (2016).
Acknowledgements We thank J. Smith for comments. This work was supported by NIH
grant MH107615.
Author Contributions P.Z. and T.D.G. designed the study.
Author Information Reprints and permissions information is available at
www.nature.com/reprints. Correspondence should be addressed to T.D.G.
"""


def test_labels_in_a_column_and_back_matter_run_into_its_paragraph() -> None:
    """A letter's list as a PDF's layout text prints it: no heading, labels padded to a
    column, the acknowledgements run into their paragraph right below the last entry."""
    result = split_text(NATURE_LETTER)
    assert [r.label for r in result.references] == ["1.", "2.", "3.", "4.", "5."]
    assert result.references[4].raw.endswith("Nature 533, 481-486 (2016).")
    assert result.references[0].raw.startswith("Berman, R. M. et al.")


def test_list_ends_at_next_section() -> None:
    text = (
        "Intro text that runs on for a while, as prose does, and cites nothing at all.\n\n"
        "References\n\n"
        "Zanos P, Gould TD. Mechanisms of ketamine. Mol Psychiatry. 2018;23(4):801-811.\n\n"
        "Ren L. The mechanistic basis. Prog Neuropsychopharmacol. 2024;129:110910.\n\n"
        "Acknowledgements\n\nWe thank the editors of this journal for their patience and "
        "the reviewers for their comments on an earlier version.\n"
    )
    result = split_text(text)
    assert [r.raw[:5] for r in result.references] == ["Zanos", "Ren L"]
    assert (result.references[0].start_line, result.references[1].start_line) == (5, 7)


def test_numbered_list_with_wrapped_lines_and_hyphenation() -> None:
    text = (
        "Bibliography\n"
        "[1] Zanos P, Gould TD. Mechanisms of keta-\n"
        "mine action as an antidepressant. Mol Psychiatry. 2018;23(4):801-811.\n"
        "[2] Ren L. The mechanistic basis. Prog Neuropsychopharmacol. 2024;129:110910.\n"
    )
    result = split_text(text)
    assert result.numbered
    assert [r.label for r in result.references] == ["[1]", "[2]"]
    first = result.references[0]
    assert "ketamine action" in first.raw and (first.start_line, first.end_line) == (2, 3)


def test_doi_broken_across_lines_is_joined() -> None:
    text = (
        "References\n\n"
        "Aakhus E, Mitra N, Lautenbach E, Joffe S. 2018. Gender and byline placement of co-first\n"
        "authors in clinical journals. JAMA 319:610. DOI: https://doi.org/10.1001/\n"
        "jama.2017.18672, PMID: 29450515\n\n"
        "Akhabue E, Lautenbach E. 2010. Equal contributions and credit. Annals of Epidemiology\n"
        "20:868-871. DOI: https://doi.org/10.1016/j.\n"
        "annepidem.2010.08.004, PMID: 20933195\n"
    )
    result = split_text(text)
    assert "https://doi.org/10.1001/jama.2017.18672" in result.references[0].raw
    assert "https://doi.org/10.1016/j.annepidem.2010.08.004" in result.references[1].raw


def test_one_per_line_list_without_heading() -> None:
    text = (
        "Zanos P, Gould TD. Mechanisms of ketamine action. Mol Psychiatry. 2018;23(4):801-811.\n"
        "Ren L. The mechanistic basis of ketamine. Prog Neuropsychopharmacol. 2024;129:110910.\n"
        "Kim JW, Suzuki K. Ketamine: mechanisms. Annu Rev Med. 2024;75:129-143.\n"
    )
    result = split_text(text)
    assert len(result.references) == 3 and result.mode == "list:unnumbered"


def test_works_under_one_number_are_parts() -> None:
    text = (
        "References\n"
        "[1] W.-M. Yao et al., J. Phys. G 33, 1 (2006).\n"
        "[2] J. G. Koerner and G. A. Schuler, Z. Phys. C 46, 93 (1990); F. J. Gilman and\n"
        "    R. L. Singleton, Jr., Phys. Rev. D 41, 142 (1990).\n"
        "[3] T. Becher and R. J. Hill, Phys. Lett. B 633, 61 (2006).\n"
        "[4] C. G. Boyd and M. J. Savage, Phys. Rev. D 56, 303 (1997).\n"
    )
    result = split_text(text)
    shown = [r.shown_label for r in result.references]
    assert shown == ["[1]", "2a", "2b", "[3]", "[4]"]
    assert result.references[2].raw.startswith("F. J. Gilman")


def test_a_work_without_locator_under_one_number_is_a_part() -> None:
    """ACS prints several works under one number; one that gives its year and no volume or
    page ("Physik Online 2018;") still ends a work when an author list follows."""
    text = (
        "References\n"
        "(1) Israel, A. C.; Ivanova, M. Y. Factor Structure of a Parent-Report Measure of "
        "Family Stability. Psychol. Assess. 2008, 20, 133–140.\n"
        "(2) Pfeiler, W. Dunkle Materie. Physik Online 2018; Vollema, M. G.; Postma, B. "
        "Neurocognitive Correlates of Schizotypy in First Degree Relatives of Schizophrenia "
        "Patients. Schizophr. Bull. 2002, 28, 367–378.\n"
        "(3) Maravall, D.; de Lope, J. Visual Bug Algorithm for Robot Homing. Bioinspired "
        "Computation in Artificial Systems 2015, 301–310.\n"
    )
    shown = [r.shown_label for r in split_text(text).references]
    assert shown == ["(1)", "2a", "2b", "(3)"]


_DARWIN = ("References",
           "[10] Beer, Gillian. Darwin's Plots. Cambridge: Cambridge University Press, 2000.",
           "[11] Darwin, Charles. Barlow, Nora, ed. The Autobiography of Charles Darwin, "
           "1809-1882. New York:",
           "W.W. Norton & Company, 2005.",
           "[12] Desmond, Adrian. Darwin. London: Michael Joseph, 1991.")


def test_a_line_after_a_colon_or_a_comma_opens_no_work_under_the_number() -> None:
    # "W.W. Norton" reads like an author, but "New York:" wants its publisher.
    result = split_text("\n".join(_DARWIN) + "\n")
    assert [r.label for r in result.references] == ["[10]", "[11]", "[12]"]
    assert result.references[1].raw.endswith("New York: W.W. Norton & Company, 2005.")


def test_iop_works_under_one_number_each_on_a_line_are_parts() -> None:
    text = (
        "References\n"
        "[1] Berry M V 1984 Proc. R. Soc. A 392 45\n"
        "[2] Simon B 1983 Phys. Rev. Lett. 51 2167\n"
        "Simon B 1985 J. Math. Phys. 26 1104\n"
        "[3] Aharonov Y and Anandan J 1987 Phys. Rev. Lett. 58 1593\n"
        "[4] Wilczek F and Zee A 1984 Phys. Rev. Lett. 52 2111\n"
    )
    shown = [r.shown_label for r in split_text(text).references]
    assert shown == ["[1]", "2a", "2b", "[3]", "[4]"]


def test_a_work_the_segmenter_starts_on_its_own_line_under_a_number_is_a_part() -> None:
    """The segmenter is sure "Suskind AM." starts a record; the list is numbered and the line
    prints no label, so it is a second work under [2], not the end of the first."""
    text = (
        "References\n\n"
        "[1] Kono T, Ueda T, Takumida M. Low-dose dexamethasone with fosaprepitant to prevent "
        "nausea. Acta Oto-Laryngologica [Internet]. Informa UK; 2019 Mar 4;139(5):443-8. "
        "Available from: https://doi.org/10.1080/00016489.2019.1575987\n\n"
        "[2] Kolter R, Greenberg EP. The superficial life of microbes. Nature [Internet]. "
        "Springer Nature; 2006 May;441(7091):300-2. Available from: "
        "https://doi.org/10.1038/441300a\n"
        "Suskind AM. Editorial Comment. The Journal of Urology [Internet]. Elsevier BV; "
        "2016 Oct;196(4):1135. Available from: https://doi.org/10.1016/j.juro.2016.04.110\n\n"
        "[3] Mango NK, Garthe EA. Why People Die in Motor Vehicle Crashes. SAE Technical Paper "
        "Series [Internet]. SAE International; 1998 Feb 23; Available from: "
        "https://doi.org/10.4271/980216\n\n"
        "[4] Haber E, Kohn KW, Ngai SH. Localization of Spontaneous Respiratory Neuronal "
        "Activities in the Medulla Oblongata of the Cat. American Journal of Physiology "
        "[Internet]. 1957 Jul 31;190(2):350-5. Available from: "
        "https://doi.org/10.1152/ajplegacy.1957.190.2.350\n"
    )
    refs = split_text(text).references
    assert [r.shown_label for r in refs] == ["[1]", "2a", "2b", "[3]", "[4]"]
    assert refs[1].raw.endswith("10.1038/441300a") and refs[2].raw.startswith("Suskind AM.")


def test_link_words_with_their_address_are_no_entry() -> None:
    """A page's "Google Scholar (https://scholar.google.com/)" printed on a line under an
    entry ends that entry; it is neither a work under its number nor an entry."""
    assert link_furniture_only("Google Scholar (https://scholar.google.com/)")
    assert link_furniture_only("[PubMed] [Google Scholar]")
    assert not link_furniture_only("https://doi.org/10.1038/mp.2017.255")
    assert not link_furniture_only("PubMed Central. Annual report 2019.")
    text = (
        "Referências bibliográficas\n\n"
        "1) A. Filippetti, W.E. Pickett, and B.M. Klein, Physical Review B 59, 7043\n"
        "   Google Scholar (https://scholar.google.com/)\n"
        "2) A. Kaneko, Proceedings of the Japan Academy 48, 651 (1972).\n"
        "3) R. S. Zemel, M. C. Mozer, and G. E. Hinton. TRAFFIC. In D. S. Touretzky, editor,\n"
        "   Neural Information Processing Systems, Vol. 2, pages 266-273. 1990.\n"
    )
    refs = split_text(text).references
    assert [r.shown_label for r in refs] == ["1)", "2)", "3)"]
    assert refs[0].raw.endswith("(https://scholar.google.com/)")


def test_heading_in_other_languages() -> None:
    text = ("Texto del artículo, que sigue y sigue sin citar nada en particular.\n\n"
            "Referencias bibliográficas\n\n"
            "Zanos P, Gould TD. Mechanisms. Mol Psychiatry. 2018;23(4):801-811.\n\n"
            "Ren L. The mechanistic basis. Prog Neuropsychopharmacol. 2024;129:110910.\n")
    result = split_text(text)
    assert len(result.references) == 2 and result.heading == "Referencias bibliográficas"


def test_the_next_label_alone_the_segmenter_dropped_starts_its_entry() -> None:
    # A text layer sets each label in a column of its own; at a page break the segmenter
    # dropped "30." with the running head below it as furniture.
    lines = ("29.", "UNITED STATES FEDERAL TRADE COMMISSION. In the Matter of GeneLink, Inc.",
             "30.", "290          5.2.6 Model validation with small scale gypsum wall tests",
             "Galvin JE, Uryu K. Axon pathology in Parkinson's disease. PNAS 1999;96:13450-5.",
             "31.", "COLLECTIF. Les risques professionnels. L'Aide-soignante 1999;54:11-19.",
             "12.")
    view = document_lines(lines)
    labels = ["B", "I", "O", "O", "I", "B", "I", "O"]
    dropped: list[Dropped] = []
    records = _records(view, list(range(len(lines))), labels, set(), frozenset(), dropped)
    assert [r.text.split(" ", 1)[0] for r in records] == ["29.", "30.", "31."]
    assert records[1].text.endswith("PNAS 1999;96:13450-5.")
    # the running head and a page number far from the count ("12.") stay furniture
    assert [d.start_line for d in dropped] == [4, 8]


JOURNAL_PAGE_AUTHORS = """\
Home / Archives / Vol. 18 (2024) / Articles

The Francis Marion turkey project: a progress report

Authors

  Mohamed, G.E.D
  Surovtsev, P. M https://orcid.org/0000-0002-9271-9050
  Handy G, Taheri M, White JA, Borisyuk A https://orcid.org/0000-0001-9440-8482
  Cavender-Bares, K.K., D.M. Karl National Aeronautics and Space Administration

DOI:

https://doi.org/10.70927/565869

Keywords

turkeys, population, South Carolina
"""


def test_a_journal_pages_authors_with_orcid_ids_are_no_list() -> None:
    assert split_text(JOURNAL_PAGE_AUTHORS).references == ()


def test_an_entry_that_links_an_orcid_id_is_still_an_entry() -> None:
    refs = _seed_refs()[9:17]
    refs[3] += " https://orcid.org/0000-0002-1825-0097"
    result = split_text("References\n\n" + "\n\n".join(refs))
    assert [r.raw for r in result.references] == refs


def test_prose_is_not_a_list() -> None:
    text = (FIXTURES / "checks" / "RA901-no-reference-list.txt").read_text(encoding="utf-8")
    assert split_text(text).references == ()


_LINKED_PROSE = (
    ("Smith and colleagues", "reported", "10.1056/NEJMoa2032994",
     "that psilocybin matched escitalopram."),
    ("In 2019, researchers at Yale", "showed", "10.1016/S2215-0366(20)30001-1",
     "how quickly ketamine acts."),
    ("Esketamine was approved after", "two phase 3 trials", "10.1001/jamapsychiatry.2019.1234",
     "in 2019."),
    ("The effect on suicidal thoughts is", "less certain", "10.1038/s41380-020-0001-2", ""),
)


@pytest.mark.parametrize("markdown", [True, False])
def test_prose_that_cites_through_doi_links_is_not_a_list(markdown: bool) -> None:
    """A sentence to a line, each with a DOI link, as web pages and notes cite: short lines
    with identifiers and years, and still prose, not a reference list."""
    lines = [f"{head} [{linked}](https://doi.org/{doi}) {tail}" if markdown else
             f"{head} {linked} (https://doi.org/{doi}) {tail}"
             for head, linked, doi, tail in _LINKED_PROSE]
    text = "# Psychedelics in the clinic\n\n" + "\n".join(line.rstrip() for line in lines)
    doc = (markdown_reader.read(text + "\n", "x.md") if markdown else
           text_reader.read(text.removeprefix("# ") + "\n", "x.txt"))
    assert split(doc).references == ()


_OWN_PAPERS = (
    "Smith J, Patel R. Ketamine for treatment-resistant depression: a retrospective audit. "
    "BJPsych Open. 2021;7(2):e55. doi:10.1192/bjo.2021.12",
    "Smith J, Brown K, Lee H. Esketamine nasal spray in routine practice. "
    "J Psychopharmacol. 2022;36(4):456-463.",
    "Patel R, Smith J. Dissociation scores after intravenous ketamine. J Affect Disord. "
    "2020;265:1-7.",
)


@pytest.mark.parametrize("markup", ["md", "html"])
def test_a_heading_in_markup_of_any_wording_ends_the_list(markup: str) -> None:
    """"## Contact" under three entries: a heading no list of headings names, and its short
    section after it, are not entries."""
    refs = list(_OWN_PAPERS)
    if markup == "md":
        doc = markdown_reader.read(
            "# Dr Jane Smith\n\nConsultant psychiatrist at the clinic since 2015.\n\n"
            "## Selected publications\n\n" + "\n".join(f"- {r}" for r in refs) +
            "\n\n## Contact\n\nEmail jane.smith@example.org or call 020 7946 0000.\n", "x.md")
    else:
        doc = html_reader.read(
            "<html><body><h1>Dr Jane Smith</h1><p>Consultant psychiatrist since 2015.</p>"
            "<h2>Selected publications</h2><ul>" + "".join(f"<li>{r}</li>" for r in refs) +
            "</ul><h2>Contact</h2><p>Email jane.smith@example.org or call 020 7946 0000.</p>"
            "</body></html>", "x.html")
    assert [r.raw for r in split(doc).references] == refs


_BULLETED = (
    "Smith J, Patel R. Ketamine for depression: an audit. BJPsych Open. 2021;7(2):e55.",
    "Jones K, Lee H. Esketamine nasal spray in practice. J Psychopharmacol. 2022;36(4):456-463.",
    "Patel R. Dissociation after ketamine. J Affect Disord. 2020;265:1-7.",
    "Kim JW, Suzuki K. Ketamine: mechanisms and relevance. Annu Rev Med. 2024;75:129-143.",
    "Zanos P, Gould TD. Mechanisms of ketamine action. Mol Psychiatry. 2018;23(4):801-811.",
)


def test_a_bulleted_list_gives_its_entries_without_bullets() -> None:
    """The bullet is the list's markup, as a number is a label: "- Smith J, ..." is by
    "Smith J"."""
    text = "References\n\n" + "\n".join("- " + r for r in _BULLETED) + "\n"
    assert [(r.raw, r.label) for r in split_text(text).references] == [
        (r, None) for r in _BULLETED]


def test_a_short_list_with_round_bullets_is_found() -> None:
    """Three entries under "References", each after a "•": read as prose before this
    release's models, so the document gave no record."""
    text = "References\n\n" + "\n".join("• " + r for r in _BULLETED[:3]) + "\n"
    assert [r.raw for r in split_text(text).references] == list(_BULLETED[:3])


def test_wikipedia_notes_lose_their_caret_and_back_links() -> None:
    """"^ a b Rosenbaum SB" is note markup: the letters link back to the text, and are no
    author's initials."""
    notes = ("^ a b Rosenbaum SB, Gupta V, Palacios JL (2023). \"Ketamine\". StatPearls. "
             "PMID 29262083.",
             "^ Zanos P, Gould TD (April 2018). \"Mechanisms of ketamine action as an "
             "antidepressant\". Molecular Psychiatry. 23 (4): 801–811. "
             "doi:10.1038/mp.2017.255.",
             "^ Morgan CJ, Curran HV (January 2012). \"Ketamine use: a review\". Addiction. "
             "107 (1): 27–38. doi:10.1111/j.1360-0443.2011.03576.x.")
    result = split_text("References\n\n" + "\n".join(notes) + "\n")
    assert [r.raw[:12] for r in result.references] == [
        "Rosenbaum SB", "Zanos P, Gou", "Morgan CJ, C"]


def test_a_rule_for_the_authors_above_is_no_bullet() -> None:
    """An author's bibliography where most entries repeat the authors above with a rule
    keeps the rules: they stand for the names."""
    refs = (_BULLETED[0], *(f"— . {r.split('. ', 1)[1]}" for r in _BULLETED[1:4]),
            _BULLETED[4])
    raws = [r.raw for r in split_text("References\n\n" + "\n".join(refs) + "\n").references]
    assert raws == list(refs)


def test_markdown_list_under_a_heading() -> None:
    refs = _seed_refs()[9:15]
    for marker in ("1.", "-"):
        items = [f"{n}. {r}" if marker == "1." else f"- {r}" for n, r in enumerate(refs, 1)]
        source = "# A review\n\nSome text here.\n\n## References\n\n" + "\n".join(items) + "\n"
        result = split(markdown_reader.read(source, "x.md"))
        assert [r.raw for r in result.references] == refs, marker


def test_markdown_footnotes_are_numbered_entries_the_text_cites(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    notes = "".join(f"[^{n}]: {ref}\n" for n, ref in enumerate(_KETAMINE[:3], start=1))
    path.write_text("# Ketamine for depression\n\nKetamine acts fast.[^1] A larger trial "
                    "replicated it.[^2] A third followed.[^3]\n\n## Notes\n\n" + notes,
                    encoding="utf-8")
    doc = audit_json(path)
    assert [r["label"] for r in doc["references"]] == ["1.", "2.", "3."]
    assert [r["raw"] for r in doc["references"]] == _KETAMINE[:3]
    assert not findings_of(doc, "RA301")  # "[^2]: Zarate" read as no author before
    assert [c["references"] for c in doc["in_text_citations"]] == [["d1:r1"], ["d1:r2"],
                                                                  ["d1:r3"]]


def test_a_web_pages_footnotes_are_its_reference_list() -> None:
    # Pandoc, Quarto and many blogs: each note a paragraph in a list item, with a link back
    refs = _KETAMINE
    prose = ("Ketamine, an old anaesthetic, has become one of the most discussed treatments "
             "for depression in the last two decades, and trials keep testing it", "The "
             "effect is short-lived, and repeated doses raise questions about safety, "
             "dependence and cost that clinics still debate", "What remains unclear is who "
             "benefits most, and for how long the benefit lasts after the last dose")
    body = "".join(f"<p>{text}.<a href='#fn{n}'><sup>{n}</sup></a></p>"
                   for n, text in enumerate(prose, start=1))
    notes = "".join(f"<li id='fn{n}'><p>{ref}<a href='#fnref{n}'>↩︎</a></p></li>"
                    for n, ref in enumerate(refs, start=1))
    page = (f"<html><body><main><h1>Ketamine for depression</h1>{body}<section "
            f"class='footnotes' role='doc-endnotes'><hr/><ol>{notes}</ol></section></main>"
            "</body></html>")
    result = split(html_reader.read(page, "post.html"))
    assert [r.raw for r in result.references] == refs


def test_an_ordered_items_own_number_is_its_text_unless_the_items_print_theirs() -> None:
    """The seventh item of an <ol> whose title opens with "17." is entry 7, not a second
    work under 6 (the text's [7] named no entry); where the items print their own numbers
    (a page of a longer list, 12 to 16) those are the labels."""
    entries = [f"Author{n} A. Title {n}. J Test. 2020;{n}:1-9." for n in range(1, 10)]
    entries[6] = "17. Economics and finance. Online Business Sourcebook 2007."
    page = ("<html><body><h1>T</h1><p>Text.</p><h2>References</h2><ol>"
            + "".join(f"<li>{e}</li>" for e in entries) + "</ol></body></html>")
    result = split(html_reader.read(page, "x.html"))
    assert [r.label for r in result.references] == [f"{n}." for n in range(1, 10)]
    assert result.references[6].raw == entries[6]
    printed = "".join(f"<li>{n}. Author{n} A. Title {n}. J Test. 2020;{n}:1-9.</li>"
                      for n in range(12, 17))
    result = split(html_reader.read(f"<html><body><h2>References</h2><ol>{printed}</ol>"
                                    "</body></html>", "y.html"))
    assert [r.label for r in result.references] == [f"{n}." for n in range(12, 17)]


def test_an_ordered_lists_shown_numbers_label_its_entries_and_the_text_cites_them(
        tmp_path: Path) -> None:
    refs = _KETAMINE
    page = tmp_path / "review.html"
    page.write_text(
        "<html><body><h1>Ketamine</h1><p>A first trial [1] and a larger one [2] were "
        "followed by a two-site trial [3] that confirmed the rapid effect.</p>"
        "<h2>References</h2><ol>" + "".join(f"<li>{ref}</li>" for ref in refs) +
        "</ol></body></html>", encoding="utf-8")
    doc = audit_json(page)
    assert [r["label"] for r in doc["references"]] == ["1.", "2.", "3.", "4."]
    assert [r["raw"] for r in doc["references"]] == refs
    assert [c["references"] for c in doc["in_text_citations"]] == [["d1:r1"], ["d1:r2"],
                                                                  ["d1:r3"]]
    assert [f["message"] for f in findings_of(doc, "RA501")] == [
        "Entry 4 is not cited in the text"]


def test_html_items_without_publisher_link_lines() -> None:
    refs = _seed_refs()[9:15]
    items = "".join(f"<li>{r} <a href='https://x.org/{n}'>View Article</a> "
                    f"<a href='https://scholar.google.com/'>Google Scholar</a></li>"
                    for n, r in enumerate(refs))
    page = (f"<html><body><nav><a href='/'>Home</a></nav><h1>Title</h1><p>Body text.</p>"
            f"<h2>References</h2><ol>{items}</ol><footer>© 2024</footer></body></html>")
    result = split(html_reader.read(page, "x.html"))
    assert [r.raw for r in result.references] == refs


def test_split_lines_is_one_per_line() -> None:
    result = split_lines(text_reader.read("a b c 2019\n\nd e f 2020\n", "x"))
    assert [(r.index, r.start_line) for r in result.references] == [(1, 1), (2, 3)]


def test_hostile_inputs_end_with_a_result() -> None:
    for text in ("A" * 5_000_000, "x 1999\n" * 100_000, "".join(chr(c % 0x2500 + 32)
                                                               for c in range(200_000))):
        assert split_text(text).mode in ("none", "list:unnumbered", "list:numbered")


def test_one_pasted_reference_is_a_list_and_one_long_token_is_not() -> None:
    one = split_text("Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. "
                     "Mol Psychiatry. 2018;23(4):801-811.\n")
    assert len(one.references) == 1
    assert split_text("x" * 5_000_000).references == ()


def test_a_note_set_off_after_a_pasted_numbered_list_is_no_entry() -> None:
    refs = [r for r in _seed_refs() if not r.startswith("79.")][:6]
    text = ("References\n" + "\n".join(f"{n}. {r}" for n, r in enumerate(refs, start=1))
            + "\n\nCopyright 2024 The Authors.\n")
    result = split_text(text)
    assert [r.raw for r in result.references] == refs
    assert any(d.kind == "outside-list" and d.excerpt.startswith("Copyright")
               for d in result.dropped)


@pytest.mark.parametrize("note", ["Reviewed by: Dr A. Smith, 12 March 2024.",
                                  "Last updated June 2024.",
                                  "Communicated by J. P. S. Lemos, G. M. Quinta"])
def test_a_review_or_editor_note_under_a_list_is_no_entry(note: str) -> None:
    refs = [r for r in _seed_refs() if not r.startswith("79.")][:5]
    text = "References\n\n" + "\n\n".join(refs) + f"\n\n{note}\n"
    result = split_text(text)
    assert [r.raw for r in result.references] == refs


def test_a_numbered_list_resumes_after_labels_the_text_lost() -> None:
    # labels 5 to 39 are missing (a PDF column the text layer did not read): 40 and 41
    # count on from each other, so each is an entry of its own, not part of entry 4
    refs = [r for r in _seed_refs() if not r.startswith("79.")][:8]
    numbers = [1, 2, 3, 4, 40, 41, 42, 43]
    text = "References\n" + "\n".join(f"{n}. {r}" for n, r in zip(numbers, refs, strict=True)) + "\n"
    result = split_text(text)
    assert [r.label for r in result.references] == [f"{n}." for n in numbers]
    assert [r.raw for r in result.references] == refs


def test_link_words_and_a_wrapped_locator_end_the_entry_above() -> None:
    text = ("References\n\n"
            "Coquelin A (1992) Urine-marking by female mice throughout their reproductive\n"
            "cycle. Horm Behav 26:255-271.\n"
            "CrossRef Medline\n"
            "Crawley JN (2007) Mouse behavioral assays relevant to the symptoms of autism.\n"
            "Brain Pathol 17:448-459.\n"
            "CrossRef Medline\n"
            "Darwin C (1871) The descent of man, and selection in relation to sex. London:\n"
            "John Murray.\n")
    raws = [r.raw for r in split_text(text).references]
    assert len(raws) == 3
    assert raws[0].endswith("CrossRef Medline") and raws[2].startswith("Darwin")


def test_a_key_label_alone_after_a_url_that_ends_in_a_period_starts_its_entry() -> None:
    # A URL broken after its period goes on at the next line's start; a key label in
    # brackets never does.
    text = ("References\n\n"
            "[Adl98]\n"
            "Carl Adler, Surgery on knots and flat connections, Topology 37 (1998), no. 4, 801-830.\n"
            "[Bra05]\n"
            "Lena Brandt and Otto Weil, Hyperbolic volume and the colored Jones polynomial, Invent.\n"
            "Math. 160 (2005), no. 3, 451-493.\n"
            "[Kow03]\n"
            "Anna Kowalska, Flat bundles over surfaces, J. Geom. Anal. 13 (2003), no. 2, 201-224.\n"
            "[Mar11]\n"
            "Paul Martin, Lectures on knot invariants, Lecture notes, 2011,\n"
            "http://example.org/notes/knots.\n"
            "[Nak95]\n"
            "Hiro Nakamura, Quantum groups at roots of unity, Comm. Math. Phys. 170 (1995), no. 1,\n"
            "13-40.\n"
            "[Ste07]\n"
            "Eva Stein, The geometry of moduli spaces, Springer, Berlin, 2007, pp. 1-65.\n")
    raws = [r.raw for r in split_text(text).references]
    assert len(raws) == 6
    assert raws[3].endswith("knots.") and raws[4].startswith("[Nak95] Hiro")


def test_a_name_alone_under_a_url_that_ends_in_a_period_starts_its_entry() -> None:
    # A text layer that prints a word a line: the period after the link closes the entry,
    # and "Bernstein," opens the next (a URL's rest holds a URL's characters).
    entries = [
        "Baawain, M.S.; Mohamed, G.E.D.; & Smith, D.W., 2006. Computational fluid dynamics "
        "in modelling a storage reservoir. Journal of Environmental Engineering and Science, "
        "5:2: 151. http://dx.doi.org/10.1139/s05-023.",
        "Bernstein, R. J. (1983). Beyond objectivism and relativism: Science, hermeneutics, "
        "and praxis. Philadelphia: University of Pennsylvania Press.",
        "Crawley, J. N. (2007). Mouse behavioral assays relevant to the symptoms of autism. "
        "Brain Pathology, 17, 448-459.",
    ]
    text = "References\n\n" + "\n\n".join("\n".join(e.split()) for e in entries) + "\n"
    raws = [r.raw for r in split_text(text).references]
    assert [r[:12] for r in raws] == ["Baawain, M.S", "Bernstein, R", "Crawley, J. "]
    assert raws[0].endswith("s05-023.")


def _numbered(count: int, wrapped: bool = False) -> str:
    refs = _seed_refs()
    lines = ["References", ""]
    for n in range(1, count + 1):
        text = f"{n}. {refs[n % len(refs)]}"
        lines.extend(textwrap.wrap(text, 70, subsequent_indent="   ") if wrapped else [text])
    return "\n".join(lines) + "\n"


def _small_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.sections as sections

    monkeypatch.setattr(sections, "POLICY", Policy(whole_lines=60, window_lines=40))


@pytest.mark.parametrize("wrapped", [False, True])
def test_long_document_read_in_windows_gives_the_same_records(
        monkeypatch: pytest.MonkeyPatch, wrapped: bool) -> None:
    text = _numbered(90, wrapped)
    whole = split_text(text)
    _small_windows(monkeypatch)
    windows = split_text(text)
    assert len(text.splitlines()) > 60  # the small policy does read it in windows
    assert [(r.label, r.raw, r.start_line, r.end_line) for r in windows.references] == [
        (r.label, r.raw, r.start_line, r.end_line) for r in whole.references]
    assert [r.index for r in windows.references] == list(range(1, 91))
    assert len(windows.zones) == 1 and windows.zones[0].records == 90
    assert windows.read_until is None


def test_long_document_stops_after_the_window_that_reached_the_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _small_windows(monkeypatch)
    text = _numbered(200)
    result = split(text_reader.read(text, "long.txt"), limit=50)
    assert 50 <= len(result.references) < 200
    unread = [d for d in result.dropped if d.kind == "not-read"]
    assert len(unread) == 1 and unread[0].end_line == 202
    assert result.read_until == unread[0].start_line - 1 == result.references[-1].end_line
    assert unread[0].excerpt.startswith(f"{len(result.references) + 1}. ")


def test_unchecked_entries_names_the_lines_not_read(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    _small_windows(monkeypatch)
    path = tmp_path / "long.txt"
    path.write_text(_numbered(200), encoding="utf-8")
    doc = audit_json(path, max_entries=30)
    assert len(doc["references"]) == 30
    [finding] = findings_of(doc, "RA903")
    assert finding["evidence"]["checked"] == 30
    assert finding["evidence"]["unread_to_line"] == 202
    assert "were not read" in finding["message"]


def test_a_date_inside_the_last_entry_is_not_the_next_label() -> None:
    """"Epub 2021 Mar 17. PMID ..." in entry 16 of a 16-entry list is a date: no entry 17."""
    refs = _seed_refs()[:15]
    lines = ["References", ""] + [f"{n}. {r}" for n, r in enumerate(refs, start=1)]
    lines.append("16. McIntyre RS, Rosenblat JD. Synthesizing the Evidence for Ketamine. Am J "
                 "Psychiatry. 2021 May 1;178(5):383-399. doi: 10.1176/appi.ajp.2020.20081251. "
                 "Epub 2021 Mar 17. PMID: 33726522; PMCID: PMC9635017.")
    result = split_text("\n".join(lines) + "\n")
    assert [r.label for r in result.references][-2:] == ["15.", "16."]
    assert result.references[-1].raw.endswith("PMCID: PMC9635017.")


CHICAGO = [
    "Sargent, Thomas J. 1993. Bounded Rationality in Macroeconomics. Oxford:",
    "    Clarendon Press.",
    "———. 1999. The Conquest of American Inflation. Princeton: Princeton",
    "    University Press.",
    "———. 2008. “Evolution and Intelligent Design.” American Economic Review 98",
    "    (1): 5–37.",
    "Štvrtinová, Viera, Dagmar Čelovská, and Svetozár Štvrtina. 2017.",
    "    “Polymyalgia Rheumatica and Vascular Complications.” Bratislava Medical",
    "    Journal 118 (2): 67–75.",
    "Weitzman, Martin L. 2007. “Subjective Expectations and Asset-Return",
    "    Puzzles.” American Economic Review 97 (4): 1102–30.",
]


def test_the_rule_for_the_same_authors_and_latin_capitals_open_entries() -> None:
    result = split_text("Bibliography\n\n" + "\n".join(CHICAGO) + "\n")
    assert [r.raw.split(".")[0] for r in result.references] == [
        "Sargent, Thomas J", "———", "———", "Štvrtinová, Viera, Dagmar Čelovská, and Svetozár "
        "Štvrtina", "Weitzman, Martin L"]


def test_notes_numbered_among_the_references_are_entries() -> None:
    refs = _seed_refs()[:8]
    lines = ["References and Notes", ""] + [f"{n}. {r}" for n, r in enumerate(refs, start=1)]
    lines += ["9. In the literature, the symmetric boundary condition is often referred to as",
              "the new boundary condition; we call it symmetric since it favours the ordered",
              "state.", f"10. {_seed_refs()[8]}"]
    result = split_text("\n".join(lines) + "\n")
    assert [r.label for r in result.references] == [f"{n}." for n in range(1, 11)]
    assert result.references[8].raw.startswith("In the literature")


METHODS_LISTS = """Ketamine for depression: a pilot study

Introduction

Depression is common and treatment-resistant depression affects many patients [1]. Ketamine has rapid antidepressant effects [2,3].

Methods

Patients were eligible if they met the following criteria:
1. Age between 18 and 65 years.
2. A diagnosis of major depressive disorder (DSM-5).
3. Failure of at least two antidepressant trials in the current episode.
4. Written informed consent.

The study procedure was as follows:
1. Screening visit (day -7).
2. Infusion of ketamine 0.5 mg/kg over 40 minutes (day 0).
3. Follow-up visits on days 1, 3 and 7.

Results

Twelve patients completed the study. Response rates were 58% at day 1.

References

"""


def test_numbered_lists_of_the_body_are_no_references() -> None:
    """A manuscript's numbered criteria and steps in its Methods are text: they gave seven
    records (and their form findings) before the article's own three."""
    refs = _seed_refs()[:3]
    text = METHODS_LISTS + "\n".join(f"{n}. {r}" for n, r in enumerate(refs, start=1)) + "\n"
    result = split_text(text)
    assert [r.raw for r in result.references] == refs
    assert result.heading == "References"


@pytest.mark.parametrize("enabled", [True, False])
def test_splitting_pauses_the_cycle_collector_and_leaves_it_as_it_was(
        enabled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    seen: list[bool] = []
    import auditor.sections as sections

    real = sections._split_whole

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sections, "_split_whole", spy)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        result = split_text("References\n" + "\n".join(_KETAMINE) + "\n")
        after = gc.isenabled()
    finally:
        gc.enable() if was else gc.disable()
    assert len(result.references) == 4
    assert seen == [False]
    assert after is enabled


def test_a_double_spaced_list_splits_as_it_does_single_spaced() -> None:
    """A PDF's layout text of a double-spaced manuscript: a blank line after every line,
    three between entries."""
    refs = _seed_refs()[:12]
    single = ["REFERENCES", ""]
    for ref in refs:
        single.extend([*textwrap.wrap(ref, 78, subsequent_indent="   "), ""])
    double = [row for line in single for row in (line, "")]
    result = split_text("\n".join(double) + "\n")
    assert [r.raw for r in result.references] == refs
    assert result.heading == "REFERENCES"
