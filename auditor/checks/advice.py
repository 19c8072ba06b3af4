"""One line of advice per entry: one corrected entry, and no finding asks to edit an entry
that another deletes.

The checks run independently, so each writes the fix its own evidence supports. Read side by
side, those fixes can contradict: RA101 says to delete a duplicate while RA102, RA104 or RA301
say how to repair it. After all checks ran, the duplicate's deletion wins and the other fixes
say so; the findings themselves stay (their evidence is still true of the text).
"""

from __future__ import annotations

import re
from dataclasses import replace

from auditor.models import Finding

DUPLICATE = "RA101"
_ENTRY_LIST_RE = re.compile(r"\bentries (\d+(?:, \d+)*)")


def _deletions(findings: list[Finding]) -> dict[str, tuple[int, int]]:
    """Reference id to delete -> (its index, the index of the entry kept instead)."""
    out: dict[str, tuple[int, int]] = {}
    for f in findings:
        plan = f.evidence.get("delete") if f.code == DUPLICATE else None
        if isinstance(plan, dict):
            out[str(plan["id"])] = (int(plan["index"]), int(f.evidence["keep"]["index"]))
    return out


def _without(fix: str, dropped: set[int]) -> str:
    """``fix`` with the deleted entries taken out of its "entries 3, 4, 5" list."""

    def keep(m: re.Match[str]) -> str:
        left = [n for n in m.group(1).split(", ") if int(n) not in dropped]
        if not left:
            return m.group(0)
        return ("entry " if len(left) == 1 else "entries ") + ", ".join(left)

    note = ", ".join(str(n) for n in sorted(dropped))
    what = f"entry {note} as a duplicate" if len(dropped) == 1 else f"entries {note} as duplicates"
    return _ENTRY_LIST_RE.sub(keep, fix).rstrip(". ") + f"; delete {what} (RA101)."


def merge_repeats(findings: list[Finding]) -> list[Finding]:
    """One finding for identical ones on the same entries, with their ``count`` (an entry
    printing "PMID: 1" ten thousand times gets one finding, not ten thousand)."""
    first: dict[tuple[str, tuple[str, ...], str], int] = {}
    counts: list[int] = []
    out: list[Finding] = []
    for f in findings:
        key = (f.code, f.references, f.message)
        if key in first:
            counts[first[key]] += 1
            continue
        first[key] = len(out)
        out.append(f)
        counts.append(1)
    return [f if n == 1 else replace(f, evidence={**f.evidence, "count": n})
            for f, n in zip(out, counts, strict=True)]


def one_corrected_entry(findings: list[Finding]) -> list[Finding]:
    """Every finding that shows a corrected entry shows the same one: the record's, rendered
    in the list's style, where RA401 has it (it repairs labels and debris too); the text
    checks (RA102, RA105) already share one cleaning."""
    from_record = {f.references[0]: f.fix for f in findings
                   if f.evidence.get("from_record") and f.fix and f.references}
    if not from_record:
        return findings
    return [replace(f, fix=from_record[f.references[0]])
            if f.evidence.get("corrected_entry") and f.references
            and f.references[0] in from_record else f for f in findings]


def reconcile(findings: list[Finding]) -> list[Finding]:
    """Findings with fixes that agree with each other and with the duplicate deletions,
    repeats merged."""
    findings = one_corrected_entry(merge_repeats(findings))
    deleted = _deletions(findings)
    if not deleted:
        return findings
    out = []
    for f in findings:
        gone = [deleted[r] for r in f.references if r in deleted]
        if f.code == DUPLICATE or not gone or not f.fix:
            out.append(f)
        elif len(gone) == len(f.references):
            drop, keep = gone[0]
            out.append(replace(f, fix=f"Nothing to edit: entry {drop} duplicates entry {keep} "
                                      "and is to be deleted (RA101)."))
        else:
            out.append(replace(f, fix=_without(f.fix, {drop for drop, _ in gone})))
    return out
