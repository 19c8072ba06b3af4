"""The snapshot store under a running load, read-only, damaged or foreign: one line, exit 2."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.errors import InputError
from auditor.resolvers.snapshot import Snapshot, open_snapshot
from tests.conftest import FIXTURES

runner = CliRunner()
WORK = {"DOI": "10.5555/a", "title": ["A work"], "type": "journal-article"}


def _store(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite"
    source = tmp_path / "w.jsonl"
    source.write_text(json.dumps(WORK) + "\n", "utf-8")
    store = Snapshot(path)
    store.load(source)
    store.close()
    return path


def test_an_audit_reads_while_a_load_holds_the_write_lock(tmp_path: Path) -> None:
    path = _store(tmp_path)
    writer = sqlite3.connect(path)
    writer.execute("BEGIN IMMEDIATE")  # what a running load holds
    try:
        reader = open_snapshot(path)
        assert reader.work("10.5555/a") is not None
    finally:
        writer.rollback()
        writer.close()


def test_a_read_only_store_is_readable(tmp_path: Path) -> None:
    path = _store(tmp_path)
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    path.chmod(stat.S_IRUSR)
    try:
        assert open_snapshot(path).work("10.5555/a") is not None
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_foreign_database_is_not_turned_into_a_store(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE mine (x)")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="not a refauditor snapshot store"):
        open_snapshot(other)
    tables = {n for (n,) in sqlite3.connect(other).execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"mine"}


def test_a_truncated_store_is_one_line(tmp_path: Path) -> None:
    path = _store(tmp_path)
    data = path.read_bytes()
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(data[:200])
    doc = FIXTURES / "checks" / "clean-vancouver.txt"
    result = runner.invoke(app, ["audit", str(doc), "--offline", "-o", "-",
                                 "--snapshot", str(broken)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_store_paths_that_are_folders_are_one_line(tmp_path: Path) -> None:
    info = runner.invoke(app, ["snapshot", "info", "--store", str(tmp_path)])
    assert info.exit_code == 2 and "folder" in info.output
    load = runner.invoke(app, ["snapshot", "load", str(FIXTURES / "sample-snapshot.jsonl"),
                               "--store", str(tmp_path)])
    assert load.exit_code == 2 and "folder" in load.output
    audit = runner.invoke(app, ["audit", str(FIXTURES / "checks" / "clean-vancouver.txt"),
                                "--offline", "-o", "-", "--snapshot", str(tmp_path)])
    assert audit.exit_code == 2 and "folder" in audit.output


def test_id_map_rows_are_unique_and_the_latest_wins(tmp_path: Path) -> None:
    store = Snapshot()
    first = tmp_path / "a.jsonl"
    first.write_text(json.dumps({"pmid": "1", "doi": "10.5555/old"}) + "\n", "utf-8")
    second = tmp_path / "b.jsonl"
    second.write_text(json.dumps({"pmid": "1", "doi": "10.5555/new"}) + "\n", "utf-8")
    store.load(first)
    store.load(first)
    store.load(second)
    assert store.doi_for("pmid", "1") == "10.5555/new"
    assert store.db.execute("SELECT COUNT(*) FROM ids").fetchone()[0] == 1
