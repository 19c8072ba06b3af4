"""The segmenter: where each record of a reference zone starts.

Each line of a zone is ``B`` (starts a record), ``I`` (continues one) or ``O`` (furniture to
drop: a page number, a running head, a figure caption that strayed into the list). A draft
reading (``segmenter-draft.crfsuite``) is read again with the zone's own habits added
(:func:`auditor.sections.context.regularities`), the way GROBID's reference segmenter is
helped by a document's layout: a list is consistent with itself.
"""

from __future__ import annotations

from auditor.sections import crf
from auditor.sections.context import regularities, window
from auditor.sections.features import LineView


def segment(view: LineView, items: list[int]) -> list[str]:
    """B / I / O for each of the zone's ``items`` (view indices)."""
    rows = window(view, items, pairs=True)
    draft = crf.require(crf.SEGMENTER_DRAFT).tag(rows)
    return crf.require(crf.SEGMENTER).tag(regularities(view, items, rows, draft))
