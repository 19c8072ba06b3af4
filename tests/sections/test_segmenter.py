"""The segmenter's reading of a zone, and what it takes from the finder's."""

from __future__ import annotations

from auditor.sections.features import document_lines
from auditor.sections.segmenter import _hanging, segment

_ZONE = (
    "Baker, M. 2016. 1,500 scientists lift the lid on reproducibility. Nature 533 (7604):",
    "452–454.",
    "Carpenter, S. R., and W. A. Brock. 2006. Rising variance: a leading indicator of",
    "ecological transition. Ecology Letters 9 (3): 311–318.",
    "Evans, J. A., and J. G. Foster. 2011. Metaknowledge. Science 331 (6018): 721–725.",
)


def test_a_line_the_finder_reads_as_furniture_is_dropped_where_the_segmenter_would_join_it(
) -> None:
    view = document_lines(_ZONE)
    items = list(range(len(_ZONE)))
    alone, _ = segment(view, items)
    assert alone == ["B", "I", "B", "I", "B"]
    # the finder, reading whole pages, took the wrapped locator and the third entry's
    # first line for furniture: the continuation is dropped, the start is kept
    labels, _ = segment(view, items, frozenset({1, 4}))
    assert labels == ["B", "O", "B", "I", "B"]


def test_a_flush_line_under_firm_hanging_indents_starts_a_record_unless_it_is_furniture() -> None:
    """Continuation lines set in all but a stray few: a flush line the model continued
    starts a record, but a page number the finder read as furniture does not."""
    lines: list[str] = []
    labels: list[str] = []
    for n in range(12):
        lines += [f"Author{n}, A. (2001). A title of work {n} that wraps onto",
                  "    a second line set in. Journal, 1, 2-3."]
        labels += ["B", "I"]
    lines[5:5] = ["Page 237", "Eleventh International Congress. (1963). Nature, 197, 751."]
    labels[5:5] = ["I", "I"]
    view = document_lines(tuple(lines))
    items = list(range(len(lines)))
    out = _hanging(view, items, labels, furniture=frozenset({5}))
    assert out[5] == "I" and out[6] == "B"
    assert _hanging(view, items, labels)[5] == "B"
