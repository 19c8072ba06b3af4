"""Retrain the shipped field tagger from ../shared/data/parsing (fixed split and seed).

    python -m benchmarks.train_parser

Writes auditor/data/parser.crfsuite and auditor/data/journal-words.txt. The held-out tenth of
the data (see benchmarks/parsing_data.py) is never used here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pycrfsuite

from auditor.parse import crf
from benchmarks.parsing_data import SHARED, split_data

OUT = Path(__file__).resolve().parent.parent / "auditor" / "data"
C1, C2, ITERATIONS = 0.1, 0.01, 250  # L1 keeps the model small; more iterations gained nothing
JOURNALS = SHARED.parent / "journals" / "journal-abbreviations.tsv"


def build_journal_words() -> None:
    """Words that occur in at least three journal titles or abbreviations."""
    counts: dict[str, int] = {}
    for line in JOURNALS.read_text(encoding="utf-8").splitlines():
        for word in set(line.lower().replace("\t", " ").split()):
            if len(word) > 2 and word.isalpha():
                counts[word] = counts.get(word, 0) + 1
    words = sorted(w for w, c in counts.items() if c >= 3)
    (OUT / crf.WORDS_FILE).write_text("\n".join(words) + "\n", encoding="utf-8")
    crf.journal_words.cache_clear()
    crf._token_features.cache_clear()
    crf._views.cache_clear()
    print(f"journal words: {len(words)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT / crf.MODEL_FILE,
                        help="where to write the model (default: the shipped one)")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"training data not found at {SHARED}", file=sys.stderr)
        return 2
    build_journal_words()
    train, held = split_data()
    print(f"training on {len(train)} references ({len(held)} held out, not used)")
    trainer = pycrfsuite.Trainer(verbose=False)
    for _, tokens, labels in train:
        trainer.append(crf.features(tokens), labels)
    trainer.set_params({"c1": C1, "c2": C2, "max_iterations": ITERATIONS,
                        "feature.possible_transitions": True, "feature.minfreq": 2})
    start = time.perf_counter()
    trainer.train(str(args.out))
    size = args.out.stat().st_size
    print(f"trained in {time.perf_counter() - start:.0f}s; model {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
