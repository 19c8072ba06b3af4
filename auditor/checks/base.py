"""The check catalogue: every check is a small class with a code, a name and a doc.

Checks do no I/O: they read a ``CheckContext`` (the parsed references of one document and how the
list was split) and yield findings. The registry is filled by the ``register`` decorator when the
check modules are imported by :mod:`auditor.checks`.
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from auditor.models import Document, Finding, InTextCitation, ParsedReference, Severity, SplitResult
from auditor.parse import MAX_ENTRY_CHARS
from auditor.studies import StudyMention


@dataclass(frozen=True)
class CheckContext:
    """Everything a check may read about one document."""

    document: Document
    split: SplitResult
    references: tuple[ParsedReference, ...]
    # Inline citations: links to DOIs in the text, with the journal the text names.
    citations: tuple[ParsedReference, ...] = ()
    # ISO date of the manuscript (``--manuscript-date``), to tell notices it predates.
    manuscript_date: str | None = None
    # Citations of the list in the body text ([1], (Smith, 2020)), for the RA5xx checks.
    in_text: tuple[InTextCitation, ...] = ()
    # Studies the text reports without citing them, each with what the resolver found when
    # it searched for it (RA506).
    studies: tuple[tuple[StudyMention, ParsedReference], ...] = ()
    # Characters of an entry the parser read (``--max-entry-chars``), for RA106.
    max_entry_chars: int = MAX_ENTRY_CHARS
    # The ids of the entries that are the text's notes citing a bibliography beside them
    # (the notes-bibliography style: :func:`auditor.citations.note_entries`).
    notes: frozenset[str] = frozenset()

    @property
    def listed(self) -> tuple[ParsedReference, ...]:
        """The entries of the list proper: all of them, but for the notes of a
        notes-bibliography document, which cite its entries (a note citing a work in full
        is no duplicate entry of it, and notes print a style of their own)."""
        if not self.notes:
            return self.references
        return tuple(r for r in self.references if r.id not in self.notes)

    @property
    def fielded(self) -> bool:
        """The list came with fields (BibTeX, RIS, CSL-JSON): its lines are renderings."""
        return self.split.mode == "records"


class Check:
    """Base of every check. Subclasses set the class attributes and implement ``run``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    confidence: ClassVar[float]
    summary: ClassVar[str]

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    def finding(
        self,
        refs: list[ParsedReference] | tuple[ParsedReference, ...],
        message: str,
        evidence: dict[str, Any],
        fix: str | None = None,
        *,
        severity: Severity | None = None,
        confidence: float | None = None,
    ) -> Finding:
        """Build a finding of this check, defaulting severity and confidence to the rule's."""
        return Finding(
            code=self.code,
            rule=self.name,
            severity=severity or self.severity,
            confidence=self.confidence if confidence is None else confidence,
            references=tuple(r.id for r in refs),
            message=message,
            evidence=evidence,
            fix=fix,
        )


REGISTRY: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Add a check class to the catalogue; codes and names must be unique."""
    if cls.code in REGISTRY or any(c.name == cls.name for c in REGISTRY.values()):
        raise ValueError(f"duplicate check {cls.code} {cls.name}")
    REGISTRY[cls.code] = cls
    return cls


# Evidence quotes an entry up to this many characters: the report of a hostile list must not
# grow with the square of its size (every finding quoting a 100 kB entry).
EXCERPT_CHARS = 600


def list_style(ctx: CheckContext) -> str | None:
    """The style most entries of the list are written in (corrections render in it, and a
    duplicate in it is the one to keep)."""
    counts = Counter(r.style for r in ctx.listed if r.style)
    return counts.most_common(1)[0][0] if counts else None


def describe(ref: ParsedReference) -> dict[str, Any]:
    """The compact evidence form of a reference: where it is and what it says (a bounded
    excerpt; ``text_chars`` tells the whole length and the span where it is)."""
    raw = ref.ref.raw
    out = {
        "id": ref.id,
        "index": ref.ref.index,
        "label": ref.ref.shown_label,
        "line": ref.ref.start_line,
        "text": raw if len(raw) <= EXCERPT_CHARS else raw[: EXCERPT_CHARS - 1] + "…",
    }
    if len(raw) > EXCERPT_CHARS:
        out["text_chars"] = len(raw)
        out["end_line"] = ref.ref.end_line
    return out
