"""One HTTP client for every service: httpx.AsyncClient with the manners each service asks for.

- A User-Agent with the version and a ``mailto`` (Crossref's polite pool), an optional Crossref
  Plus token.
- Pacing per host from the ``X-Rate-Limit-Limit``/``X-Rate-Limit-Interval`` headers the host
  sends (never hard-coded), or a fixed rate where the service documents one (NCBI: 3 req/s,
  10 with an API key); a concurrency cap.
- ``Retry-After`` on 429 blocks the whole host until it passes, so no request goes out early.
- Retries with exponential backoff and jitter on connect errors, timeouts and 5xx from a host
  that has answered before; a host that fails to connect before ever answering is marked
  unreachable for the rest of the run (fail fast: no minutes of retries when offline).

Failures surface as :class:`~auditor.errors.Unavailable` / :class:`~auditor.errors.RateLimited`
with a reason from the verdict vocabulary, which callers turn into ``unverified``.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import random
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from auditor import __version__
from auditor.errors import RateLimited, Unavailable

PACING_MARGIN = 0.97


@dataclass(frozen=True)
class HttpSettings:
    mailto: str | None = None
    crossref_plus_token: str | None = None
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    concurrency: int = 8
    fixed_rates: dict[str, float] = field(default_factory=dict)  # host -> requests per second


def user_agent(mailto: str | None) -> str:
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"refauditor/{__version__} (https://pypi.org/project/refauditor/{contact})"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (now if now is not None else time.time()))


def parse_interval(value: str | None) -> float | None:
    """``X-Rate-Limit-Interval`` such as ``1s`` or ``60s`` (or bare seconds)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*", value or "")
    if not m:
        return None
    number = float(m.group(1))
    return number / 1000 if m.group(2) == "ms" else number * 60 if m.group(2) == "m" else number


class HostState:
    """Pacing and reachability of one host, shared by every request to it."""

    def __init__(self, rate: float | None) -> None:
        self.rate = rate  # requests per second, None = not paced yet
        self.limit: float | None = rate  # requests allowed per window
        self.window = 1.0  # seconds
        # Per request: when it was last known to be on its way (granted, then answered).
        self.sent: list[list[float]] = []
        self.answered = False
        self.unreachable: str | None = None
        self.blocked_until = 0.0
        self.next_slot = 0.0
        self.lock = asyncio.Lock()

    def learn_limits(self, response: httpx.Response, fixed: bool) -> None:
        if fixed:
            return
        limit = response.headers.get("x-rate-limit-limit")
        interval = parse_interval(response.headers.get("x-rate-limit-interval"))
        try:
            allowed = float(limit) if limit else 0.0
        except ValueError:
            allowed = 0.0
        if allowed > 0 and interval:
            # A hair under the limit: arrival jitter must not push a window over it.
            self.rate = PACING_MARGIN * allowed / interval
            self.limit, self.window = allowed, interval

    async def wait_turn(self) -> list[float]:
        """Sleep until the host is neither blocked by Retry-After nor ahead of its pace.

        Returns the request's cell in the pacing window; the caller moves it to the time the
        answer came back, since the server may have seen the request as late as that.
        """
        async with self.lock:
            now = time.monotonic()
            start = max(now, self.blocked_until, self.next_slot)
            if self.rate:
                self.next_slot = start + 1.0 / self.rate
            if self.limit:
                # Requests sent before the limit was known still count against its window.
                self.sent = [c for c in self.sent if c[0] > now - 2 * self.window]
                # Counted from answers, a full window's worth is safe: the server saw each
                # request no later than its answer came back.
                allowed = max(1, int(self.limit))
                times = sorted(c[0] for c in self.sent if c[0] > start - self.window)
                if len(times) >= allowed:
                    start = max(start, times[-allowed] + self.window)
                    self.next_slot = max(self.next_slot, start + 1.0 / (self.rate or 1.0))
            cell = [start]
            self.sent.append(cell)
        delay = start - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        # A Retry-After that arrived while we slept must still be honoured.
        while (remaining := self.blocked_until - time.monotonic()) > 0:
            await asyncio.sleep(remaining)
        return cell


class HttpClient:
    """The shared async HTTP client; inject ``transport`` in tests (MockTransport, loopback)."""

    def __init__(self, settings: HttpSettings | None = None,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings or HttpSettings()
        headers = {"User-Agent": user_agent(self.settings.mailto)}
        self._client = httpx.AsyncClient(
            headers=headers, transport=transport, follow_redirects=True,
            timeout=httpx.Timeout(self.settings.read_timeout,
                                  connect=self.settings.connect_timeout),
            limits=httpx.Limits(max_connections=self.settings.concurrency),
        )
        self._hosts: dict[str, HostState] = {}
        self._semaphore = asyncio.Semaphore(self.settings.concurrency)

    async def aclose(self) -> None:
        await self._client.aclose()

    def host(self, url: str) -> HostState:
        name = urlsplit(url).netloc
        if name not in self._hosts:
            self._hosts[name] = HostState(self.settings.fixed_rates.get(name))
        return self._hosts[name]

    def _backoff(self, attempt: int) -> float:
        base = min(self.settings.max_backoff, self.settings.backoff * 2**attempt)
        return float(base / 2 + random.uniform(0, base / 2))

    async def get(self, url: str, params: dict[str, Any] | None = None,
                  headers: dict[str, str] | None = None) -> httpx.Response:
        """GET with pacing and retries; 2xx and 4xx other than 429 are returned to the caller."""
        host = self.host(url)
        fixed = urlsplit(url).netloc in self.settings.fixed_rates
        reason = "server-error"
        for attempt in range(self.settings.retries + 1):
            if host.unreachable:
                raise Unavailable(host.unreachable)
            try:
                # Take a connection slot first, then wait for the host's pace: pacing decided
                # while queued would be stale (the rate is learned from the first answers).
                async with self._semaphore:
                    cell = await host.wait_turn()
                    if host.unreachable:
                        raise Unavailable(host.unreachable)
                    try:
                        response = await self._client.get(url, params=params, headers=headers)
                    finally:
                        cell[0] = time.monotonic()
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                if not host.answered:
                    host.unreachable = "network-unreachable"
                    raise Unavailable("network-unreachable") from exc
                reason = "network-unreachable"
            except httpx.TimeoutException:
                reason = "timeout"
            except httpx.TransportError:
                reason = "server-error"
            else:
                host.answered = True
                host.learn_limits(response, fixed)
                if response.status_code == 429:
                    wait = parse_retry_after(response.headers.get("retry-after"))
                    wait = self._backoff(attempt) if wait is None else wait
                    if wait > self.settings.max_retry_after:
                        raise RateLimited("rate-limited")
                    host.blocked_until = max(host.blocked_until, time.monotonic() + wait)
                    reason = "rate-limited"
                    continue
                if response.status_code < 500:
                    return response
                reason = "server-error"
            if attempt < self.settings.retries:
                await asyncio.sleep(self._backoff(attempt))
        if reason == "rate-limited":
            raise RateLimited(reason)
        raise Unavailable(reason)

    async def get_json(self, url: str, params: dict[str, Any] | None = None,
                       headers: dict[str, str] | None = None) -> tuple[int, Any]:
        """(status, parsed JSON or None for 404); malformed bodies are retried, then fail."""
        for attempt in range(self.settings.retries + 1):
            response = await self.get(url, params, headers)
            if response.status_code == 404:
                return 404, None
            if response.status_code >= 400:
                raise Unavailable("server-error")
            try:
                if "json" not in response.headers.get("content-type", ""):
                    raise ValueError("not JSON")
                return response.status_code, json.loads(response.content)
            except ValueError:
                if attempt < self.settings.retries:
                    await asyncio.sleep(self._backoff(attempt))
        raise Unavailable("server-error")

    async def get_text(self, url: str, params: dict[str, Any] | None = None) -> tuple[int, str]:
        response = await self.get(url, params)
        if response.status_code >= 400 and response.status_code != 404:
            raise Unavailable("server-error")
        return response.status_code, response.text
