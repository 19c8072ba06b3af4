"""Writing reports where a stranger's document cannot redirect them.

A report's name comes from the document, and the output folder may hold what someone else
put there: a report is written to a temporary file in the target folder and renamed over the
target, so a symbolic link at the target is replaced, never written through, and a crash
leaves no half-written report. A default output folder that is itself a symbolic link is
refused (one given on the command line is the user's choice). Names too long for the file
system are shortened with a hash of the whole name.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from auditor.errors import InputError

MAX_STEM = 120  # characters of a document's name kept in its report's name
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters or escape sequences, for a terminal."""
    return _CONTROL_RE.sub("\N{REPLACEMENT CHARACTER}", text)


def report_stem(name: str) -> str:
    """A file-name stem for a document's report: its own name, shortened with a hash when
    long, with path separators and control characters replaced."""
    stem = _CONTROL_RE.sub("_", name.replace("/", "_").replace("\\", "_")) or "document"
    if len(stem) <= MAX_STEM:
        return stem
    digest = hashlib.sha1(stem.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{stem[: MAX_STEM - 13]}-{digest}"


def prepare_folder(folder: Path, given: bool) -> Path:
    """The output folder, created if missing; a one-line error where it cannot be used."""
    if folder.is_symlink() and not given:
        raise InputError(f"{folder}: the default output folder is a symbolic link; "
                         "pass --output-dir to write there")
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: exists and is not a folder (use --output-dir)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create the output folder ({exc.strerror})") from None
    return folder


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_target(path: Path) -> Path:
    """The folder a report at ``path`` goes to; a one-line error where none can go (checked
    before an audit runs, so a long run does not end on a typo)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: the folder {folder} does not exist")
    if path.is_dir() and not path.is_symlink():
        raise InputError(f"{path}: is a folder, not a file")
    return folder


def _dump(target: Path | int, text: str | bytes | Iterable[str]) -> None:
    """Write a report's bytes, or its text in pieces, to a path or an open descriptor (which
    is closed after)."""
    if isinstance(text, bytes):
        with open(target, "wb") as binary:
            binary.write(text)
    else:
        with open(target, "w", encoding="utf-8") as stream:
            stream.writelines([text] if isinstance(text, str) else text)


def write_output(path: Path, text: str | bytes | Iterable[str]) -> None:
    """``-o FILE``: a file as :func:`write_report` writes it; a character device or a FIFO
    (``-o /dev/null``, ``/dev/stdout``, a named pipe another program reads) is written into,
    as a shell's redirection would. Renaming a new file over it would replace the device
    itself: run as root, ``-o /dev/null`` made /dev/null a plain file. The path is the
    user's own, so a link to a device is followed; a document's report in an output folder
    never is (:func:`write_report`)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = 0
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        write_report(path, text)
        return
    try:
        _dump(path, text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write there ({exc.strerror})") from None


def write_report(path: Path, text: str | bytes | Iterable[str]) -> None:
    """Write ``text`` (a binary report's bytes, or text in pieces) to ``path`` atomically,
    replacing (never following) a link there."""
    folder = check_target(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".refauditor-", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot write there ({exc.strerror})") from None
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
        _dump(handle, text)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write there ({exc.strerror})") from None
