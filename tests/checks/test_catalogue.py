"""One fixture per check code, run by one parametrized test; plus catalogue invariants."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from auditor.checks import REGISTRY, resolve_selection
from tests.conftest import FIXTURES, audit_json, findings_of

# code -> (fixture, expected findings of that code as lists of 1-based entry numbers)
CASES: dict[str, list[list[int]]] = {
    "RA101": [[1, 4], [1, 5], [6, 7], [8, 9]],  # 8-9: a title printed where a style has none
    "RA102": [[2]],
    "RA103": [[3, 4], [5]],
    "RA104": [[4]],
    "RA105": [[1], [2], [3]],
    "RA106": [[2]],  # with --max-entry-chars 1000, entry 2 (1,200 characters) is cut
    "RA201": [[1], [2], [3]],  # 4: a StatPearls chapter of 2024 under its 2017 PMID
    "RA301": [[1]],  # 4: a web page whose DOI stands for its URL and access date
    "RA302": [[1]],
    "RA401": [[1]],
    "RA402": [[1], [2]],
    "RA403": [[1]],
    "RA404": [[1]],
    "RA405": [[1]],
    "RA406": [[1]],
    "RA407": [[1]],
    "RA408": [[1]],
    "RA409": [[1]],
    "RA410": [[]],  # an inline citation: its id is d1:c2, checked below
    "RA501": [[4]],
    "RA502": [[]],  # a citation, not an entry: "[5]" on line 3
    "RA503": [[]],  # the whole list: [2] is cited before [1]
    "RA504": [[3, 4]],  # "(Zanos and Gould, 2018)" and "Zanos and Gould (2018)", one finding
    "RA505": [[]],
    "RA506": [[]],  # line 3 names a journal and cites nothing; line 5 cites [1]
    "RA901": [[]],
    "RA902": [[]],
    "RA903": [[]],  # with --max-entries 2, the third entry is counted, not checked  # a web page's "Notes and sources", a note after the list
}
SNAPSHOT = FIXTURES / "checks" / "verification.snapshot.jsonl"


def _fixture(code: str) -> str:
    matches = sorted((FIXTURES / "checks").glob(f"{code}-*.*"))
    assert matches, f"no fixture for {code}"
    return str(matches[0])


def test_every_check_has_a_case() -> None:
    assert set(CASES) == set(REGISTRY)


OPTIONS: dict[str, dict[str, int]] = {"RA903": {"max_entries": 2},
                                       "RA106": {"max_entry_chars": 1000}}


def _audit(code: str) -> dict:  # type: ignore[type-arg]
    """RA4xx fixtures resolve against the fixture snapshot; the others need no records."""
    snapshot = str(SNAPSHOT) if code.startswith("RA4") else None
    return audit_json(_fixture(code), snapshot=snapshot, **OPTIONS.get(code, {}))


@pytest.mark.parametrize("code", sorted(CASES))
def test_check_fires_exactly_on_its_fixture(code: str) -> None:
    doc = _audit(code)
    found = findings_of(doc, code)
    entries = [[int(r.split(":r")[1]) for r in f["references"] if ":r" in r] for f in found]
    assert entries == CASES[code]
    for f in found:
        assert f["rule"] == REGISTRY[code].name
        assert f["message"] and isinstance(f["evidence"], dict) and f["evidence"]


def test_clean_list_has_no_findings() -> None:
    doc = audit_json(FIXTURES / "checks" / "clean-vancouver.txt")
    assert doc["findings"] == []
    assert len(doc["references"]) == 7


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_catalogue_entry_is_documented(code: str) -> None:
    check = REGISTRY[code]
    assert re.fullmatch(r"RA[1-59]\d\d", code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", check.name)
    assert 0 < check.confidence <= 1
    doc = check.doc()
    for part in ("What it finds", "Why it matters", "Example", "Fix"):
        assert part in doc, f"{code} doc lacks '{part}'"


def test_selection_by_code_prefix_and_name() -> None:
    assert resolve_selection(["RA1"], ["numbering"]) == ["RA101", "RA102", "RA104", "RA105",
                                                         "RA106"]
    assert resolve_selection(["duplicate-reference"], None) == ["RA101"]


def test_duplicate_evidence_names_the_kind() -> None:
    doc = audit_json(_fixture("RA101"))
    found = findings_of(doc, "RA101")
    assert [f["evidence"]["kind"] for f in found] == [
        "verbatim", "same-identifier", "same-work", "same-work"]
    assert found[-1]["evidence"]["agreeing_fields"] == [
        "title printed", "first author", "year", "first page"]


def test_same_author_year_series_is_not_a_duplicate() -> None:
    # Andrade 2017 "Ketamine for depression, 3" and ", 4" share author, year and volume.
    doc = audit_json(_fixture("RA101"))
    pairs = [f["references"] for f in findings_of(doc, "RA101")]
    assert ["d1:r2", "d1:r3"] not in pairs


def test_wrong_identifier_kinds_and_fixes() -> None:
    found = findings_of(_audit("RA402"), "RA402")
    assert [f["evidence"]["kind"] for f in found] == ["unrelated-work", "typo"]
    assert "doi:10.1038/mp.2017.255" in found[0]["fix"]
    assert "doi:10.1016/s0006-3223(99)00230-9" in found[1]["fix"]


def test_metadata_mismatch_lists_fields_and_tolerates_abbreviations() -> None:
    (finding,) = findings_of(_audit("RA401"), "RA401")
    verdicts = {row["field"]: row["verdict"] for row in finding["evidence"]["fields"]}
    assert verdicts["year"] == verdicts["volume"] == "mismatch"
    assert verdicts["container-title"] == "tolerated" and verdicts["title"] == "match"
    assert finding["fix"].startswith("Zanos P, Gould TD. Mechanisms")


def test_retraction_seen_only_through_the_notice() -> None:
    (finding,) = findings_of(_audit("RA405"), "RA405")
    assert finding["evidence"]["notice"]["doi"] == "10.1016/s0140-6736(10)60175-4"
    assert finding["evidence"]["notice"]["date"] == "2010-02-06"


def test_journal_label_mismatch_names_both_journals() -> None:
    (finding,) = findings_of(_audit("RA410"), "RA410")
    assert finding["references"] == ["d1:c2"]
    assert finding["evidence"]["record_journal"] == "Journal of Neurochemistry"


def test_author_order_from_the_record(tmp_path: Path) -> None:
    path = tmp_path / "order.txt"
    path.write_text("References\n\nEduardo TQ, Angela A, Mateo L, Melanie LZ. Ketamine for "
                    "resistant depression: a scoping review of fixtures. J Fixture Stud. "
                    "2022;50(3):144-159. doi: 10.5555/fixture.order.1\n", "utf-8")
    (finding,) = findings_of(audit_json(path, snapshot=str(SNAPSHOT)), "RA302")
    assert finding["severity"] == "warning"
    assert finding["fix"].startswith("Quintero ET, Arango A")


def test_unverified_never_gives_verification_findings() -> None:
    for code in ("RA401", "RA402", "RA403", "RA404", "RA405"):
        doc = audit_json(_fixture(code))  # offline, no snapshot: everything unverified
        assert not [f for f in doc["findings"] if f["code"].startswith("RA4")], code


def test_stray_label_fix_is_cleaned_text() -> None:
    (finding,) = findings_of(audit_json(_fixture("RA102")), "RA102")
    assert finding["fix"].startswith("Berman RM")
    assert finding["evidence"]["fragment"] == "12."


def test_notice_says_whether_it_predates_the_manuscript() -> None:
    before = audit_json(_fixture("RA405"), snapshot=str(SNAPSHOT), manuscript_date="2015-01-01")
    after = audit_json(_fixture("RA405"), snapshot=str(SNAPSHOT), manuscript_date="2009-05-01")
    assert findings_of(before, "RA405")[0]["evidence"]["predates_manuscript"] is True
    assert findings_of(after, "RA405")[0]["evidence"]["predates_manuscript"] is False
    assert findings_of(audit_json(_fixture("RA405"), snapshot=str(SNAPSHOT)), "RA405")[0][
        "evidence"]["predates_manuscript"] is None


def test_boundary_names_the_doubted_line_and_keeps_the_list() -> None:
    doc = audit_json(_fixture("RA902"))
    clean = audit_json(FIXTURES / "checks" / "clean-vancouver.txt")
    (finding,) = findings_of(doc, "RA902")
    # every entry of the list is kept; the page's review note under it (line 17) is read into
    # the list, and the finding says that this edge is in doubt, naming that line
    entries = [r["raw"] for r in clean["references"]]
    assert [r["raw"] for r in doc["references"]][: len(entries)] == entries
    assert [line["line"] for line in finding["evidence"]["lines"]] == [17]
    assert finding["severity"] == "info" and finding["evidence"]["confidence"] < 0.9


@pytest.mark.parametrize("sure_edge, doubted", [(1.01, True), (0.0, False)])
def test_boundary_reports_every_edge_line_below_the_sure_bar(
        monkeypatch: pytest.MonkeyPatch, sure_edge: float, doubted: bool) -> None:
    """The mechanism, apart from how sure the shipped finder happens to be of one fixture:
    every line at an edge of the list whose probability is below ``sure_edge`` is named,
    and the list is kept whole either way."""
    import dataclasses

    from auditor.sections import finder

    path = FIXTURES / "checks" / "clean-vancouver.txt"
    entries = [r["raw"] for r in audit_json(path)["references"]]
    monkeypatch.setattr(finder, "POLICY", dataclasses.replace(finder.POLICY,
                                                              sure_edge=sure_edge))
    doc = audit_json(path)
    found = findings_of(doc, "RA902")
    assert [r["raw"] for r in doc["references"]] == entries
    if not doubted:
        assert found == []
        return
    (finding,) = found
    lines = [line["line"] for line in finding["evidence"]["lines"]]
    first = doc["references"][0]["span"]["start_line"]
    last = doc["references"][-1]["span"]["end_line"]
    assert first in lines and last in lines  # both edges of the list, at least


def test_junk_text_patterns_are_linear_on_runs_of_spaces() -> None:
    from auditor.checks.structure import _JUNK

    for pattern, _, _ in _JUNK:
        assert pattern.search(" " * 50_000) is None


def test_inline_links_are_verified_like_entries() -> None:
    # fixtures/checks/inline-links.md: a retracted work, an unregistered DOI and a sound link,
    # in a page with no reference list.
    doc = audit_json(FIXTURES / "checks" / "inline-links.md", snapshot=str(SNAPSHOT))
    (retracted,) = findings_of(doc, "RA405")
    (missing,) = findings_of(doc, "RA404")
    assert retracted["references"] == ["d1:c1"] and retracted["message"].startswith("Link 1, line 3")
    assert missing["references"] == ["d1:c2"] and missing["severity"] == "error"
    assert doc["summary"]["citations"] == 3
    assert doc["summary"]["citations_by_resolution"] == {"not_found": 1, "resolved": 2}


def test_label_and_debris_fixes_show_one_corrected_entry(tmp_path: Path) -> None:
    text = ("References\n\n"
            "Zanos P, Gould TD. Mechanisms of ketamine action as an antidepressant. Mol "
            "Psychiatry. 2018;23(4):801-811.\n\n"
            "79.Short B, Fong J, Galvez V, et al. : Side-effects associated with ketamine use in "
            "depression: a systematic review. Lancet Psychiatry 2018; 5:65–78\n\n"
            "Berman RM, Cappiello A, Anand A. Antidepressant effects of ketamine in depressed "
            "patients. Biol Psychiatry. 2000;47(4):351-354.\n")
    path = tmp_path / "list.txt"
    path.write_text(text, "utf-8")
    doc = audit_json(path)
    (label,) = findings_of(doc, "RA102")
    (junk,) = findings_of(doc, "RA105")
    assert label["fix"] == junk["fix"]
    assert label["fix"].startswith("Short B, Fong J, Galvez V, et al. Side-effects")


def test_the_records_rendering_is_the_one_corrected_entry() -> None:
    from auditor.checks.advice import one_corrected_entry
    from auditor.models import Finding, Severity

    record = Finding("RA401", "metadata-mismatch", Severity.WARNING, 0.9, ("d1:r2",), "m",
                     {"corrected_entry": True, "from_record": True}, "Rendered from record.")
    junk = Finding("RA105", "junk-text", Severity.INFO, 0.85, ("d1:r2",), "m",
                   {"corrected_entry": True}, "Cleaned text.")
    other = Finding("RA105", "junk-text", Severity.INFO, 0.85, ("d1:r3",), "m",
                    {"corrected_entry": True}, "Other entry.")
    out = one_corrected_entry([junk, record, other])
    assert [f.fix for f in out] == ["Rendered from record.", "Rendered from record.",
                                    "Other entry."]


def test_in_text_citations_give_context_and_skip_bare_lists() -> None:
    doc = audit_json(_fixture("RA504"))
    first = doc["references"][0]
    assert first["context"] and "Berman et al., 2000" in first["context"][0]
    assert [c["text"] for c in doc["in_text_citations"]][:2] == [
        "Berman et al., 2000", "Duman et al., 2012"]
    # A list with no text citing it raises no RA5xx finding.
    bare = audit_json(FIXTURES / "checks" / "clean-vancouver.txt")
    assert not [f for f in bare["findings"] if f["code"].startswith("RA5")]


def test_a_month_before_a_year_is_not_an_author() -> None:
    from auditor.citations import NOT_AUTHORS

    assert {"march", "figure", "in"} <= NOT_AUTHORS


def _cited(path: Path, text: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """``text`` audited as the Markdown file ``path``: its report, and the entries each
    in-text citation names, by what it prints."""
    path.write_text(text, encoding="utf-8")
    doc = audit_json(path)
    return doc, {c["text"]: c["references"] for c in doc["in_text_citations"]}


def test_a_team_named_by_its_first_author_is_cited(tmp_path: Path) -> None:
    """"Murrough and colleagues (2013b)" cites as "Murrough et al. (2013b)" does: read as
    text, the entry it names was reported uncited."""
    doc, cited = _cited(
        tmp_path / "review.md",
        "# Ketamine\n\nKetamine acts within hours (Berman et al., 2000). Murrough and "
        "colleagues (2013b) tested repeated doses, and Daly and co-workers (2018) a spray.\n\n"
        "## References\n\n"
        "Berman, R. M., Cappiello, A., & Krystal, J. H. (2000). Antidepressant effects of "
        "ketamine in depressed patients. Biological Psychiatry, 47(4), 351–354.\n\n"
        "Daly, E. J., Singh, J. B., & Fedgchin, M. (2018). Efficacy and safety of intranasal "
        "esketamine. JAMA Psychiatry, 75(2), 139–148.\n\n"
        "Murrough, J. W., Iosifescu, D. V., & Chang, L. C. (2013a). Antidepressant efficacy "
        "of ketamine in treatment-resistant major depression. American Journal of "
        "Psychiatry, 170(10), 1134–1142.\n\n"
        "Murrough, J. W., Perez, A. M., & Pillemer, S. (2013b). Rapid and longer-term "
        "antidepressant effects of repeated ketamine infusions. Biological Psychiatry, "
        "74(4), 250–256.\n")
    assert cited["Murrough and colleagues (2013b)"] == ["d1:r4"]
    assert cited["Daly and co-workers (2018)"] == ["d1:r2"]
    assert [f["message"] for f in findings_of(doc, "RA501")] == [
        "Entry 3 is not cited in the text"]


def test_possessives_lists_of_authors_and_several_years_are_citations(tmp_path: Path) -> None:
    """Each form below was read as no citation (or as one of "smith's"), and the entries
    they name were reported uncited or the citation missing from the list."""
    path = tmp_path / "review.md"
    path.write_text(
        "# Ketamine\n\nBerman et al.'s (2000) trial was small; the first full trial "
        "(Zarate, Singh, & Carlson, 2006) was larger. Later work (Murrough et al., 2013a, "
        "2013b; Smith, 2015, p. 4) followed, and Smith's (2015) note.\n\n## References\n\n"
        "Berman, R. M., Cappiello, A., & Krystal, J. H. (2000). Antidepressant effects of "
        "ketamine in depressed patients. Biological Psychiatry, 47(4), 351–354.\n\n"
        "Murrough, J. W., Iosifescu, D. V., & Chang, L. C. (2013a). Antidepressant efficacy "
        "of ketamine in treatment-resistant major depression. American Journal of "
        "Psychiatry, 170(10), 1134–1142.\n\n"
        "Murrough, J. W., Perez, A. M., & Pillemer, S. (2013b). Rapid and longer-term "
        "antidepressant effects of repeated ketamine infusions. Biological Psychiatry, "
        "74(4), 250–256.\n\n"
        "Smith, J. (2015). A note on ketamine. Journal of Notes, 1, 1–2.\n\n"
        "Zarate, C. A., Singh, J. B., & Carlson, P. J. (2006). A randomized trial of an "
        "N-methyl-D-aspartate antagonist in treatment-resistant major depression. Archives "
        "of General Psychiatry, 63(8), 856–864.\n", encoding="utf-8")
    doc = audit_json(path)
    assert [(c["text"], c["references"]) for c in doc["in_text_citations"]] == [
        ("Zarate, Singh, & Carlson, 2006", ["d1:r5"]), ("Murrough et al., 2013a", ["d1:r2"]),
        ("2013b", ["d1:r3"]), ("Smith, 2015", ["d1:r4"]),
        ("Berman et al.'s (2000)", ["d1:r1"]), ("Smith's (2015)", ["d1:r4"])]
    assert not findings_of(doc, "RA501") and not findings_of(doc, "RA502")


def test_an_entry_that_repeats_the_authors_above_as_a_rule_is_theirs(tmp_path: Path) -> None:
    """Chicago's "———. 2012." and MLA's "---." stand for the authors of the entry above; the
    parser finds no author in them, so "Zarate (2012)" and "(Hutcheon, Politics xii)" named
    no entry and the entries were reported uncited."""
    doc, cited = _cited(
        tmp_path / "chicago.md",
        "# Ketamine\n\nKetamine acts fast (Berman 2000, 352), and Zarate (2006) and Zarate "
        "(2012) confirmed it; see also (Murrough 2013).\n\n## References\n\n"
        "Berman, Robert M. 2000. \"Antidepressant Effects of Ketamine.\" Biological "
        "Psychiatry 47 (4): 351–54.\n\n"
        "Murrough, James W. 2013. \"Antidepressant Efficacy of Ketamine.\" American Journal "
        "of Psychiatry 170 (10): 1134–42.\n\n"
        "Zarate, Carlos A. 2006. \"A Randomized Trial of an NMDA Antagonist.\" Archives of "
        "General Psychiatry 63 (8): 856–64.\n\n"
        "———. 2012. \"Replication of Ketamine's Antidepressant Efficacy.\" Biological "
        "Psychiatry 71 (11): 939–46.\n")
    assert cited["Zarate (2012)"] == ["d1:r4"] and cited["Zarate (2006)"] == ["d1:r3"]
    assert not findings_of(doc, "RA501") and not findings_of(doc, "RA502")
    doc, cited = _cited(
        tmp_path / "mla.md",
        "# Irony\n\nIrony doubles (Muecke 19; Booth 45). Critics extend it (Hutcheon, *Irony's "
        "Edge* 12) and later (Hutcheon, *Politics* xii).\n\n## Works Cited\n\n"
        "Booth, Wayne C. *A Rhetoric of Irony*. University of Chicago Press, 1974.\n\n"
        "Hutcheon, Linda. *Irony's Edge: The Theory and Politics of Irony*. Routledge, 1994.\n\n"
        "---. *The Politics of Postmodernism*. Routledge, 1989.\n\n"
        "Muecke, D. C. *The Compass of Irony*. Methuen, 1969.\n")
    assert cited["Hutcheon, Politics xii"] == ["d1:r3"]  # the title that opens with it
    assert cited["Hutcheon, Irony's Edge 12"] == ["d1:r2"]
    assert not findings_of(doc, "RA501")


def test_a_bibliography_cited_through_numbered_notes_is_cited(tmp_path: Path) -> None:
    """Chicago's notes-bibliography style: the text cites notes, the notes name the works of
    the bibliography. Every bibliography entry was reported uncited (three false RA501)."""
    path = tmp_path / "history.md"
    path.write_text(
        "# Ketamine\n\nKetamine was first an anaesthetic.[^1] Its antidepressant effect came "
        "later,[^2] and a trial confirmed it.[^3] Later work agreed.[^4]\n\n## Notes\n\n"
        "[^1]: Domino, *Taming the Ketamine Tiger*, 12.\n"
        "[^2]: Berman et al., \"Antidepressant Effects of Ketamine,\" 352.\n"
        "[^3]: Zarate et al., \"A Randomized Trial,\" 856.\n"
        "[^4]: Zarate et al., \"Replication,\" 940; Garcia-Barnes et al., \"Influence,\" 15."
        "\n\n## Bibliography\n\n"
        "Berman, Robert M., and John H. Krystal. \"Antidepressant Effects of Ketamine in "
        "Depressed Patients.\" *Biological Psychiatry* 47, no. 4 (2000): 351–54.\n\n"
        "Domino, Edward F. \"Taming the Ketamine Tiger.\" *Anesthesiology* 113, no. 3 (2010): "
        "678–84.\n\n"
        "Garcia-Barnes, J., D. Gil, and A. Bajo. \"Influence of the Temporal Resolution.\" "
        "*Medical Physics* 35, no. 2 (2008): 100–110.\n\n"
        "Said, Edward W. *Orientalism*. New York: Pantheon Books, 1978.\n\n"
        "Zarate, Carlos A., and Paul J. Carlson. \"A Randomized Trial of an NMDA Antagonist.\" "
        "*Archives of General Psychiatry* 63, no. 8 (2006): 856–64.\n\n"
        "Zarate, Carlos A., and Rodrigo Machado-Vieira. \"Replication of Ketamine's "
        "Antidepressant Efficacy.\" *Biological Psychiatry* 71, no. 11 (2012): 939–46.\n",
        encoding="utf-8")
    doc = audit_json(path)
    notes = sorted((c["text"][:16], c["references"]) for c in doc["in_text_citations"]
                   if c["kind"] == "note")
    assert notes == sorted([
        ("Domino, Taming t", ["d1:r6"]), ("Berman et al., \"", ["d1:r5"]),
        ("Zarate et al., \"", ["d1:r9"]),  # "A Randomized Trial": by its title's words
        ("Zarate et al., \"", ["d1:r10"]),  # note 4: "Replication"
        ("Zarate et al., \"", ["d1:r7"])])  # note 4 too: Garcia-Barnes, a hyphenated name
    assert [f["message"] for f in findings_of(doc, "RA501")] == [
        "Entry 8 is not cited in the text"]  # Said: no note names him


_FULL_NOTES = (
    "# Ketamine\n\nDepression responds to ketamine within hours.[^1] The effect fades "
    "within a week.[^2] A trial confirmed it.[^3] Later work agreed.[^4]\n\n## Notes\n\n"
    "[^1]: Robert M. Berman et al., \"Antidepressant Effects of Ketamine in Depressed "
    "Patients,\" *Biological Psychiatry* 47, no. 4 (2000): 351–54.\n"
    "[^2]: Ibid., 353.\n"
    "[^3]: Carlos A. Zarate Jr. et al., \"A Randomized Trial of an N-Methyl-D-Aspartate "
    "Antagonist in Treatment-Resistant Major Depression,\" *Archives of General Psychiatry* "
    "63, no. 8 (2006): 856–64.\n"
    "[^4]: Berman et al., \"Antidepressant Effects,\" 352.\n\n## Bibliography\n\n"
    "Berman, Robert M., Angela Cappiello, Amit Anand, and John H. Krystal. \"Antidepressant "
    "Effects of Ketamine in Depressed Patients.\" *Biological Psychiatry* 47, no. 4 (2000): "
    "351–54.\n\n"
    "Murrough, James W. \"Ketamine as a Novel Antidepressant.\" *Depression and Anxiety* 29, "
    "no. 2 (2012): 111–18.\n\n"
    "Zarate, Carlos A., Jr., Jaskaran B. Singh, and Husseini K. Manji. \"A Randomized Trial of "
    "an N-Methyl-D-Aspartate Antagonist in Treatment-Resistant Major Depression.\" *Archives "
    "of General Psychiatry* 63, no. 8 (2006): 856–64.\n")


def test_a_note_citing_a_work_in_full_is_no_duplicate_of_its_bibliography_entry(
        tmp_path: Path) -> None:
    """The notes-bibliography style cites a work in full in its first note and short after
    ("Ibid.", "Berman et al., ..."): each full note was reported a duplicate of the entry it
    cites (RA101), and the notes' style a minority of the list's (RA104)."""
    path = tmp_path / "history.md"
    path.write_text(_FULL_NOTES, encoding="utf-8")
    doc = audit_json(path)
    assert [f["code"] for f in doc["findings"]] == ["RA501"]
    assert findings_of(doc, "RA501")[0]["references"] == ["d1:r6"]  # Murrough: no note


def _copied_notes(folder: Path, body: str) -> Path:
    """The full-notes document as text copied from a PDF: ``body``, then the notes
    numbered "1." and the bibliography, each under its heading, without Markdown."""
    notes = _FULL_NOTES.split("## Notes\n\n")[1].split("\n\n## Bibliography")[0]
    bibliography = _FULL_NOTES.split("## Bibliography\n\n")[1]
    path = folder / "history.txt"
    path.write_text(f"Ketamine and depression\n\n{body}\n\nNotes\n\n"
                    + re.sub(r"\[\^(\d)\]: ", r"\1. ", notes).replace("*", "")
                    + "\n\nBibliography\n\n" + bibliography.replace("*", ""), encoding="utf-8")
    return path


def test_notes_whose_calls_are_not_read_are_notes_still(tmp_path: Path) -> None:
    """Text copied from a PDF prints a note's call as a digit after the word ("apart.1"),
    which is not read as a citation; the notes are known from the bibliography they name,
    and a note citing a work in full is still no duplicate of its entry (RA101)."""
    doc = audit_json(_copied_notes(
        tmp_path, "Depression responds to ketamine within hours.1 The effect fades within a "
        "week.2 A trial confirmed it.3 Later work agreed.4"))
    assert len(doc["references"]) == 7
    assert not findings_of(doc, "RA101") and not findings_of(doc, "RA104")


def test_note_calls_copied_from_a_pdf_cite_their_notes(tmp_path: Path) -> None:
    """Copied from a PDF, a note's call is its digits after the word ("hours.1"): read where
    they count the notes 1, 2, 3 in the text's order, so the bibliography's uncited entry is
    found (no note was cited before, and no check ran); digits that break the count (a
    gene's "p53", "COVID19") are not calls."""
    doc = audit_json(_copied_notes(
        tmp_path, "Depression responds to ketamine within hours.1 The p53 pathway and COVID19 "
        "aside, the effect fades within a week,2 as a trial confirmed3 and later work agreed.4"))
    calls = [c["text"] for c in doc["in_text_citations"] if c["kind"] == "numbered"]
    assert calls == ["1", "2", "3", "4"]
    assert [f["references"] for f in findings_of(doc, "RA501")] == [["d1:r6"]]  # Murrough
    assert not findings_of(doc, "RA502")


def test_numbered_calls_copied_from_a_pdf_cite_in_order_of_first_citation(
        tmp_path: Path) -> None:
    """A Vancouver article copied from a PDF prints its superscript calls as digits after
    the word ("depression1", "trials2,3"): read where every number not cited before is the
    next one or a few on, so entry 4, never cited, is found; "p53" and "CD4" are no calls
    (53 and 4 are not next when they come)."""
    path = tmp_path / "review.txt"
    path.write_text(
        "Ketamine for depression\n\nThe p53 and CD4 findings aside, ketamine acts within hours "
        "in resistant depression1. Two trials agreed2,3, and a spray followed5. The first "
        "trial1 was small.\n\nReferences\n\n" + "\n".join(
            f"{n}. {ref}" for n, ref in enumerate((
                "Berman RM, Cappiello A. Antidepressant effects of ketamine. Biol Psychiatry. "
                "2000;47:351-4.", "Zarate CA, Singh JB. A randomized trial of an NMDA "
                "antagonist. Arch Gen Psychiatry. 2006;63:856-64.", "Murrough JW, Iosifescu "
                "DV. Antidepressant efficacy of ketamine. Am J Psychiatry. 2013;170:1134-42.",
                "Daly EJ, Singh JB. Efficacy and safety of intranasal esketamine. JAMA "
                "Psychiatry. 2018;75:139-48.", "Popova V, Daly EJ. Efficacy and safety of "
                "flexibly dosed esketamine. Am J Psychiatry. 2019;176:428-38."), start=1))
        + "\n", encoding="utf-8")
    doc = audit_json(path)
    calls = [c["text"] for c in doc["in_text_citations"] if c["kind"] == "numbered"]
    assert calls == ["1", "2,3", "5", "1"]  # 5 passes over 4, p53 over 50 numbers
    assert [f["references"] for f in findings_of(doc, "RA501")] == [["d1:r4"]]


def test_a_title_word_in_a_note_names_no_author(tmp_path: Path) -> None:
    """A note names its works' authors before their titles: "An Analysis of ..." in a note
    citing Rosenberg did not cite "An, Sojin." (its RA501 was lost), nor does the "Burns"
    of a title cite Burns."""
    path = tmp_path / "history.md"
    path.write_text(
        "# Work\n\nExposure was self-reported.[^1] Grazing was studied too.[^2]\n\n"
        "## Notes\n\n"
        "[^1]: C. R. Rosenberg, “An Analysis of the Reliability of Self Reported Work "
        "Histories,” Occupational and Environmental Medicine, vol. 50, no. 9, pp. 822–826, 1993.\n"
        "[^2]: Smith, “Grazing after Burns,” 197.\n\n## Bibliography\n\n"
        "An, Sojin. 2015. “A Study on the Usages of the Pronoun ‘Kunye’.” Korean Semantics 50: "
        "123.\n\n"
        "Burns, J. C. 2006. “Grazing Research in the Humid East.” Crop Science 46 (1): 118.\n\n"
        "Rosenberg, C R. 1993. “An Analysis of the Reliability of Self Reported Work Histories.” "
        "Occupational and Environmental Medicine 50 (9): 822–826.\n\n"
        "Smith, Anne. 2001. “Grazing after Burns.” Range Notes 4: 197.\n", encoding="utf-8")
    doc = audit_json(path)
    assert sorted(f["references"][0] for f in findings_of(doc, "RA501")) == ["d1:r3", "d1:r4"]


def test_a_numbered_list_beside_further_reading_keeps_its_duplicates(tmp_path: Path) -> None:
    """A numbered list is notes only where most of them name a bibliography entry: a
    Vancouver list whose entry is listed again under "Further reading" is a duplicate."""
    path = tmp_path / "review.md"
    path.write_text(
        "# Ketamine\n\nKetamine acts within hours [1] and lasts a week [2].\n\n"
        "## References\n\n"
        "1. Berman RM, Cappiello A, Anand A, Krystal JH. Antidepressant effects of ketamine "
        "in depressed patients. Biol Psychiatry. 2000;47(4):351-4.\n"
        "2. Zarate CA Jr, Singh JB, Manji HK. A randomized trial of an N-methyl-D-aspartate "
        "antagonist in treatment-resistant major depression. Arch Gen Psychiatry. "
        "2006;63(8):856-64.\n"
        "3. Daly EJ, Singh JB, Fedgchin M. Efficacy and safety of intranasal esketamine. JAMA "
        "Psychiatry. 2018;75(2):139-48.\n\n"
        "## Further reading\n\n"
        "Murrough, J. W. (2012). Ketamine as a novel antidepressant. Depression and Anxiety, "
        "29(2), 111–118.\n\n"
        "Daly, E. J., Singh, J. B., & Fedgchin, M. (2018). Efficacy and safety of intranasal "
        "esketamine. JAMA Psychiatry, 75(2), 139–148.\n", encoding="utf-8")
    doc = audit_json(path)
    assert [f["references"] for f in findings_of(doc, "RA101")] == [["d1:r3", "d1:r5"]]


# Citation forms that were read as none, so that the entries they name were reported
# uncited: each case is a body, its list, and the entry each citation names.
_FORMS = {
    # AGU prints a narrative citation's year in brackets
    "agu-brackets": (
        "Popova et al. [2019] showed it; Lucas and Prinn [2003] modelled it, and others agree "
        "(Young et al., 2003; Binney, 1998).",
        ["Binney, J. (1998), Galactic Astronomy, Princeton University Press.",
         "Lucas, D. D., and R. G. Prinn (2003), Tropospheric distributions of sulfuric acid, "
         "Geophys. Res. Lett., 30(22), 2136.",
         "Popova, E., A. Smith, and B. Jones (2019), Aerosol nucleation rates, J. Geophys. "
         "Res., 124, 1-10.",
         "Young, L. M., L. van Zee, and K. Y. Lo (2003), Molecular gas, ApJ, 592, 111."],
        {"Popova et al. [2019]": 3, "Lucas and Prinn [2003]": 2}),
    # Harvard and APA give the page after a narrative citation's year
    "page-after-year": (
        "Ketamine acts fast (Berman et al. 2000: 352), Zarate (2006: 858) confirmed it, Daly "
        "et al.'s (2018, pp. 140-141) spray followed, and Smith (2019, p. 4) agrees.",
        ["Berman, R.M., Cappiello, A. and Krystal, J.H. (2000) 'Antidepressant effects of "
         "ketamine in depressed patients', Biological Psychiatry, 47(4), pp. 351–354.",
         "Daly, E.J., Singh, J.B. and Fedgchin, M. (2018) 'Efficacy and safety of intranasal "
         "esketamine', JAMA Psychiatry, 75(2), pp. 139–148.",
         "Smith, J. (2019) 'A note on ketamine', Journal of Notes, 1, pp. 1–9.",
         "Zarate, C.A. (2006) 'A randomized trial of an NMDA antagonist', Archives of General "
         "Psychiatry, 63(8), pp. 856–864."],
        {"Zarate (2006: 858)": 4, "Daly et al.'s (2018, pp. 140-141)": 2,
         "Smith (2019, p. 4)": 3}),
    # surnames opening with a capital outside A-Z, of two capitalised words, or that are
    # common words too (found by the in-text benchmark, 13 of 350 documents)
    "surnames": (
        "First (Štvrtinová et al., 2017), then (De Felice & Rossi, 2015) and (Meguins and "
        "Medeiro Júnior, 2010); Winter (1998) agreed, as did Özdemir (2020).",
        ["De Felice, F., & Rossi, M. (2015). A study of trials. Journal of Trials, 3, 1–9.",
         "Meguins, L. C., & Medeiro Júnior, J. (2010). Pleural effusion. Revista, 4, 12–19.",
         "Özdemir, A. (2020). Sleep and mood. Sleep Journal, 9, 40–49.",
         "Štvrtinová, V., Čelovská, D., & Štvrtina, S. (2017). Polymyalgia rheumatica. "
         "Vnitrni Lekarstvi, 63, 1–5.",
         "Winter, J. (1998). Brain derived neurotrophic factor. Neuron, 20, 1–9."],
        {"Štvrtinová et al., 2017": 4, "De Felice & Rossi, 2015": 1,
         "Meguins and Medeiro Júnior, 2010": 2, "Winter (1998)": 5, "Özdemir (2020)": 3}),
    # MLA: an edited book is cited by its first editor; a family name in capitals of two
    # words the parser cut short is cited as printed
    "editors-and-printed-families": (
        "Genomes vary (Wendel et al. 331), and so do authors (Carneiro Rio and Fernandes "
        "Júnior 97; Evans 12).",
        ["Carneiro Rio, Ana Carla, and Antônio Fernandes Júnior. “Uma autora que não ousa "
         "assinar o nome.” Revista Letras 12 (2016): 90–101.",
         "Evans, Mary. “Mothers in Prison.” Criminal Justice Matters 86 (2011): 12–13.",
         "Wendel, Jonathan F. et al., eds. “Plant Genome Diversity Volume 1.” (2012): n. pag."],
        {"Wendel et al. 331": 3, "Carneiro Rio and Fernandes Júnior 97": 1, "Evans 12": 2}),
    # ISO 690 prints family names in capitals: "AYDIN" is "Aydın" (a dotless i, which no
    # decomposition takes to "i"), "ŁUKASZEWICZ" and "Lukaszewicz" are one name
    "capitals-of-shaped-letters": (
        "Mathematics has a history (Aydın et al. 2016), and so does teaching it "
        "(Lukaszewicz 2019).",
        ["AYDIN, Emin, DELICE, Ali and DEMIROĞLU, Derya, 2016, An analysis of history of "
         "mathematics. Journal of Education, 5, 10–20.",
         "ŁUKASZEWICZ, Anna, 2019, Teaching mathematics. Didactica, 2, 1–9."],
        {"Aydın et al. 2016": 1, "Lukaszewicz 2019": 2}),
}


@pytest.mark.parametrize("form", sorted(_FORMS))
def test_citation_forms_name_their_entries(tmp_path: Path, form: str) -> None:
    body, entries, expected = _FORMS[form]
    doc, cited = _cited(tmp_path / "doc.md", f"# Title\n\n{body}\n\n## References\n\n"
                        + "\n\n".join(entries) + "\n")
    assert {text: cited.get(text) for text in expected} == {
        text: [f"d1:r{n}"] for text, n in expected.items()}
    assert not findings_of(doc, "RA501") and not findings_of(doc, "RA502")


def test_an_ieee_range_of_two_bracketed_numbers_cites_the_entries_between(
        tmp_path: Path) -> None:
    """"[1]–[3]" is how IEEE prints entries 1 to 3: entry 2 was reported uncited."""
    path = tmp_path / "ieee.md"
    entries = ["Berman RM. Antidepressant effects of ketamine. Biol Psychiatry. 2000;47:351-4.",
               "Zarate CA Jr. A randomized trial of an NMDA antagonist. Arch Gen Psychiatry. "
               "2006;63:856-64.", "Murrough JW. Antidepressant efficacy of ketamine. Am J "
               "Psychiatry. 2013;170:1134-42.", "Daly EJ. Efficacy and safety of intranasal "
               "esketamine. JAMA Psychiatry. 2018;75:139-48."]
    path.write_text("# Ketamine\n\nKetamine acts fast [1]–[3], and a spray followed [4].\n\n"
                    "## References\n\n" + "".join(f"{n}. {e}\n" for n, e in enumerate(
                        entries, start=1)), encoding="utf-8")
    doc = audit_json(path)
    assert [(c["text"], c["references"]) for c in doc["in_text_citations"]] == [
        ("[1]–[3]", ["d1:r1", "d1:r2", "d1:r3"]), ("[4]", ["d1:r4"])]
    assert not findings_of(doc, "RA501")


def test_mla_author_page_citations_name_the_entries_of_their_authors(tmp_path: Path) -> None:
    """MLA cites by author and page, no year: "(Muecke 19)". None was read, so no in-text
    check ran on an MLA essay and an entry it never cites went unreported."""
    path = tmp_path / "essay.md"
    path.write_text(
        "# Irony\n\nIrony is \"a double-layered phenomenon\" (Muecke 19). Critics extend it "
        "(Booth 45-48; Hutcheon, *Irony's Edge* 12), as in Table 2 (Phase 3) and (Figure 4). "
        "Later (Hutcheon, *Politics of Postmodernism* xii) and (Booth, 1974, p. 3) (qtd. in "
        "Muecke 22).\n\n"
        "## Works Cited\n\n"
        "Booth, Wayne C. *A Rhetoric of Irony*. University of Chicago Press, 1974.\n\n"
        "Hutcheon, Linda. *Irony's Edge: The Theory and Politics of Irony*. Routledge, 1994.\n\n"
        "Hutcheon, Linda. *The Politics of Postmodernism*. Routledge, 1989.\n\n"
        "Muecke, D. C. *The Compass of Irony*. Methuen, 1969.\n\n"
        "Said, Edward W. *Orientalism*. Pantheon Books, 1978.\n", encoding="utf-8")
    doc = audit_json(path)
    assert sorted((c["text"], c["kind"], c["references"]) for c in doc["in_text_citations"]) == [
        ("Booth 45-48", "author-page", ["d1:r1"]), ("Booth, 1974", "author-year", ["d1:r1"]),
        ("Hutcheon, Irony's Edge 12", "author-page", ["d1:r2"]),
        ("Hutcheon, Politics of Postmodernism xii", "author-page", ["d1:r3"]),
        ("Muecke 19", "author-page", ["d1:r4"]), ("qtd. in Muecke 22", "author-page", ["d1:r4"])]
    assert [f["message"] for f in findings_of(doc, "RA501")] == [
        "Entry 5 is not cited in the text"]
    assert not findings_of(doc, "RA502") and not findings_of(doc, "RA504")


def test_an_identifier_from_a_link_is_named_as_such(tmp_path: Path) -> None:
    """The page prints no DOI; its "CrossRef" link carries one no registry knows. The finding
    says where the DOI came from, since the entry as printed does not show it."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><h2>References</h2><ol><li>Holloway J, Marchetti R. Nightly ketamine "
        "microdosing for treatment-resistant depression: a randomised trial. Mol Psychiatry. "
        "2019;24(2):310-318. <a href='https://doi.org/10.1038/s41380-018-9999-9'>CrossRef</a>"
        "</li></ol></body></html>", encoding="utf-8")
    (finding,) = findings_of(audit_json(page, snapshot=str(SNAPSHOT)), "RA404")
    assert "doi 10.1038/s41380-018-9999-9 (from the entry's link) is not registered" in \
        finding["message"]
    printed = findings_of(audit_json(_fixture("RA404"), snapshot=str(SNAPSHOT)), "RA404")
    assert "from the entry's link" not in printed[0]["message"]
