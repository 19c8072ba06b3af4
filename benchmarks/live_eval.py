"""The live resolution path against the loopback double: pacing, Retry-After and faults.

    python -m benchmarks.live_eval [--rate N] [--refs M]

1. Rate limit N req/s announced in X-Rate-Limit headers and enforced with 429s: prints the
   achieved request rate as a ratio of N, and the requests that arrived while a Retry-After
   was running (must be 0).
2. Baseline in the same run: the same lookups with pacing disabled (headers hidden), showing
   what the limit costs a client that ignores it.
3. Each fault (429 storm, 503 burst, persistent 503, slow, hung, truncated JSON, wrong content
   type): every reference ends with a verdict, and the verdicts are the right ones.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from pathlib import Path

from auditor.models import ParsedReference
from auditor.pipeline import parse_references
from auditor.resolvers.factory import ResolverConfig, build_resolver
from auditor.resolvers.http import HttpSettings
from auditor.resolvers.snapshot import Snapshot
from auditor.sections import split_text as split
from auditor.testing.loopback import LoopbackDouble, running

FAST = HttpSettings(retries=3, backoff=0.05, max_backoff=0.5, read_timeout=1.0,
                    connect_timeout=1.0, concurrency=8)


def make_store(count: int, folder: Path) -> tuple[Snapshot, list[ParsedReference]]:
    works = [{"DOI": f"10.5555/bench.{i}", "title": [f"Benchmark work {i} on ketamine"],
              "author": [{"family": f"Author{i}"}], "issued": {"date-parts": [[2020]]},
              "container-title": ["J Bench"], "volume": "1", "page": str(i),
              "type": "journal-article"} for i in range(count)]
    path = folder / "w.jsonl"
    path.write_text("\n".join(json.dumps(w) for w in works) + "\n", "utf-8")
    store = Snapshot()
    store.load(path)
    text = "References\n\n" + "\n\n".join(
        f"Author{i} A. Benchmark work {i} on ketamine. J Bench. 2020;1:{i}. doi: 10.5555/bench.{i}"
        for i in range(count))
    return store, parse_references(split(text).references, 1)


def resolve(double: LoopbackDouble, refs: list[ParsedReference],
            settings: HttpSettings = FAST) -> list[ParsedReference]:
    """Crossref and DataCite on ``double``; NCBI on a second double (its own host and pace)."""
    with running(double.snapshot) as ncbi:
        config = ResolverConfig(crossref_base=double.url, eutils_base=ncbi.url + "/eutils",
                                datacite_base=double.url + "/datacite", http=settings)
        return build_resolver(config)(refs)


def rate_run(store: Snapshot, refs: list[ParsedReference], rate: float) -> None:
    with running(store) as double:
        double.faults.rate_limit = rate
        double.faults.retry_after = 1.0
        start = time.monotonic()
        out = resolve(double, refs)
        elapsed = time.monotonic() - start
        ok = Counter(r.resolution.status for r in out)
        times = double.stats.times
        # Rate as the server saw it: requests between the first and the last arrival.
        achieved = (len(times) - 1) / (times[-1] - times[0])
        print(f"paced run: {len(times)} requests, {elapsed:.2f}s end to end; server saw "
              f"{achieved:.1f} req/s vs limit {rate:g} (ratio {achieved / rate:.3f}, "
              f"target >= 0.95); 429s {double.stats.statuses.count(429)}; "
              f"requests sent inside a Retry-After: {double.stats.early} (already in flight: "
              f"{double.stats.in_flight}); verdicts {dict(ok)}")


def baseline_run(store: Snapshot, refs: list[ParsedReference], rate: float) -> None:
    """Same lookups, limit enforced but not announced: the client cannot pace itself."""
    with running(store) as double:
        double.faults.rate_limit = rate
        double.faults.retry_after = 1.0
        double.faults.interval = "unknown"  # header unparsable: no pacing information
        start = time.monotonic()
        out = resolve(double, refs)
        elapsed = time.monotonic() - start
        useful = sum(1 for s in double.stats.statuses if s != 429)
        print(f"baseline (no pacing headers): {elapsed:.2f}s, 429s "
              f"{double.stats.statuses.count(429)}, useful {useful / elapsed:.1f} req/s, "
              f"requests inside a Retry-After: {double.stats.early}; verdicts "
              f"{dict(Counter(r.resolution.status for r in out))}")


FAULTS = {
    "429 storm (Retry-After 0.3 s)": ({"too_many": 10, "retry_after": 0.3}, {"resolved"}),
    "503 burst of 5": ({"unavailable": 5}, {"resolved"}),
    "persistent 503": ({"unavailable": 10**6}, {"unverified:server-error"}),
    "slow responses (0.2 s)": ({"delay": 0.2}, {"resolved"}),
    "hung responses": ({"hang": 2.0}, {"unverified:timeout"}),
    "truncated JSON x3": ({"truncated": 3}, {"resolved"}),
    "wrong content type x3": ({"wrong_type": 3}, {"resolved"}),
}


def fault_runs(store: Snapshot, refs: list[ParsedReference]) -> bool:
    good = True
    for name, (faults, expected) in FAULTS.items():
        with running(store) as double:
            for key, value in faults.items():
                setattr(double.faults, key, value)
            settings = FAST
            if "hung" in name:
                settings = HttpSettings(retries=1, backoff=0.05, read_timeout=0.5,
                                        connect_timeout=0.5, concurrency=8)
            start = time.monotonic()
            out = resolve(double, refs, settings)
            got = {r.resolution.status + (f":{r.resolution.reason}" if r.resolution.reason else "")
                   for r in out}
            verdict = "ok" if got == expected and len(out) == len(refs) else "WRONG"
            good = good and verdict == "ok" and double.stats.early == 0
            print(f"  {name:<30} {len(out)}/{len(refs)} verdicts {sorted(got)} "
                  f"early {double.stats.early} (in flight {double.stats.in_flight}) "
                  f"{time.monotonic() - start:5.2f}s {verdict}")
    return good


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--refs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store, refs = make_store(args.refs, Path(tmp))
        rate_run(store, refs, args.rate)
        baseline_run(store, refs, args.rate)
        print("fault runs (8 references each):")
        ok = fault_runs(store, refs[:8])
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
