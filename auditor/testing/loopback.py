"""A loopback double of the Crossref, DataCite and NCBI endpoints refauditor uses.

It serves a snapshot on 127.0.0.1 (port 0) with the real response shapes, and can be told to
misbehave: 429 with ``Retry-After``, 503 bursts, slow or hung responses, truncated JSON, a wrong
content type, and a request-rate limit that it enforces with 429s. It records every request so
tests and benchmarks can check what the client did (for instance, that no request arrived
before a ``Retry-After`` had passed). Standard library only; bounded by design: it serves only
loopback and stops with its context manager.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

from auditor.match import query_words
from auditor.resolvers.records import Work, first, year_of
from auditor.resolvers.snapshot import Snapshot


class _Server(ThreadingHTTPServer):
    """A listen backlog above any client's concurrency: with the default of five, connections
    beyond it wait for a SYN retransmit (one second) and a client with a short connect timeout
    takes the double for an unreachable host."""

    request_queue_size = 128


@dataclass
class Faults:
    """Switchable misbehaviour; counters are consumed one request at a time."""

    too_many: int = 0  # next N requests get 429
    retry_after: float = 1.0
    unavailable: int = 0  # next N requests get 503
    truncated: int = 0  # next N JSON bodies are cut in half
    wrong_type: int = 0  # next N responses are text/html
    delay: float = 0.0  # seconds before every response
    hang: float = 0.0  # seconds to hang before answering (longer than the client's timeout)
    rate_limit: float | None = None  # requests per second; excess gets 429 + Retry-After
    interval: str = "1s"


IN_FLIGHT_GRACE = 0.02  # seconds; loopback round trips are far shorter


@dataclass
class Stats:
    times: list[float] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    blocked_until: float = 0.0
    told_at: float = 0.0  # when the last 429 was written out
    early: int = 0  # requests that arrived while a Retry-After we sent was still running
    in_flight: int = 0  # arrivals within IN_FLIGHT_GRACE of a 429: sent before it was seen


class LoopbackDouble:
    def __init__(self, snapshot: Snapshot | None = None) -> None:
        self.snapshot = snapshot or Snapshot()
        self.faults = Faults()
        self.stats = Stats()
        self.lock = threading.Lock()
        self._window: list[float] = []
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> LoopbackDouble:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- decisions ---------------------------------------------------------------------
    def _admit(self) -> tuple[int, dict[str, str]] | None:
        """A fault response to send instead of the real one, or None."""
        now = time.monotonic()
        with self.lock:
            self.stats.times.append(now)
            if now < self.stats.blocked_until:
                if now - self.stats.told_at <= IN_FLIGHT_GRACE:
                    self.stats.in_flight += 1
                else:
                    self.stats.early += 1
            f = self.faults
            if f.too_many > 0:
                f.too_many -= 1
                return self._block(now, f.retry_after)
            if f.unavailable > 0:
                f.unavailable -= 1
                return 503, {}
            if f.rate_limit:
                self._window = [t for t in self._window if now - t < 1.0]
                if len(self._window) >= f.rate_limit:
                    return self._block(now, f.retry_after)
                self._window.append(now)
        return None

    def _block(self, now: float, wait: float) -> tuple[int, dict[str, str]]:
        self.stats.blocked_until = max(self.stats.blocked_until, now + wait)
        return 429, {"Retry-After": f"{wait:g}"}

    def _take(self, name: str) -> bool:
        with self.lock:
            value = getattr(self.faults, name)
            if value > 0:
                setattr(self.faults, name, value - 1)
                return True
        return False

    # -- routes ------------------------------------------------------------------------
    def route(self, path: str, query: dict[str, list[str]]) -> tuple[int, str, str]:
        """(status, content type, body) for one request."""
        parts = [unquote(p) for p in path.strip("/").split("/")] if path.strip("/") else []
        if parts[:1] == ["works"] and len(parts) == 1:
            return self._search(query)
        if parts[:1] == ["journals"] and parts[-1:] == ["works"] and len(parts) == 3:
            return self._journal_works(parts[1], query)
        if parts[:1] == ["works"] and parts[-1] == "agency" and len(parts) >= 3:
            doi = "/".join(parts[1:-1])
            if self.snapshot.work(doi) is None:
                return 404, "text/plain", "Resource not found."
            body = {"status": "ok", "message-type": "work-agency", "message": {
                "DOI": doi, "agency": {"id": "crossref", "label": "Crossref"}}}
            return 200, "application/json", json.dumps(body)
        if parts[:1] == ["works"]:
            work = self.snapshot.work("/".join(parts[1:]))
            if work is None:
                return 404, "text/plain", "Resource not found."
            return 200, "application/json", json.dumps(
                {"status": "ok", "message-type": "work", "message-version": "1.0.0",
                 "message": work})
        if parts[-1:] == ["esummary.fcgi"]:
            return 200, "text/xml", self._esummary(query.get("id", [""])[0].split(","))
        if parts[-1:] == ["esearch.fcgi"]:
            return 200, "text/xml", self._esearch(query.get("term", [""])[0])
        if "dois" in parts:
            return 404, "application/json", json.dumps({"errors": [{"status": "404"}]})
        return 404, "text/plain", "Resource not found."

    def _search(self, query: dict[str, list[str]]) -> tuple[int, str, str]:
        text = query.get("query.bibliographic", [""])[0]
        rows = int(query.get("rows", ["20"])[0])
        wanted = query.get("filter", [""])[0]
        if wanted.startswith("updates:"):
            target = wanted.split(":", 1)[1].lower()
            notices = (self.snapshot.work(n["DOI"]) for n in self.snapshot.notices_for(target))
            items = [n for n in notices if n]
        else:
            items = self.snapshot.search(query_words(text), limit=rows)
        body = {"status": "ok", "message-type": "work-list", "message": {
            "total-results": len(items), "items": items, "items-per-page": rows}}
        return 200, "application/json", json.dumps(body)

    def _journal_works(self, issn: str, query: dict[str, list[str]]) -> tuple[int, str, str]:
        """One page of a journal's works, with the cursor to the next, as Crossref pages them
        (its ``prefix`` filter applied; dates are not)."""
        filters = dict(f.split(":", 1) for f in query.get("filter", [""])[0].split(",")
                       if ":" in f)
        works = self.snapshot.issue_works(issn, prefix=filters.get("prefix"))
        rows = int(query.get("rows", ["20"])[0])
        cursor = query.get("cursor", ["*"])[0]
        start = 0 if cursor == "*" else int(cursor)
        page = works[start : start + rows]
        message: dict[str, Any] = {"total-results": len(works), "items": page,
                                   "items-per-page": rows}
        if start + rows < len(works):
            message["next-cursor"] = str(start + rows)
        return 200, "application/json", json.dumps(
            {"status": "ok", "message-type": "work-list", "message": message})

    def _summary_xml(self, pmid: str, work: Work) -> str:
        def item(name: str, value: str, kind: str = "String") -> str:
            return f'<Item Name="{name}" Type="{kind}">{escape(value)}</Item>'

        authors = "".join(item("Author", f"{a.get('family', '')} {a.get('given', '')}".strip())
                          for a in work.get("author") or [])
        year = year_of(work)
        ids = item("pubmed", pmid) + item("doi", str(work.get("DOI", "")))
        return (f"<DocSum><Id>{pmid}</Id>{item('PubDate', str(year or ''), 'Date')}"
                f"{item('Source', first(work.get('short-container-title')) or '')}"
                f'<Item Name="AuthorList" Type="List">{authors}</Item>'
                f"{item('Title', first(work.get('title')) or '')}"
                f"{item('Volume', str(work.get('volume') or ''))}"
                f"{item('Issue', str(work.get('issue') or ''))}"
                f"{item('Pages', str(work.get('page') or ''))}"
                f'<Item Name="PubTypeList" Type="List">{item("PubType", "Journal Article")}</Item>'
                f'<Item Name="ArticleIds" Type="List">{ids}</Item>'
                f"{item('FullJournalName', first(work.get('container-title')) or '')}</DocSum>")

    def _esummary(self, pmids: list[str]) -> str:
        docs = []
        for pmid in (p.strip() for p in pmids if p.strip()):
            doi = self.snapshot.doi_for("pmid", pmid)
            work = self.snapshot.work(doi) if doi else None
            if work is None:
                docs.append(f"<ERROR>UID={escape(pmid)}: cannot get document summary</ERROR>")
            else:
                docs.append(self._summary_xml(pmid, work))
        return ('<?xml version="1.0" encoding="UTF-8" ?>\n<eSummaryResult>'
                + "".join(docs) + "</eSummaryResult>")

    def _esearch(self, term: str) -> str:
        m = re.match(r"(.+)\[doi\]$", term.strip())
        ids = self.snapshot.ids_for_doi(m.group(1)) if m else {}
        found = f"<Id>{ids['pmid']}</Id>" if ids.get("pmid") else ""
        return (f'<?xml version="1.0" encoding="UTF-8" ?>\n<eSearchResult><Count>{int(bool(found))}'
                f"</Count><IdList>{found}</IdList></eSearchResult>")

    # -- HTTP plumbing ---------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                split = urlsplit(self.path)
                with double.lock:
                    double.stats.paths.append(self.path)
                fault = double._admit()
                if double.faults.hang:
                    time.sleep(double.faults.hang)
                if double.faults.delay:
                    time.sleep(double.faults.delay)
                if fault is not None:
                    status, headers = fault
                    self._send(status, "text/plain", "fault", headers)
                    return
                status, kind, body = double.route(split.path, parse_qs(split.query))
                if kind == "application/json" and double._take("truncated"):
                    body = body[: len(body) // 2]
                if double._take("wrong_type"):
                    kind = "text/html"
                self._send(status, kind, body, {})

            def _send(self, status: int, kind: str, body: str, headers: dict[str, str]) -> None:
                data = body.encode("utf-8")
                with double.lock:
                    double.stats.statuses.append(status)
                    if status == 429:
                        double.stats.told_at = time.monotonic()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", f"{kind}; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    if double.faults.rate_limit:
                        self.send_header("X-Rate-Limit-Limit", f"{double.faults.rate_limit:g}")
                        self.send_header("X-Rate-Limit-Interval", double.faults.interval)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                    if status == 429:
                        with double.lock:
                            double.stats.told_at = time.monotonic()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

        return Handler


@contextmanager
def running(snapshot: Snapshot | None = None) -> Iterator[LoopbackDouble]:
    """Start a double for the duration of a ``with`` block."""
    double = LoopbackDouble(snapshot).start()
    try:
        yield double
    finally:
        double.stop()
