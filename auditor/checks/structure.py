"""RA1xx checks on the shape of the list: labels, numbering, style, stray text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from auditor.checks.base import Check, CheckContext, describe, register
from auditor.models import Finding, ParsedReference, Severity

STYLE_NAMES = {
    "vancouver": "Vancouver/NLM", "mla": "MLA", "chicago": "Chicago", "apa": "APA",
    "harvard": "Harvard", "ieee": "IEEE", "nature": "Nature",
    "elsevier": "Elsevier (ScienceDirect)",
}


@register
class StrayLabel(Check):
    """What it finds: a numbering fragment glued to an entry that does not belong to the list,
    such as ``79.Short B`` in an unnumbered list.

    Why it matters: the fragment is left over from another document's numbering; it breaks
    sorting, duplicate detection and anyone reading the list.

    Example: ``79.Short B, Fong J, Galvez V, et al. Side-effects associated with ketamine use``.

    Fix: delete the fragment; the fix shows the cleaned entry.
    """

    code = "RA102"
    name = "stray-label"
    severity = Severity.WARNING
    confidence = 0.9
    summary = "An entry starts with a numbering fragment that does not belong to the list."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.fielded:
            return  # fielded records: no printed text, labels or style to judge
        for ref in ctx.references:
            fragment = ref.ref.stray_label
            if fragment is None:
                fragment = _numbered_fragment(ctx, ref)
            if fragment is None:
                continue
            listed = "numbered" if ctx.split.numbered else "unnumbered"
            without = ref.ref.text if ref.ref.stray_label else ref.ref.raw[len(fragment):].strip()
            yield self.finding(
                [ref],
                f"Entry {ref.ref.index} starts with '{fragment}', a label that does not belong "
                f"to this {listed} list",
                {"fragment": fragment, "list": listed, "reference": describe(ref),
                 "corrected_entry": True},
                clean_junk(without) or without,
            )


def _label_number(label: str | None) -> int | None:
    m = re.search(r"\d+", label or "")
    return int(m.group()) if m else None


@register
class Numbering(Check):
    """What it finds: gaps, repeats and out-of-order numbers in a numbered reference list.

    Why it matters: in-text citations point at numbers; a gap or repeat means a citation points
    at the wrong work or at nothing.

    Example: ``1. ... 2. ... 4. ...`` (3 is missing) or ``5. ... 5. ...``.

    Fix: renumber the list and the citations in the text.
    """

    code = "RA103"
    name = "numbering"
    severity = Severity.WARNING
    confidence = 0.95
    summary = "A numbered list has gaps, repeats or numbers out of order."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.fielded:
            return  # fielded records: no printed text, labels or style to judge
        if not ctx.split.numbered:
            return
        # Works printed under one number ("3a", "3b") are that number once.
        numbered = [(r, _label_number(r.ref.label)) for r in ctx.references
                    if r.ref.part in (None, "a")]
        values = [n for _, n in numbered if n is not None]
        if not values:
            return
        counts = Counter(values)
        for number, count in sorted(counts.items()):
            if count > 1:
                refs = [r for r, n in numbered if n == number]
                yield self.finding(refs, f"Number {number} is used {count} times",
                                   {"problem": "repeat", "number": number,
                                    "entries": [describe(r) for r in refs]},
                                   "Give each entry its own number and update the citations.")
        missing = sorted(set(range(min(values), max(values) + 1)) - set(values))
        if missing:
            shown = ", ".join(map(str, missing[:20])) + (" ..." if len(missing) > 20 else "")
            yield self.finding([], f"Numbers missing from the list: {shown}",
                               {"problem": "gap", "missing": missing,
                                "first": min(values), "last": max(values)},
                               "Renumber the list or restore the missing entries.")
        previous = 0
        for ref, label in numbered:
            if label is None:
                continue
            if label < previous:
                yield self.finding([ref], f"Entry labelled {label} comes after {previous}",
                                   {"problem": "out-of-order", "number": label,
                                    "after": previous, "reference": describe(ref)},
                                   "Put the entries in numeric order.")
            previous = max(previous, label)


@register
class InconsistentStyle(Check):
    """What it finds: a list that mixes citation styles (Vancouver, MLA, APA, Elsevier...),
    naming each style seen, the majority style and the entries that differ from it.

    Why it matters: journals require one style; a mixed list is usually pasted together from
    several sources and often hides other copying errors.

    Example: ``Réus, Gislaine Z., et al. "Glutamatergic ..." Adv Protein Chem 103 (2016)``
    (MLA) among ``Kim JW, Suzuki K. Ketamine ... Annu Rev Med. 2024;75:129-143`` (Vancouver).

    Fix: rewrite the minority entries in the majority style.
    """

    code = "RA104"
    name = "inconsistent-style"
    severity = Severity.WARNING
    confidence = 0.8
    summary = "The list mixes citation styles."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.fielded:
            return  # fielded records: no printed text, labels or style to judge
        styled = [(r, r.style) for r in ctx.listed if r.style]
        counts = Counter(s for _, s in styled)
        if len(counts) < 2 or len(styled) < 3:
            return
        majority, top = counts.most_common(1)[0]
        if top <= len(styled) / 2:
            majority_text = "no style has a majority"
        else:
            majority_text = f"the majority style is {STYLE_NAMES.get(majority, majority)}"
        minority = [r for r, s in styled if s != majority]
        by_style = {
            STYLE_NAMES.get(s, s): [r.ref.index for r, t in styled if t == s]
            for s, _ in counts.most_common()
        }
        listed = "; ".join(f"{name}: {len(idx)}" for name, idx in by_style.items())
        yield self.finding(
            minority,
            f"The list mixes {len(counts)} citation styles ({listed}); {majority_text}",
            {"styles": by_style, "majority": STYLE_NAMES.get(majority, majority),
             "classified": len(styled), "unclassified": len(ctx.listed) - len(styled)},
            f"Rewrite entries {', '.join(str(r.ref.index) for r in minority)} in the "
            f"{STYLE_NAMES.get(majority, majority)} style.",
        )


_SECOND_LABEL_RE = re.compile(r"^(\[\d{1,4}\]|\d{1,3}[.)])\s*(?=[A-Z])")
_JUNK = (
    (re.compile(r"\bet al\.?\s+[:;,]\s*"), "stray punctuation after 'et al.'", "et al. "),
    (re.compile(r"(?<![.\w/])\.\.(?!\.)(?!/)"), "doubled period", "."),
    (re.compile(r"(?<=\w)\.\.(?=\s)"), "doubled period", "."),
    (re.compile(r",\s*,|;\s*;"), "doubled separator", None),
    # from the start of a run of spaces only: "\s+," tried at every space of a long run is
    # quadratic
    (re.compile(r"(?<!\s)\s+,(?=\s)"), "space before a comma", ","),
    (re.compile(r"Ã[\u0080-\u00bf]|â€[\u0080-\u00bf™œ\x9d]|Â[\u00a0-\u00bf]|\ufffd|ï¿½"),
     "mojibake (text decoded with the wrong encoding)", None),
)


@register
class JunkText(Check):
    """What it finds: stray punctuation and fragments inside an entry: ``et al. :``, doubled
    periods or separators, a space before a comma, mojibake such as ``Ã©`` or ``â€™``.

    Why it matters: such debris is left by copying and pasting; it looks careless in print and
    can break automatic linking of the reference.

    Example: ``Short B, Fong J, Galvez V, et al. : Side-effects associated with ...``.

    Fix: remove the debris (the fix shows the cleaned entry where it can be cleaned safely).
    """

    code = "RA105"
    name = "junk-text"
    severity = Severity.INFO
    confidence = 0.85
    summary = "Stray punctuation, fragments or mojibake inside an entry."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.fielded:
            return  # fielded records: no printed text, labels or style to judge
        for ref in ctx.references:
            text = ref.ref.text
            problems: list[dict[str, str | int]] = [
                {"problem": what, "fragment": m.group(0), "offset": m.start()}
                for pattern, what, _ in _JUNK for m in pattern.finditer(text)]
            if problems:
                kinds = sorted({str(p["problem"]) for p in problems})
                stray = ref.ref.stray_label or _numbered_fragment(ctx, ref)
                base = text if not stray or ref.ref.stray_label else \
                    ref.ref.raw[len(stray):].strip()
                yield self.finding(
                    [ref],
                    f"Entry {ref.ref.index} contains {', '.join(kinds)}",
                    {"problems": problems, "reference": describe(ref), "corrected_entry": True},
                    clean_junk(base),
                )


def clean_junk(text: str) -> str | None:
    """``text`` with the debris that can be removed safely removed, or None where some cannot
    (mojibake, a doubled separator): RA102 and RA105 show this one corrected entry."""
    for pattern, _, replacement in _JUNK:
        if replacement is None:
            if pattern.search(text):
                return None
        else:
            text = pattern.sub(replacement, text)
    return text


def _numbered_fragment(ctx: CheckContext, ref: ParsedReference) -> str | None:
    """A second label at the start of an entry of a numbered list (as RA102 reads it)."""
    if not ctx.split.numbered:
        return None
    m = _SECOND_LABEL_RE.match(ref.ref.raw)
    return m.group(1) if m else None



@register
class EntryTooLong(Check):
    """What it finds: an entry longer than the parser reads of one entry
    (``--max-entry-chars``, 5,000 unless set; the longest real entry in the labelled data
    has 1,612): only its beginning was parsed.

    Why it matters: an entry that long is several entries the list runs together, or debris
    pasted into one; its fields, identifiers and checks cover its beginning only.

    Example: one "entry" of 80,000 characters that repeats ``PMID: 1``.

    Fix: split the entry into the references it holds, or remove the debris.
    """

    code = "RA106"
    name = "entry-too-long"
    severity = Severity.WARNING
    confidence = 1.0
    summary = "An entry longer than the parser reads; only its beginning was checked."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        limit = ctx.max_entry_chars
        for ref in ctx.references:
            length = len(ref.ref.text)
            if length > limit:
                yield self.finding(
                    [ref], f"Entry {ref.ref.index} has {length:,} characters; only the first "
                    f"{limit:,} were parsed",
                    {"characters": length, "parsed": limit, "start": ref.ref.text[:120],
                     "reference": describe(ref)},
                    "Split the entry into the references it holds, or remove the debris.")
