"""Shared test helpers: repository paths, ../shared discovery, a pipeline runner."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from auditor.formats.json_format import report_json
from auditor.pipeline import AuditOptions, run_audit
from auditor.resolvers.factory import ResolverConfig

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared (found from the repository root), or skip the test."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared beside the repository)")
    return path


def audit_json(path: Path | str, snapshot: str | None = None, **options: Any) -> dict[str, Any]:
    """Run the whole pipeline offline on one file and return its JSON document."""
    config = ResolverConfig(offline=True, snapshot=snapshot)
    report = run_audit([str(path)], AuditOptions(offline=True, **options), config)
    return report_json(report)["documents"][0]  # type: ignore[no-any-return]


def findings_of(doc: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [f for f in doc["findings"] if f["code"] == code]


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's snapshot store and response cache out of every test."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("REFAUDITOR_CACHE", str(base / "cache.sqlite"))
    monkeypatch.setenv("REFAUDITOR_SNAPSHOT", str(base / "snapshot.sqlite"))
