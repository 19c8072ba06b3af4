"""Default locations of the user's snapshot store and response cache (XDG conventions)."""

from __future__ import annotations

import os
from pathlib import Path


def _base(env: str, fallback: str) -> Path:
    return Path(os.environ.get(env) or Path.home() / fallback)


def default_store() -> Path:
    """``$REFAUDITOR_SNAPSHOT`` or ``$XDG_DATA_HOME/refauditor/snapshot.sqlite``."""
    if os.environ.get("REFAUDITOR_SNAPSHOT"):
        return Path(os.environ["REFAUDITOR_SNAPSHOT"])
    return _base("XDG_DATA_HOME", ".local/share") / "refauditor" / "snapshot.sqlite"


def default_cache() -> Path:
    """``$REFAUDITOR_CACHE`` or ``$XDG_CACHE_HOME/refauditor/responses.sqlite``."""
    if os.environ.get("REFAUDITOR_CACHE"):
        return Path(os.environ["REFAUDITOR_CACHE"])
    return _base("XDG_CACHE_HOME", ".cache") / "refauditor" / "responses.sqlite"
