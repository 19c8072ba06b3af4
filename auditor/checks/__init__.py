"""The check catalogue. Importing this package registers every check in ``REGISTRY``."""

from __future__ import annotations

from collections.abc import Iterable

from auditor.checks import (  # noqa: F401  (registration)
    duplicates,
    fields,
    intext,
    structure,
    verification,
)
from auditor.checks.advice import reconcile
from auditor.checks.base import REGISTRY, Check, CheckContext
from auditor.models import Finding

__all__ = ["REGISTRY", "Check", "CheckContext", "resolve_selection", "run_checks"]


def _matches(check: type[Check], token: str) -> bool:
    token = token.strip()
    return check.code.upper().startswith(token.upper()) or check.name == token.lower()


def resolve_selection(select: Iterable[str] | None, ignore: Iterable[str] | None) -> list[str]:
    """Codes to run: ``select`` (codes, prefixes or names; all when empty) minus ``ignore``."""
    chosen = [
        code for code, check in sorted(REGISTRY.items())
        if not select or any(_matches(check, t) for t in select)
    ]
    return [c for c in chosen if not any(_matches(REGISTRY[c], t) for t in ignore or ())]


def unknown_tokens(tokens: Iterable[str]) -> list[str]:
    """Selection tokens that match no check (reported as a usage error)."""
    return [t for t in tokens if not any(_matches(c, t) for c in REGISTRY.values())]


def run_checks(ctx: CheckContext, codes: Iterable[str]) -> list[Finding]:
    """Every selected check, then their advice made consistent (see ``checks.advice``)."""
    findings: list[Finding] = []
    for code in codes:
        findings.extend(REGISTRY[code]().run(ctx))
    return reconcile(findings)
