"""Finding and splitting, scored the way a user meets them: whole documents in, records out.

    python -m benchmarks.split_eval            # held-out parts of every source
    python -m benchmarks.split_eval --per-layout 20

For each source (real PDF reference sections, whole dissertations, generated documents by
layout) it prints the share of documents split exactly (every gold record found, no extra
record), record precision/recall/F1 and the finder's line-level F1 on reference lines, for
the trained finder and segmenter and, in the same run, for the heuristic splitter they
replaced (``benchmarks/baseline_split.py``). Records are compared without their printed
labels, whitespace and hyphens: where a record starts and ends is scored, not how its line
breaks were joined. The layouts the models are not taught (``UNTAUGHT_LAYOUTS``: labels a
PDF's text glued to their entries, a double-spaced manuscript's layout text) are scored on
their own, outside "generated, all". Then the speed of finding and splitting in lines per
second on one core.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from auditor.models import Document, SplitResult
from auditor.sections import compound, split
from auditor.sections.features import label_number
from benchmarks import baseline_split
from benchmarks.layouts import LAYOUTS, UNTAUGHT_LAYOUTS, generate
from benchmarks.sections_data import Sample, anystyle_samples, available, grobid_samples, norm

HELD_OUT_SEED = 2
Splitter = Callable[[Document], SplitResult]


def comparable(text: str) -> str:
    """A record as scored: no printed label or sub-label, no whitespace or hyphens. Every
    number that opens it as a label would is set aside, on both sides: the gold of an
    ordered list's item holds its text alone ("1923. General Meeting ..."), the split adds
    the number its page shows ("1." before it)."""
    rest = text.strip()
    while True:
        _, _, width = label_number(rest)
        if not width:
            break
        rest = rest[width:].lstrip()
    _, rest = compound.sublabel(rest)
    return norm(rest)


def predicted(result: SplitResult) -> list[str]:
    """Each record as printed: its label (on the first of several works under one number),
    then its text."""
    return [comparable(f"{r.label} {r.raw}" if r.label and r.part in (None, "a") else r.raw)
            for r in result.references]


def baseline(doc: Document) -> SplitResult:
    return baseline_split.split(doc.text)


@dataclass
class Score:
    docs: int = 0
    exact: int = 0
    true: int = 0
    guessed: int = 0
    gold: int = 0
    lines: Counter[tuple[bool, bool]] = field(default_factory=Counter)
    scored: bool = True  # whether the source has gold records

    def add(self, sample: Sample, result: SplitResult) -> None:
        self.docs += 1
        if sample.finder is not None:
            self.lines.update(_line_pairs(sample, result))
        if sample.kind == "anystyle":  # lines are labelled, records are not
            self.scored = False
            return
        gold = Counter(comparable(r) for r in sample.records)
        guess = Counter(predicted(result))
        matched = sum((gold & guess).values())
        self.true += matched
        self.guessed += sum(guess.values())
        self.gold += sum(gold.values())
        self.exact += gold == guess

    def row(self) -> str:
        p = self.true / self.guessed if self.guessed else (1.0 if not self.gold else 0.0)
        r = self.true / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        tp, fp, fn = self.lines[(True, True)], self.lines[(False, True)], self.lines[(True, False)]
        line_f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        if not self.scored:
            return f"{self.docs:4d} docs  (lines labelled, records not)  finder line F1 {line_f1:.3f}"
        return (f"{self.docs:4d} docs  exact {self.exact / max(1, self.docs):6.1%}  records "
                f"P {p:.3f} R {r:.3f} F1 {f:.3f}  finder line F1 {line_f1:.3f}")


def _line_pairs(sample: Sample, result: SplitResult) -> list[tuple[bool, bool]]:
    """(gold reference line, predicted reference line) for every non-blank line."""
    assert sample.finder is not None
    inside: set[int] = set()
    for ref in result.references:
        inside.update(range(ref.start_line, ref.end_line + 1))
    inside -= {n for d in result.dropped if d.kind != "outside-list"
               for n in range(d.start_line, d.end_line + 1)}
    return [(label == "ref", n + 1 in inside) for n, label in enumerate(sample.finder)
            if sample.doc.lines[n].strip()]


def evaluate(name: str, samples: list[Sample], splitters: dict[str, Splitter]) -> None:
    for label, splitter in splitters.items():
        score = Score()
        for sample in samples:
            score.add(sample, splitter(sample.doc))
        print(f"  {name:22} {label:9} {score.row()}")


def speed(samples: list[Sample], splitter: Splitter) -> tuple[float, float]:
    """Lines per second over ``samples`` (best of three passes) and the seconds of the
    longest document."""
    total = sum(len(s.doc.lines) for s in samples)
    longest = max(samples, key=lambda s: len(s.doc.lines))
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for sample in samples:
            splitter(sample.doc)
        best = min(best, time.perf_counter() - started)
    started = time.perf_counter()
    splitter(longest.doc)
    return total / best, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-layout", type=int, default=40)
    args = parser.parse_args()
    if not available():
        print("../shared/data/segmenting and finding are not present", file=sys.stderr)
        return 2
    splitters: dict[str, Splitter] = {"models": split, "baseline": baseline}
    grobid = grobid_samples(True)
    anystyle = anystyle_samples(True)
    generated = generate(True, args.per_layout, HELD_OUT_SEED)
    print("Held out: one GROBID section in five, three AnyStyle documents, generated documents "
          "from the held-out side of every source (seed 2).")
    evaluate("PDF sections (GROBID)", grobid, splitters)
    evaluate("dissertations", anystyle, splitters)
    for layout in LAYOUTS:
        evaluate(layout, [s for s in generated if s.kind == layout], splitters)
    evaluate("generated, all", generated, splitters)
    untaught = generate(True, args.per_layout, HELD_OUT_SEED, layouts=UNTAUGHT_LAYOUTS)
    for layout in UNTAUGHT_LAYOUTS:
        evaluate(f"{layout}, untaught", [s for s in untaught if s.kind == layout], splitters)
    everything = grobid + anystyle + generated + untaught
    lines = sum(len(s.doc.lines) for s in everything)
    rate, longest = speed(anystyle, split)
    base_rate, _ = speed(anystyle, baseline)
    print(f"Speed, finder + segmenter + joining, one core: {rate:,.0f} lines/s on the "
          f"dissertations ({longest:.2f} s for the longest, "
          f"{max(len(s.doc.lines) for s in anystyle):,} lines); baseline {base_rate:,.0f} "
          f"lines/s. {lines:,} lines scored in all.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
