"""Line facts: labels count only in sequence, and the facts are the same on every run."""

from __future__ import annotations

from auditor.sections import compound
from auditor.sections.features import (
    author_kind,
    bullet_width,
    document_lines,
    label_number,
    sequence_facts,
)


def test_label_kinds_and_numbers() -> None:
    assert label_number("[12] Smith J.")[:2] == ("br", 12)
    assert label_number("12. Smith J.")[:2] == ("dot", 12)
    assert label_number("(3) Smith J.")[:2] == ("pa", 3)
    assert label_number("1024) Smith")[:2] == ("par", 1024)
    assert label_number("10.1038/s41380-023") == ("", None, 0)  # a DOI, not label 10
    assert label_number("[Ahl78] Lars V. Ahlfors")[0] == "key"


def test_a_label_glued_to_its_entry_is_a_label() -> None:
    # A superscript number copied from a PDF runs into the name it numbers.
    assert label_number("1Berman RM, Cappiello A") == ("glu", 1, 1)
    assert label_number("12Štvrtinová V, Kráľ A") == ("glu", 12, 2)
    assert label_number("3J. Smith, Title") == ("glu", 3, 1)
    assert label_number("2DEA United States Drug Enforcement") == ("glu", 2, 1)
    assert label_number("4———. 1999. Second work.")[:2] == ("glu", 4)
    assert label_number("5“Chinooks/Foehns,” Encyclopedia")[:2] == ("glu", 5)
    assert label_number("6김미정, 김자미. 2018.")[:2] == ("glu", 6)
    assert label_number("7-, 1855. Reviews and Notices of Books.")[:2] == ("glu", 7)
    assert label_number('8"Handbook of Dyes", 1970')[:2] == ("glu", 8)
    assert label_number('12" vinyl record')[0] == ""
    assert label_number("12-15 May")[0] == ""
    assert label_number("2nd edition")[0] == ""
    # A year run on and a capital alone are no labels.
    assert label_number("2000Smith")[0] == ""
    assert label_number("3D printing of scaffolds")[0] == ""
    assert label_number("1H NMR spectra")[0] == ""


def test_a_label_counts_only_in_sequence() -> None:
    facts = sequence_facts((1, 2, 3, None, 2006, 4, 12, 5))
    assert facts == ["seq=one", "seq=next", "seq=next", "", "seq=off", "seq=next", "seq=off",
                     "seq=next"]
    assert sequence_facts((998, 999, 1000, 1001)) == ["seq=first"] + ["seq=next"] * 3


def test_the_numbering_resumes_after_labels_the_text_lost() -> None:
    # "1." then the text layer lost 2 to 99: two labels that count on resume the list.
    assert sequence_facts((1, 100, 101, 102)) == ["seq=one", "seq=off", "seq=next", "seq=next"]
    # A stray "1" (a volume at a line's start) does not end the list it interrupts.
    assert sequence_facts((25, 26, 1, 27, 28)) == ["seq=first", "seq=next", "seq=one",
                                                   "seq=next", "seq=next"]
    # A second list that starts again from 1 goes on from its own 1.
    assert sequence_facts((1, 2, 1, 2, 3)) == ["seq=one", "seq=next", "seq=one", "seq=next",
                                               "seq=next"]
    # Years far past the numbering never resume it, even in a row.
    assert sequence_facts((3, 2006, 2007, 4)) == ["seq=first", "seq=off", "seq=off",
                                                  "seq=next"]


def test_a_note_under_a_list_is_one_fact_in_its_many_forms() -> None:
    lines = ("Communicated by J. P. S. Lemos", "Page last reviewed: 6 June 2024",
             "Reviewed by: Dr A. Smith, 12 March 2024.", "Table 2. Baseline characteristics",
             "Smith J. Received wisdom. J Phil. 2001;3:1-9.", "Table of contents")
    view = document_lines(lines)
    assert ["note" in facts for facts in view.facts] == [True, True, True, True, False,
                                                        False]


def test_back_matter_run_into_its_paragraph_opens_like_a_note() -> None:
    lines = ("Acknowledgements We thank J. Smith for comments. This work was supported by NIH",
             "Author Contributions P.Z. and T.D.G. designed the study.",
             "Author Information Reprints and permissions information is available at",
             "Zanos, P. et al. NMDAR inhibition-independent antidepressant actions of ketamine")
    view = document_lines(lines)
    assert ["note" in facts for facts in view.facts] == [True, True, True, False]


def test_a_label_set_in_a_column_of_its_own_is_no_table_column() -> None:
    lines = ("1.   Berman, R. M. et al. Antidepressant effects of ketamine in depressed",
             "[12]    Kay, S. M. Fundamentals of Statistical Signal Processing.",
             "1.   Berman, R. M.    Antidepressant effects   of ketamine",  # a gap after it
             "800          Pd-based MR using methane")  # a table's first column is a number
    gaps = [[f for f in facts if f.startswith("gaps=")] for facts in document_lines(lines).facts]
    assert gaps == [[], [], ["gaps=2"], ["gaps=1"]]


def test_a_download_stamp_is_a_fact_wherever_the_line_prints_it() -> None:
    lines = ("This content downloaded from 38.66.77.2 on Wed, 14 Dec 2022 14:05:08 UTC",
             "All use subject to https://about.jstor.org/terms",
             "14698137, 2019, 3, Downloaded from https://nph.onlinelibrary.wiley.com/doi/10.1111"
             "/nph.15555 by Cochrane Japan, Wiley Online Library on [12/03/2024]. See the Terms",
             "Authorized licensed use limited to: Univ of Toronto. Downloaded on May 02,2021",
             # an entry of the IUCN Red List, and one about how patients use a service
             "3.RLTS.T62120280A95189182.en. Downloaded on 22 August 2017.",
             "Smith J. Why patients use online records. J Med Internet Res. 2019;21:e1.")
    view = document_lines(lines)
    assert ["stamp" in facts for facts in view.facts] == [True, True, True, True, False,
                                                         False]


def test_running_heads_and_page_numbers_are_described() -> None:
    lines = ("Smith et al. eLife 2015;4:e04490", "25", "[1] A. B. Author, J. Phys. 1 (2000).",
             "Smith et al. eLife 2015;4:e04490", "26")
    view = document_lines(lines)
    assert any(f.startswith("rep=") for f in view.facts[0])
    assert "pagenum" in view.facts[1] and "pagenum" not in view.facts[2]


def test_the_second_reading_knows_whether_entries_open_under_a_blank_line() -> None:
    from auditor.sections.context import regularities, window

    entries = [f"{name}, J. 200{n}. A title of the work. J. Test {n}: 1-9." for n, name in
               enumerate(["Adams", "Brown", "Clark", "Davis", "Evans", "Frank"])]
    lines: list[str] = []
    for entry in entries:
        lines += [entry[:20], entry[20:], ""]
    view = document_lines(tuple(lines))
    items = list(range(len(view.numbers)))
    draft = ["B", "I"] * len(entries)
    rows = regularities(view, items, window(view, items, pairs=True), draft)
    assert b"bs=4|gap=0" in rows[1] and b"bs=4|gap=1" in rows[2]  # every entry after one
    draft = ["B", "B"] * len(entries)  # a draft that starts records inside the blocks
    rows = regularities(view, items, window(view, items, pairs=True), draft)
    assert b"bs=2|gap=0" in rows[1]


def test_the_second_reading_knows_whether_the_list_hangs_its_continuation_lines() -> None:
    from auditor.sections.context import regularities, window

    entries = [f"{name}, J. 200{n}. A title of the work. J. Test {n}: 1-9." for n, name in
               enumerate(["Adams", "Brown", "Clark", "Davis", "Evans", "Frank"])]
    hanging = tuple(line for entry in entries for line in (entry[:20], "    " + entry[20:]))
    flush = tuple(line.strip() for line in hanging)
    draft = ["B", "I"] * len(entries)
    for lines, first, second in ((hanging, b"hang=4|b", b"hang=4|o"),
                                 (flush, b"hang=na|b", b"hang=na|b")):
        view = document_lines(lines)
        items = list(range(len(view.numbers)))
        rows = regularities(view, items, window(view, items, pairs=True), draft)
        assert first in rows[2] and second in rows[3]
    # a draft that runs two entries together does not hide the habit from the line it missed
    view = document_lines(hanging)
    items = list(range(len(view.numbers)))
    missed = ["B", "I", "I", *draft[3:]]
    rows = regularities(view, items, window(view, items, pairs=True), missed)
    assert b"hang=4|b" in rows[2]
    few = tuple(hanging[:4])  # too few records for a habit
    view = document_lines(few)
    rows = regularities(view, [0, 1, 2, 3], window(view, [0, 1, 2, 3], pairs=True), draft[:4])
    assert b"hang=na|o" in rows[3]


def test_the_second_reading_knows_whether_the_entry_above_left_a_quote_or_bracket_open(
        ) -> None:
    from auditor.sections.context import regularities, window

    lines = ("Ghadermazi, M., and F. Manteghi. “(Propane-1,3-Diammonium)",
             "Bis(4-Hydroxypyridine-2,6-Dicarboxylato)zinc(II).” Acta Cryst 65 (2009).",
             "Koleva, D. “Adipokines in Women.” Gynecol Endocrinol 29.3 (2013): 1-5.",
             'Lionel, A. "Ifosfamide Induced Renal Rickets (in',
             'Children)." Indian J Pediatr 81.9 (2013): 943-945.',
             "Schroeder, H. A. (ed.). “Current Status.” JAMA 162 (1956): 1382.")
    view = document_lines(lines)
    items = list(range(len(view.numbers)))
    draft = ["B", "I", "B", "B", "I", "B"]
    rows = regularities(view, items, window(view, items, pairs=True), draft)
    assert b"unc=q" in rows[1]  # the title's closing quote is on this line
    assert not any(fact.startswith(b"unc=") for fact in rows[2])  # all closed above
    assert b"unc=qp" in rows[4]  # a straight quote and a bracket still open
    assert not any(fact.startswith(b"unc=") for fact in rows[5])


def test_the_second_reading_knows_whether_the_lists_records_print_their_year() -> None:
    from auditor.sections.context import regularities, window

    names = ["Adams", "Brown", "Clark", "Davis", "Evans", "Frank"]
    dated = [f"{name}, J. A title of the work. J. Test {n}: 1-9 (200{n})." for n, name in
             enumerate(names)]
    undated = [entry.replace(f" (200{n})", "") for n, entry in enumerate(dated)]
    draft = ["B", "I"] * len(names)
    for entries, habit in ((dated, "yh=3"), (undated, "yh=0")):
        view = document_lines(tuple(part for e in entries for part in (e[:20], e[20:])))
        items = list(range(len(view.numbers)))
        rows = regularities(view, items, window(view, items, pairs=True), draft)
        held = "1" if habit == "yh=3" else "0"  # the record above the start printed a year
        assert f"open|{habit}|{held}".encode() in rows[2]
        assert f"open|{habit}|0".encode() in rows[1]  # inside a record, its year still to come
    view = document_lines(tuple(dated[:2]))  # too few records for a habit
    rows = regularities(view, [0, 1], window(view, [0, 1], pairs=True), ["B", "B"])
    assert b"open|na|1" in rows[1]


def test_a_label_on_a_line_of_its_own_has_its_place_in_the_segmenters_numbering() -> None:
    from auditor.sections.context import window

    lines: list[str] = []
    for n in range(1, 6):  # a text layer that reads the labels' column apart
        lines += [f"{n}.", f"Author{n}, A. A title of the work. J. Test 12: 1-9, 200{n}.", "404."]
    view = document_lines(tuple(lines))
    items = list(range(len(view.numbers)))
    assert view.labels[0] is None and view.alone[0] == 1  # the finder's numbering: none
    rows = window(view, items, pairs=True)
    assert b"seq=one" in rows[0] and b"seq=next" in rows[3] and b"seq=next" in rows[12]
    assert not any(b"seq=next" in rows[k] for k in range(2, len(items), 3))  # "404." is off
    assert not any(b"seq=" in item for item in window(view)[0])
    year = document_lines(("2002.",))
    assert year.alone == (None,)  # a year wrapped onto its own line is no label


def test_a_running_head_printed_with_and_without_its_page_number_repeats() -> None:
    from auditor.sections.context import window

    lines = ("Chapter 1 – Introduction 273", "Smith, J. 2001. A title. Nature 12: 3-9.",
             "Chapter 1 – Introduction", "Jones, K. 2002. A title. Science 13: 4-8.")
    view = document_lines(lines)
    assert not any(f.startswith("rep=") for f in view.facts[2])  # its shape is its own
    assert view.loose == (2, 1, 2, 1)
    rows = window(view, list(range(4)), pairs=True)
    assert b"loose=2" in rows[2] and b"loose=2" not in rows[1]
    assert not any(b"loose=" in attribute for attribute in window(view)[2])  # the finder's


def test_compound_candidates_follow_punctuation_or_the_next_label() -> None:
    text = "Z. Phys. C 46, 93 (1990); F. J. Gilman, Phys. Rev. D 41, 142 (1990) 11. Benesch J."
    found = compound.candidates(text, next_label=11)
    assert text.index("F. J.") in found
    assert text.index("11. Benesch") in found
    assert text.index("93 (1990)") not in found  # no punctuation before it


def test_no_work_starts_at_what_follows_one_inside_its_entry() -> None:
    text = ("Guo J. Ketamine. Mol Psychiatry. 2023;28:2266. Epub 2023 Jan 20. PMID: 36670198; "
            "PMCID: PMC10611576. doi: 10.1038/x. Available from: https://x.org/. Zanos P.")
    found = compound.candidates(text)
    for note in ("Epub", "PMID", "PMCID", "doi", "Available"):
        assert text.index(note) not in found
    assert text.index("Zanos") in found
    initial = "Drugs 12 (1990) 157–165; P. Turner, Drugs Handbook (1988) 177; pp. 4–9."
    assert initial.index("P. Turner") in compound.candidates(initial)
    assert initial.index("pp. 4") not in compound.candidates(initial)


def test_a_work_ended_by_its_page_is_finished_in_every_style() -> None:
    """Before a cut, the left part's locator: AIP "12, 345", Elsevier "(2004) 351", IOP
    "27 153"; a year alone is not one."""
    def finished(left: str) -> str:
        text = left + " Smith J 1999 Phys. Lett. 5 6"
        facts = compound.features(text, len(left) + 1, 0, line_start=True)
        return next(f for f in facts if f.startswith("left="))

    assert finished("A. Bell, Phys. Rev. 12, 345 (1990).") == "left=yl"
    assert finished("J.T. Flynn, Pediatric Hypertension (2004) 351") == "left=yl"
    assert finished("Karassiov V P 1994 J. Phys. A: Math. Gen. 27 153") == "left=yl"
    assert finished("Karassiov V P 1994 Quantum Groups") == "left=y-"
    # IEEE's volume and number, and IOP's electronic page, as the line facts read them
    assert finished("“Report,” The Analyst, vol. 40, no. 466, 1915;") == "left=yl"
    assert finished("Ingram C 2016 J. Pain Symptom Manage. 52 e44") == "left=yl"


def test_a_sub_label_after_the_first_one_is_a_fact_of_its_own() -> None:
    """"a) ...; b) ...": the record opened with "a)", so "b)" opens its second work, even
    where the first prints neither year nor page."""
    text = "a) Falorni, A. Contemporary Aspects of Endocrinology; b) Feil, A. Arch. 1957, 14."
    cut = text.index("b)")
    assert "sub=after_opening" in compound.features(text, cut, 0)
    plain = "Falorni, A. Contemporary Aspects of Endocrinology; b) Feil, A. Arch. 1957, 14."
    assert "sub=after_opening" not in compound.features(plain, plain.index("b)"), 0)


def test_author_forms_open_with_any_latin_greek_or_cyrillic_capital() -> None:
    assert author_kind("Štvrtinová V, Čelovská D, Štvrtina S") == "s_ii"
    assert author_kind("Большаков В.Д., Гайдаев П.А. Теория обработки") == "s_ii"
    assert author_kind("Παπαδόπουλος, Γ. (2001). Τίτλος") == "sc_i"
    assert author_kind("в работе показано") == ""
    assert author_kind("İ. H. Adil, M. E. Yener, and A. Bayındırlı") == "i_s"
    assert author_kind("Ørsted, H. C. (1820). Experimenta") == "sc_i"
    assert author_kind("ÉCIJA, M., 2001.") == "sc_i"
    assert author_kind("Bashir Inam-ul et al., Zh. Eksp.") == "etal"
    assert author_kind("the results of a study") == ""


def test_the_rule_that_repeats_the_authors_above_is_an_author_form() -> None:
    for text in ("———, The Conquest of American Inflation", "———. 1999. Title.",
                 "-, The Conquest of American Inflation", "______. (2001). Title."):
        assert author_kind(text) == "rep", text
    assert author_kind("- an item of a bulleted list") == ""
    assert author_kind("—— and so on") == ""


def test_page_numbers_that_count_on_are_page_furniture() -> None:
    entry = "Smith J. A title of a paper that runs on. J Phys. 2001;12:45-67."
    lines = (entry, "271", *[entry] * 9, "- 272 -", *[entry] * 9, "Page 274", entry, "12",
             entry, "13", entry, "2019", *[entry] * 9, "2020")
    view = document_lines(lines)
    paged = [view.texts[n] for n, facts in enumerate(view.facts) if "pageseq" in facts]
    # "12" and "13" two lines apart are a page range's ends; years are no pages
    assert paged == ["271", "- 272 -", "Page 274"]


def test_a_line_cut_for_scanning_inside_a_run_of_blanks() -> None:
    """A line longer than MAX_SCANNED is read to that length, which may end in blanks."""
    view = document_lines(("1. Smith J. A paper. J Test. 2020;1:1-9." + " " * 50_000 + ", x",))
    assert any(f.startswith("et=") for f in view.facts[0])


def test_a_line_is_read_with_its_neighbours_facts_under_their_prefixes() -> None:
    from auditor.sections.context import window

    view = document_lines(("References", "1. Smith J. A paper. J Test. 2020;1:1-9.",
                           "2. Lee K. Another. J Test. 2021;2:3-4.", "Acknowledgements"))
    rows = window(view)
    assert b"p:start" in rows[0] and b"n:end" in rows[-1]
    second = set(rows[1])
    assert {f.encode() for f in view.facts[1]} <= second
    assert {b"p:" + f.encode() for f in view.facts[0]} <= second
    assert {b"n:" + f.encode() for f in view.facts[2]} <= second
    assert b"nn:lab=dot" in rows[0]  # the line two below the heading lends its label
    assert len(second) == len(rows[1])  # each attribute once: all weigh 1


def test_a_line_that_goes_on_with_prose_after_its_identifier_says_so() -> None:
    lines = ("Zanos P. Ketamine. Nature. 2016;533:481-6. doi: 10.1038/nature17998",
             "Available from: https://www.who.int/x (accessed on 12 March 2019).",
             "A trial (https://doi.org/10.1056/NEJMoa2032994) compared psilocybin with "
             "escitalopram.", "Zanos P, Gould TD. Mechanisms. Mol Psychiatry. 2018;23:801.")
    view = document_lines(lines)
    assert [[f for f in facts if f.startswith("idw=")] for facts in view.facts] == [
        ["idw=0"], ["idw=1"], ["idw=3"], []]


def test_a_bullet_and_wikipedias_caret_with_back_links_are_bullets() -> None:
    assert [bullet_width(t) for t in ("• Smith J", "^ a b Rosenbaum SB", "^ Zanos P",
                                       "^a", "Smith J", "-, The Conquest")] == [2, 6, 2, 0, 0, 0]
    assert label_number("^ a b Rosenbaum SB")[0] == "bul"


def test_no_work_starts_inside_a_quoted_title_left_open() -> None:
    """A line that ends on a year inside a quoted title reads like a finished work; the
    quote is still open, so the next line goes on with the same work."""
    first = "Gärtner, Thomas et al. “Guest Editors’ Introduction to the EcmlPkdd 2016"
    text = (f"{first} Journal Track Special Issue of Machine Learning.” Machine Learning "
            "104.2-3 (2016): 149–150.")
    starts = frozenset({len(first) + 1})
    assert compound.quote_open(text, 0, len(first) + 1)
    assert compound.split_points(text, starts) == []
    two = ("Bell, A. “Quantum Groups.” Phys. Rev. 12, 345 (1990); Smith, J. “Braids.” "
           "Phys. Lett. 5, 6 (1991).")
    assert not compound.quote_open(two, 0, two.index("Smith"))


def test_a_double_spaced_document_counts_blank_lines_in_its_own_spacing() -> None:
    """A blank line after every line (a PDF's layout text of a double-spaced manuscript):
    its lines have the facts of the same lines single-spaced, the position in the document
    aside. A page of one-line paragraphs, each under a blank line, is not double-spaced."""
    from auditor.sections.features import line_spacing

    entries = [("Berman RM, Cappiello A, Anand A. Antidepressant effects of ketamine in",
                "  depressed patients. Biol Psychiatry. 2000;47(4):351-354."),
               ("Zarate CA Jr, Singh JB, Carlson PJ. A randomized trial of an NMDA",
                "  antagonist in major depression. Arch Gen Psychiatry. 2006;63(8):856-864."),
               ("Murrough JW, Iosifescu DV, Chang LC. Antidepressant efficacy of ketamine.",
                "  Am J Psychiatry. 2013;170(10):1134-1142."),
               ("Daly EJ, Singh JB, Fedgchin M. Efficacy and safety of intranasal esketamine.",
                "  JAMA Psychiatry. 2018;75(2):139-148."),
               ("Short B, Fong J, Galvez V. Side-effects associated with ketamine use in",
                "  depression. Lancet Psychiatry. 2018;5(1):65-78.")]
    single = ["References", ""] + [line for entry in entries for line in (*entry, "")]
    double = [row for line in single for row in (line, "")]
    assert line_spacing([n for n, line in enumerate(double) if line]) == 2
    assert line_spacing([n for n, line in enumerate(single) if line]) == 1

    def facts(lines: list[str]) -> list[tuple[str, ...]]:
        view = document_lines(tuple(lines))
        return [tuple(f for f in row if not f.startswith("pos=")) for row in view.facts]

    assert facts(double) == facts(single)
    paragraphs = [row for n in range(12) for row in (f"Paragraph {n} of a web page's text.", "")]
    assert line_spacing([n for n, line in enumerate(paragraphs) if line]) == 1
