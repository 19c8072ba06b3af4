"""Reports never write through a link, never outside the output folder, never half."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from auditor.cli import app
from auditor.output import MAX_STEM, printable, report_stem
from tests.conftest import FIXTURES

runner = CliRunner()
CLEAN = (FIXTURES / "checks" / "clean-vancouver.txt").read_text("utf-8")


def _paper(folder: Path, name: str = "paper.txt") -> Path:
    path = folder / name
    path.write_text(CLEAN, "utf-8")
    return path


def test_a_link_at_the_report_path_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", "utf-8")
    out = tmp_path / "reports"
    out.mkdir()
    (out / "paper.refauditor.txt").symlink_to(victim)
    result = runner.invoke(app, ["audit", str(_paper(tmp_path)), "--offline",
                                 "--output-dir", str(out)])
    assert result.exit_code in (0, 1)
    assert victim.read_text("utf-8") == "precious"
    assert not (out / "paper.refauditor.txt").is_symlink()
    # no temporary left; the manifest records the report
    assert sorted(p.name for p in out.iterdir()) == [".refauditor-manifest.jsonl",
                                                     "paper.refauditor.txt"]


def test_a_default_output_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    (work / "reports").symlink_to(elsewhere)
    cwd = Path.cwd()
    os.chdir(work)
    try:
        result = runner.invoke(app, ["audit", str(_paper(work)), "--offline"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert list(elsewhere.iterdir()) == []


def test_unusable_output_paths_are_one_line_and_exit_2(tmp_path: Path) -> None:
    paper = str(_paper(tmp_path))
    missing = runner.invoke(app, ["audit", paper, "--offline", "-o", str(tmp_path / "no/x.txt")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    folder = runner.invoke(app, ["audit", paper, "--offline", "-o", str(tmp_path)])
    assert folder.exit_code == 2 and "is a folder" in folder.output
    (tmp_path / "afile").write_text("x", "utf-8")
    not_dir = runner.invoke(app, ["audit", paper, "--offline", "--output-dir",
                                  str(tmp_path / "afile")])
    assert not_dir.exit_code == 2 and "not a folder" in not_dir.output
    for result in (missing, folder, not_dir):
        assert "Traceback" not in result.output


def test_a_long_document_name_gets_a_hashed_report_name(tmp_path: Path) -> None:
    paper = _paper(tmp_path, "p" * 240 + ".txt")
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(paper), "--offline", "--output-dir", str(out)])
    assert result.exit_code in (0, 1), result.output
    (written,) = (p for p in out.iterdir() if not p.name.startswith("."))
    assert len(written.name) < 160
    assert report_stem("p" * 240) != report_stem("p" * 239 + "q")
    assert len(report_stem("x" * 500)) == MAX_STEM


def test_paths_are_printed_literally_and_escapes_are_removed() -> None:
    result = runner.invoke(app, ["audit", "missing[/x].txt", "--offline", "-o", "-"])
    assert result.exit_code == 2 and "missing[/x].txt" in result.output
    assert printable("a\x1b[31mred\x07") == "a\N{REPLACEMENT CHARACTER}[31mred\N{REPLACEMENT CHARACTER}"


def test_a_home_where_no_cache_can_be_made_costs_the_cache_not_the_audit(
        tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    home = tmp_path / "home"
    home.write_text("a file, not a folder", "utf-8")
    monkeypatch.delenv("REFAUDITOR_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    result = runner.invoke(app, ["audit", str(_paper(tmp_path)), "-o", os.devnull,
                                 "--exit-zero"])
    assert result.exit_code == 0, result.output
    assert "no response cache this run" in result.output
    given = runner.invoke(app, ["audit", str(_paper(tmp_path)), "-o", os.devnull,
                                "--cache", str(home / "x.sqlite")])
    assert given.exit_code == 2 and "cannot open the response cache" in given.output
    assert "Traceback" not in given.output


def test_a_link_at_the_manifest_is_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", "utf-8")
    out = tmp_path / "reports"
    out.mkdir()
    (out / ".refauditor-manifest.jsonl").symlink_to(victim)
    result = runner.invoke(app, ["audit", str(_paper(tmp_path)), "--offline", "--exit-zero",
                                 "--output-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert victim.read_text("utf-8") == "keep me"
    assert (out / "paper.refauditor.txt").is_file()


def test_a_fifo_named_by_o_is_written_into_not_replaced(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, ["audit", str(_paper(tmp_path)), "--offline", "--format",
                                 "json", "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code in (0, 1)
    assert b'"documents"' in received[0]
    assert fifo.is_fifo()


def test_a_character_device_named_by_o_stays_a_device(tmp_path: Path) -> None:
    """``-o /dev/null`` as root once renamed a report over the device; this is a private
    copy of /dev/null (root only may make one), so a failure damages nothing."""
    import stat

    import pytest

    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    for fmt in ("json", "text", "xlsx"):
        result = runner.invoke(app, ["audit", str(_paper(tmp_path)), "--offline", "--format",
                                     fmt, "-o", str(null)])
        assert result.exit_code in (0, 1), result.output
        assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".refauditor-")]
