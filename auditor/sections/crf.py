"""The shipped line models (python-crfsuite), loaded once and shared by every split.

``finder.crfsuite`` labels each line of a document ``ref`` / ``text`` / ``title`` / ``meta``,
reading what ``finder-draft.crfsuite`` made of it first;
``segmenter.crfsuite`` labels each line of a reference zone ``B`` / ``I`` / ``O``, reading
what ``segmenter-draft.crfsuite`` made of the zone first;
``compound.crfsuite`` says of each candidate cut inside a record whether a new work starts
there. ``benchmarks/train_sections.py`` rebuilds all three from ``../shared/data``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor.sections import shipped
from auditor.sections.features import line_words

FINDER_DRAFT = "finder-draft.crfsuite"
FINDER = "finder.crfsuite"
SEGMENTER_DRAFT = "segmenter-draft.crfsuite"
SEGMENTER = "segmenter.crfsuite"
COMPOUND = "compound.crfsuite"


class LineModel:
    """A loaded model; tagging is serialised because a crfsuite tagger holds its sequence."""

    def __init__(self, path: str) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(path)
        self._lock = threading.Lock()

    def tag(self, items: Sequence[Any]) -> list[str]:
        if not items:
            return []
        with self._lock:
            return list(self._tagger.tag(items))

    def tag_with_marginals(
            self, items: Sequence[Any],
            positions: Callable[[list[str]], list[int]]) -> tuple[list[str], list[float]]:
        """Labels, and the marginal probability of the label at each of the ``positions``
        that the labels themselves point to (a zone's edges, say)."""
        if not items:
            return [], []
        with self._lock:
            self._tagger.set(items)
            labels = list(self._tagger.tag())
            return labels, [self._tagger.marginal(labels[p], p) for p in positions(labels)]


@lru_cache(maxsize=8)
def model(name: str) -> LineModel | None:
    """The shipped model ``name``; None when the package was built without it."""
    found = shipped.path(name)
    return LineModel(str(found)) if found is not None else None


def load_from(directory: Path | None) -> None:
    """Read the models (and the word list the features name) from ``directory`` instead of
    the package; None goes back to the shipped ones."""
    shipped.use(directory)
    model.cache_clear()
    line_words.cache_clear()


def require(name: str) -> LineModel:
    """The shipped model ``name``; an installation without it cannot find lists at all."""
    loaded = model(name)
    if loaded is None:
        raise RuntimeError(f"the line model {name} is missing from auditor/data: "
                           "reinstall refauditor or run python -m benchmarks.train_sections")
    return loaded
