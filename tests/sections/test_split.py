from __future__ import annotations

from auditor.split import reference_likeness, split, split_lines
from tests.conftest import FIXTURES


def test_seed001_list_gives_41_records_with_stray_label() -> None:
    result = split((FIXTURES / "seed001-references.txt").read_text(encoding="utf-8"))
    assert len(result.references) == 41
    assert result.heading == "References"
    assert not result.numbered
    strays = [r for r in result.references if r.stray_label]
    assert [(r.index, r.stray_label) for r in strays] == [(19, "79.")]
    assert strays[0].text.startswith("Short B")


def test_list_ends_at_next_section() -> None:
    text = (
        "Intro text.\n\nReferences\n\n"
        "Zanos P, Gould TD. Mechanisms of ketamine. Mol Psychiatry. 2018;23(4):801-811.\n\n"
        "Ren L. The mechanistic basis. Prog Neuropsychopharmacol. 2024;129:110910.\n\n"
        "Downloads\n\nPDF\n\nPublished\n\n2025-04-05\n"
    )
    result = split(text)
    assert [r.raw[:5] for r in result.references] == ["Zanos", "Ren L"]
    assert (result.references[0].start_line, result.references[1].start_line) == (5, 7)


def test_numbered_list_with_wrapped_lines_and_hyphenation() -> None:
    text = (
        "Bibliography\n"
        "[1] Zanos P, Gould TD. Mechanisms of keta-\n"
        "mine action as an antidepressant. Mol Psychiatry. 2018;23(4):801-811.\n"
        "[2] Ren L. The mechanistic basis. Prog Neuropsychopharmacol. 2024;129:110910.\n"
    )
    result = split(text)
    assert result.numbered
    assert [r.label for r in result.references] == ["[1]", "[2]"]
    first = result.references[0]
    assert "ketamine action" in first.raw and (first.start_line, first.end_line) == (2, 3)


def test_one_per_line_list_without_heading() -> None:
    text = (
        "Zanos P, Gould TD. Mechanisms of ketamine action. Mol Psychiatry. 2018;23(4):801-811.\n"
        "Ren L. The mechanistic basis of ketamine. Prog Neuropsychopharmacol. 2024;129:110910.\n"
        "Kim JW, Suzuki K. Ketamine: mechanisms. Annu Rev Med. 2024;75:129-143.\n"
    )
    result = split(text)
    assert len(result.references) == 3 and result.mode == "lines"


def test_heading_in_other_languages() -> None:
    text = ("Texto.\n\nReferencias bibliográficas\n\n"
            "Zanos P, Gould TD. Mechanisms. Mol Psychiatry. 2018;23(4):801-811.\n")
    assert len(split(text).references) == 1


def test_prose_is_not_a_list() -> None:
    text = (FIXTURES / "checks" / "RA901-no-reference-list.txt").read_text(encoding="utf-8")
    assert split(text).references == ()
    assert reference_likeness(text) == 0


def test_split_lines_is_one_per_line() -> None:
    result = split_lines("a b c 2019\n\nd e f 2020\n")
    assert [(r.index, r.start_line) for r in result.references] == [(1, 1), (2, 3)]
