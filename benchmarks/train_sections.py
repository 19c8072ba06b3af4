"""Retrain the finder, the segmenter and the compound cutter from ../shared/data.

    python -m benchmarks.train_sections              # the shipped models
    python -m benchmarks.train_sections --validate   # score on a validation part of the training data
    python -m benchmarks.train_sections --only segmenter   # the two segmenters alone

Writes ``finder-draft.crfsuite``, ``finder.crfsuite``, ``segmenter-draft.crfsuite``,
``segmenter.crfsuite``, ``compound.crfsuite`` and the ``line-words.txt`` their features name
to auditor/data. The held-out parts that ``split_eval`` scores (one GROBID
section in five, three AnyStyle documents, generated documents from the held-out side of every
source) are never read here. The same data in the same order gives byte-identical models.

    python -m benchmarks.train_sections --cross 5    # the segmenters on real sections they never saw

``--cross K`` retrains the two segmenters K times, each time without one K-th of the training
side's GROBID sections, and splits those sections whole with the finder and cutter in
auditor/data: how a change to the segmenter fares on real reference sections, 71 of them
rather than the 24 that ``split_eval`` holds out (about 6 minutes a fold on one core).

``--validate`` holds out, of the training side, a further fifth of the GROBID sections, one
AnyStyle document and a fifth of every string the generated documents are made of (their
``check`` part, generated from another seed), trains on the rest and prints line-level and
whole-document scores: that is how the features and settings below were chosen.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pycrfsuite

from auditor.sections import compound, crf, features, split
from auditor.sections.context import regularities, surroundings, window
from auditor.sections.features import LineView, document_lines, label_number
from auditor.sections.join import join_lines
from benchmarks.layouts import generate
from benchmarks.sections_data import (
    Sample,
    anystyle_samples,
    available,
    grobid_samples,
    norm,
)

OUT = Path(__file__).resolve().parent.parent / "auditor" / "data"
WORD_RE = re.compile(r"[^\W\d_]+")
WORD_DOCUMENTS = 8  # a word opening or closing lines in this many documents is a line word
GENERATED_PER_LAYOUT = 100  # training documents of each generated layout
TRAIN_SEED, VALIDATION_SEED = 1, 3
COMPOUND_SEED, COMPOUND_PER_LAYOUT = 5, 150  # the compound cutter's extra lists
NUMBERED_LAYOUTS = ("pasted-numbered", "numbered-blank", "numbered-wrapped", "pdf-text")
VALIDATION_PER_LAYOUT = 20
DRAFT_FOLDS = 4  # the second reading is trained on drafts of models that did not see the zone
# Each real section trains the segmenter this many times (chosen with --validate: weight 1
# to 3, GROBID validation F1 0.980 to 0.982, generated exact 91.5% to 92.3%).
REAL_WEIGHT = 3
SETTINGS = {  # chosen with --validate (150 iterations to 400: GROBID F1 0.974 to 0.984)
    crf.FINDER_DRAFT: {"c1": 0.5, "c2": 0.05, "max_iterations": 400},
    crf.FINDER: {"c1": 0.5, "c2": 0.05, "max_iterations": 400},
    crf.SEGMENTER_DRAFT: {"c1": 0.5, "c2": 0.05, "max_iterations": 400},
    crf.SEGMENTER: {"c1": 0.5, "c2": 0.05, "max_iterations": 400},
    crf.COMPOUND: {"c1": 0.1, "c2": 0.01, "max_iterations": 200},
}
Pair = tuple[list[Any], list[str]]


def finder_pair(sample: Sample) -> Pair:
    assert sample.finder is not None
    view = document_lines(sample.doc.lines, sample.doc.blocks)
    return window(view), [sample.finder[n] or "text" for n in view.numbers]


def zone_items(sample: Sample) -> tuple[list[int], list[str]]:
    assert sample.seg is not None
    view = document_lines(sample.doc.lines, sample.doc.blocks)
    items = [k for k, n in enumerate(view.numbers) if sample.seg[n]]
    return items, [sample.seg[view.numbers[k]] for k in items]


def segmenter_rows(sample: Sample) -> Pair:
    view = document_lines(sample.doc.lines, sample.doc.blocks)
    items, labels = zone_items(sample)
    return window(view, items, pairs=True), labels


def train(pairs: list[Pair], path: Path, name: str) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for items, labels in pairs:
        if items:
            trainer.append(items, labels)
    trainer.set_params({**SETTINGS[name], "feature.possible_transitions": True})
    trainer.train(str(path))


def tagger(path: Path) -> pycrfsuite.Tagger:
    loaded = pycrfsuite.Tagger()
    loaded.open(str(path))
    return loaded


def cross_drafts(rows: list[Pair], work: Path, name: str) -> list[list[str]]:
    """Each sequence's labels from a draft model trained on the other folds, so that the
    second reading learns from drafts as wrong as they will be on new documents."""
    drafts: list[list[str]] = [[] for _ in rows]
    for fold in range(DRAFT_FOLDS):
        path = work / f"draft-{fold}.crfsuite"
        train([r for n, r in enumerate(rows) if n % DRAFT_FOLDS != fold], path, name)
        model = tagger(path)
        for n, (items, _) in enumerate(rows):
            if n % DRAFT_FOLDS == fold:
                drafts[n] = list(model.tag(items)) if items else []
    return drafts


def finder_pairs(samples: list[Sample], work: Path) -> tuple[list[Pair], list[Pair]]:
    """Draft pairs, and second-reading pairs built on cross-validated drafts."""
    rows = [finder_pair(s) for s in samples]
    drafts = cross_drafts(rows, work, crf.FINDER_DRAFT)
    second: list[Pair] = []
    for sample, (_, labels), draft in zip(samples, rows, drafts, strict=True):
        view = document_lines(sample.doc.lines, sample.doc.blocks)
        second.append((surroundings(view, window(view, neighbours=False), draft), labels))
    return rows, second


def segmenter_pairs(samples: list[Sample], work: Path) -> tuple[list[Pair], list[Pair]]:
    """Draft pairs, and second-reading pairs built on cross-validated drafts."""
    zoned = [s for s in samples if s.seg and any(s.seg)]
    rows = [segmenter_rows(s) for s in zoned]
    drafts = cross_drafts(rows, work, crf.SEGMENTER_DRAFT)
    second: list[Pair] = []
    for sample, (items, labels), draft in zip(zoned, rows, drafts, strict=True):
        view = document_lines(sample.doc.lines, sample.doc.blocks)
        copies = [list(row) for row in items]  # the draft model trains on the rows as they were
        second.append((regularities(view, zone_items(sample)[0], copies, draft), labels))
    # Real sections weigh more than generated ones: each is trained on REAL_WEIGHT times,
    # after the drafts were made (a copy in another fold would leak its own labels).
    weights = [REAL_WEIGHT if s.kind == "grobid" else 1 for s in zoned]
    return _repeated(rows, weights), _repeated(second, weights)


def _repeated(pairs: list[Pair], weights: list[int]) -> list[Pair]:
    return [pair for pair, weight in zip(pairs, weights, strict=True) for _ in range(weight)]


def compound_pairs(samples: list[Sample]) -> list[Pair]:
    """One single-item sequence per candidate cut: ``cut`` where a gold record starts."""
    out: list[Pair] = []
    for sample in samples:
        if not sample.seg or not any(sample.seg):
            continue
        view = document_lines(sample.doc.lines, sample.doc.blocks)
        items, labels = zone_items(sample)
        groups: list[list[int]] = []
        for item, label in zip(items, labels, strict=True):
            if label == "B" or (label == "I" and not groups):
                groups.append([item])
            elif label == "I":
                groups[-1].append(item)
        groups = _under_numbers(view, groups)
        gold = [norm(r) for r in sample.records]
        at = 0
        for group in groups:
            lines = [view.texts[i] for i in group]
            text = join_lines(lines)
            flat = norm(text)
            taken: list[str] = []
            while at < len(gold) and len("".join(taken)) < len(flat):
                taken.append(gold[at])
                at += 1
            if "".join(taken) != flat:
                at = _resync(gold, at, flat)
                continue
            _, number, width = label_number(text)
            body = text[width:].lstrip()
            following = number + 1 if number is not None else None
            cuts = _cut_offsets(body, taken,
                                len(norm(text)) - len(norm(body)))
            starts = _line_starts(body, lines)
            previous = 0
            expected = following
            for cut in compound.candidates(body, following, frozenset(starts)):
                label = "cut" if cut in cuts else "stay"
                out.append(([compound.features(body, cut, previous, expected, cut in starts)],
                            [label]))
                if label == "cut":
                    previous = cut
                    if expected is not None and compound.opens_with(body[cut:], expected):
                        expected += 1
    return out


def _under_numbers(view: LineView, groups: list[list[int]]) -> list[list[int]]:
    """In a numbered list, an entry without a label belongs to the number above it, as the
    splitter reads it: the works under one number are the compound cutter's to separate."""
    labelled = [label_number(view.texts[g[0]])[1] is not None for g in groups]
    if sum(labelled) < 0.5 * len(groups):
        return groups
    out: list[list[int]] = []
    for group, has_label in zip(groups, labelled, strict=True):
        if out and not has_label:
            out[-1] = out[-1] + group
        else:
            out.append(group)
    return out


def _line_starts(body: str, lines: list[str]) -> set[int]:
    """Where in ``body`` (an entry's text after its label) each of its lines after the first
    begins."""
    starts: set[int] = set()
    position = 0
    for line in lines[1:]:
        found = body.find(line[:8], position)
        if found >= 0:
            starts.add(found)
            position = found + 1
    return starts


def _resync(gold: list[str], at: int, flat: str) -> int:
    """After a group that does not match the gold, skip to the gold record after it."""
    for k in range(at, min(len(gold), at + 50)):
        if flat.endswith(gold[k]):
            return k + 1
    return at


def _cut_offsets(body: str, parts: list[str], skipped: int) -> set[int]:
    """Offsets in ``body`` where each gold part after the first begins."""
    kept = [i for i, ch in enumerate(body) if norm(ch)]
    cuts: set[int] = set()
    total = -skipped
    for part in parts[:-1]:
        total += len(part)
        if 0 <= total < len(kept):
            cuts.add(kept[total])
    return cuts


def compound_samples(part: str | None = None) -> list[Sample]:
    """Numbered lists for the compound cutter alone, every list in a compound style printing
    several works under one number: in the documents the other models learn from, about one
    numbered list in twelve does, too few cuts (about 900) for the cases a chemistry list
    prints rarely ("Physik Online 2018; Vollema, M. G.; ...", a work without a locator)."""
    return generate(False, COMPOUND_PER_LAYOUT, COMPOUND_SEED, layouts=NUMBERED_LAYOUTS,
                    part=part, compound_share=1.0)


def train_compound(out: Path, grobid: list[Sample], generated: list[Sample],
                   part: str | None = None) -> None:
    """The compound cutter, from the real sections, the generated documents and its own
    lists: one place, so that a full build and ``--only compound`` train it alike."""
    train(compound_pairs(grobid + generated + compound_samples(part)), out / crf.COMPOUND,
          crf.COMPOUND)


def generated_samples(seed: int, part: str | None = None) -> list[Sample]:
    """The generated training documents: every layout, text copied from PDFs (the hardest
    to split: hyphens, running heads, page numbers) three times as often."""
    return (generate(False, GENERATED_PER_LAYOUT, seed, part=part)
            + generate(False, 2 * GENERATED_PER_LAYOUT, seed + 100, layouts=("pdf-text",),
                       part=part))


def training_samples() -> tuple[list[Sample], list[Sample], list[Sample]]:
    return anystyle_samples(False), grobid_samples(False), generated_samples(TRAIN_SEED)


def _is_validation(name: str) -> bool:
    return hashlib.md5(name.encode()).digest()[0] % 5 == 0


def build_words(out: Path, samples: list[Sample], keep: bool = False) -> None:
    """The words the line features name: first or last words of lines in at least
    ``WORD_DOCUMENTS`` training documents. With ``keep``, the models already in ``out``
    name the words there, and a different list is an error rather than a new file."""
    seen: Counter[str] = Counter()
    for sample in samples:
        words: set[str] = set()
        for line in sample.doc.lines:
            found = WORD_RE.findall(line)
            if found:
                words.update((found[0].lower(), found[-1].lower()))
        seen.update(words)
    chosen = sorted(w for w, n in seen.items() if n >= WORD_DOCUMENTS)
    text = "\n".join(chosen) + "\n"
    path = out / features.WORDS_FILE
    if keep and (not path.exists() or path.read_text(encoding="utf-8") != text):
        print("the training data names other line words than the models in "
              f"{out} were trained with: retrain them all, without --only", file=sys.stderr)
        raise SystemExit(2)
    path.write_text(text, encoding="utf-8")
    crf.load_from(out)  # the features of everything trained below name these words
    print(f"line words: {len(chosen)}")


def train_segmenters(samples: list[Sample], out: Path, work: Path) -> None:
    """The draft segmenter and the second reading, from ``samples``' gold zones."""
    draft, second = segmenter_pairs(samples, work)
    train(draft, out / crf.SEGMENTER_DRAFT, crf.SEGMENTER_DRAFT)
    train(second, out / crf.SEGMENTER, crf.SEGMENTER)


def build(out: Path, anystyle: list[Sample], grobid: list[Sample],
          generated: list[Sample], only: str | None = None, part: str | None = None) -> None:
    """Every model, or with ``only="segmenter"`` the two segmenters alone (they read the
    gold zones, not the finder's, so the finders in ``out`` stay valid)."""
    build_words(out, anystyle + grobid + generated, keep=only is not None)
    with tempfile.TemporaryDirectory() as work:
        started = time.time()
        if only is None:
            draft, second = finder_pairs(anystyle + grobid + generated, Path(work))
            train(draft, out / crf.FINDER_DRAFT, crf.FINDER_DRAFT)
            train(second, out / crf.FINDER, crf.FINDER)
            print(f"finder trained ({time.time() - started:.0f} s)")
        train_segmenters(grobid + generated, out, Path(work))
        print(f"segmenter trained ({time.time() - started:.0f} s)")
        if only is None:
            train_compound(out, grobid, generated, part)
            print(f"compound cutter trained ({time.time() - started:.0f} s)")


def _f1(counts: Counter[tuple[str, str]], positive: set[str]) -> float:
    tp = sum(v for (g, p), v in counts.items() if g in positive and p in positive)
    fp = sum(v for (g, p), v in counts.items() if g not in positive and p in positive)
    fn = sum(v for (g, p), v in counts.items() if g in positive and p not in positive)
    return 2 * tp / max(1, 2 * tp + fp + fn)


def validate(anystyle: list[Sample], grobid: list[Sample], keep: Path | None,
             only: str | None = None) -> None:
    fit_anystyle = [s for s in anystyle if not _is_validation(s.name)] or anystyle[1:]
    held_anystyle = [s for s in anystyle if s not in fit_anystyle]
    fit_grobid = [s for s in grobid if not _is_validation(s.name)]
    held_grobid = [s for s in grobid if _is_validation(s.name)]
    generated = generated_samples(TRAIN_SEED, "fit")
    held_generated = generate(False, VALIDATION_PER_LAYOUT, VALIDATION_SEED, part="check")
    with tempfile.TemporaryDirectory() as work:
        out = keep or Path(work)
        out.mkdir(parents=True, exist_ok=True)
        build(out, fit_anystyle, fit_grobid, generated, only, "fit")
        finder_draft, finder = tagger(out / crf.FINDER_DRAFT), tagger(out / crf.FINDER)
        draft, second = tagger(out / crf.SEGMENTER_DRAFT), tagger(out / crf.SEGMENTER)
        for name, samples in (("anystyle", held_anystyle), ("grobid", held_grobid),
                              ("generated", held_generated)):
            found: Counter[tuple[str, str]] = Counter()
            cut: Counter[tuple[str, str]] = Counter()
            exact = 0
            zoned = 0
            for sample in samples:
                rows, labels = finder_pair(sample)
                view = document_lines(sample.doc.lines, sample.doc.blocks)
                guessed = finder.tag(surroundings(view, window(view, neighbours=False),
                                                  finder_draft.tag(rows)))
                found.update(zip(labels, guessed, strict=True))
                if not sample.seg or not any(sample.seg):
                    continue
                zoned += 1
                view = document_lines(sample.doc.lines, sample.doc.blocks)
                items, gold = zone_items(sample)
                seg_rows = window(view, items, pairs=True)
                guess = second.tag(regularities(view, items, seg_rows, draft.tag(seg_rows)))
                cut.update(zip(gold, guess, strict=True))
                exact += list(guess) == gold
            print(f"{name}: finder ref-line F1 {_f1(found, {'ref'}):.4f}; segmenter B-line F1 "
                  f"{_f1(cut, {'B'}):.4f}, zones exact {exact}/{zoned}")
        from benchmarks.split_eval import Score

        crf.load_from(out)
        try:
            layouts = sorted({s.kind for s in held_generated})
            for name, samples in (("grobid", held_grobid), *(
                    (layout, [s for s in held_generated if s.kind == layout])
                    for layout in layouts), ("generated", held_generated)):
                score = Score()
                for sample in samples:
                    score.add(sample, split(sample.doc))
                print(f"  {name:20} whole documents: {score.row()}")
        finally:
            crf.load_from(None)


def _fold(name: str, folds: int) -> int:
    """A section's fold, fixed by its name: every run holds out the same sections."""
    return hashlib.sha1(name.encode()).digest()[3] % folds


def cross_validate(grobid: list[Sample], generated: list[Sample], folds: int,
                   models: Path) -> None:
    """The segmenters retrained without each fold of ``grobid`` in turn, every section of
    the fold split whole (the other models read from ``models``): one row a fold, the
    sections not split exactly named, and the total."""
    from benchmarks.split_eval import Score

    total = Score()
    for fold in range(folds):
        fit = [s for s in grobid if _fold(s.name, folds) != fold]
        held = [s for s in grobid if _fold(s.name, folds) == fold]
        with tempfile.TemporaryDirectory() as work:
            out = Path(work) / "models"
            out.mkdir()
            for path in models.glob("*"):
                if path.is_file():
                    (out / path.name).write_bytes(path.read_bytes())
            crf.load_from(out)
            train_segmenters(fit + generated, out, Path(work))
            crf.load_from(out)
            score = Score()
            for sample in held:
                result = split(sample.doc)
                exact = score.exact
                score.add(sample, result)
                total.add(sample, result)
                if score.exact == exact:
                    print(f"    not exact: {sample.name}")
            print(f"  fold {fold + 1} of {folds}: {score.row()}", flush=True)
    crf.load_from(None)
    print(f"  all folds: {total.row()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--validate", action="store_true")
    parser.add_argument("--cross", type=int, default=0, metavar="K",
                        help="score the segmenters by K-fold cross-validation on the "
                             "training side's real sections")
    parser.add_argument("--out", type=Path, default=None,
                        help="where the models go (default auditor/data; with --validate, "
                             "a temporary folder)")
    parser.add_argument("--only", choices=["compound", "segmenter"],
                        help="retrain only this model (the others stay as they are; with "
                             "--validate, they are read from --out)")
    args = parser.parse_args()
    if not available():
        print("../shared/data/segmenting and finding are not present", file=sys.stderr)
        return 2
    if args.cross and not 2 <= args.cross <= 20:
        print("--cross takes 2 to 20 folds", file=sys.stderr)
        return 2
    anystyle, grobid, generated = training_samples()
    if args.cross:
        cross_validate(grobid, generated, args.cross, args.out or OUT)
        return 0
    if args.only == "compound":  # the cutter alone: it reads no other model's output
        out = args.out or OUT
        train_compound(out, grobid, generated)
        return 0
    kept = args.out or (None if args.validate else OUT)
    missing = [name for name in (crf.FINDER_DRAFT, crf.FINDER, crf.COMPOUND)
               if args.only and (kept is None or not (kept / name).exists())]
    if missing:
        print(f"--only {args.only} keeps the other models, but {', '.join(missing)} is not "
              f"in {kept or '--out'}: train them all first", file=sys.stderr)
        return 2
    if args.validate:
        validate(anystyle, grobid, args.out, args.only)
        return 0
    out = args.out or OUT
    out.mkdir(parents=True, exist_ok=True)
    build(out, anystyle, grobid, generated, args.only)
    crf.load_from(None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
