"""The real HTTP client against httpx.MockTransport and the loopback double with faults."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from auditor.errors import RateLimited, Unavailable
from auditor.models import ParsedReference
from auditor.pipeline import parse_references
from auditor.resolvers.factory import ResolverConfig, build_resolver
from auditor.resolvers.http import HttpClient, HttpSettings, parse_interval, parse_retry_after
from auditor.resolvers.snapshot import Snapshot
from auditor.sections import split_text as split
from auditor.testing.loopback import LoopbackDouble, running

FAST = HttpSettings(retries=2, backoff=0.01, max_backoff=0.05, connect_timeout=1.0, read_timeout=1.0)
WORKS = [
    {"DOI": f"10.1000/w{i}", "title": [f"Ketamine study number {i} on depression outcomes"],
     "author": [{"family": f"Author{i}", "given": "A"}], "container-title": ["J Test"],
     "issued": {"date-parts": [[2019]]}, "volume": str(i), "page": f"{i}0-{i}9",
     "type": "journal-article"}
    for i in range(1, 7)
]


def _refs(count: int = 6) -> list[ParsedReference]:
    text = "References\n\n" + "\n\n".join(
        f"Author{i} A. Ketamine study number {i} on depression outcomes. J Test. 2019;{i}:{i}0-{i}9. "
        f"doi: 10.1000/w{i}" for i in range(1, count + 1))
    return parse_references(split(text).references, 1)


@pytest.fixture
def double(tmp_path: Path) -> Iterator[LoopbackDouble]:
    path = tmp_path / "works.jsonl"
    path.write_text("\n".join(json.dumps(w) for w in WORKS) + "\n", "utf-8")
    store = Snapshot()
    store.load(path)
    with running(store) as d:
        yield d


def _resolve(double: LoopbackDouble, refs: list[ParsedReference],
             settings: HttpSettings = FAST) -> list[ParsedReference]:
    config = ResolverConfig(crossref_base=double.url, eutils_base=double.url + "/eutils",
                            datacite_base=double.url + "/datacite", http=settings)
    return build_resolver(config)(refs)


def test_headers_parsing() -> None:
    assert parse_retry_after("2") == 2.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert parse_retry_after("soon") is None
    assert parse_interval("1s") == 1.0 and parse_interval("60s") == 60.0 and parse_interval("x") is None


def test_user_agent_carries_version_and_mailto() -> None:
    seen: dict[str, str] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.update(request.headers)
        return httpx.Response(200, json={"message": {}})

    async def go() -> None:
        client = HttpClient(HttpSettings(mailto="ed@example.org"), httpx.MockTransport(handler))
        await client.get_json("https://api.crossref.org/works/x")
        await client.aclose()

    asyncio.run(go())
    assert "refauditor/" in seen["user-agent"] and "mailto:ed@example.org" in seen["user-agent"]


def test_connect_failure_before_any_answer_fails_fast() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        raise httpx.ConnectError("name resolution failed", request=request)

    async def go() -> list[str]:
        client = HttpClient(FAST, httpx.MockTransport(handler))
        reasons = []
        for _ in range(5):
            with pytest.raises(Unavailable) as info:
                await client.get("https://api.crossref.org/works/a")
            reasons.append(str(info.value))
        await client.aclose()
        return reasons

    start = time.monotonic()
    assert asyncio.run(go()) == ["network-unreachable"] * 5
    assert calls == 1 and time.monotonic() - start < 1.0


def test_429_retry_after_blocks_the_host(double: LoopbackDouble) -> None:
    double.faults.too_many = 1
    double.faults.retry_after = 0.4
    start = time.monotonic()
    out = _resolve(double, _refs(3))
    assert [r.resolution.status for r in out] == ["resolved"] * 3
    assert double.stats.early == 0
    assert time.monotonic() - start >= 0.4


def test_503_burst_is_retried(double: LoopbackDouble) -> None:
    double.faults.unavailable = 2
    out = _resolve(double, _refs(2))
    assert [r.resolution.status for r in out] == ["resolved", "resolved"]


def test_persistent_503_is_unverified_server_error(double: LoopbackDouble) -> None:
    double.faults.unavailable = 1000
    out = _resolve(double, _refs(2))
    assert {(r.resolution.status, r.resolution.reason) for r in out} == {("unverified", "server-error")}
    assert all(r.resolution.sources["crossref"] == "unreachable" for r in out)


def test_truncated_json_and_wrong_type_are_retried(double: LoopbackDouble) -> None:
    double.faults.truncated = 1
    double.faults.wrong_type = 1
    out = _resolve(double, _refs(2))
    assert [r.resolution.status for r in out] == ["resolved", "resolved"]


def test_hung_server_gives_timeout(double: LoopbackDouble) -> None:
    double.faults.hang = 0.6
    settings = HttpSettings(retries=0, backoff=0.01, read_timeout=0.2, connect_timeout=0.2)
    out = _resolve(double, _refs(1), settings)
    assert (out[0].resolution.status, out[0].resolution.reason) == ("unverified", "timeout")


def test_unknown_doi_is_not_found_with_source(double: LoopbackDouble) -> None:
    text = "References\n\nSmith J, Jones K. A paper that does not exist at all. J Test. 2019;1:1-9. doi: 10.1000/nothere\n"
    out = _resolve(double, parse_references(split(text).references, 1))
    res = out[0].resolution
    assert (res.status, res.reason, res.source) == ("not_found", "doi-not-registered", "crossref")
    assert res.sources["crossref"] == "answered"


def test_pacing_follows_rate_limit_headers(double: LoopbackDouble) -> None:
    double.faults.rate_limit = 20
    double.faults.retry_after = 0.5
    start = time.monotonic()
    out = _resolve(double, _refs(6) * 5)  # 30 lookups at 20/s: at least ~1 s once paced
    elapsed = time.monotonic() - start
    assert {r.resolution.status for r in out} == {"resolved"}
    assert double.stats.early == 0
    assert double.stats.statuses.count(429) == 0  # paced from the headers, never over the limit
    assert elapsed >= 0.8


def test_rate_limited_beyond_budget() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "120"})

    async def go() -> None:
        client = HttpClient(FAST, httpx.MockTransport(handler))
        with pytest.raises(RateLimited):
            await client.get("https://api.crossref.org/works/a")
        await client.aclose()

    asyncio.run(go())
