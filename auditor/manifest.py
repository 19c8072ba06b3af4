"""What a batch has finished, so that an interrupted run can go on where it stopped.

Each document's report is written to the output folder as soon as it is done, and one line
recorded here: the document (its absolute path, size and modification time), the run's
settings (a hash of the options and format) and the report's file name. ``--resume`` skips
every document whose line matches (same file, unchanged, same settings) and whose report is
still there; a changed document, other settings, or a DOI argument (whose deposit may have
changed) is audited again. The file is appended to without following a link at its name.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NAME = ".refauditor-manifest.jsonl"


def settings_key(options: dict[str, Any], fmt: str) -> str:
    """What makes two runs' reports interchangeable: the options and the format."""
    text = json.dumps({"options": options, "format": fmt}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprint(source: str) -> dict[str, Any] | None:
    """A file's identity for resuming (None for stdin and DOI arguments: never skipped)."""
    path = Path(source)
    if source == "-" or not path.is_file():
        return None
    stat = path.stat()
    return {"source": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


@dataclass
class Manifest:
    """The finished documents of earlier runs into one output folder, under one settings
    key."""

    folder: Path
    key: str
    done: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path, key: str) -> Manifest:
        manifest = cls(folder, key)
        path = folder / NAME
        if path.is_file() and not path.is_symlink():
            for line in path.read_text("utf-8", errors="replace").splitlines():
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut by a crash: that document is audited again
                if isinstance(entry, dict) and entry.get("key") == key and entry.get("source"):
                    manifest.done[str(entry["source"])] = entry
        return manifest

    def finished(self, source: str) -> bool:
        mark = fingerprint(source)
        if mark is None:
            return False
        entry = self.done.get(mark["source"])
        return bool(entry and entry.get("size") == mark["size"]
                    and entry.get("mtime_ns") == mark["mtime_ns"]
                    and (self.folder / str(entry.get("report", ""))).is_file())

    def reports(self) -> set[str]:
        """Report file names that earlier runs gave their documents."""
        return {str(e.get("report")) for e in self.done.values() if e.get("report")}

    def record(self, source: str, report: Path) -> None:
        mark = fingerprint(source)
        if mark is None:
            return
        entry = {**mark, "key": self.key, "report": report.name}
        self.done[mark["source"]] = entry
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        try:
            handle = os.open(self.folder / NAME, flags, 0o644)
        except OSError:  # a link or a folder at its name: the run goes on, unrecorded
            return
        try:
            os.write(handle, (json.dumps(entry) + "\n").encode("utf-8"))
        finally:
            os.close(handle)
