"""Matching against stores of growing size: does the right record stay found, and how fast?

    python -m benchmarks.snapshot_scale                 # 15k (baseline), 100k and 1M works
    python -m benchmarks.snapshot_scale --sizes 10000000 --refs 1000   # on demand, ~10 GB

Each store holds the real gold works of ../shared/data/matching (with the two distractors per
work ``match_eval`` adds: a correction notice with the same title, another work with the same
title in another journal) and as many generated works as the size asks for, made to collide
the way a real store does: title words drawn from the gold titles' own vocabulary with a Zipf
law (common words in many titles), surnames of the gold first authors, real journal names
(../shared/data/journals), volumes and pages in the usual ranges. The references (identifiers
stripped, so each is found by its fields alone) are resolved through the real pipeline; the
store's size, references per second and precision/recall of the DOI settled on are printed,
the 15k store first as the baseline of the same run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from auditor.resolvers.snapshot import Snapshot
from benchmarks.match_eval import GOLD, build_snapshot, load_gold, prf, run_pipeline, strip_ids

JOURNALS = GOLD.parent.parent / "journals" / "journal-abbreviations.tsv"
_WORD = re.compile(r"[A-Za-z][a-z]+")
ZIPF = 1.1  # the exponent of title word frequencies by rank


class Works:
    """Generated works that collide with the real ones on words, names and journals."""

    def __init__(self, gold: list[dict[str, Any]], seed: int) -> None:
        self.rng = random.Random(seed)
        counts = Counter(w.lower() for g in gold for w in _WORD.findall(g.get("atitle") or ""))
        self.words = [w for w, _ in counts.most_common()]
        self.cumulative = list(itertools.accumulate(
            1 / (rank + 1) ** ZIPF for rank in range(len(self.words))))
        self.names = sorted({g["firstAuthor"] for g in gold if g.get("firstAuthor")})
        self.journals = [line.split("\t")[1].title() for line in
                         JOURNALS.read_text(encoding="utf-8").splitlines() if "\t" in line]

    def make(self, n: int) -> dict[str, Any]:
        rng = self.rng
        title = rng.choices(self.words, cum_weights=self.cumulative, k=rng.randint(6, 15))
        authors = [{"family": rng.choice(self.names), "given": rng.choice("ABCDEFGHJKLMNPRS")}
                   for _ in range(rng.randint(1, 6))]
        page = rng.randint(1, 3000)
        return {"DOI": f"10.55555/scale.{n}", "type": "journal-article",
                "title": [" ".join(title).capitalize()], "author": authors,
                "container-title": [rng.choice(self.journals)],
                "issued": {"date-parts": [[rng.randint(1950, 2024)]]},
                "volume": str(rng.randint(1, 300)), "page": f"{page}-{page + rng.randint(1, 20)}"}


def build(gold: list[dict[str, Any]], size: int, folder: Path, seed: int = 1) -> tuple[Any, float]:
    """A store of ``size`` works (at least the gold and its distractors); seconds to load."""
    start = time.perf_counter()
    store = build_snapshot(gold, folder)
    extra = size - store.info()["works"]
    if extra > 0:
        works = Works(gold, seed)
        path = folder / "generated.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for n in range(extra):
                handle.write(json.dumps(works.make(n)) + "\n")
        store.load(path)
        path.unlink()
    return store, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--refs", type=int, default=2000, help="references resolved per store")
    parser.add_argument("--keep", type=Path, default=None,
                        help="build the stores in this folder and reuse them when run again")
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"{GOLD} not found", file=sys.stderr)
        return 2
    gold = load_gold(None)
    picked = random.Random(7).sample(range(len(gold)), min(args.refs, len(gold)))
    raws = [strip_ids(gold[i]["reference"]) for i in picked]
    dois = [gold[i]["doi"] for i in picked]
    print(f"{len(raws)} references (identifiers stripped), resolved offline on one core")
    for size in [0, *args.sizes]:
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.keep / str(size) if args.keep else Path(tmp)
            kept = args.keep is not None and (folder / "snapshot.sqlite").exists()
            folder.mkdir(parents=True, exist_ok=True)
            store, loaded = (Snapshot(folder / "snapshot.sqlite", writable=False), 0.0) \
                if kept else build(gold, size, folder)
            works = store.info()["works"]
            pred, seconds = run_pipeline(store, raws)
            p, r, f = prf(pred, dois)
            name = "baseline (gold + distractors)" if not size else "with generated works"
            built = "kept from an earlier run" if kept else f"built in {loaded:.0f} s"
            print(f"  {works:>10,} works  {name:30} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
                  f"{len(raws) / seconds:6.0f} refs/s  ({built})")
            store.close()
    print("targets: at 1M works >= 500 refs/s, recall within 0.01 of the baseline at P >= 0.995; "
          "10M no more than 2x slower than 1M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
