"""Response cache (SQLite): answers kept for a TTL, answered 404s kept apart as negatives.

Errors are never cached: a lookup that failed must be tried again next run, while "this DOI is
not registered" is an answer worth keeping (for a shorter time). Each write is one transaction,
so a crash never leaves a half-written entry.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from auditor.errors import InputError

POSITIVE_TTL = 30 * 24 * 3600.0
NEGATIVE_TTL = 7 * 24 * 3600.0
MISSING = object()


class ResponseCache:
    def __init__(self, path: str | Path = ":memory:", positive_ttl: float = POSITIVE_TTL,
                 negative_ttl: float = NEGATIVE_TTL) -> None:
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path), check_same_thread=False)
            self.db.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, "
                            "kind TEXT NOT NULL, body TEXT, stored REAL NOT NULL)")
            self.db.commit()
        except (OSError, sqlite3.Error) as exc:
            why = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise InputError(f"{path}: cannot open the response cache ({why}); give "
                             "--cache PATH, or --offline") from None
        self.ttl = {"answer": positive_ttl, "absent": negative_ttl}

    def get(self, key: str, now: float | None = None) -> Any:
        """The cached value, ``None`` for a cached 404, or ``MISSING``."""
        row = self.db.execute("SELECT kind, body, stored FROM responses WHERE key = ?",
                              (key,)).fetchone()
        if row is None:
            return MISSING
        kind, body, stored = row
        if (now if now is not None else time.time()) - stored > self.ttl[kind]:
            return MISSING
        return None if kind == "absent" else json.loads(body)

    def put(self, key: str, value: Any, now: float | None = None) -> None:
        """Store an answer; ``None`` records an answered 404."""
        kind = "absent" if value is None else "answer"
        body = None if value is None else json.dumps(value, ensure_ascii=False)
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?)",
                            (key, kind, body, now if now is not None else time.time()))

    def close(self) -> None:
        self.db.close()
