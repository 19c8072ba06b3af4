"""Build the batch resolver the pipeline calls from settings.

``build_resolver`` turns settings into the batch resolver the pipeline calls; the order is
always snapshot → response cache → live services, and ``offline`` never touches the network.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

import httpx

from auditor.models import ParsedReference
from auditor.resolvers.cache import ResponseCache
from auditor.resolvers.crossref import CROSSREF, DATACITE, CrossrefClient
from auditor.resolvers.http import HttpClient, HttpSettings
from auditor.resolvers.ncbi import EUTILS, NcbiClient, ncbi_rate
from auditor.resolvers.service import ResolutionService
from auditor.resolvers.snapshot import Snapshot, open_snapshot

Progress = Callable[[int, int], None]
T = TypeVar("T")


class BatchResolver(Protocol):
    """Resolves a batch of references; ``progress(done, total)`` after each one."""

    def __call__(self, refs: Sequence[ParsedReference],
                 progress: Progress | None = None) -> list[ParsedReference]: ...


@dataclass(frozen=True)
class ResolverConfig:
    offline: bool = False
    snapshot: str | None = None
    cache: str | None = None
    mailto: str | None = None
    crossref_base: str = CROSSREF
    datacite_base: str = DATACITE
    eutils_base: str = EUTILS
    transport: httpx.AsyncBaseTransport | None = None
    http: HttpSettings | None = None


def ask_crossref(config: ResolverConfig,
                 call: Callable[[CrossrefClient], Awaitable[T]]) -> T:
    """One Crossref exchange outside an audit (a deposited list, an issue's works), on a
    client opened and closed around it with the run's HTTP settings."""
    async def run() -> T:
        http = HttpClient(config.http or HttpSettings(mailto=config.mailto), config.transport)
        try:
            return await call(CrossrefClient(http, config.crossref_base, config.datacite_base))
        finally:
            await http.aclose()

    return asyncio.run(run())


def describe(config: ResolverConfig) -> dict[str, str]:
    """What the run consulted, for the report's ``run.resolvers``."""
    out = {"snapshot": config.snapshot or "none", "cache": config.cache or "none"}
    out["crossref"] = "not-asked (offline)" if config.offline else config.crossref_base
    out["pubmed"] = "not-asked (offline)" if config.offline else config.eutils_base
    return out


def build_resolver(config: ResolverConfig) -> BatchResolver:
    """A batch resolver; each call runs its own event loop and closes its HTTP client."""
    snapshot: Snapshot | None = open_snapshot(config.snapshot) if config.snapshot else None
    cache = ResponseCache(config.cache) if config.cache else None

    def resolve(refs: Sequence[ParsedReference],
                progress: Progress | None = None) -> list[ParsedReference]:
        return asyncio.run(_resolve(refs, progress))

    async def _resolve(refs: Sequence[ParsedReference],
                       progress: Progress | None) -> list[ParsedReference]:
        crossref = ncbi = None
        http = None
        if not config.offline:
            api_key = os.environ.get("NCBI_API_KEY")
            base = config.http or HttpSettings()
            settings = HttpSettings(**{
                **base.__dict__,
                "mailto": config.mailto or base.mailto,
                "crossref_plus_token": os.environ.get("CROSSREF_PLUS_TOKEN"),
                "fixed_rates": {urlsplit(config.eutils_base).netloc: ncbi_rate(api_key),
                                **base.fixed_rates},
            })
            http = HttpClient(settings, config.transport)
            crossref = CrossrefClient(http, config.crossref_base, config.datacite_base)
            ncbi = NcbiClient(http, config.eutils_base, api_key)
        service = ResolutionService(snapshot, cache, crossref, ncbi, config.offline)
        try:
            return await service.resolve_all(refs, progress)
        finally:
            if http is not None:
                await http.aclose()

    return resolve
