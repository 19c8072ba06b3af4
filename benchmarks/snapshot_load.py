"""Snapshot loading streams in bounded memory: peak RSS for N and 10 N records.

    python -m benchmarks.snapshot_load [--records N]

Writes N and 10 N synthetic Crossref-shaped works as gzipped JSON Lines, loads each with
``refauditor snapshot load`` in a child process, and prints load speed and the child's peak
resident memory. Bounded memory means the ratio of the peaks stays near 1 while the input
grows tenfold.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def write_works(path: Path, count: int) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for i in range(count):
            handle.write(json.dumps({
                "DOI": f"10.5555/load.{i}", "type": "journal-article",
                "title": [f"Synthetic work {i} on ketamine and glutamate signalling in depression"],
                "author": [{"family": f"Author{i % 9973}", "given": "A"}],
                "container-title": ["Journal of Loading"], "issued": {"date-parts": [[2000 + i % 25]]},
                "volume": str(i % 300), "page": f"{i % 900}-{i % 900 + 9}"}) + "\n")


def load(path: Path, store: Path) -> tuple[float, float]:
    """(seconds, child peak RSS in MB) for loading ``path`` into ``store``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "auditor", "snapshot", "load", str(path), "--store",
                    str(store)], check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20_000)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in (args.records, 10 * args.records):
            source = Path(tmp) / f"works-{count}.jsonl.gz"
            write_works(source, count)
            seconds, peak = load(source, Path(tmp) / f"store-{count}.sqlite")
            results.append(peak)
            print(f"{count:>9,} works: {seconds:6.1f}s ({count / seconds:,.0f} works/s), "
                  f"peak RSS of the loading process so far {peak:.0f} MB")
    print(f"peak memory ratio for 10x the records: {results[1] / results[0]:.2f} "
          "(bounded: close to 1)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
