"""Properties over adversarial text: readers, finding and splitting, identifiers, parsing
and the checks never raise (only InputError for unreadable input) and stay fast.

The default run is bounded for CI; ``HYPOTHESIS_PROFILE=long python -m pytest tests/hostile``
runs a hundred times more examples (about two minutes).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor import identifiers
from auditor.checks import CheckContext, resolve_selection, run_checks
from auditor.errors import InputError
from auditor.parse import parse_fields
from auditor.pipeline import parse_references
from auditor.readers import READERS
from auditor.sections import split

settings.register_profile("ci", max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=30000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Pieces that the patterns and models react to, mixed with noise.
PIECES = st.sampled_from([
    "References", "\n", "\n\n", " ", "  ", "\t", "1. ", "[2] ", "(3) ", "12", "2020", "(2019)",
    "doi:", "doi: 10.", "10.1000/", "https://doi.org/", "PMID: ", "PMC", "ISBN ", "ISSN ",
    "arXiv:", "Smith J", "Smith, J.,", " et al.", ". ", ", ", ";", ":", "(", ")", "[", "]",
    "<", ">", "<a ", "<!--", "<li>", "<h2>", "# ", "- ", "* ", "**", "](", "http://x.org/",
    "–", "-\n", "\u00ad", "\u200b", "é", "Д", "中", "\x00", "\x1b[31m", "J Test. 2020;1:1-9.",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=120).map("".join)


@given(TEXT)
def test_identifiers_never_raise_and_dois_are_valid(text: str) -> None:
    for ident in identifiers.extract(text):
        if ident.type == "doi" and ident.valid:
            assert identifiers.is_valid_doi(ident.value)
            assert identifiers.normalize_doi(ident.value) == ident.value


@given(TEXT, st.sampled_from(sorted(READERS)))
def test_readers_and_the_splitter_never_raise(text: str, kind: str) -> None:
    try:
        doc = READERS[kind](text, "hostile")
    except InputError:
        return
    result = split(doc)
    for ref in result.references:
        assert ref.raw.strip()
        assert 0 <= ref.start_line <= ref.end_line


@given(TEXT)
def test_parsing_and_checks_never_raise(text: str) -> None:
    try:
        doc = READERS["text"](text, "hostile")
    except InputError:
        return
    result = split(doc)
    parsed = tuple(parse_references(result.references, 1))
    parse_fields(text[:2000])
    ctx = CheckContext(document=doc, split=result, references=parsed)
    for finding in run_checks(ctx, resolve_selection(None, None)):
        assert finding.code and finding.message


def _mangled(seed: bytes, cuts: list[tuple[int, int]]) -> bytes:
    """``seed`` with byte ranges overwritten: a damaged file of a real format."""
    data = bytearray(seed)
    for at, value in cuts:
        if data:
            data[at % len(data)] = value
    return bytes(data)


def _word_seed() -> bytes:
    import io

    import docx

    word = docx.Document()
    word.add_heading("References", 1)
    word.add_paragraph("Smith J. A paper. J Test. 2020;1:1-9.", style="List Number")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _pdf_seed() -> bytes:
    from auditor.testing.pdf_maker import column_pages, make_pdf

    return make_pdf(column_pages(["References", "1. Smith J. A paper. J Test. 2020;1:1-9."]))


SEEDS = {"docx": _word_seed(), "pdf": _pdf_seed()}
CUTS = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=40)


@settings(max_examples=60 if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci" else 3000)
@given(st.sampled_from(sorted(SEEDS)), CUTS)
def test_damaged_word_and_pdf_files_are_read_or_refused_in_one_line(kind: str,
                                                                  cuts: list[tuple[int, int]]
                                                                  ) -> None:
    from auditor.readers import BINARY_READERS

    data = _mangled(SEEDS[kind], cuts)
    try:
        doc = BINARY_READERS[kind](data, "hostile")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    split(doc)


@pytest.mark.parametrize("where", [b"PK\x01\x02", b"PK\x03\x04"])
def test_a_word_file_whose_parts_need_an_unknown_zip_version_is_one_line(where: bytes) -> None:
    """Found by the property above: a part marked as needing zip version 6.4 made the zip
    module raise NotImplementedError, a traceback."""
    from auditor.readers import BINARY_READERS

    data = bytearray(SEEDS["docx"])
    at = data.find(where)
    while at >= 0:
        offset = at + (6 if where == b"PK\x01\x02" else 4)  # "version needed to extract"
        data[offset] = 64
        at = data.find(where, at + 4)
    try:
        BINARY_READERS["docx"](bytes(data), "hostile.docx")
    except InputError as exc:
        assert "\n" not in str(exc) and "hostile.docx" in str(exc)
