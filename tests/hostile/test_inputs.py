"""Hostile inputs end fast with a report or one line and exit 2 (the fixed cases of the
hardening work; timings and memory are in benchmarks/hostile.py)."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.errors import InputError
from auditor.readers import load
from auditor.resolvers.snapshot import Snapshot

runner = CliRunner()
FIXTURES_CLEAN = Path(__file__).resolve().parent.parent.parent / "fixtures" / "checks" / "clean-vancouver.txt"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_read_up_to_the_cap_only() -> None:
    with pytest.raises(InputError, match="limit"):
        load("/dev/zero", None, max_bytes=1_000_000)


def test_stdin_over_the_cap_is_one_line_and_exit_2() -> None:
    result = runner.invoke(app, ["audit", "-", "--offline", "-o", "-"],
                           input=b"x" * (51 * 1024 * 1024))
    assert result.exit_code == 2 and "limit" in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_is_read_up_to_the_cap_only(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as handle:
            try:
                for _ in range(20):
                    handle.write(b"y" * 1_000_000)
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(InputError, match="limit"):
        load(str(fifo), None, max_bytes=2_000_000)
    writer.join(timeout=5)


def test_a_gzip_bomb_is_refused_while_it_expands(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        for _ in range(80):
            handle.write(b"{" + b" " * (1 << 20))
    with pytest.raises(InputError, match="over"):
        Snapshot().load(bomb)


def test_a_document_past_its_time_budget_ends_alone(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("References\n\n" + "\n".join(
        f"{i}. Author{i} J. A study number {i}. J Test. 2020;1:{i}-{i + 9}."
        for i in range(1, 3001)), "utf-8")
    small = FIXTURES_CLEAN
    result = runner.invoke(app, ["audit", str(big), str(small), "--offline", "-o", "-",
                                 "--format", "json", "--max-seconds", "0.05"])
    import json

    docs = json.loads(result.stdout)["documents"]
    assert docs[0]["status"] == "error" and "--max-seconds" in docs[0]["error"]
    assert result.exit_code == 2
    bad = runner.invoke(app, ["audit", str(small), "--max-seconds", "0", "-o", "-"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
