"""The finder: which lines of a document are reference lists, and the heading of each.

``finder.crfsuite`` labels every non-blank line ``ref``, ``text``, ``title`` (a heading) or
``meta`` (running heads, page numbers), reading what ``finder-draft.crfsuite`` made of the
document first (:func:`auditor.sections.context.surroundings`). A zone is a run of ``ref``
lines, with the ``meta`` lines inside it (the segmenter drops them); its heading is the
``title`` line just above. A
document can hold several zones (a bibliography per chapter, "Further reading" after
"References"); each is split on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.sections import crf
from auditor.sections.context import finder_windows, surroundings
from auditor.sections.features import LineView
from auditor.sections.policy import POLICY


@dataclass
class FoundZone:
    items: list[int]  # view indices of the zone's lines, furniture inside included
    heading: str | None = None
    heading_item: int | None = None
    # the items inside the zone the finder read as running heads or page numbers
    furniture: frozenset[int] = frozenset()


@dataclass
class Found:
    zones: list[FoundZone] = field(default_factory=list)
    confidence: float = 1.0  # the finder's probability for the least certain zone edge
    uncertain: tuple[int, ...] = ()  # document lines (1-based) at an edge it doubted


def _zones(labels: list[str]) -> list[FoundZone]:
    zones: list[FoundZone] = []
    current: list[int] = []
    pending: list[int] = []  # furniture after the last reference line seen
    for i, label in enumerate(labels):
        if label == "ref":
            current.extend(pending)
            pending = []
            current.append(i)
        elif label == "meta" and current:
            pending.append(i)
        elif current:
            zones.append(FoundZone(current))
            current, pending = [], []
    if current:
        zones.append(FoundZone(current))
    for zone in zones:
        zone.furniture = frozenset(i for i in zone.items if labels[i] == "meta")
        at = zone.items[0] - 1
        while at >= 0 and labels[at] == "meta":
            at -= 1
        if at >= 0 and labels[at] == "title":
            zone.heading_item = at
    return zones


def _headings_kept(view: LineView, labels: list[str]) -> list[str]:
    """``labels`` with every line the document's markup makes a heading (Markdown's "##",
    HTML's ``<h2>``) read as one, never as a reference line. The markup says so outright;
    the model weighs it against the lines around, and a short heading of any wording
    under a short list ("## Contact" after three entries) can read as one entry more."""
    return ["title" if label == "ref" and _HEADING_BLOCKS.intersection(view.facts[k]) else
            label for k, label in enumerate(labels)]


_HEADING_BLOCKS = frozenset(("bk=h1", "bk=h2", "bk=h3"))


def _edges(labels: list[str]) -> list[int]:
    """The lines on both sides of every zone edge."""
    out: set[int] = set()
    for zone in _zones(labels):
        first, last = zone.items[0], zone.items[-1]
        out.update(e for e in (first - 1, first, last, last + 1) if 0 <= e < len(labels))
    return sorted(out)


def find(view: LineView) -> Found:
    """Label the lines of ``view`` and gather the reference zones."""
    near, plain = finder_windows(view)
    draft = crf.require(crf.FINDER_DRAFT).tag(near)
    items = surroundings(view, plain, draft)
    labels, sure = crf.require(crf.FINDER).tag_with_marginals(
        items, lambda tagged: _edges(_headings_kept(view, tagged)))
    labels = _headings_kept(view, labels)
    zones = _zones(labels)
    edges = _edges(labels)
    for zone in zones:
        if zone.heading_item is not None:
            zone.heading = view.texts[zone.heading_item]
    doubted = tuple(view.numbers[e] + 1 for e, p in zip(edges, sure, strict=True)
                    if p < POLICY.sure_edge)
    return Found(zones, min(sure, default=1.0), doubted)
