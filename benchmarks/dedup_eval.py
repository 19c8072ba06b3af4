"""Duplicate detection across citation styles, on whole reference lists.

    python -m benchmarks.dedup_eval [--lists N] [--size 45] [--repeats 5] [--seed S]

Builds N reference lists from ../shared/data/styles/same-work-17-styles-dev.csv (2,000 real
works, each written in 17 styles). Each list is in one style with that style's labels; some
works appear a second time written in another style (the pairs to find), and some entries are
near-misses that are different works: the same authors and year with another title and pages,
part I against part II, and a comment whose title quotes a listed work. Each list is written
as a document ("References", blank line, one entry per line) and audited offline through the
real pipeline (finding, splitting, parsing, RA101), so a list that is split wrong costs recall.

Prints pair precision, recall and F1 of RA101, recall by the style of the second copy, and in
the same run a naive baseline: every pair of entries whose label-free texts have a rapidfuzz
token-set ratio of at least 90. Then precision on real lists: the 5,000 real references of
../shared/data/matching/pmc-refs-dev.jsonl checked as one list, where every pair RA101 makes
between two different gold DOIs is false (verbatim copies, which the data holds under stale
DOIs, are counted apart).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from auditor.formats.json_format import report_json
from auditor.pipeline import AuditOptions, run_audit
from auditor.resolvers.factory import ResolverConfig

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
STYLES = DATA / "styles" / "same-work-17-styles-dev.csv"
PMC = DATA / "matching" / "pmc-refs-dev.jsonl"
NAIVE_RATIO = 90.0
_LABEL = re.compile(r"^\s*(?:\[\d+\]|\(\d+\)|\d+\.?)\s*")
_IEEE_TITLE = re.compile(r"“(.+?),?”")
_DECIDABLE = re.compile(r"\bpp?\. ?[A-Z]?\d.*\b(?:1[6-9]|20)\d\d\.$")
_PAGES = re.compile(r"(?<!\d)(?<!\d\.)(\d{1,5})\s*([–-])\s*(\d{1,5})(?!\d)(?!\.\d)")


@dataclass
class Entry:
    text: str  # without a label
    doi: str
    style: str
    kind: str = "work"  # work | repeat | near-miss


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    by_style: Counter[str] = field(default_factory=Counter)
    missed_by_style: Counter[str] = field(default_factory=Counter)
    false_kinds: Counter[str] = field(default_factory=Counter)

    def add(self, gold: set[frozenset[int]], found: set[frozenset[int]]) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return (f"{name:<10} pairs P {p:.3f}  R {r:.3f}  F1 {f1:.3f}   "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn})")


def load() -> dict[str, dict[str, str]]:
    """Works whose every rendering prints a year and pages: the styles without titles give
    nothing else to tell two works apart, and no one can decide a pair from a name alone."""
    works: dict[str, dict[str, str]] = defaultdict(dict)
    with STYLES.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            works[row["doi"]][row["style"]] = _LABEL.sub("", row["reference"], count=1).strip()
    return {doi: r for doi, r in works.items()
            if _DECIDABLE.search(r.get("ieee", "")) and all(len(t) > 20 for t in r.values())}


def title_of(renderings: dict[str, str]) -> str | None:
    m = _IEEE_TITLE.search(renderings.get("ieee", ""))
    return m.group(1).rstrip(",") if m and len(m.group(1)) > 20 else None


def _swap_title(text: str, old: str, new: str) -> str | None:
    at = text.lower().find(old.lower())
    if at < 0:
        return None
    printed = text[at:at + len(old)]
    if printed.istitle() or sum(w[:1].isupper() for w in printed.split()) > len(printed.split()) / 2:
        new = " ".join(w[:1].upper() + w[1:] if len(w) > 3 else w for w in new.split())
    return text[:at] + new + text[at + len(old):]


def _shift_pages(text: str, by: int) -> str | None:
    """Move the page range (the last range printed: an issue "3–4" comes before it)."""
    found = list(_PAGES.finditer(text))
    if not found:
        return None
    m = found[-1]
    first, dash, last = int(m.group(1)), m.group(2), int(m.group(3))
    if last < first:
        return None
    return text[:m.start()] + f"{first + by}{dash}{last + by}" + text[m.end():]


def near_misses(rng: random.Random, works: dict[str, dict[str, str]], doi: str, other: str,
                style: str) -> list[Entry]:
    """Entries that look like the listed ``doi`` in ``style`` but are other works; ``other``
    is an unlisted work that lends its title, authors, or both of its parts."""
    kind = rng.choice(["other-paper", "parts", "comment"])
    if kind == "parts":
        doi = other
    text, title = works[doi][style], title_of(works[doi])
    other_title = title_of(works[other])
    out: list[Entry] = []
    span = rng.randint(20, 200)
    if kind == "other-paper":
        swapped = _swap_title(text, title, other_title) if title and other_title else text
        moved = _shift_pages(swapped, span) if swapped else None
        if moved:
            out.append(Entry(moved, f"{doi}#other", style, "near-miss"))
    elif kind == "parts" and title:
        first = _swap_title(text, title, title + ": Part I")
        second = _swap_title(text, title, title + ": Part II")
        second = _shift_pages(second, span) if second else None
        if first and second:
            out += [Entry(first, f"{doi}#part1", style, "near-miss"),
                    Entry(second, f"{doi}#part2", style, "near-miss")]
    elif kind == "comment" and title and other_title:
        commented = _swap_title(works[other][style], other_title, f"Comment on “{title}”")
        if commented:
            out.append(Entry(commented, f"{other}#comment", style, "near-miss"))
    return out


def build_list(rng: random.Random, works: dict[str, dict[str, str]], dois: list[str],
               size: int, repeats: int, near: int) -> tuple[str, list[Entry]]:
    style = rng.choice(sorted({s for r in works.values() for s in r}))
    picked = rng.sample(dois, size)
    entries = [Entry(works[d][style], d, style) for d in picked[: size - repeats - near]]
    for d in picked[:repeats]:
        second = rng.choice([s for s in works[d] if s != style])
        entries.append(Entry(works[d][second], d, second, "repeat"))
    listed = picked[repeats: size - repeats - near]
    for d in picked[size - repeats - near: size - repeats]:
        # Near a listed work (another paper by its authors, a comment on it), or a work in
        # two parts that is not otherwise listed.
        entries.extend(near_misses(rng, works, rng.choice(listed), d, style))
    rng.shuffle(entries)
    return style, entries


def render(style: str, entries: list[Entry], sample: str, blank: bool) -> str:
    """The list as a document, numbered the way the style numbers it."""
    shape = {"[": "[{n}] ", "(": "({n}) "}.get(sample.lstrip()[:1], "")
    if not shape and re.match(r"\s*\d+\.", sample):
        shape = "{n}. "
    elif not shape and re.match(r"\s*\d+\s", sample):
        shape = "{n} "
    if not shape:
        entries.sort(key=lambda e: e.text.lower())  # author-date lists are alphabetical
    sep = "\n\n" if blank else "\n"
    body = sep.join(shape.format(n=n) + e.text for n, e in enumerate(entries, start=1))
    return f"References\n\n{body}\n"


def gold_pairs(entries: list[Entry]) -> set[frozenset[int]]:
    where: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        where[e.doi].append(i)
    return {frozenset(v) for v in where.values() if len(v) == 2}


def _position(raw: str, entries: list[Entry]) -> int | None:
    text = _LABEL.sub("", raw, count=1).strip()
    for i, e in enumerate(entries):
        if e.text == text:
            return i
    best = max(range(len(entries)), key=lambda i: fuzz.ratio(entries[i].text, text))
    return best if fuzz.ratio(entries[best].text, text) >= 90 else None


def audited_pairs(path: Path, snapshot: Path, entries: list[Entry]) -> tuple[set[frozenset[int]], int]:
    report = run_audit([str(path)], AuditOptions(select=("RA101",), offline=True),
                       ResolverConfig(offline=True))
    doc = report_json(report)["documents"][0]
    where = {r["id"]: _position(r["raw"], entries) for r in doc["references"]}
    found: set[frozenset[int]] = set()
    for f in doc["findings"]:
        if f["code"] != "RA101":
            continue
        pos = [where.get(rid) for rid in f["references"]]
        if len(pos) == 2 and None not in pos and pos[0] != pos[1]:
            found.add(frozenset(p for p in pos if p is not None))
    return found, sum(p is not None for p in where.values())


def naive_pairs(entries: list[Entry]) -> set[frozenset[int]]:
    return {frozenset((i, j)) for i in range(len(entries)) for j in range(i)
            if fuzz.token_set_ratio(entries[i].text, entries[j].text) >= NAIVE_RATIO}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lists", type=int, default=60)
    ap.add_argument("--size", type=int, default=45)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--near", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=0, help="print this many missed / false pairs")
    args = ap.parse_args(argv)
    works = load()
    dois = sorted(works)
    rng = random.Random(args.seed)
    ours, naive = Scores(), Scores()
    mapped = total = 0
    shown = 0
    with tempfile.TemporaryDirectory() as tmp:
        snapshot = Path(tmp) / "empty.sqlite"
        for n in range(args.lists):
            style, entries = build_list(rng, works, dois, args.size, args.repeats, args.near)
            doc = render(style, entries, _sample_label(style), rng.random() < 0.5)
            path = Path(tmp) / f"list-{n}.txt"
            path.write_text(doc, encoding="utf-8")
            gold = gold_pairs(entries)
            found, hits = audited_pairs(path, snapshot, entries)
            mapped, total = mapped + hits, total + len(entries)
            ours.add(gold, found)
            naive.add(gold, naive_pairs(entries))
            for pair in gold:
                second = max(pair, key=lambda i: entries[i].kind == "repeat")
                ours.by_style[entries[second].style] += 1
                if pair not in found:
                    ours.missed_by_style[entries[second].style] += 1
            for pair in found - gold:
                ours.false_kinds[",".join(sorted(entries[i].kind for i in pair))] += 1
            if shown < args.show:
                for pair in (gold - found) | (found - gold):
                    tag = "MISSED" if pair in gold else "FALSE"
                    print(tag, *(f"  [{entries[i].style}] {entries[i].text}" for i in pair),
                          sep="\n")
                    shown += 1
    print(f"{args.lists} lists of about {args.size} entries, {args.repeats} repeated in another "
          f"style, {args.near} near-misses each (seed {args.seed}); "
          f"{mapped}/{total} entries came out of the splitter whole")
    print(ours.line("RA101"))
    print(naive.line("naive"))
    worst = sorted(ours.by_style, key=lambda s: ours.missed_by_style[s] / ours.by_style[s],
                   reverse=True)[:6]
    print("recall by style of the second copy (worst): " + ", ".join(
        f"{s} {1 - ours.missed_by_style[s] / ours.by_style[s]:.2f}" for s in worst))
    if ours.false_kinds:
        print("false pairs by kind: " + ", ".join(f"{k} {v}" for k, v in ours.false_kinds.items()))
    real_list_precision()
    return 0


def real_list_precision() -> None:
    """RA101 on 5,000 real references of different works, as one list."""
    from auditor.checks import CheckContext
    from auditor.checks.duplicates import DuplicateReference
    from auditor.models import Document, Reference, SplitResult
    from auditor.pipeline import parse_references
    from auditor.sections.join import join_lines

    rows = [json.loads(line) for line in PMC.open(encoding="utf-8")]
    texts = [join_lines([x.strip() for x in r["reference"].splitlines()]) for r in rows]
    refs = [Reference(i + 1, t, None, i, i) for i, t in enumerate(texts)]
    parsed = tuple(parse_references(refs, 1))
    ctx = CheckContext(document=Document(str(PMC), "text", tuple(texts)),
                       split=SplitResult(tuple(refs), "section", None, False), references=parsed)
    kinds: Counter[str] = Counter()
    for f in DuplicateReference().run(ctx):
        i, j = (int(r.split(":r")[1]) - 1 for r in f.references)
        if rows[i]["doi"].lower() != rows[j]["doi"].lower():
            kinds[str(f.evidence["kind"])] += 1
    verbatim = kinds.pop("verbatim", 0)
    print(f"real list of {len(rows)} PMC references: {sum(kinds.values())} false pairs "
          f"({dict(kinds) or 'none'}); {verbatim} verbatim copies under two gold DOIs")


_SAMPLES: dict[str, str] = {}


def _sample_label(style: str) -> str:
    """The label the style prints on its first entry ("[1]", "(1)", "1.", "1 " or none)."""
    if not _SAMPLES:
        with STYLES.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                _SAMPLES.setdefault(row["style"], row["reference"])
    return _SAMPLES[style]


if __name__ == "__main__":
    sys.exit(main())
