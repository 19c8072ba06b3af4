"""Reference matching quality and speed against a snapshot, offline.

    python -m benchmarks.match_eval [--limit N]

Builds a snapshot from the gold metadata of ../shared/data/matching/pmc-refs-dev.jsonl (DOI,
title, first author, journal, volume, first page) plus two distractors per work: a correction
notice with the same title, and a different work with the same title in another journal. Then
resolves every raw string through the real pipeline (parse, snapshot search, validation) and
prints precision, recall and F1 of the DOI it settles on, with identifiers left in the string
and with them stripped (pure bibliographic matching). The baseline, measured in the same run,
takes the top full-text hit without validation.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from auditor.match import query_words
from auditor.pipeline import parse_references
from auditor.readers import text as text_reader
from auditor.resolvers.service import ResolutionService
from auditor.resolvers.snapshot import Snapshot
from auditor.sections import split_lines

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "matching"
GOLD = DATA / "pmc-refs-dev.jsonl"


def load_gold(limit: int | None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    return rows[:limit] if limit else rows


def build_snapshot(gold: list[dict[str, Any]], folder: Path) -> Snapshot:
    lines = []
    for i, g in enumerate(gold):
        base = {"type": "journal-article", "title": [g.get("atitle") or ""],
                "author": [{"family": g.get("firstAuthor") or ""}],
                "container-title": [g.get("jtitle") or ""], "volume": g.get("volume"),
                "page": g.get("firstPage")}
        lines.append({**base, "DOI": g["doi"]})
        lines.append({**base, "DOI": f"10.99999/corr.{i}",
                      "title": [f"Correction: {g.get('atitle') or ''}"]})
        lines.append({**base, "DOI": f"10.99999/other.{i}", "author": [{"family": "Otherauthor"}],
                      "container-title": ["Journal of Distraction"], "volume": "999",
                      "page": "9999"})
    path = folder / "snapshot.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    store = Snapshot(folder / "snapshot.sqlite")
    store.load(path)
    return store


def strip_ids(text: str) -> str:
    return re.sub(r"\(?\bdoi:?\s*\S*|\b10\.\d{4,9}/\S+|https?://\S+|\bPMID:?\s*\d+", " ", text,
                  flags=re.IGNORECASE)


def prf(pred: list[str | None], gold: list[str]) -> tuple[float, float, float]:
    tp = sum(1 for p, g in zip(pred, gold, strict=True) if p and p == g.lower())
    fp = sum(1 for p, g in zip(pred, gold, strict=True) if p and p != g.lower())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_pipeline(store: Snapshot, raws: list[str]) -> tuple[list[str | None], float]:
    text = "\n".join(re.sub(r"\s+", " ", r) for r in raws)
    refs = parse_references(split_lines(text_reader.read(text, "pmc")).references, 1)
    service = ResolutionService(snapshot=store, offline=True)
    start = time.perf_counter()
    out = asyncio.run(service.resolve_all(refs))
    elapsed = time.perf_counter() - start
    return [r.resolution.doi if r.resolution.status == "resolved" else None for r in out], elapsed


def run_baseline(store: Snapshot, raws: list[str]) -> tuple[list[str | None], float]:
    start = time.perf_counter()
    out: list[str | None] = []
    for raw in raws:
        hits = store.search(query_words(raw), limit=1)
        out.append(str(hits[0]["DOI"]).lower() if hits else None)
    return out, time.perf_counter() - start


def report(name: str, pred: list[str | None], gold: list[str], seconds: float) -> float:
    p, r, f = prf(pred, gold)
    print(f"{name:<44} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  {len(gold) / seconds:8.0f} refs/s")
    return len(gold) / seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"{GOLD} not found", file=sys.stderr)
        return 2
    gold = load_gold(args.limit)
    dois = [g["doi"] for g in gold]
    raws = [g["reference"] for g in gold]
    with tempfile.TemporaryDirectory() as tmp:
        store = build_snapshot(gold, Path(tmp))
        print(f"{len(gold)} references; snapshot of {store.info()['works']} works "
              f"(gold + 2 distractors each); one core, offline")
        pred, secs = run_pipeline(store, raws)
        speed = report("pipeline, identifiers left in", pred, dois, secs)
        pred, secs = run_pipeline(store, [strip_ids(r) for r in raws])
        report("pipeline, identifiers stripped (search only)", pred, dois, secs)
        base, bsecs = run_baseline(store, [strip_ids(r) for r in raws])
        base_speed = report("baseline: top full-text hit, no validation", base, dois, bsecs)
        store.close()
    print(f"speed ratio pipeline/baseline: {speed / base_speed:.2f}; "
          "targets F1 >= 0.97 with P >= 0.99, >= 500 refs/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
