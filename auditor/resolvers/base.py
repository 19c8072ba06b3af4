"""The resolver interface: a callable that returns the reference with its ``resolution``.

A lookup that could not be made is data (``unverified`` with a reason), never an exception and
never ``not_found``.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol

from auditor.models import ParsedReference, Resolution

SOURCES = ("crossref", "pubmed")


class Resolver(Protocol):
    __name__: str

    def __call__(self, ref: ParsedReference) -> ParsedReference: ...


def offline_resolver(reason: str) -> Resolver:
    """Resolver used when nothing can be consulted: every reference is ``unverified``."""

    def resolve(ref: ParsedReference) -> ParsedReference:
        resolution = Resolution("unverified", reason, sources={s: "not-asked" for s in SOURCES})
        return dataclasses.replace(ref, resolution=resolution)

    resolve.__name__ = f"none ({reason})"
    return resolve
