"""Where the finder's and segmenter's shipped files are read from.

They live in ``auditor/data``; a training script that has just built new ones points here to
score them (:func:`use`) without touching the installed package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_override: list[Path] = []


def use(directory: Path | None) -> None:
    """Read from ``directory`` from now on; None goes back to ``auditor/data``."""
    _override.clear()
    if directory is not None:
        _override.append(directory)


def path(name: str) -> Path | None:
    """The file ``name`` on disk, or None when the package was built without it."""
    if _override:
        candidate = _override[0] / name
        return candidate if candidate.exists() else None
    try:
        with resources.as_file(resources.files("auditor.data").joinpath(name)) as found:
            return found if found.exists() else None
    except (FileNotFoundError, ModuleNotFoundError):
        return None
