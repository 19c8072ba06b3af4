from __future__ import annotations

from pathlib import Path

import pytest

from auditor import readers
from auditor.errors import InputError
from auditor.models import Block
from auditor.sections import split
from tests.conftest import audit_json, findings_of


def test_html_list_items_become_records(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><nav><a href='/'>Home</a></nav><h2>References</h2><ol>"
        "<li>Zanos P, Gould TD. Mechanisms of ketamine action. Mol Psychiatry. 2018;23:801-811.</li>"
        "<li>Ren L. The mechanistic basis. Prog Neuropsychopharmacol. 2024;129:110910.</li>"
        "</ol><h2>Downloads</h2><script>var x = 1;</script></body></html>", "utf-8")
    doc = readers.load(str(page), None)
    assert doc.reader == "html" and "var x" not in doc.text and "Home" not in doc.text
    assert len(split(doc).references) == 2
    assert [b.kind for b in doc.blocks] == ["heading", "item", "item", "heading"]
    assert doc.blocks[1].marker == "1."


def test_txt_with_markdown_links_is_markdown(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text("A study in the [Journal of X](https://doi.org/10.1000/abc) found it.\n", "utf-8")
    doc = readers.load(str(path), None)
    assert doc.reader == "markdown"
    assert doc.links == (("Journal of X", "https://doi.org/10.1000/abc", 1),)
    assert "Journal of X (https://doi.org/10.1000/abc)" in doc.text


def test_markdown_blocks_keep_line_numbers_and_urls_with_parentheses() -> None:
    from auditor.readers import markdown

    source = ("# Title\n\n## References\n\n1. Ren L. [Mech](https://doi.org/10.1016/"
              "S2215-0366(20)30001-1) of *ketamine*.\n   Mol Psychiatry. 2018.\n- A bullet\n")
    doc = markdown.read(source, "x.md")
    assert doc.lines[4] == "1. Ren L. Mech (https://doi.org/10.1016/S2215-0366(20)30001-1) of ketamine."
    assert doc.lines[5] == "   Mol Psychiatry. 2018."
    assert Block("item", 4, 6, 0, "1.") in doc.blocks
    assert Block("heading", 2, 3, 2) in doc.blocks
    assert doc.links == (("Mech", "https://doi.org/10.1016/S2215-0366(20)30001-1", 5),)


def test_html_notes_keep_their_number_lose_the_way_back_and_their_calls_read_as_numbers(
) -> None:
    from auditor.readers import html

    page = ("<html><body><p>Fast.<a href='#fn1' role='doc-noteref'><sup>1</sup></a> Area in "
            "m<sup>2</sup>, see <a href='#s2'>section 2</a>.<sup><a href='#fn2'>2,3</a></sup>"
            "</p><section class='footnotes'><ol><li id='fn1'><p>Berman RM. Ketamine. 2000."
            "<a href='#fnref1' class='footnote-back'>↩︎</a></p><p>Second paragraph.</p></li>"
            "<li id='fn2'><p>Zarate CA. A trial. 2006.<a href='#fnref2'>↩︎</a></p></li>"
            "</ol></section></body></html>")
    doc = html.read(page, "x.html")
    assert [line for line in doc.lines if line] == [
        "Fast.[1] Area in m2, see section 2.[2,3]", "1. Berman RM. Ketamine. 2000.",
        "Second paragraph.", "2. Zarate CA. A trial. 2006."]
    items = [b for b in doc.blocks if b.kind == "item"]
    assert [(b.end - b.start, b.marker) for b in items] == [(2, "1."), (1, "2.")]


def test_a_dropped_publisher_link_takes_its_brackets_and_bars_with_it() -> None:
    from auditor.readers import html

    items = ("<li>Smith J. A paper. 2000;1:1-9. [<a href='https://doi.org/10.1/x'>DOI</a>] "
             "[<a href='https://pubmed.ncbi.nlm.nih.gov/1/'>PubMed</a>]</li>"
             "<li>Lee K. Another (2001); <a href='https://x.org'>View Article</a> | "
             "<a href='https://y.org'>Google Scholar</a></li>")
    doc = html.read(f"<html><body><ol>{items}</ol></body></html>", "x.html")
    assert [line for line in doc.lines if line] == ["Smith J. A paper. 2000;1:1-9.",
                                                    "Lee K. Another (2001);"]
    assert len(doc.links) == 4


def test_an_ordered_list_that_shows_letters_or_nothing_gives_no_numbers() -> None:
    from auditor.readers import html

    for ol in ("<ol type='a'>", "<ol type='I'>", "<ol style='list-style-type: none'>"):
        doc = html.read(f"<html><body>{ol}<li>One</li><li>Two</li></ol></body></html>", "x")
        assert [b.marker for b in doc.blocks] == ["-", "-"]


def test_markdown_footnotes_are_numbered_items_and_their_calls_numbers() -> None:
    from auditor.readers import markdown

    source = ("Ketamine acts fast.[^1] See `[^2]` and [^named].\n\n## Notes\n\n"
              "[^1]: Berman RM. Antidepressant effects of ketamine. Biol Psychiatry.\n"
              "    2000;47(4):351-354.\n"
              "[^2]: Zarate CA Jr. A randomized trial. Arch Gen Psychiatry. 2006;63:856-64.\n\n"
              "[^named]: Daly EJ. Esketamine. JAMA Psychiatry. 2018;75(2):139-148.\n")
    doc = markdown.read(source, "x.md")
    assert doc.lines[0] == "Ketamine acts fast.[1] See [^2] and [^named]."
    assert doc.lines[4] == "1. Berman RM. Antidepressant effects of ketamine. Biol Psychiatry."
    assert doc.lines[6] == "2. Zarate CA Jr. A randomized trial. Arch Gen Psychiatry. 2006;63:856-64."
    assert doc.lines[8] == "Daly EJ. Esketamine. JAMA Psychiatry. 2018;75(2):139-148."
    assert Block("item", 4, 6, 0, "1.") in doc.blocks
    assert Block("item", 6, 7, 0, "2.") in doc.blocks
    assert Block("item", 8, 9, 0, "-") in doc.blocks


def test_named_markdown_footnotes_are_numbered_in_the_order_they_are_defined() -> None:
    """A page numbers its notes in order; where every note is named ("[^berman]") the notes
    were items without a number and their calls stayed "[^berman]", so no call linked an
    entry and no in-text check ran."""
    from auditor.readers import markdown

    source = ("Ketamine acts fast[^berman] and a spray followed[^daly].\n\n## Notes\n\n"
              "[^berman]: Berman RM. Antidepressant effects of ketamine. Biol Psychiatry.\n"
              "[^daly]: Daly EJ. Esketamine. JAMA Psychiatry. 2018;75(2):139-148.\n"
              "[^unused]: Zarate CA Jr. A randomized trial. Arch Gen Psychiatry. 2006.\n")
    doc = markdown.read(source, "x.md")
    assert doc.lines[0] == "Ketamine acts fast[1] and a spray followed[2]."
    assert doc.lines[4:7] == (
        "1. Berman RM. Antidepressant effects of ketamine. Biol Psychiatry.",
        "2. Daly EJ. Esketamine. JAMA Psychiatry. 2018;75(2):139-148.",
        "3. Zarate CA Jr. A randomized trial. Arch Gen Psychiatry. 2006.")
    assert [b.marker for b in doc.blocks if b.kind == "item"] == ["1.", "2.", "3."]


def test_html_drops_hidden_and_furniture_and_numbers_ordered_items() -> None:
    from auditor.readers import html

    page = ("<html><body><header>Site</header><div hidden>secret</div>"
            "<p style='display:none'>gone</p><ol start='4'><li>Four <a href='https://doi.org/"
            "10.1/x'>PubMed</a></li><li value='9'>Nine<br>second line</li></ol>"
            "<aside>Related</aside><form>Search</form></body></html>")
    doc = html.read(page, "x.html")
    assert [line for line in doc.lines if line] == ["Four", "Nine", "second line"]
    assert [b.marker for b in doc.blocks] == ["4.", "9."]
    assert doc.links[0][1] == "https://doi.org/10.1/x"


def test_html_superscript_numbers_without_links_are_citations() -> None:
    """A manuscript saved as a web page prints its calls as plain superscripts ("acts
    fast.<sup>1,2</sup>"), which read as nothing, so that a numbered list's uncited entries
    went unreported; an exponent after a number or a unit stays an exponent."""
    from auditor.readers import html

    page = ("<html><body><p>Ketamine acts fast.<sup>1,2</sup> A trial agreed<sup>3–5</sup> "
            "in 40 m<sup>2</sup> rooms, at 10<sup>3</sup> doses, in CD4<sup>+</sup> cells."
            "</p></body></html>")
    doc = html.read(page, "x.html")
    assert [line for line in doc.lines if line] == [
        "Ketamine acts fast.[1,2] A trial agreed[3–5] in 40 m2 rooms, at 103 doses, in "
        "CD4+ cells."]


def test_html_footnotes_the_text_calls_print_their_numbers(tmp_path: Path) -> None:
    """A page's footnotes (an <ol> whose items the text's calls link to) print their
    numbers, as Markdown's do: short notes ("Berman et al., “Antidepressant Effects,” 352.")
    were not read as a list without them, and the calls named no entry (RA502)."""
    notes = ["Berman et al., “Antidepressant Effects,” 352.", "Ibid., 353.",
             "Zarate et al., “A Randomized Trial,” 856.", "Murrough, “Ketamine,” 112."]
    body = "".join(f"<p>Finding {n}.<sup><a href='#fn{n}' id='ref{n}'>{n}</a></sup></p>"
                   for n in range(1, 5))
    items = "".join(f"<li id='fn{n}'>{note} <a href='#ref{n}'>↩</a></li>"
                    for n, note in enumerate(notes, start=1))
    page = tmp_path / "history.html"
    page.write_text(
        f"<html><body><h1>Ketamine</h1>{body}<h2>Notes</h2><ol>{items}</ol>"
        "<h2>Bibliography</h2>"
        "<p>Berman, Robert M., and John H. Krystal. 2000. “Antidepressant Effects of Ketamine "
        "in Depressed Patients.” Biological Psychiatry 47 (4): 351–54.</p>"
        "<p>Murrough, James W. 2012. “Ketamine as a Novel Antidepressant.” Depression and "
        "Anxiety 29 (2): 111–18.</p>"
        "<p>Zarate, Carlos A., and Paul J. Carlson. 2006. “A Randomized Trial of an NMDA "
        "Antagonist.” Archives of General Psychiatry 63 (8): 856–64.</p>"
        "</body></html>", encoding="utf-8")
    assert "1. Berman et al., “Antidepressant Effects,” 352." in readers.load(
        str(page), None).lines
    doc = audit_json(page)
    assert [r["label"] for r in doc["references"]] == ["1.", "2.", "3.", "4.", None, None, None]
    assert not findings_of(doc, "RA502") and not findings_of(doc, "RA501")


def test_markdown_item_whose_text_opens_with_a_number_keeps_both_numbers() -> None:
    from auditor.readers import markdown

    # markdown-it reads "1. 17. Ueber ..." as an item holding a list of its own; the entry
    # is still number 1 and its text still opens with "17.".
    doc = markdown.read("## References\n\n1. 17. Ueber den Einfluss, 1893.\n"
                        "2. A. Falorni, Cells. 2011.\n", "x.md")
    assert doc.lines[2:4] == ("1. 17. Ueber den Einfluss, 1893.", "2. A. Falorni, Cells. 2011.")


def test_markdown_detection_is_linear_on_brackets() -> None:
    from auditor.readers import markdown

    assert not markdown.looks_like_markdown("[" * 100_000)


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000, "utf-8")
    with pytest.raises(InputError, match="limit"):
        readers.load(str(path), None, max_bytes=1000)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Zanos P. Title. 2018.".encode("utf-16"))
    assert readers.load(str(path), None).text.startswith("Zanos")


def test_binary_kinds_are_chosen_by_signature_before_extension(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"  # a PDF whatever it is called
    path.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(InputError, match="cannot open the PDF"):
        readers.load(str(path), None)


def test_a_nul_filled_file_under_a_text_name_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "renamed.txt"
    path.write_bytes(b"References\n" + b"\x00" * 5000)
    with pytest.raises(InputError, match="binary content"):
        readers.load(str(path), None)


_WRAPPED_ENTRIES = [
    "Berman, R. M., Cappiello, A., & Anand, A. (2000). Antidepressant effects of ketamine in",
    "  depressed patients. Biological Psychiatry, 47(4), 351-354.",
    "Daly, E. J., Singh, J. B., & Fedgchin, M. (2018). Efficacy and safety of intranasal",
    "  esketamine. JAMA Psychiatry, 75(2), 139-148.",
    "“Ketamine for depression.” (2019). Drug and Therapeutics Bulletin, 57(1), 3.",
    "Murrough, J. W., & Iosifescu, D. V. (2013). Antidepressant efficacy of ketamine in",
    "  treatment-resistant major depression. American Journal of Psychiatry, 170, 1134-1142.",
    "Zarate, C. A., & Singh, J. B. (2006). A randomized trial of an NMDA antagonist in",
    "  treatment-resistant major depression. Archives of General Psychiatry, 63, 856-864.",
]


def test_a_paragraph_of_entries_broken_by_hand_gives_one_paragraph_a_line() -> None:
    """An older page sets its list in one <p>, an entry to a line; a <br> in a list item
    stays a line of the item."""
    entries: list[str] = []
    for line in _WRAPPED_ENTRIES:
        if line.startswith(" "):
            entries[-1] += " " + line.strip()
        else:
            entries.append(line)
    page = ("<html><body><p>Ketamine acts fast in depression, as trials show.</p>"
            "<h2>References</h2><p>" + "<br/>\n".join(entries) + "</p>"
            "<ul><li>Smith, J.<br/>A title. Journal, 1, 2.</li></ul></body></html>")
    doc = readers.READERS["html"](page, "page.html")
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    assert [doc.lines[b.start] for b in paragraphs[1:]] == entries
    assert all(b.end - b.start == 1 for b in paragraphs)
    item = next(b for b in doc.blocks if b.kind == "item")
    assert doc.lines[item.start : item.end] == ("Smith, J.", "A title. Journal, 1, 2.")
    raws = [r.raw for r in split(doc).references]
    assert raws[: len(entries)] == entries


@pytest.mark.parametrize("end", ["  ", "\\"])
def test_markdown_lines_broken_by_hand_are_paragraphs_of_their_own(end: str) -> None:
    """Two spaces or a backslash at a line's end break it by hand: an entry to a line in
    one paragraph. A paragraph wrapped in its source stays one paragraph."""
    entries = ["Berman RM, Cappiello A. Antidepressant effects of ketamine. Biol Psychiatry. "
               "2000;47:351-354.", "Daly EJ, Singh JB. Efficacy of esketamine. JAMA "
               "Psychiatry. 2018;75:139-148.", "Zarate CA, Singh JB. A randomized trial of "
               "an NMDA antagonist. Arch Gen Psychiatry. 2006;63:856-864."]
    text = ("Ketamine acts fast in depression,\nas several trials show.\n\n## References\n\n"
            + f"{end}\n".join(entries) + "\n")
    doc = readers.READERS["markdown"](text, "page.md")
    paragraphs = [(b.start, b.end) for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs == [(0, 2), (5, 6), (6, 7), (7, 8)]
    assert [doc.lines[n].strip() for n in (5, 6, 7)] == entries
