"""A batch as a production team runs one: many manuscripts, one command, offline.

    python -m benchmarks.batch [--docs 1000] [--refs 40]

Generates ``--docs`` manuscripts (a title, a paragraph citing the list, a "References" heading
and ``--refs`` numbered entries drawn from the 5,000 real PMC reference strings of
../shared/data/matching, PDF line breaks and hyphens included), loads a 15k-work snapshot of
their gold records with same-title distractors (as ``match_eval`` builds it), then audits the
folder with the installed command, once in one process (``-j 1``, the baseline) and twice on
all cores (``-j 0``): cold (the store's pages dropped from the kernel's page cache first, as on
a fresh machine) and warm (right after), writing one JSON report per document to an output
folder. Printed: wall seconds, references per second and the peak memory of the whole process
tree (sampled from /proc), and whether the runs wrote the same reports. With the
``distributed`` package installed, the same batch also runs on a local Dask cluster
(``--engine dask``, one worker per core).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.match_eval import build_snapshot, load_gold

EXE = str(Path(sys.executable).parent / "refauditor")


def _rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in kB."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (OSError, StopIteration, ValueError):
            continue
    return total


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak MB of the process tree, exit code."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _rss_kb(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    sampler.join()
    return time.perf_counter() - start, peak / 1024, code


def _drop_from_page_cache(path: Path) -> None:
    """Ask the kernel to forget the file's cached pages (and its write-ahead log's), so the
    next run reads the store from disk."""
    for name in (path, path.with_name(path.name + "-wal")):
        if name.exists():
            fd = os.open(name, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def manuscripts(folder: Path, docs: int, refs: int, seed: int = 1) -> int:
    gold = load_gold(None)
    rng = random.Random(seed)
    total = 0
    for n in range(docs):
        chosen = rng.sample(gold, refs)
        cites = ", ".join(f"[{k}]" for k in range(1, refs + 1, 5))
        lines = [f"Manuscript {n}", "", f"Earlier work is reviewed here {cites}.", "",
                 "References", ""]
        lines += [f"{k}. {g['reference']}" for k, g in enumerate(chosen, start=1)]
        (folder / f"ms{n:04d}.txt").write_text("\n".join(lines) + "\n", "utf-8")
        total += refs
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--refs", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs = root / "docs"
        docs.mkdir()
        total = manuscripts(docs, args.docs, args.refs)
        store = build_snapshot(load_gold(None), root)
        works = store.info()["works"]
        store.close()
        print(f"{args.docs} manuscripts, {total:,} references; snapshot of {works:,} works; "
              f"{os.cpu_count()} cores")
        outputs = []
        snapshot = root / "snapshot.sqlite"
        # Cold: the store's pages dropped from the page cache first, as on a fresh machine;
        # warm: the same run again right after.
        runs = [(1, False, "local"), (0, True, "local"), (0, False, "local")]
        if importlib.util.find_spec("distributed") is not None:
            runs.append((0, False, "dask"))  # a local Dask cluster of one worker per core
        for jobs, cold, engine in runs:
            out = root / f"reports-{jobs}-{'cold' if cold else 'warm'}-{engine}"
            command = [EXE, "audit", str(docs), "--offline", "--snapshot", str(snapshot),
                       "--format", "json", "--output-dir", str(out), "-j", str(jobs),
                       "--engine", engine, "--exit-zero"]
            if cold:
                _drop_from_page_cache(snapshot)
            seconds, mb, code = measure(command)
            name = "one process (baseline)" if jobs == 1 else "Dask, local cluster" \
                if engine == "dask" else f"all cores, {'cold' if cold else 'warm'} store"
            print(f"  {name:28} {seconds:7.1f} s  {total / seconds:7.0f} refs/s  "
                  f"peak {mb:6.0f} MB  exit {code}")
            outputs.append(out)
        same = all((outputs[0] / p.name).read_bytes() == p.read_bytes()
                   for other in outputs[1:] for p in other.iterdir())
        print(f"  reports identical between the two runs: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
