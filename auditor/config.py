"""Settings: flags > the user's own config > ``refauditor.toml`` beside the document >
``[tool.refauditor]`` above it > defaults.

A document's folder may come from a stranger with the document, so what is found beside it
sets only how findings are reported (``select``, ``ignore``, ``fail-on``): a path there
(``snapshot``, ``cache``), a limit or the network switch could make an audit read, write or
trust what its sender chose. Those come only from the user's own config
(``$XDG_CONFIG_HOME/refauditor/config.toml``), the environment or flags; beside a document they
are ignored, and the report says so.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from auditor.errors import ConfigError

FAIL_ON = ("error", "warning", "info")


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    mailto: str | None = None
    offline: bool = False
    snapshot: str | None = None
    cache: str | None = None
    max_bytes: int = 50 * 1024 * 1024
    # Settings a config beside the document tried to make and was not allowed to, as
    # "file: key" (the CLI prints them).
    ignored: tuple[str, ...] = ()


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Settings) if f.name != "ignored"}
# What a config file beside a document may set: how findings are reported, nothing else.
DOCUMENT_KEYS = frozenset({"select", "ignore", "fail_on"})


def _coerce(name: str, value: Any, origin: str) -> Any:
    if name in ("select", "ignore"):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, tuple):
            value = list(value)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{origin}: '{name}' must be a list of codes or names")
        return tuple(value)
    if name == "fail_on" and value not in FAIL_ON:
        raise ConfigError(f"{origin}: fail-on must be one of {', '.join(FAIL_ON)}")
    if name == "offline" and not isinstance(value, bool):
        raise ConfigError(f"{origin}: offline must be true or false")
    if name == "max_bytes" and not isinstance(value, int):
        raise ConfigError(f"{origin}: max-bytes must be an integer")
    return value


def _apply(settings: Settings, table: dict[str, Any], origin: str,
           trusted: bool = True) -> Settings:
    changes: dict[str, Any] = {}
    ignored = list(settings.ignored)
    for key, value in table.items():
        name = _KEYS.get(key) or (key if key in _KEYS.values() else None)
        if name is None:
            raise ConfigError(f"{origin}: unknown setting '{key}'")
        if not trusted and name not in DOCUMENT_KEYS:
            ignored.append(f"{origin}: {key}")
            continue
        changes[name] = _coerce(name, value, origin)
    return replace(settings, **changes, ignored=tuple(ignored))


def user_config() -> Path:
    """The user's own config file: ``$XDG_CONFIG_HOME/refauditor/config.toml``."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "refauditor" / "config.toml"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None


def _find_upwards(start: Path, name: str) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def load_settings(document: str | None, flags: dict[str, Any]) -> Settings:
    """Merge the configuration files found from ``document``'s folder with the given flags."""
    settings = Settings()
    start = Path(document).resolve().parent if document and document != "-" else Path.cwd()
    pyproject = _find_upwards(start, "pyproject.toml")
    if pyproject:
        table = _read_toml(pyproject).get("tool", {}).get("refauditor", {})
        settings = _apply(settings, table, str(pyproject), trusted=False)
    local = start / "refauditor.toml"
    if local.is_file():
        settings = _apply(settings, _read_toml(local), str(local), trusted=False)
    own = user_config()
    if own.is_file():
        settings = _apply(settings, _read_toml(own), str(own))
    env_mailto = os.environ.get("REFAUDITOR_MAILTO")
    if env_mailto and not settings.mailto:
        settings = replace(settings, mailto=env_mailto)
    given = {k: v for k, v in flags.items() if v not in (None, (), [])}
    return _apply(settings, given, "command line")
