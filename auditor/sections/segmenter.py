"""The segmenter: where each record of a reference zone starts.

Each line of a zone is ``B`` (starts a record), ``I`` (continues one) or ``O`` (furniture to
drop: a page number, a running head, a figure caption that strayed into the list). A draft
reading (``segmenter-draft.crfsuite``) is read again with the zone's own habits added
(:func:`auditor.sections.context.regularities`), the way GROBID's reference segmenter is
helped by a document's layout: a list is consistent with itself.
"""

from __future__ import annotations

from collections import Counter

from auditor.sections import crf
from auditor.sections.context import regularities, window
from auditor.sections.features import LineView
from auditor.sections.policy import POLICY


def segment(view: LineView, items: list[int], furniture: frozenset[int] = frozenset(),
            ) -> tuple[list[str], set[int]]:
    """B / I / O for each of the zone's ``items`` (view indices), and the items among them
    that start a record without printing a label of any kind where the segmenter is at
    least ``POLICY.sure_start`` sure of it: in a numbered list, where a second work printed
    under one number begins on a line of its own.

    A line the finder read as furniture (``furniture``: a page number, a running head) that
    the segmenter would join to the record it interrupts is dropped. The finder reads the
    whole document, every page's foot and head; the segmenter reads only the zone, where a
    page number between two words of a one-word-per-line entry ("Journal", "of", "- 245 -",
    "Herpetology") looks like one more short line of it. A line the segmenter starts a
    record at keeps its start: there the two readings differ on more than a page break."""
    rows = window(view, items, pairs=True)
    draft = crf.require(crf.SEGMENTER_DRAFT).tag(rows)
    # the lines after the first that open with no label of any kind, as the line facts
    # read them (how a line starts: its label kind, or "none")
    plain = [k for k in range(1, len(items)) if view.keys[items[k]][1].startswith("none")]

    def unlabelled(labels: list[str]) -> list[int]:
        return [k for k in plain if labels[k] == "B"]

    labels, sure = crf.require(crf.SEGMENTER).tag_with_marginals(
        regularities(view, items, rows, draft), unlabelled)
    starts = {items[k] for k, p in zip(unlabelled(labels), sure, strict=True)
              if p >= POLICY.sure_start}
    labels = _hanging(view, items, labels, furniture)
    return ["O" if label == "I" and item in furniture else label
            for item, label in zip(items, labels, strict=True)], starts


def _hanging(view: LineView, items: list[int], labels: list[str],
             furniture: frozenset[int] = frozenset()) -> list[str]:
    """``labels`` set by the zone's indents where it is set with hanging indents
    (``POLICY.hanging_*``): a list set this way says where its entries start by the indent
    alone, which the model weighs against how a line opens. Every unlabelled start set in
    as the zone's continuation lines are continues its record; and where the continuation
    lines are set in all but a stray few, one at the starting indent starts a record, such
    as the second of two title-first entries in a row ("Dionysisches Tanzen ... Warum Soll
    Ich Denn Tanzen?" then "Eleventh International Congress ... (1963). Nature, ..."), but
    not one the finder read as furniture ("Page 237" between two lines of an entry)."""
    begun = [view.indents[i] for i, label in zip(items, labels, strict=True) if label == "B"]
    going = [view.indents[i] for i, label in zip(items, labels, strict=True) if label == "I"]
    if min(len(begun), len(going)) < POLICY.hanging_lines:
        return labels
    start, at_start = Counter(begun).most_common(1)[0]
    if at_start < POLICY.hanging_starts * len(begun):
        return labels
    set_in = {indent for indent in going if indent > start}
    further = sum(indent > start for indent in going)
    flush = going.count(start)
    hanging = further >= POLICY.hanging_continued * len(going)
    stray = further >= POLICY.hanging_lines and flush <= POLICY.hanging_stray * further
    if not (hanging or stray):
        return labels
    return ["I" if label == "B" and k and hanging and view.indents[item] in set_in and
            view.labels[item] is None and view.alone[item] is None else
            "B" if label == "I" and stray and view.indents[item] == start and
            item not in furniture else label
            for k, (item, label) in enumerate(zip(items, labels, strict=True))]
