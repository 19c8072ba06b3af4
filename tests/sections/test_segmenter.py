"""The segmenter's reading of a zone, and what it takes from the finder's."""

from __future__ import annotations

from auditor.sections.features import document_lines
from auditor.sections.segmenter import segment

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
